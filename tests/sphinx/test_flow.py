"""Process diagrams (``flow``): a titled list of steps in HTML, LaTeX, text and catalogs; bad content."""

from __future__ import annotations

import re

import pytest

MESSAGE = 'ERROR: flow: the content must be exactly one list of at least two steps [sdbook.flow]'


def _figures(page: str) -> list[str]:
    """The HTML of each flow, from its opening tag to its closing </div>."""
    return re.findall(r'(<div [^>]*class="sdbook-flow"[^>]*>.*?</(?:ul|ol)>\n</div>)', page, re.S)


def _page(content: str) -> dict[str, str]:
    """A page with one good flow (lines 3-6), then a flow with the given content (fence on line 8)."""
    return {'index.md': f'# 测试\n\n```{{flow}} 好的流程\n- 甲\n- 乙\n```\n\n```{{flow}} 坏的流程\n{content}\n```\n\n后面的正文。\n'}


# -- HTML ---------------------------------------------------------------------------------------

@pytest.mark.sphinx('html', testroot='flow')
def test_html_titled_flow_is_a_figure_labelled_by_its_title(app):
    app.build()
    assert app.warning.getvalue() == ''
    page = (app.outdir / 'index.html').read_text(encoding='utf-8')
    figures = _figures(page)
    assert len(figures) == 3
    for figure, title in ((figures[0], '一次文生图'), (figures[2], '第二个流程 &lt;b&gt;粗体&lt;/b&gt; {}%$_#&amp;~^\\')):
        opening = figure[:figure.index('>') + 1]
        assert 'role="figure"' in opening
        label = re.search(r'aria-labelledby="([^"]+)"', opening)[1]
        # The label points at the title, and the title is the figure's first child.
        assert re.match(rf'<div [^>]*>\s*<p class="sdbook-flow-title" id="{label}"><strong>{re.escape(title)}</strong></p>',
                        figure), figure
    # Two titles on one page get two different ids.
    ids = re.findall(r'class="sdbook-flow-title" id="([^"]+)"', page)
    assert len(ids) == 2 and len(set(ids)) == 2


@pytest.mark.sphinx('html', testroot='flow')
def test_html_untitled_flow_has_no_title_and_no_label(app):
    app.build()
    figure = _figures((app.outdir / 'index.html').read_text(encoding='utf-8'))[1]
    assert 'role="figure"' in figure
    assert 'aria-labelledby' not in figure and 'sdbook-flow-title' not in figure


@pytest.mark.sphinx('html', testroot='flow')
def test_html_steps_are_the_list_with_its_class(app):
    app.build()
    figures = _figures((app.outdir / 'index.html').read_text(encoding='utf-8'))
    lists = [re.findall(r'<(ul|ol) class="([^"]*)"', figure) for figure in figures]
    # Exactly one list per flow; a numbered list stays numbered.
    assert [[tag for tag, _ in found] for found in lists] == [['ul'], ['ol'], ['ul']]
    assert all('sdbook-flow-steps' in classes.split() for found in lists for _, classes in found)
    steps = [re.findall(r'<li><p>(.*?)</p></li>', figure) for figure in figures]
    assert steps == [['写提示词', '点「生成」', '保存图片'], ['第一步', '第二步'], ['准备数据', '开始训练']]


# -- LaTeX and text -------------------------------------------------------------------------------

@pytest.mark.sphinx('latex', testroot='flow', srcdir='flow-latex')
def test_latex_flow_is_an_sdbookflow_environment(app):
    app.build()
    tex = (app.outdir / 'flow.tex').read_text(encoding='utf-8')
    bodies = re.findall(r'\\begin\{sdbookflow\}(.*?)\\end\{sdbookflow\}', tex, re.S)
    assert len(bodies) == 3 and tex.count(r'\begin{sdbookflow}') == 3
    # Title, then the list, inside the environment.
    assert re.search(r'\\sphinxstylestrong\{一次文生图\}\s*\\begin\{itemize\}.*写提示词.*\\end\{itemize\}\s*$', bodies[0], re.S)
    assert r'\begin{enumerate}' in bodies[1] and '第二步' in bodies[1]
    # The title is escaped for LaTeX.
    assert (r'\sphinxstylestrong{第二个流程 <b>粗体</b> \{\}\%\$\_\#\&\textasciitilde{}\textasciicircum{}\textbackslash{}}'
            in bodies[2])


@pytest.mark.sphinx('text', testroot='flow', srcdir='flow-text')
def test_text_flow_keeps_title_and_steps(app):
    app.build()
    text = (app.outdir / 'index.txt').read_text(encoding='utf-8')
    assert re.search(r'\*\*一次文生图\*\*\n+\* 写提示词\n+\* 点「生成」\n+\* 保存图片', text), text
    assert re.search(r'1\. 第一步\n+2\. 第二步', text), text


# -- Catalogs ------------------------------------------------------------------------------------

@pytest.mark.sphinx('gettext', testroot='flow', srcdir='flow-gettext')
def test_catalog_has_title_and_each_step(app):
    app.build()
    msgids = re.findall(r'^msgid "(.*)"$', (app.outdir / 'index.pot').read_text(encoding='utf-8'), re.M)
    for text in ('一次文生图', '写提示词', '点「生成」', '保存图片', '第一步', '第二步',
                 '第二个流程 <b>粗体</b> {}%$_#&~^\\\\', '准备数据', '开始训练'):
        assert msgids.count(text) == 1, text
    # One message per title and per step, nothing glued together.
    assert not [m for m in msgids if '写提示词' in m and m != '写提示词']


# -- Bad content fails the build, naming page and line ----------------------------------------------

BAD_CONTENT = {
    'no-list': '这里只是一段文字。',
    'empty': '',
    'single-step': '- 唯一的一步',
    'two-lists': '- 甲\n- 乙\n\n1. 丙\n2. 丁',
    'list-then-text': '- 甲\n- 乙\n\n列表后面多了一段。',
}


@pytest.mark.parametrize('case', sorted(BAD_CONTENT))
def test_bad_content_fails_the_build_with_page_and_line(small_book, case):
    book = small_book(_page(BAD_CONTENT[case]), extensions=['myst_parser', 'sdbook.ext.flow'])
    assert book.problems() == [f'index.md:8: {MESSAGE}']
    # The bad flow is left out; the good one and the rest of the page stay.
    page = book.read('index.html')
    assert page.count('class="sdbook-flow"') == 1 and '坏的流程' not in page
    assert '后面的正文。' in page


def test_good_flow_builds_cleanly(small_book):
    book = small_book(_page('- 丙\n- 丁'), extensions=['myst_parser', 'sdbook.ext.flow'])
    assert book.problems() == []
    assert book.read('index.html').count('class="sdbook-flow"') == 2
