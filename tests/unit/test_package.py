"""The package's facts and command line: editions, build options, the language chooser, labels."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from sdbook import build, editions
from sdbook.cli import main
from sdbook.intl import labels
from sdbook.project import Project
from sdbook.site import render_index

ROOT = Path(__file__).resolve().parents[2]


def test_editions_start_with_the_source_language_and_translations_follow():
    assert next(iter(editions.EDITIONS)) == editions.SOURCE_LANGUAGE
    assert tuple(code for code in editions.EDITIONS if code != editions.SOURCE_LANGUAGE) == editions.TRANSLATIONS
    for code, edition in editions.EDITIONS.items():
        assert edition.code == code and edition.pdf_name == f'StableDiffusionBook-{code}.pdf'
        assert edition.download_stem('2026.12.03') == f'StableDiffusionBook-{code}-2026.12.03'


def test_current_edition_follows_sdbook_lang_and_refuses_an_unknown_one():
    assert editions.current_edition({}).code == editions.SOURCE_LANGUAGE
    assert editions.current_edition({'SDBOOK_LANG': 'en'}).html_lang == 'en'
    try:
        editions.current_edition({'SDBOOK_LANG': 'fr'})
    except ValueError as exc:
        assert str(exc) == "unknown edition 'fr'; the editions are: zh_CN, en"
    else:
        raise AssertionError('fr accepted')


def test_release_is_the_environment_then_git_then_dev(tmp_path):
    assert editions.release_version(tmp_path, {'SDBOOK_VERSION': '1.2'}) == '1.2'
    assert editions.release_version(tmp_path, {}) == 'dev'  # not a git checkout
    assert re.fullmatch(r'\d{4}\.\d{2}\.\d{2}', editions.release_version(ROOT, {}))


def test_command_line_prints_the_facts_the_makefile_reads(capsys):
    assert main(['editions']) == 0
    assert capsys.readouterr().out.split() == list(editions.EDITIONS)
    assert main(['build-options']) == 0
    assert capsys.readouterr().out.split() == list(build.STRICT_ARGS)


def test_command_line_runs_as_a_module_outside_a_book(tmp_path):
    result = subprocess.run([sys.executable, '-m', 'sdbook', 'intl', 'stats'], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.strip() == f'sdbook: {tmp_path} is not inside a book (no conf.py next to a source/ folder)'


def test_project_is_found_from_any_folder_inside_it():
    assert Project.find(ROOT / 'source' / 'train').root == ROOT


def test_language_chooser_links_every_edition_with_its_language():
    page = render_index()
    for edition in editions.EDITIONS.values():
        assert f'<a href="{edition.code}/index.html" hreflang="{edition.html_lang}" lang="{edition.html_lang}">{edition.name}</a>' in page
        assert f'<link rel="alternate" hreflang="{edition.html_lang}" href="{edition.code}/index.html">' in page
    assert '<html lang="zh-CN">' in page and 'hreflang="x-default" href="zh_CN/index.html"' in page


def test_label_catalog_is_up_to_date_with_the_code_and_complete():
    template = labels.extract()
    assert 'Download PDF' in template and 'Website' in template  # label() and N_() both reach it
    assert labels.main(check=True) == 0
