"""The link-table extension on a small book: HTML, LaTeX, catalogs, translation, bad data."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from linkdata import load_link_data
from sphinxrun import sphinx_build

ROOTS = Path(__file__).parent / 'roots'


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


# -- Bad data: every problem is named with its file and line ------------------------------

GOOD = '''categories:
  - id: cat
    title: 分类
links:
  - id: ok
    name: 正常
    url: https://example.org/ok
    description: 正常的记录
    platform: github
    category: cat
'''

BAD_CASES = {
    'missing-field': (GOOD + '  - id: nourl\n    name: 无地址\n    description: 缺少地址\n    platform: github\n    category: cat\n',
                      "bad.yaml:11: ERROR: record 'nourl' is missing the required field 'url'"),
    'unknown-field': (GOOD + '    colour: red\n',
                      "bad.yaml:11: ERROR: unknown field 'colour'; expected one of: id, name, url, description, platform, category, lang, tags, note, archive, status"),
    'javascript-url': (GOOD.replace('https://example.org/ok', 'javascript:alert(1)'),
                       "bad.yaml:7: ERROR: URL 'javascript:alert(1)' has scheme 'javascript'; only http, https and mailto are allowed"),
    'data-url': (GOOD.replace('https://example.org/ok', 'data:text/html,<script>alert(1)</script>'),
                 "bad.yaml:7: ERROR: URL 'data:text/html,<script>alert(1)</script>' has scheme 'data'; only http, https and mailto are allowed"),
    'no-scheme': (GOOD.replace('https://example.org/ok', 'danbooru.donmai.us/'),
                  "bad.yaml:7: ERROR: URL 'danbooru.donmai.us/' has scheme '(none)'; only http, https and mailto are allowed"),
    'archive-scheme': (GOOD + '    archive: ftp://example.org/old\n',
                       "bad.yaml:11: ERROR: URL 'ftp://example.org/old' has scheme 'ftp'; only http, https and mailto are allowed"),
    'duplicate-id': (GOOD + '  - id: ok\n    name: 重复\n    url: https://example.org/other\n    description: 重复的编号\n    platform: github\n    category: cat\n',
                     "bad.yaml:11: ERROR: duplicate id 'ok' (first defined at _data/links/bad.yaml:5)"),
    'duplicate-url': (GOOD + '  - id: again\n    name: 又一次\n    url: https://example.org/ok/\n    description: 同一个地址\n    platform: github\n    category: cat\n',
                      "bad.yaml:11: ERROR: the URL https://example.org/ok/ is already used by 'ok' at _data/links/bad.yaml:5; reuse that record by its id"),
    'yaml-syntax': (GOOD.replace('    name: 正常', '    name: [正常'),
                    'bad.yaml:7: ERROR: YAML syntax error: '),
    'unknown-platform': (GOOD.replace('platform: github', 'platform: myspace'),
                         "bad.yaml:9: ERROR: unknown platform 'myspace'; expected one of: website, github"),
    'unknown-category': (GOOD.replace('    category: cat', '    category: nowhere'),
                         "bad.yaml:5: ERROR: record 'ok' names the unknown category 'nowhere'"),
    'empty-name': (GOOD.replace('    name: 正常', '    name: ""'),
                   "bad.yaml:6: ERROR: field 'name' must be a non-empty string"),
    'bad-status': (GOOD + '    status: gone\n',
                   "bad.yaml:11: ERROR: unknown status 'gone'; expected one of: ok, dead, moved"),
}

DIRECTIVE_CASES = {
    'unknown-id': (':ids: ok, nothing', "index.md:3: ERROR: linktable: unknown link id 'nothing'"),
    'unknown-category': (':category: nowhere', "index.md:3: ERROR: linktable: unknown category 'nowhere'"),
    'unknown-column': (':category: cat\n:columns: name, colour', "index.md:3: ERROR: linktable: unknown column 'colour'"),
    'no-selection': (':columns: name', 'index.md:3: ERROR: linktable: choose records with :ids:, :category:, :tag: or :file:'),
}


def _book(tmp_path: Path, data: str, options: str = ':category: cat') -> Path:
    src = tmp_path / 'src'
    (src / '_data' / 'links').mkdir(parents=True)
    (src / 'conf.py').write_text("extensions = ['myst_parser', 'sdbook_links']\nlanguage = 'zh_CN'\n", encoding='utf-8')
    (src / 'index.md').write_text(f'# 测试\n\n```{{linktable}} 表\n{options}\n```\n', encoding='utf-8')
    (src / '_data' / 'links' / 'bad.yaml').write_text(data, encoding='utf-8')
    return src


def _build(src: Path, *extra: str) -> subprocess.CompletedProcess:
    return sphinx_build(src, src / '_out', *extra)


@pytest.mark.parametrize('case', sorted(BAD_CASES))
def test_bad_data_fails_the_build_with_file_and_line(tmp_path, case):
    data, expected = BAD_CASES[case]
    result = _build(_book(tmp_path, data))
    assert result.returncode != 0
    assert f'_data/links/{expected}' in result.stderr, result.stderr
    # Never half a table: the page of a broken file shows no table at all.
    html = (tmp_path / 'src' / '_out' / 'index.html').read_text(encoding='utf-8')
    assert '<table' not in html


@pytest.mark.parametrize('case', sorted(DIRECTIVE_CASES))
def test_bad_directive_names_page_and_line(tmp_path, case):
    options, expected = DIRECTIVE_CASES[case]
    result = _build(_book(tmp_path, GOOD, options))
    assert result.returncode != 0
    assert expected in result.stderr, result.stderr


def test_good_data_builds_cleanly(tmp_path):
    result = _build(_book(tmp_path, GOOD))
    assert result.returncode == 0, result.stderr
    assert '正常的记录' in (tmp_path / 'src' / '_out' / 'index.html').read_text(encoding='utf-8')


def test_editing_a_data_file_rebuilds_the_pages_that_use_it(tmp_path):
    src = _book(tmp_path, GOOD)
    (src / 'other.md').write_text('# 别的页\n\n没有链接表。\n', encoding='utf-8')
    (src / 'index.md').write_text((src / 'index.md').read_text(encoding='utf-8') + '\n```{toctree}\nother\n```\n', encoding='utf-8')
    assert _build(src).returncode == 0
    data = src / '_data' / 'links' / 'bad.yaml'
    data.write_text(GOOD.replace('正常的记录', '改过的记录'), encoding='utf-8')
    result = _build(src, '-v')
    assert result.returncode == 0, result.stderr
    reread = re.findall(r'reading sources\.\.\. \[\s*\d+%\] (\S+)', result.stdout)
    assert reread == ['index'], result.stdout
    assert '改过的记录' in (src / '_out' / 'index.html').read_text(encoding='utf-8')


def test_real_book_data_is_valid():
    data = load_link_data(Path(__file__).resolve().parent.parent / 'source' / '_data' / 'links')
    assert data.problems == []
    assert len(data.records) > 20
