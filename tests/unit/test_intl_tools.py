"""The catalog tools on catalogs written by hand: every broken catalog is named with file and
line and left as it was; an update never loses a translation. (The whole workflow on a built
book is in tests/sphinx/test_translation.py.)"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from testfiles import write

ROOT = Path(__file__).resolve().parents[2]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(folder.rglob('*')) if p.is_file()}


def assert_untouched(before: dict[str, bytes], after: dict[str, bytes]) -> None:
    assert sorted(set(before) - set(after)) == [], 'deleted'
    assert [p for p in before if before[p] != after.get(p)] == [], 'rewritten'


PO_HEADER = ('msgid ""\nmsgstr ""\n"Project-Id-Version: StableDiffusionBook edition\\n"\n"Language: en\\n"\n'
             '"MIME-Version: 1.0\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n\n')


def intl_tree(tmp_path: Path, catalogs: dict[str, str | bytes]) -> Path:
    """A book with the real glossary and catalog lists, and these catalogs only."""
    tree = tmp_path / 'book'
    (tree / 'source' / '_data').mkdir(parents=True)
    (tree / 'conf.py').write_text('', encoding='utf-8')
    shutil.copy2(ROOT / 'source' / '_data' / 'glossary.yaml', tree / 'source' / '_data')
    lang = tree / 'locale' / 'en'
    lang.mkdir(parents=True)
    for name in ('IN_PROGRESS', 'ALLOWED_CHINESE'):
        if (ROOT / 'locale' / 'en' / name).exists():
            shutil.copy2(ROOT / 'locale' / 'en' / name, lang)
    write(lang / 'LC_MESSAGES', catalogs)
    return tree


def intl(tree: Path, *args: str) -> subprocess.CompletedProcess:
    """`python -m sdbook intl ...` run in the book, as the Makefile runs it."""
    return subprocess.run([sys.executable, '-m', 'sdbook', 'intl', *args], cwd=tree, capture_output=True, text=True)


GOOD_PO = PO_HEADER + 'msgid "显存"\nmsgstr "VRAM"\n\nmsgid "见 {ref}`install-webui`。"\nmsgstr "See {ref}`install-webui`."\n'
CATALOG_CASES = {
    # The msgstr of line 10 is never closed.
    'syntax-error': (GOOD_PO.replace('msgstr "VRAM"', 'msgstr "VRAM'),
                     ['locale/en/LC_MESSAGES/page.po:11: error: msgfmt: end-of-line within string']),
    # The header says UTF-8, the file was saved as GB18030 (a Windows editor's default): the
    # lines holding Chinese (msgids on 9 and 12) are reported once each.
    'saved-as-gb18030': (GOOD_PO.encode('gb18030'),
                         ['locale/en/LC_MESSAGES/page.po:9: error: msgfmt: invalid multibyte sequence',
                          'locale/en/LC_MESSAGES/page.po:12: error: msgfmt: invalid multibyte sequence']),
    # UTF-8 text under a Latin-1 header: msgfmt accepts it, and every msgid would be garbled.
    'declares-latin1': (GOOD_PO.replace('charset=UTF-8', 'charset=ISO-8859-1'),
                        ['locale/en/LC_MESSAGES/page.po:6: error: the header declares charset \'ISO-8859-1\'; '
                         'catalogs are UTF-8 (write "charset=UTF-8" and save the file as UTF-8)']),
    # The role lost its target: the English page would link nowhere.
    'broken-markup': (GOOD_PO.replace('See {ref}`install-webui`.', 'See {ref}`install`.'),
                      ['locale/en/LC_MESSAGES/page.po:12: error: role differs: missing {ref}`install-webui`; unexpected {ref}`install`']),
    'unbalanced-bold': (GOOD_PO.replace('msgstr "VRAM"', 'msgstr "**VRAM"'),
                        ["locale/en/LC_MESSAGES/page.po:9: error: 0 '**' in the source but 1 in the translation"]),
}


@pytest.mark.parametrize('case', sorted(CATALOG_CASES))
def test_bad_catalog_is_reported_with_file_and_line(tmp_path, case):
    text, expected = CATALOG_CASES[case]
    tree = intl_tree(tmp_path, {'page.po': text})
    before = snapshot(tree / 'locale')
    result = intl(tree, 'check', 'page')
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.splitlines() == expected, result.stdout
    assert result.stderr.splitlines()[-1] == f'intl check: {len(expected)} error(s), 0 warning(s)'
    assert_untouched(before, snapshot(tree / 'locale'))


def test_good_catalog_passes_the_check(tmp_path):
    tree = intl_tree(tmp_path, {'page.po': GOOD_PO})
    result = intl(tree, 'check', 'page')
    assert (result.returncode, result.stdout) == (0, ''), result.stdout + result.stderr


def _pot(po_text: str) -> str:
    """The template an up-to-date `make gettext` would write for a catalog: its msgids."""
    ids = re.findall(r'^msgid (".+")$', po_text, re.M)
    return PO_HEADER + ''.join(f'msgid {i}\nmsgstr ""\n\n' for i in ids)


def test_catalog_of_a_removed_page_is_kept_while_its_translations_exist_nowhere_else(tmp_path):
    kept = PO_HEADER + 'msgid "只在旧页面里的句子。"\nmsgstr "A sentence only the old page had."\n'
    shared = PO_HEADER + 'msgid "显存"\nmsgstr "VRAM"\n'
    tree = intl_tree(tmp_path, {'page.po': GOOD_PO, 'old/moved.po': kept, 'old/shared.po': shared})
    pots = tmp_path / 'gettext'
    write(pots, {'page.pot': _pot(GOOD_PO)})
    result = intl(tree, 'update', '--pot', str(pots))
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "locale/en/LC_MESSAGES/old/moved.po:1: warning: no page 'old/moved' any more; 1 translation(s) exist only "
        'here, so the catalog is kept. Move it to the new page name, then run `make intl-update` again.']
    # Kept byte for byte; the catalog whose one translation lives on in page.po is removed.
    assert (tree / 'locale/en/LC_MESSAGES/old/moved.po').read_text(encoding='utf-8') == kept
    assert not (tree / 'locale/en/LC_MESSAGES/old/shared.po').exists()
    assert "removed locale/en/LC_MESSAGES/old/shared.po: page 'old/shared' is gone" in result.stdout


def test_update_without_templates_changes_nothing(tmp_path):
    tree = intl_tree(tmp_path, {'page.po': GOOD_PO})
    before = snapshot(tree / 'locale')
    (tmp_path / 'empty').mkdir()
    result = intl(tree, 'update', '--pot', str(tmp_path / 'empty'))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f'intl update: no .pot files in {tmp_path / "empty"}; run `make gettext` first']
    assert_untouched(before, snapshot(tree / 'locale'))
