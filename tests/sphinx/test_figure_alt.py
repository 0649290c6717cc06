"""A picture's alt text is a message of its page: the English edition describes the picture in
English, and a translated picture is not flagged as untranslated."""

from __future__ import annotations

import io
import re

from PIL import Image

PAGE = '''# 页

```{figure} /images/shot.png
:alt: 画布上的七个节点

默认工作流
```
'''
CATALOG = '''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "页"
msgstr "Page"

msgid "默认工作流"
msgstr "The default workflow"
'''
ALT = '''
msgid "画布上的七个节点"
msgstr "Seven nodes on the canvas"
'''
EXTENSIONS = ['myst_parser', 'sdbook.ext.translation']


def _png() -> bytes:
    out = io.BytesIO()
    Image.new('RGB', (4, 3), 'white').save(out, format='PNG')
    return out.getvalue()


def _img(html: str) -> str:
    return re.search(r'<img [^>]*>', html)[0]


def _english(small_book, catalog: str):
    return small_book({'index.md': PAGE, 'images/shot.png': _png(), 'locale/en/LC_MESSAGES/index.po': catalog},
                      extensions=EXTENSIONS, locale_dirs=['locale'], confoverrides={'language': 'en'})


def test_the_english_edition_describes_the_picture_in_english(small_book):
    book = _english(small_book, CATALOG + ALT)
    assert book.problems() == []
    html = book.read('index.html')
    img = _img(html)
    assert 'alt="Seven nodes on the canvas"' in img
    assert 'sdbook-untranslated' not in img and 'lang="zh-CN"' not in img
    assert 'sdbook-translation-notice' not in html
    assert (book.out / '_images' / 'shot.png').is_file()


def test_an_untranslated_alt_text_is_flagged(small_book):
    book = _english(small_book, CATALOG)
    # The page's notice links the contributing guide, which this one-page book does not have.
    assert [p for p in book.problems() if 'start-contributing' not in p] == []
    html = book.read('index.html')
    img = _img(html)
    assert 'alt="画布上的七个节点"' in img and 'sdbook-untranslated' in img
    assert 'sdbook-translation-notice' in html
