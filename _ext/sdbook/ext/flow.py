"""Process diagrams written as a list: each step is a box, arrows join them.

The steps are ordinary list items, so they are translated like any paragraph and stay
readable in every output: boxes and arrows in HTML (CSS), an arrowed list in the PDF.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from sdbook.ext import assets
from sdbook.ext.textnodes import make_text

logger = logging.getLogger(__name__)


class flow(nodes.General, nodes.Element):
    """A diagram of steps; its only list is drawn as a chain of boxes."""


def visit_flow_html(self, node: flow) -> None:
    attrs = {'role': 'figure', 'CLASS': 'sdbook-flow'}
    if node.get('title_id'):
        attrs['aria-labelledby'] = node['title_id']
    self.body.append(self.starttag(node, 'div', '', **attrs))


def depart_flow_html(self, node: flow) -> None:
    self.body.append('</div>\n')


def visit_flow_latex(self, node: flow) -> None:
    self.body.append('\n\\begin{sdbookflow}\n')


def depart_flow_latex(self, node: flow) -> None:
    self.body.append('\n\\end{sdbookflow}\n')


def visit_flow_text(self, node: flow) -> None:
    pass


def depart_flow_text(self, node: flow) -> None:
    pass


class Flow(SphinxDirective):
    """``flow``: a titled chain of steps given as a bullet or numbered list."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True

    def run(self) -> list[nodes.Node]:
        parsed = self.parse_content_to_nodes()
        lists = [n for n in parsed if isinstance(n, (nodes.bullet_list, nodes.enumerated_list))]
        if len(parsed) != 1 or len(lists) != 1 or len(lists[0]) < 2:
            logger.error('flow: the content must be exactly one list of at least two steps',
                         location=self.get_location(), type='sdbook', subtype='flow')
            return []
        node = flow()
        self.set_source_info(node)
        if self.arguments:
            title_id = f'flow-{self.env.new_serialno("sdbook-flow")}'
            title = nodes.paragraph(classes=['sdbook-flow-title'], ids=[title_id], translatable=False)
            title += nodes.strong('', '', make_text(self, self.arguments[0]))
            node['title_id'] = title_id
            node += title
        steps = lists[0]
        steps['classes'].append('sdbook-flow-steps')
        node += steps
        return [node]


def setup(app: Sphinx) -> dict:
    app.setup_extension('sdbook.ext.textnodes')
    app.add_node(
        flow,
        html=(visit_flow_html, depart_flow_html),
        latex=(visit_flow_latex, depart_flow_latex),
        text=(visit_flow_text, depart_flow_text),
        man=(visit_flow_text, depart_flow_text),
        texinfo=(visit_flow_text, depart_flow_text),
    )
    app.add_directive('flow', Flow)
    assets.add_stylesheet(app, 'flow.css')
    assets.add_latex_package(app, 'sdbookflow')
    return {'version': '1.0', 'parallel_read_safe': True, 'parallel_write_safe': True}
