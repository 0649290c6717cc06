"""In the PDF, the pages of a part are sections of its chapter, even when the part's index page
has sections of its own and ends with the toctree (which then sits inside its last section)."""

from __future__ import annotations

import re

EXTENSIONS = ['myst_parser', 'sdbook.ext.latex']
LATEX = {'builder': 'latex', 'latex_engine': 'xelatex',
         'latex_documents': [('index', 'parts.tex', 'Parts', 'Tests', 'manual')]}

FILES = {
    'index.md': '# 书\n\n```{toctree}\npart/index\n```\n',
    'part/index.md': ('# 第一部分\n\n先读这一段。\n\n## 怎样提问\n\n提问前先看日志[^log]。\n\n'
                      '```{toctree}\nfirst\nsecond\n```\n\n[^log]: 日志在控制台里。\n'),
    'part/first.md': '# 第一页\n\n## 第一页的一节\n\n正文。\n',
    'part/second.md': '# 第二页\n\n正文。\n',
}


def _headings(tex: str) -> list[tuple[str, str]]:
    return re.findall(r'\\(chapter|section|subsection)\{([^}]*)\}', tex)


def test_pages_of_a_part_are_sections_after_the_index_pages_own(small_book):
    book = small_book(FILES, extensions=EXTENSIONS, **LATEX)
    assert book.problems() == []
    assert _headings(book.read('parts.tex')) == [
        ('chapter', '第一部分'), ('section', '怎样提问'), ('section', '第一页'), ('subsection', '第一页的一节'),
        ('section', '第二页')]


def test_a_toctree_with_text_after_it_stays_where_it_is(small_book):
    files = dict(FILES)
    files['part/index.md'] = files['part/index.md'].replace('[^log]: 日志在控制台里。\n', '[^log]: 日志。\n\n最后一段。\n')
    book = small_book(files, extensions=EXTENSIONS, **LATEX)
    assert book.problems() == []
    tex = book.read('parts.tex')
    assert ('subsection', '第一页') in _headings(tex)  # moving it would move text out of order
    assert tex.index('第二页') < tex.index('最后一段')


def test_html_keeps_the_toctree_in_place(small_book):
    book = small_book(FILES, extensions=EXTENSIONS)
    assert book.problems() == []
    page = book.read('part/index.html')
    assert page.index('怎样提问') < page.index('toctree-wrapper')
