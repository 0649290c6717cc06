"""A partly translated page in the book's theme, as a reader sees it in Chromium (screenshot kept)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sdbook.intl.update import update
from sdbook.project import Project

ROOTS = Path(__file__).resolve().parents[1] / 'roots'
ARTIFACTS = Path(__file__).resolve().parents[1] / 'artifacts'


def test_notice_and_marking_are_visible_in_a_browser(tmp_path, make_app):
    chromium = shutil.which('chromium')
    if not chromium:
        pytest.skip("Chromium is not installed (`make browser` installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    book = tmp_path / 'book'
    shutil.copytree(ROOTS / 'test-intl', book)
    with (book / 'conf.py').open('a', encoding='utf-8') as conf:
        conf.write("html_theme = 'sphinx_book_theme'\n")
    gettext = make_app('gettext', srcdir=book, builddir=book / '_gettext')
    gettext.build()
    gettext.cleanup()
    assert update(Project(book, source_dir=book, locale_dir=book / 'locale'), 'en', Path(gettext.outdir), []) == 0
    app = make_app('html', srcdir=book, confoverrides={'language': 'en'})
    app.build()
    out = Path(app.outdir)
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=[
            '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
            '--disable-component-update', '--disable-sync', '--no-first-run'])
        page = browser.new_page(viewport={'width': 1100, 'height': 800})
        page.goto((out / 'page.html').as_uri())
        notice = page.locator('.sdbook-translation-notice')
        assert notice.is_visible()
        assert 'not fully translated' in notice.inner_text()
        marked = page.locator('p.sdbook-untranslated').first
        normal = page.locator('.sdbook-translation-notice p').first
        style = 'el => getComputedStyle(el).backgroundColor'
        assert marked.evaluate(style) != normal.evaluate(style)
        page.screenshot(path=str(ARTIFACTS / 'translation-notice.png'), full_page=True)
        browser.close()
