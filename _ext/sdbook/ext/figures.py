"""Figures made by the book itself: ``diagram`` (boxes and arrows, from data) and ``plot``
(curves computed from the programs' real formulas).

Both are written in a page as data; every text in them (labels, legend entries, the caption
and the ``:alt:`` description) is a message of the page's catalog, so the English edition's
figures are in English. HTML gets inline SVG (text stays text, colours follow the light or
dark theme), the PDF gets TikZ (diagrams) or a vector PDF (plots). A mistake in a figure's
data fails the build with the page and the line of the mistake.

    ```{diagram} 一次文生图的数据流
    :alt: 提示词经文本编码器变成条件，与随机种子生成的噪声一起……
    nodes:
      prompt: {label: 提示词, at: [0, 0], kind: input}
      ...
    ```

    ```{plot} 六种调度类型在 20 步时的噪声水平
    :alt: ……
    kind: sigma-schedules
    params: {steps: 20}
    texts: {x: 步数, y: 噪声水平 σ, karras: Karras}
    ```
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import yaml
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.texescape import escape as tex_escape

from sdbook import diagram as dg
from sdbook import plots
from sdbook.ext import assets
from sdbook.ext.textnodes import make_text, sdbook_text

logger = logging.getLogger(__name__)



def _drawing_code_digest() -> str:
    """A digest of the code that draws the figures. It is part of every cached drawing's name and
    the extension's env_version, so editing that code redraws every figure on the next build
    instead of serving drawings (and pages) made by the old code."""
    digest = hashlib.sha256()
    for module in (dg, plots):
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:12]


DRAWING_CODE = _drawing_code_digest()


class figure_body(nodes.General, nodes.Element):
    """The drawing of a figure: a diagram or a plot, with its texts as children until resolved."""


class FigureDirective(SphinxDirective):
    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = {'alt': directives.unchanged_required, 'name': directives.unchanged}
    kind = ''

    def fail(self, line_in_content: int, message: str) -> list[nodes.Node]:
        line = self.content_line(line_in_content) if line_in_content else self.lineno
        logger.error(f'{self.name}: {message}', location=(self.env.docname, line), type='sdbook', subtype='figure')
        return []

    def content_line(self, line_in_content: int) -> int:
        """The page's line of a line of the content. MyST's ``content_offset`` is not reliable
        once options precede the content, so the content is found in the block's own text."""
        block = self.block_text.split('\n')
        content = list(self.content)
        start = next((i for i in range(1, len(block)) if block[i:i + len(content)] == content), 1)
        return self.lineno + start + line_in_content - 1

    def run(self) -> list[nodes.Node]:
        if not self.options.get('alt', '').strip():
            return self.fail(0, "give the figure an ':alt:' text that says what it shows")
        source = '\n'.join(self.content)
        try:
            texts, data = self.read(source)
        except (dg.DiagramError, plots.PlotError) as exc:
            return self.fail(getattr(exc, 'line', 0), str(exc))
        figure = nodes.figure(classes=['sdbook-figure', f'sdbook-{self.kind}'])
        self.set_source_info(figure)
        body = figure_body(kind=self.kind, data=data, ident=f'sdbook-fig-{self.env.new_serialno("sdbook-figure")}')
        self.set_source_info(body)
        for text in dict.fromkeys(texts):
            body += make_text(self, text)
        body += make_text(self, self.options['alt'].strip(), classes=('sdbook-alt',))
        figure += body
        caption = nodes.caption(self.arguments[0], self.arguments[0])
        if '--' in self.arguments[0]:
            caption['support_smartquotes'] = False  # an option in a caption keeps its two dashes
        self.set_source_info(caption)
        figure += caption
        self.add_name(figure)
        return [figure]

    def read(self, source: str) -> tuple[list[str], str]:
        raise NotImplementedError


class DiagramDirective(FigureDirective):
    kind = 'diagram'

    def read(self, source):
        diagram = dg.parse(source)
        return diagram.texts(), source


class PlotDirective(FigureDirective):
    kind = 'plot'

    def read(self, source):
        try:
            data = yaml.safe_load(source) or {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, 'problem_mark', None)
            raise _LinedPlotError(mark.line + 1 if mark else 1, f'YAML syntax error: {getattr(exc, "problem", exc)}') from None
        if not isinstance(data, dict) or set(data) - {'kind', 'params', 'texts'}:
            raise _LinedPlotError(1, "a plot is a mapping of 'kind', 'params' and 'texts'")
        spec = plots.Spec(str(data.get('kind', '')), data.get('params') or {}, data.get('texts') or {})
        if not isinstance(spec.params, dict) or not isinstance(spec.texts, dict) or \
                not all(isinstance(v, str) and v.strip() for v in spec.texts.values()):
            raise _LinedPlotError(1, "'params' must be a mapping, and 'texts' a mapping of names to lines of text")
        plots.check(spec)  # drawn once without saving: the drawing functions check the parameters
        return list(spec.texts.values()), json.dumps({'kind': spec.kind, 'params': spec.params, 'texts': spec.texts},
                                                     ensure_ascii=False, sort_keys=True)


class _LinedPlotError(plots.PlotError):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line


class ResolveFigureTexts(SphinxPostTransform):
    """Once translated, a figure's texts become data of its drawing (before they turn into
    plain inlines, priority 5). Skipped for the gettext builder, which extracts them."""

    default_priority = 4

    def is_supported(self) -> bool:
        return self.env._builder_cls.name != 'gettext'

    def run(self, **kwargs) -> None:
        for body in self.document.findall(figure_body):
            translations, alt = {}, ''
            for child in list(body.children):
                if isinstance(child, sdbook_text):
                    if 'sdbook-alt' in child['classes']:
                        alt = child.astext()
                    else:
                        translations[child.rawsource] = child.astext()
                body.remove(child)
            body['translations'] = translations
            body['alt'] = alt


# -- Drawing, with a cache ------------------------------------------------------------------------


def _cache(doctreedir: str | Path, name: str, make) -> bytes:
    folder = Path(doctreedir) / 'sdbook-figures'
    path = folder / name
    if path.exists():
        return path.read_bytes()
    data = make()
    folder.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + f'.{id(data)}.tmp')
    tmp.write_bytes(data)
    tmp.replace(path)  # parallel writers: the last complete file wins, never half a file
    return data


def _digest(node: figure_body, fmt: str) -> str:
    key = json.dumps([DRAWING_CODE, node['kind'], node['data'], node['translations'], fmt], ensure_ascii=False,
                     sort_keys=True)
    return hashlib.sha256(key.encode('utf-8')).hexdigest()[:20]


def _plot_spec(node: figure_body) -> plots.Spec:
    data = json.loads(node['data'])
    texts = {k: node['translations'].get(v, v) for k, v in data['texts'].items()}
    return plots.Spec(data['kind'], data['params'], texts)


def _caption(node: figure_body) -> str:
    caption = next(iter(node.parent.findall(nodes.caption)), None) if node.parent else None
    return caption.astext() if caption is not None else ''


def visit_figure_body_html(self, node: figure_body) -> None:
    if node['kind'] == 'diagram':
        drawing = dg.layout(dg.parse(node['data']).translated(node['translations']))
        svg = dg.to_svg(drawing, _caption(node), node['alt'], node['ident'])
    else:
        svg = _cache(self.builder.doctreedir, f'{_digest(node, "svg")}.svg', lambda: plots.render(_plot_spec(node), 'svg')).decode('utf-8')
        svg = plots.scoped_ids(svg, node['ident'])
        svg = svg.replace('<svg ', f'<svg role="img" aria-label="{_attr(node["alt"])}" class="sdbook-plot-svg" ', 1)
    self.body.append(f'<div class="sdbook-figure-canvas">{svg}</div>\n')
    raise nodes.SkipNode


def _attr(text: str) -> str:
    return text.replace('&', '&amp;').replace('"', '&quot;').replace('<', '&lt;')


def visit_figure_body_latex(self, node: figure_body) -> None:
    if node['kind'] == 'diagram':
        drawing = dg.layout(dg.parse(node['data']).translated(node['translations']))
        self.body.append('\n\\begin{center}\n' + dg.to_tikz(drawing, tex_escape) + '\n\\end{center}\n')
    else:
        name = f'sdbook-plot-{_digest(node, "pdf")}.pdf'
        data = _cache(self.builder.doctreedir, name, lambda: plots.render(_plot_spec(node), 'pdf'))
        Path(self.builder.outdir, name).write_bytes(data)
        self.body.append(f'\n\\begin{{center}}\\includegraphics[width=0.9\\linewidth]{{{name}}}\\end{{center}}\n')
    raise nodes.SkipNode


def visit_figure_body_text(self, node: figure_body) -> None:
    self.add_text(node.get('alt', ''))
    raise nodes.SkipNode


def setup(app: Sphinx) -> dict:
    app.setup_extension('sdbook.ext.textnodes')
    app.add_node(figure_body, html=(visit_figure_body_html, None), latex=(visit_figure_body_latex, None),
                 text=(visit_figure_body_text, None), man=(visit_figure_body_text, None),
                 texinfo=(visit_figure_body_text, None))
    app.add_directive('diagram', DiagramDirective)
    app.add_directive('plot', PlotDirective)
    app.add_post_transform(ResolveFigureTexts)
    assets.add_stylesheet(app, 'figures.css')
    assets.add_latex_package(app, 'sdbookfigures')
    return {'version': '1.0', 'env_version': int(DRAWING_CODE, 16), 'parallel_read_safe': True,
            'parallel_write_safe': True}
