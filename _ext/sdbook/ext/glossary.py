"""``glossary-table``: the terminology page, rendered from ``source/_data/<file>.yaml``."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from sdbook.ext import assets
from sdbook.ext.labels import N_, label
from sdbook.ext.textnodes import make_text
from sdbook.glossarydata import load_glossary

logger = logging.getLogger(__name__)


class GlossaryTable(SphinxDirective):
    has_content = False
    option_spec = {'file': directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        name = self.options.get('file', 'glossary')
        path = Path(self.env.srcdir) / '_data' / f'{name}.yaml'
        self.env.note_dependency(str(path))
        display = path.relative_to(Path(self.env.srcdir).parent) if Path(self.env.srcdir).name == 'source' else path.relative_to(self.env.srcdir)
        if not path.is_file():
            logger.error(f'glossary-table: no glossary file {display}', location=self.get_location(),
                         type='sdbook', subtype='glossary')
            return []
        terms, problems = load_glossary(path, display)
        for problem in problems:
            logger.error(problem.message, location=f'{problem.path}:{problem.line}', type='sdbook', subtype='glossary')
        if problems:
            return []
        # 'colwidths-given' is a class: docutils' HTML writer and Sphinx's LaTeX writer look for it there.
        table = nodes.table(classes=['sdbook-glossary', 'longtable', 'colwidths-given'])
        self.set_source_info(table)
        tgroup = nodes.tgroup(cols=4)
        table += tgroup
        for width in (14, 18, 52, 16):
            tgroup += nodes.colspec(colwidth=width)
        head = nodes.row()
        for text in (N_('Chinese'), N_('English'), N_('Explanation'), N_('See')):
            head += nodes.entry('', nodes.paragraph('', label(text), translatable=False))
        tgroup += nodes.thead('', head)
        body = nodes.tbody()
        tgroup += body
        for term in terms:
            row = nodes.row(ids=[term.anchor])
            # language-* classes become the lang attribute in HTML (docutils).
            zh = nodes.inline(term.zh, term.zh, classes=['sdbook-term-zh', 'language-zh-CN'])
            row += nodes.entry('', nodes.paragraph('', '', nodes.strong('', '', zh), translatable=False))
            english = ' / '.join(term.english_forms)
            row += nodes.entry('', nodes.paragraph('', english, translatable=False))
            explain = nodes.paragraph(translatable=False)
            explain += make_text(self, term.explain)
            row += nodes.entry('', explain)
            see = nodes.paragraph(translatable=False)
            if term.see:
                xref = addnodes.pending_xref('', refdomain='std', reftype='ref', reftarget=term.see,
                                             refexplicit=False, refwarn=True)
                self.set_source_info(xref)
                xref += nodes.inline(term.see, term.see)
                see += xref
            row += nodes.entry('', see)
            body += row
        return [table]


def setup(app: Sphinx) -> dict:
    app.setup_extension('sdbook.ext.labels')
    app.setup_extension('sdbook.ext.textnodes')
    app.add_directive('glossary-table', GlossaryTable)
    assets.add_stylesheet(app, 'links.css')  # shares the link tables' full-width layout
    return {'version': '1.0', 'parallel_read_safe': True, 'parallel_write_safe': True}
