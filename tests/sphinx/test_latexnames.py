"""In the PDF a program name is never hyphenated: inline literals break where a small letter
meets a capital, names in running text are set in a role TeX does not hyphenate, and neither
touches titles, URLs or the HTML."""

from __future__ import annotations

import re

EXTENSIONS = ['myst_parser', 'sdbook.ext.latex', 'sdbook.ext.latexnames']
LATEX = {'builder': 'latex', 'latex_engine': 'xelatex',
         'latex_documents': [('index', 'names.tex', 'Names', 'Tests', 'manual')]}

PAGE = """\
# 节点名

## `KSampler` 与 ComfyUI

节点 `CheckpointLoaderSimple` 在 ComfyUI 里叫 Load Checkpoint，参数写进 COMMANDLINE_ARGS。

地址是 https://github.com/Haoming02/sd-webui-forge-classic 。
"""


def test_literal_breaks_at_case_changes_and_prose_names_are_kept_whole(small_book):
    book = small_book({'index.md': PAGE}, extensions=EXTENSIONS, **LATEX)
    assert book.problems() == []
    tex = book.read('names.tex')
    body = tex[tex.index('节点'):]
    assert r'\sphinxupquote{Checkpoint\sdbookcasebreak{}Loader\sdbookcasebreak{}Simple}' in body
    assert r'在 \DUrole{sdbook-name}{ComfyUI} 里' in body or r'在\DUrole{sdbook-name}{ComfyUI}里' in body
    assert r'\DUrole{sdbook-name}{COMMANDLINE\_ARGS}' in body
    # Plain English words are left to TeX's hyphenation.
    assert r'\DUrole{sdbook-name}{Load}' not in body and r'\DUrole{sdbook-name}{Checkpoint}' not in body


def test_titles_and_urls_are_left_alone(small_book):
    book = small_book({'index.md': PAGE}, extensions=EXTENSIONS, **LATEX)
    tex = book.read('names.tex')
    title = re.search(r'\\(?:chapter|section)\{(.*KSampler.*)\}', tex)[1]
    assert 'sdbookcasebreak' not in title and 'DUrole' not in title
    assert 'Haoming02/sd' in tex and r'\DUrole{sdbook-name}{Haoming02}' not in tex


def test_html_is_unchanged(small_book):
    book = small_book({'index.md': PAGE}, extensions=EXTENSIONS)
    page = book.read('index.html')
    assert 'CheckpointLoaderSimple' in page and 'sdbook-name' not in page


def test_the_package_defines_what_the_latex_uses(small_book):
    book = small_book({'index.md': PAGE}, extensions=EXTENSIONS, **LATEX)
    sty = (book.out / 'sdbookbreaks.sty').read_text(encoding='utf-8')
    assert r'\newcommand*\sdbookcasebreak' in sty and r'\csname DUrolesdbook-name\endcsname' in sty
