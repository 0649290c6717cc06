"""Figures drawn from data (``diagram``, ``plot``): inline SVG in HTML, TikZ and PDF in LaTeX,
every text in the catalogs and translated in the English edition, mistakes named by page and line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

EXTENSIONS = ['myst_parser', 'sdbook.ext.figures']

PAGE = """\
# 图

```{diagram} 从提示词到图片
:alt: 提示词经文本编码器变成条件，U-Net 据此去噪。
:name: fig-flow

nodes:
  prompt: {label: 提示词, note: 正向与反向, at: [0, 0], kind: input}
  unet: {label: U-Net, at: [1, 0], kind: model}
edges:
  - {from: prompt, to: unet, label: 条件}
groups:
  - {label: 每一步, nodes: [unet]}
```

```{plot} 迁移参数
:alt: 三条曲线，shift 越大，越多的步数停在高噪声处。

kind: flow-shift
params: {steps: 10, shifts: [1, 3]}
texts: {x: 第几步, y: 噪声水平, shift: "shift = {shift}"}
```

```{plot} 重绘幅度
:alt: 柱子随重绘幅度升高。

kind: denoise-steps
params: {steps: 20}
texts: {x: 重绘幅度, y: 实际步数}
```

见 {numref}`fig-flow`。
"""

CATALOG = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=utf-8\\n"

msgid "图"
msgstr "Figures"

msgid "从提示词到图片"
msgstr "From prompt to picture"

msgid "提示词经文本编码器变成条件，U-Net 据此去噪。"
msgstr "The text encoder turns the prompt into conditioning; the U-Net denoises by it."

msgid "提示词"
msgstr "Prompt"

msgid "正向与反向"
msgstr "positive and negative"

msgid "条件"
msgstr "conditioning"

msgid "每一步"
msgstr "every step"

msgid "第几步"
msgstr "Step"

msgid "噪声水平"
msgstr "Noise level"
"""


def _svgs(page: str) -> list[str]:
    return re.findall(r'<svg .*?</svg>', page, re.S)


def test_html_figures_are_inline_svg_labelled_by_caption_and_alt(small_book):
    book = small_book({'index.md': PAGE}, extensions=EXTENSIONS, numfig=True)
    assert book.problems() == []
    page = book.read('index.html')
    diagram, flow, _bars = _svgs(page)
    assert '<title id="sdbook-fig-0-title">从提示词到图片</title>' in diagram
    assert '提示词经文本编码器变成条件，U-Net 据此去噪。</desc>' in diagram
    assert all(f'>{text}</text>' in diagram for text in ('提示词', '正向与反向', 'U-Net', '条件', '每一步'))
    assert 'role="img" aria-label="三条曲线，shift 越大，越多的步数停在高噪声处。"' in flow
    assert '>第几步</text>' in flow and '>shift = 3</text>' in flow
    # Several plots on one page: no id twice.
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    assert re.search(r'<figcaption>\s*<p><span class="caption-number">图 1 </span><span class="caption-text">从提示词到图片', page)
    assert 'href="#fig-flow"' in page  # the figure is a reference target
    css = (book.out / '_static').glob('sdbook*.css')
    assert any('.sdbook-dg-edge' in p.read_text(encoding='utf-8') for p in css)


def test_catalog_holds_every_text_of_the_figures(small_book):
    book = small_book({'index.md': PAGE}, extensions=EXTENSIONS, builder='gettext')
    msgids = set(re.findall(r'^msgid "(.+)"$', book.read('index.pot'), re.M))
    expected = {'从提示词到图片', '提示词经文本编码器变成条件，U-Net 据此去噪。', '提示词', '正向与反向', 'U-Net', '条件', '每一步',
                '迁移参数', '三条曲线，shift 越大，越多的步数停在高噪声处。', '第几步', '噪声水平', 'shift = {shift}', '重绘幅度', '实际步数'}
    assert expected <= msgids, expected - msgids
    assert not any('nodes:' in m or 'kind:' in m for m in msgids)  # the data itself is not text to translate


def test_english_edition_draws_the_translated_texts(small_book):
    book = small_book({'index.md': PAGE, 'locale/en/LC_MESSAGES/index.po': CATALOG}, extensions=EXTENSIONS,
                      locale_dirs=['locale'], numfig=True, confoverrides={'language': 'en'})
    assert book.problems() == []
    diagram, flow, _ = _svgs(book.read('index.html'))
    assert '<title id="sdbook-fig-0-title">From prompt to picture</title>' in diagram
    assert all(f'>{text}</text>' in diagram for text in ('Prompt', 'positive and negative', 'conditioning', 'every step'))
    assert '提示词' not in diagram
    assert '>Step</text>' in flow and '>Noise level</text>' in flow and '第几步' not in flow
    # A translation that is wider than the original widens the box: the label still fits.
    width = float(re.search(r'viewBox="0 0 ([\d.]+)', diagram)[1])
    zh = small_book({'index.md': PAGE}, extensions=EXTENSIONS, numfig=True)
    zh_width = float(re.search(r'viewBox="0 0 ([\d.]+)', _svgs(zh.read('index.html'))[0])[1])
    assert width > zh_width


def test_latex_draws_diagrams_in_tikz_and_plots_as_pdf(small_book):
    book = small_book({'index.md': PAGE}, extensions=EXTENSIONS, builder='latex', numfig=True,
                      latex_engine='xelatex', latex_documents=[('index', 'figs.tex', 'Figs', 'Tests', 'manual')])
    assert book.problems() == []
    tex = book.read('figs.tex')
    assert r'\usepackage{sdbookfigures}' in tex
    assert tex.count(r'\begin{tikzpicture}') == 1 and '{提示词}' in tex and '{条件}' in tex
    included = re.findall(r'\\includegraphics\[width=0\.9\\linewidth\]\{(sdbook-plot-[0-9a-f]+\.pdf)\}', tex)
    assert len(included) == 2
    for name in included:
        assert (book.out / name).read_bytes().startswith(b'%PDF')
    assert (book.out / 'sdbookfigures.sty').is_file()


@pytest.mark.parametrize(('body', 'line', 'message'), [
    # The fence is on line 3, the options on 4; the data starts on line 6.
    (':alt: 说明\n\nnodes:\n  a: {label: 甲, at: [0, 0]}\n  b: {label: 乙, at: [0, 0]}\n', 8,
     "diagram: node 'b' is placed on node 'a' (both at [0, 0])"),
    (':alt: 说明\n\nnodes:\n  a: {label: 甲, at: [0, 0]}\nedges:\n  - {from: a, to: z}\n', 9,
     "diagram: edge to 'z': no such node (nodes: a)"),
    ('nodes:\n  a: {label: 甲, at: [0, 0]}\n', 3, "diagram: give the figure an ':alt:' text that says what it shows"),
])
def test_bad_diagram_fails_with_page_and_line(small_book, body, line, message):
    book = small_book({'index.md': f'# 图\n\n```{{diagram}} 标题\n{body}```\n\n后文。\n'}, extensions=EXTENSIONS)
    assert book.problems() == [f'index.md:{line}: ERROR: {message} [sdbook.figure]']


def test_bad_plot_fails_with_page_and_reason(small_book):
    book = small_book({'index.md': '# 图\n\n```{plot} 标题\n:alt: 说明\n\nkind: flow-shift\nparams: {steps: 1}\n```\n'},
                      extensions=EXTENSIONS)
    problems = book.problems()
    assert len(problems) == 1 and problems[0].startswith('index.md:')
    assert "ERROR: plot: 'steps' must be a whole number from 2 to 150, not 1 [sdbook.figure]" in problems[0]


def test_options_in_figure_texts_keep_their_two_dashes_in_english(small_book):
    page = ('# 图\n\n```{diagram} 参数\n:alt: 说明\n\nnodes:\n  a: {label: "--medvram", note: "加 --listen 后", at: [0, 0]}\n'
            '  b: {label: "\'引号\'", at: [1, 0]}\n```\n')
    catalog = CATALOG.replace('msgid "图"\nmsgstr "Figures"', 'msgid "图"\nmsgstr "Figures"\n\nmsgid "加 --listen 后"\n'
                              'msgstr "after adding --listen"\n\nmsgid "\'引号\'"\nmsgstr "\'quoted\'"')
    book = small_book({'index.md': page, 'locale/en/LC_MESSAGES/index.po': catalog}, extensions=EXTENSIONS,
                      locale_dirs=['locale'], confoverrides={'language': 'en'})
    svg = _svgs(book.read('index.html'))[0]
    assert '>--medvram</text>' in svg and '>after adding --listen</text>' in svg
    assert '–' not in svg
    assert '>‘quoted’</text>' in svg  # texts without an option still get typographic quotes


def test_a_change_to_the_drawing_code_redraws_every_figure(small_book, monkeypatch):
    from sdbook.ext import figures

    small_book({'index.md': PAGE}, extensions=EXTENSIONS)
    assert small_book(extensions=EXTENSIONS, rebuild=True).reread == []  # nothing changed, nothing read
    monkeypatch.setattr(figures, 'DRAWING_CODE', 'f' * 12)  # as if plots.py or diagram.py were edited
    book = small_book(extensions=EXTENSIONS, rebuild=True)
    assert book.reread == ['index']  # pages with diagrams are written again
    cached = sorted(p.name for p in (Path(book.app.doctreedir) / 'sdbook-figures').iterdir())
    assert len(cached) == 4, cached  # the two plots drawn again under new names, beside the old two
