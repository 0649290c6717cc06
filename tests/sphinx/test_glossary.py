"""The glossary table in a book: HTML, LaTeX, catalogs and English; bad data fails the build."""

from __future__ import annotations

import re

import pytest

GOOD = '''- zh: 采样器
  en: sampler
  explain: 决定每一步如何去噪的算法。
- zh: 步数
  en: steps
  explain: 去噪的次数。
'''
FIELDS = 'zh, en, en_alt, explain, see'
EXTENSIONS = ['myst_parser', 'sdbook.ext.glossary']


def _rows(page: str) -> list[list[str]]:
    """The cells (inner HTML) of each body row of the glossary table."""
    body = page[page.index('<tbody>'):page.index('</tbody>')]
    return [re.findall(r'<td><p>(.*?)</p></td>', row, re.S) for row in re.findall(r'<tr[^>]*>(.*?)</tr>', body, re.S)]


def _files(data: str, directive: str = '```{glossary-table}\n```') -> dict[str, str]:
    """A one-page book whose glossary table starts on line 3."""
    return {'index.md': f'# 测试\n\n{directive}\n\n表格后面的正文。\n', '_data/glossary.yaml': data}


# -- The table in a book --------------------------------------------------------------------------

@pytest.mark.sphinx('html', testroot='glossary')
def test_html_table_has_four_columns_and_a_row_id_per_term(app):
    app.build()
    assert app.warning.getvalue() == ''
    page = (app.outdir / 'index.html').read_text(encoding='utf-8')
    assert page.count('<table') == 1 and 'class="sdbook-glossary' in page
    assert re.findall(r'<th class="head"><p>(.*?)</p></th>', page) == ['中文', '英文', '说明', '参见']
    # The column widths reach the output (the explanation gets the most room).
    assert re.findall(r'<col style="width: ([\d.]+)%" />', page) == ['14.0', '18.0', '52.0', '16.0']
    assert re.findall(r'<tr class="row-\w+" id="([^"]+)">', page) == ['term-sampler', 'term-cfg-scale', 'term-hires-fix']
    rows = _rows(page)
    assert [len(row) for row in rows] == [4, 4, 4]
    assert rows[0][:3] == ['<strong><span class="sdbook-term-zh" lang="zh-CN">采样器</span></strong>', 'sampler', '决定每一步如何去噪的算法。']
    assert rows[1][1] == 'CFG scale / classifier-free guidance / CFG'


@pytest.mark.sphinx('html', testroot='glossary')
def test_html_see_links_to_the_labelled_section(app):
    app.build()
    rows = _rows((app.outdir / 'index.html').read_text(encoding='utf-8'))
    assert rows[0][3] == '<a class="reference internal" href="#gl-sampler"><span class="std std-ref">采样器一节</span></a>'
    assert rows[1][3] == rows[2][3] == ''


@pytest.mark.sphinx('html', testroot='glossary')
def test_html_escapes_terms_and_explanations(app):
    app.build()
    page = (app.outdir / 'index.html').read_text(encoding='utf-8')
    assert '&lt;b&gt;高清&lt;/b&gt;修复' in page and '<b>高清' not in page
    assert '含有 &lt;script&gt;alert(1)&lt;/script&gt; 与 {}%$_#&amp;~^\\ 的说明。' in page
    assert '<script>alert' not in page


@pytest.mark.sphinx('latex', testroot='glossary', srcdir='glossary-latex')
def test_latex_table_breaks_across_pages_with_wrapping_columns(app):
    app.build()
    tex = (app.outdir / 'glossary.tex').read_text(encoding='utf-8')
    # A longtable whose columns have widths, so long explanations wrap instead of running off the page.
    assert r'\begin{longtable}{\X{14}{100}\X{18}{100}\X{52}{100}\X{16}{100}}' in tex
    assert r'\hyperref[\detokenize{index:gl-sampler}]' in tex
    assert (r'含有 <script>alert(1)</script> 与 \{\}\%\$\_\#\&\textasciitilde{}\textasciicircum{}\textbackslash{} 的说明。'
            in tex)


@pytest.mark.sphinx('gettext', testroot='glossary', srcdir='glossary-gettext')
def test_catalog_has_explanations_not_terms(app):
    app.build()
    msgids = re.findall(r'^msgid "(.*)"$', (app.outdir / 'index.pot').read_text(encoding='utf-8'), re.M)
    for text in ('决定每一步如何去噪的算法。', '数值越大，图像越贴近提示词。',
                 '含有 <script>alert(1)</script> 与 {}%$_#&~^\\\\ 的说明。'):
        assert msgids.count(text) == 1, text
    # Terms are shown as written in both editions; the column labels come from the extension's catalog.
    terms = ('采样器', 'sampler', 'CFG scale', 'classifier-free guidance', '<b>高清</b>修复', 'Hires. fix', 'gl-sampler')
    assert [m for m in msgids if m in terms or 'CFG' in m] == []
    assert not {'中文', '英文', '说明', '参见', 'Chinese', 'Explanation'} & set(msgids)


@pytest.mark.sphinx('html', testroot='glossary', srcdir='glossary-en', confoverrides={'language': 'en'})
def test_english_edition_translates_explanations_only(app):
    app.build()
    page = (app.outdir / 'index.html').read_text(encoding='utf-8')
    assert re.findall(r'<th class="head"><p>(.*?)</p></th>', page) == ['Chinese', 'English', 'Explanation', 'See']
    rows = _rows(page)
    assert rows[0][2] == 'The algorithm that decides how each step removes noise.'
    # The catalog has an entry for the term itself; the term column ignores it.
    assert '采样器' in rows[0][0] and 'HIJACKED' not in page
    assert 'About samplers' in rows[0][3]
    # No translation yet: the explanation stays Chinese.
    assert '数值越大，图像越贴近提示词。' in rows[1][2]


# -- Bad data fails the build, naming file and line -------------------------------------------------

BAD_CASES = {
    'unknown-field': (GOOD + '  colour: red\n', f"_data/glossary.yaml:7: ERROR: unknown field 'colour'; expected one of: {FIELDS}"),
    'missing-en': (GOOD.replace('  en: steps\n', ''), "_data/glossary.yaml:4: ERROR: term is missing the required field 'en'"),
    'duplicate-zh': (GOOD + '- zh: 采样器\n  en: sampler again\n  explain: 重复的术语。\n',
                     "_data/glossary.yaml:7: ERROR: the term '采样器' is already defined at line 1"),
    'yaml-syntax': (GOOD.replace('  en: steps', '  en: [steps'),
                    "_data/glossary.yaml:6: ERROR: YAML syntax error: expected ',' or ']', but got ':'"),
}


@pytest.mark.parametrize('case', sorted(BAD_CASES))
def test_bad_data_fails_the_build_with_file_and_line(small_book, case):
    data, expected = BAD_CASES[case]
    book = small_book(_files(data), extensions=EXTENSIONS)
    assert book.problems() == [f'{expected} [sdbook.glossary]'], book.warnings
    # Never half a table: a broken file gives no table at all.
    page = book.read('index.html')
    assert '<table' not in page and '表格后面的正文。' in page


def test_missing_file_names_the_page_and_line(small_book):
    book = small_book(_files(GOOD, '```{glossary-table}\n:file: nothing\n```'), extensions=EXTENSIONS)
    assert book.problems() == ['index.md:3: ERROR: glossary-table: no glossary file _data/nothing.yaml [sdbook.glossary]']


def test_see_to_an_unknown_label_is_reported_on_the_page(small_book):
    book = small_book(_files(GOOD.replace('  explain: 去噪的次数。\n', '  explain: 去噪的次数。\n  see: nowhere\n')),
                      extensions=EXTENSIONS)
    assert book.problems() == ["index.md:3: WARNING: undefined label: 'nowhere' [ref.ref]"]


def test_good_data_builds_cleanly(small_book):
    book = small_book(_files(GOOD), extensions=EXTENSIONS)
    assert book.problems() == []
    assert _rows(book.read('index.html'))[1][2] == '去噪的次数。'


def test_editing_the_glossary_rebuilds_the_page_that_shows_it(small_book):
    files = _files(GOOD)
    files['index.md'] += '\n```{toctree}\nother\n```\n'
    files['other.md'] = '# 别的页\n\n没有术语表。\n'
    assert small_book(files, extensions=EXTENSIONS).problems() == []
    book = small_book({'_data/glossary.yaml': GOOD.replace('去噪的次数。', '改过的说明。')}, rebuild=True)
    assert book.problems() == []
    assert book.reread == ['index']
    assert '改过的说明。' in book.read('index.html')
