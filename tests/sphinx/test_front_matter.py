"""Front matter is page metadata: it never counts as text waiting for a translation."""

from __future__ import annotations

PAGE = '---\norphan: true\nchecked:\n  date: 2026-12-03\n  against:\n    - A1111 WebUI v1.10.1\n---\n\n# 首页\n\n正文。\n'
CATALOG = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
           'msgid "首页"\nmsgstr "Home"\n\nmsgid "正文。"\nmsgstr "Body text."\n')


def test_fully_translated_page_with_front_matter_shows_no_notice(small_book):
    book = small_book({'index.md': PAGE, 'locale/en/LC_MESSAGES/index.po': CATALOG},
                      extensions=['myst_parser', 'sdbook.ext.translation'], locale_dirs=['locale'],
                      confoverrides={'language': 'en'})
    page = book.read('index.html')
    assert 'Body text.' in page
    assert 'sdbook-translation-notice' not in page and 'sdbook-untranslated' not in page
