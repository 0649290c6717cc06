"""The link-table extension on a small book: HTML, LaTeX, catalogs, translation, bad data and directives."""

from __future__ import annotations

import re

import pytest
from testfiles import GOOD_LINK_DATA


@pytest.mark.sphinx('html', testroot='linktable')
def test_html_table(app):
    app.build()
    html = (app.outdir / 'index.html').read_text(encoding='utf-8')
    assert app.warning.getvalue() == ''
    # A real table with a caption, header cells and one row per record.
    table = html[html.index('<table'):html.index('</table>')]
    assert '社区' in table and '<th' in table
    assert table.count('<tr') == 3  # header + 2 chat records
    # External links leave without opener or referrer, and say where they go.
    assert 'href="https://t.me/example_group"' in html
    assert re.search(r'<a [^>]*href="https://t.me/example_group"[^>]*rel="noopener noreferrer"', html)
    assert 'title="https://t.me/example_group"' in html
    # Platform as a local label, no badge image from another site.
    assert 'sdbook-platform-telegram' in html
    assert 'shields.io' not in html and '<img' not in table


@pytest.mark.sphinx('html', testroot='linktable')
def test_html_escapes_every_text_field(app):
    app.build()
    html = (app.outdir / 'index.html').read_text(encoding='utf-8')
    assert '&lt;script&gt;alert(1)&lt;/script&gt;' in html
    assert '<script>alert(1)' not in html
    assert '&lt;b&gt;标签&lt;/b&gt;' in html and '<b>标签' not in html
    assert '&lt;img src=x onerror=alert(2)&gt;' in html and '<img src=x' not in html
    # The & of the URL is escaped in the attribute.
    assert 'href="https://example.org/a?x=1&amp;y=2"' in html


@pytest.mark.sphinx('html', testroot='linktable')
def test_selection_by_ids_keeps_order_and_shows_archive(app):
    app.build()
    html = (app.outdir / 'index.html').read_text(encoding='utf-8')
    second = html.split('<table')[2]
    assert second.index('工具乙') < second.index('工具甲')
    # A dead link is not a link any more; the archived copy is.
    assert 'href="https://example.org/tool-b"' not in html
    assert 'href="https://web.archive.org/web/2024/https://example.org/tool-b"' in html
    assert 'sdbook-status-dead' in html
    assert '<code class="docutils literal notranslate"><span class="pre">https://example.org/tool-a</span></code>' in second \
        or 'https://example.org/tool-a</span>' in second


@pytest.mark.sphinx('html', testroot='linktable')
def test_index_lists_every_record_with_its_pages(app):
    app.build()
    html = (app.outdir / 'links.html').read_text(encoding='utf-8')
    assert 'id="links-chat"' in html and 'id="links-tools"' in html
    # Category titles are data too: escaped like every other text field.
    assert '工具 &lt;i onmouseover=alert(4)&gt;' in html and '<i onmouseover' not in html
    for name in ('中文群', '工具甲', '工具乙'):
        assert name in html
    # "Used on" links back to the page that shows the record.
    assert html.count('href="index.html"') >= 4


@pytest.mark.sphinx('latex', testroot='linktable', srcdir='linktable-latex')
def test_latex_table_breaks_across_pages_and_shows_urls(app):
    app.build()
    tex = (app.outdir / 'linktable.tex').read_text(encoding='utf-8')
    assert r'\begin{longtable}' in tex
    # Angle brackets are plain characters in XeLaTeX; every LaTeX special character is escaped.
    assert r'\sphinxhref{https://example.org/a?x=1\&y=2}{<script>alert(1)</script>}' in tex
    # The URL is printed (as a footnote) so a printed page is still useful.
    assert 'https://t.me/example\\_group' in tex or r'\url{https://t.me/example_group}' in tex
    assert r'\{\}\%\$\_\#\&\textasciitilde{}\textasciicircum{}\textbackslash{}' in tex


@pytest.mark.sphinx('gettext', testroot='linktable', srcdir='linktable-gettext')
def test_catalog_has_names_and_descriptions_not_urls(app):
    app.build()
    pot = (app.outdir / 'index.pot').read_text(encoding='utf-8')
    msgids = re.findall(r'^msgid "(.*)"$', pot, re.M)
    for text in ('社区', '中文群', '用中文讨论的群组', '<script>alert(1)</script>', '工具甲', '需要 Python 3.10'):
        assert text in msgids, text
    assert msgids.count('中文群') == 1
    assert not [m for m in msgids if 'https://' in m or m in ('chat-tg', 'tool-a', 'telegram')]


@pytest.mark.sphinx('html', testroot='linktable', srcdir='linktable-en', confoverrides={'language': 'en'})
def test_english_edition_uses_catalog_as_plain_text(app):
    app.build()
    html = (app.outdir / 'index.html').read_text(encoding='utf-8')
    assert 'Chinese group' in html and 'A group that talks in Chinese' in html
    assert 'Community' in html
    # A translation is never parsed as markup: no HTML, no bold, no new link.
    assert '&lt;script&gt;alert(3)&lt;/script&gt; **not bold** [not a link](https://evil.example)' in html
    assert 'href="https://evil.example"' not in html and '<strong>not bold' not in html
    # Untranslated text stays Chinese and is marked for readers.
    assert re.search(r'class="[^"]*sdbook-untranslated[^"]*" lang="zh-CN">工具乙', html)


# -- Bad data and bad directives: named with file and line; never half a table -----------

GOOD = GOOD_LINK_DATA
EXTENSIONS = ['myst_parser', 'sdbook.ext.links']

DIRECTIVE_CASES = {
    'unknown-id': (':ids: ok, nothing', "index.md:3: ERROR: linktable: unknown link id 'nothing' [sdbook.linktable]"),
    'unknown-category': (':category: nowhere', "index.md:3: ERROR: linktable: unknown category 'nowhere' [sdbook.linktable]"),
    'unknown-column': (':category: cat\n:columns: name, colour',
                       "index.md:3: ERROR: linktable: unknown column 'colour'; expected some of: name, description, platform, lang, url, note"
                       ' [sdbook.linktable]'),
    'no-selection': (':columns: name', 'index.md:3: ERROR: linktable: choose records with :ids:, :category:, :tag: or :file: [sdbook.linktable]'),
    'unknown-file': (':file: nothing', "index.md:3: ERROR: linktable: unknown data file 'nothing' [sdbook.linktable]"),
    'no-match': (':tag: 没有这个标签', 'index.md:3: ERROR: linktable: the selection matches no link record [sdbook.linktable]'),
}


def _files(data: str, options: str = ':category: cat') -> dict[str, str]:
    return {'index.md': f'# 测试\n\n```{{linktable}} 表\n{options}\n```\n', '_data/links/bad.yaml': data}


def test_bad_data_fails_the_build_with_file_and_line_and_no_table(small_book):
    data = GOOD.replace('https://example.org/ok', 'javascript:alert(1)')
    book = small_book(_files(data, ':file: bad'), extensions=EXTENSIONS)
    assert book.problems() == [
        "_data/links/bad.yaml:7: ERROR: URL 'javascript:alert(1)' has scheme 'javascript'; only http, https and mailto are allowed"
        ' [sdbook.linkdata]',
        "index.md:3: ERROR: linktable: the data file 'bad' has errors (reported above); no table is rendered [sdbook.linktable]"]
    assert '<table' not in book.read('index.html')


@pytest.mark.parametrize('case', sorted(DIRECTIVE_CASES))
def test_bad_directive_names_page_and_line(small_book, case):
    options, expected = DIRECTIVE_CASES[case]
    book = small_book(_files(GOOD, options), extensions=EXTENSIONS)
    assert book.problems() == [expected]
    assert '<table' not in book.read('index.html')


def test_good_data_builds_cleanly(small_book):
    book = small_book(_files(GOOD), extensions=EXTENSIONS)
    assert book.problems() == []
    assert '正常的记录' in book.read('index.html')


def test_editing_a_data_file_rebuilds_the_pages_that_use_it(small_book):
    files = _files(GOOD)
    files['index.md'] += '\n```{toctree}\nother\n```\n'
    files['other.md'] = '# 别的页\n\n没有链接表。\n'
    assert small_book(files, extensions=EXTENSIONS).problems() == []
    book = small_book({'_data/links/bad.yaml': GOOD.replace('正常的记录', '改过的记录')}, rebuild=True)
    assert book.problems() == []
    assert book.reread == ['index']
    assert '改过的记录' in book.read('index.html')
