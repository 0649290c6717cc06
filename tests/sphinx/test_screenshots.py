"""Stored pictures (the screenshots in source/images/) are plain MyST figures: their caption and
their ``:alt:`` are messages of the page's catalog, the English edition's ``alt`` attribute is
English and counts as translated, and a missing picture fails the build at the figure's line."""

from __future__ import annotations

import re

EXTENSIONS = ['myst_parser', 'sdbook.ext.translation']

PAGE = """\
# 图

```{figure} /images/shot.png
:alt: 画布上是七个节点，编号 1 到 7。
:name: fig-shot

ComfyUI 的默认工作流（英文界面）
```
"""

CATALOG = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=utf-8\\n"

msgid "图"
msgstr "Figure"

msgid "画布上是七个节点，编号 1 到 7。"
msgstr "Seven nodes on the canvas, numbered 1 to 7."

msgid "ComfyUI 的默认工作流（英文界面）"
msgstr "ComfyUI's default workflow (English UI)"
"""

# The smallest valid PNG: one transparent pixel.
PNG = bytes.fromhex('89504e470d0a1a0a0000000d4948445200000001000000010806000000'
                    '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082')


def test_alt_and_caption_are_catalog_messages(small_book):
    book = small_book({'index.md': PAGE, 'images/shot.png': PNG}, extensions=EXTENSIONS, builder='gettext')
    msgids = set(re.findall(r'^msgid "(.+)"$', book.read('index.pot'), re.M))
    assert {'画布上是七个节点，编号 1 到 7。', 'ComfyUI 的默认工作流（英文界面）'} <= msgids


def test_english_edition_has_english_alt_and_no_untranslated_mark(small_book):
    book = small_book({'index.md': PAGE, 'images/shot.png': PNG, 'locale/en/LC_MESSAGES/index.po': CATALOG},
                      extensions=EXTENSIONS, locale_dirs=['locale'], confoverrides={'language': 'en'})
    assert book.problems() == []
    page = book.read('index.html')
    images = re.findall(r'<img [^>]*>', page)
    assert images == ['<img alt="Seven nodes on the canvas, numbered 1 to 7." src="_images/shot.png" />']
    assert 'default workflow (English UI)' in page and '画布' not in page
    # A translated alt is not mistaken for a message missing from the catalog.
    assert 'sdbook-untranslated' not in page and 'sdbook-translation-notice' not in page


def test_untranslated_alt_is_reported_by_the_notice(small_book):
    catalog = CATALOG.replace('msgstr "Seven nodes on the canvas, numbered 1 to 7."', 'msgstr ""')
    book = small_book({'index.md': PAGE, 'images/shot.png': PNG, 'locale/en/LC_MESSAGES/index.po': catalog},
                      extensions=EXTENSIONS, locale_dirs=['locale'], confoverrides={'language': 'en'})
    page = book.read('index.html')
    assert '<img alt="画布上是七个节点，编号 1 到 7。"' in page and 'sdbook-translation-notice' in page


def test_missing_picture_fails_with_page_and_line(small_book):
    book = small_book({'index.md': PAGE}, extensions=EXTENSIONS)
    assert book.problems() == ['index.md:3: WARNING: image file not readable: images/shot.png [image.not_readable]']
