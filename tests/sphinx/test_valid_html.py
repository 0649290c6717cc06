"""Markup the W3C checker rejects, fixed where the book makes it (tests/book/test_html_valid.py
checks every page of the real book)."""

from __future__ import annotations

import re

from testfiles import GOOD_LINK_DATA

TABS = '''# 页

```{tab-set}
:::{tab-item} Windows
一
:::
:::{tab-item} Linux
二
:::
```
'''


def test_tab_labels_carry_no_aria_controls(small_book):
    book = small_book({'index.md': TABS}, extensions=['myst_parser', 'sdbook.ext.tabs'])
    assert book.problems() == []
    html = book.read('index.html')
    labels = re.findall(r'<label [^>]*>', html)
    assert len(labels) == 2
    assert not [tag for tag in labels if 'aria-controls' in tag]
    # The panels keep their ids, so nothing that links to a tab breaks.
    assert len(re.findall(r'id="sd-tab-item-\d+-content"', html)) == 2


def test_a_record_shown_twice_on_a_page_has_one_anchor(small_book):
    tables = '```{linktable}\n:ids: ok\n```\n\n```{linktable}\n:category: cat\n```\n'
    book = small_book({'_data/links/all.yaml': GOOD_LINK_DATA,
                       'index.md': '# 页\n\n```{toctree}\n:hidden:\nother\n```\n\n' + tables,
                       'other.md': '# 另一页\n\n' + tables},
                      extensions=['myst_parser', 'sdbook.ext.links'])
    assert book.problems() == []
    for name in ('index.html', 'other.html'):
        html = book.read(name)
        assert len(re.findall(r'<table class="[^"]*sdbook-linktable', html)) == 2
        assert html.count('id="link-ok"') == 1, name
