"""Bad MyST sources fail the build with the page and line of each mistake, and change no file.

The small books have the real book's reading settings (``sdbook.build``); warnings are errors in
every real build (``make``), so each line below stops the book.
"""

from __future__ import annotations

import pytest

EXTENSIONS = ['myst_parser', 'sphinx_design']

# -- Source: MyST pages ------------------------------------------------------------------

INDEX = '# 首页\n\n正文。\n\n```{toctree}\na\n```\n'
PAGE_A = '(page-a)=\n# 甲\n\n正文。\n'

SOURCE_CASES = {
    'unknown-directive': (
        {'a.md': PAGE_A + '\n```{notadirective}\n内容\n```\n'},
        ["a.md:6: WARNING: Unknown directive type: 'notadirective' [myst.directive_unknown]"]),
    'unknown-role': (
        {'a.md': PAGE_A + '\n见 {reff}`page-a`。\n'},
        ['a.md:6: WARNING: Unknown interpreted text role "reff". [myst.role_unknown]']),
    'bad-directive-options': (
        {'a.md': PAGE_A + '\n```{note}\n:class: [未闭合\n:nonsense: 1\n内容\n```\n'},
        ['a.md:7: WARNING: \'note\': Invalid option value for \'class\': [未闭合: cannot make "[未闭合" into a class name '
         '[myst.directive_option]',
         "a.md:8: WARNING: 'note': Unknown option key: 'nonsense' (allowed: ['class', 'collapsible', 'name']) "
         '[myst.directive_option]']),
    'missing-label': (
        {'a.md': PAGE_A + '\n见 {ref}`nowhere`。\n'},
        ["a.md:6: WARNING: undefined label: 'nowhere' [ref.ref]"]),
    'page-in-no-toctree': (
        {'orphan.md': '# 孤儿\n\n没有目录收录这一页。\n'},
        ["orphan.md: WARNING: document isn't included in any toctree [toc.not_included]"]),
    'missing-image': (
        {'a.md': PAGE_A + '\n![示意图](img/missing.png)\n'},
        ['a.md:6: WARNING: image file not readable: img/missing.png [image.not_readable]']),
    'duplicate-label': (  # the label of a.md given again to a section of index.md (read after a.md)
        {'index.md': INDEX + '\n(page-a)=\n## 再一次\n\n正文。\n'},
        ['index.md:10: WARNING: duplicate label page-a, other instance in a.md']),
    'front-matter-yaml': (
        {'a.md': '---\ntitle: [未闭合\n---\n' + PAGE_A},
        ['a.md:1: WARNING: Malformed YAML [myst.topmatter]']),
    'front-matter-not-mapping': (
        {'a.md': '---\n- 一\n- 二\n---\n' + PAGE_A},
        ["a.md:1: WARNING: YAML is not a dict: <class 'list'> [myst.topmatter]"]),
}


@pytest.mark.parametrize('case', sorted(SOURCE_CASES))
def test_bad_source_fails_the_build_with_page_and_line(small_book, case):
    files, expected = SOURCE_CASES[case]
    book = small_book({'index.md': INDEX, 'a.md': PAGE_A, **files}, extensions=EXTENSIONS)
    assert book.problems() == expected, book.warnings
    # Nothing of the book was deleted or rewritten.
    for name, text in {'index.md': INDEX, 'a.md': PAGE_A, **files}.items():
        assert (book.src / name).read_text(encoding='utf-8') == text


def test_good_small_book_builds_cleanly(small_book):
    book = small_book({'index.md': INDEX, 'a.md': PAGE_A}, extensions=EXTENSIONS)
    assert book.problems() == []
