"""A book read and written by two processes (`-j 2`): what each process learned is merged.

Sphinx reads in parallel only from six documents up, so the book has eight pages; each shows
one link record, and the link index lists every record with the page that uses it: the index
is right only if every process's bookkeeping reached the main process.
"""

from __future__ import annotations

import re

PAGES = 8


def _files() -> dict[str, str]:
    categories = 'categories:\n  - id: c\n    title: 分类\nlinks:\n'
    records = ''.join(f'  - id: r{n}\n    name: 记录{n}\n    url: https://example.org/{n}\n    description: 说明{n}\n'
                      f'    platform: website\n    category: c\n' for n in range(PAGES))
    files = {'_data/links/all.yaml': categories + records,
             'index.md': '# 首页\n\n```{toctree}\n' + '\n'.join(f'p{n}' for n in range(PAGES)) + '\nlinks\n```\n',
             'links.md': '# 索引\n\n```{linkindex}\n```\n'}
    for n in range(PAGES):
        files[f'p{n}.md'] = f'# 第 {n} 页\n\n```{{linktable}}\n:ids: r{n}\n```\n'
    return files


def _used_on(html: str) -> dict[str, str]:
    rows = re.findall(r'<tr class="row-\w+" id="link-(r\d)">(.*?)</tr>', html, re.S)
    return {rid: re.findall(r'href="([^"]+)"', row)[-1] for rid, row in rows}


def test_parallel_build_merges_the_link_bookkeeping_of_every_process(small_book):
    book = small_book(_files(), extensions=['myst_parser', 'sdbook.ext.links'], parallel=2)
    assert book.problems() == []
    assert book.app.parallel == 2 and len(book.reread) == PAGES + 2
    assert _used_on(book.read('links.html')) == {f'r{n}': f'p{n}.html' for n in range(PAGES)}
