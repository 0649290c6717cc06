"""Every page says what it was checked against: one quiet line under its title.

The line comes from the ``checked`` block of the page's front matter (``sdbook.checked``). Its
entries are messages of the page's catalog, so the English edition can translate them; the
date is written in each edition's own way. With ``sdbook_checked_required`` (the book sets it)
a page without the block, or with a malformed one, fails the build with the page's name and
line; orphan pages (the 404 page) are not part of the book and need none.

``checked-index`` lists every page with its line, in a table (the contributing page shows it).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from sdbook.checked import Checked, CheckedError, month_year, parse_checked
from sdbook.ext import assets
from sdbook.ext.labels import N_, label
from sdbook.ext.textnodes import sdbook_text

logger = logging.getLogger(__name__)

CLASS = 'sdbook-checked'


class checked_index(nodes.General, nodes.Element):
    """Placeholder for the table of every page's line, filled when the page is resolved."""


def _front_matter_field(document: nodes.document, name: str) -> tuple[nodes.field, str] | None:
    """A field of the page's front matter (MyST puts it in a field list at the top)."""
    for field_list in document.children:
        if isinstance(field_list, nodes.section):
            break
        if not isinstance(field_list, nodes.field_list):
            continue
        for field in field_list.findall(nodes.field):
            if field[0].astext() == name:
                return field, field[1].astext()
    return None


def _is_orphan(document: nodes.document) -> bool:
    found = _front_matter_field(document, 'orphan')
    return found is not None and found[1].strip().lower() not in ('', 'false')


class checked_line(nodes.container, nodes.Admonition):
    """The line under the title. An admonition to the page-description readers (OpenGraph's takes the
    first paragraph that is not one): a list of sources is not what the page is about."""


def visit_checked_line(self, node: checked_line) -> None:
    self.visit_container(node)


def depart_checked_line(self, node: checked_line) -> None:
    self.depart_container(node)


class AddCheckedLine(SphinxTransform):
    """Before translation: the line under the title, its entries as messages of the page."""

    default_priority = 6  # after the text nodes get their source (5), before messages are read (10)

    def apply(self, **kwargs) -> None:
        docname = self.env.current_document.docname
        found = _front_matter_field(self.document, 'checked')
        if found is None:
            if self.config.sdbook_checked_required and not _is_orphan(self.document):
                logger.error("the page has no 'checked' block in its front matter: say what its facts were checked "
                             'against (see the contributing guide)', location=(docname, 1),
                             type='sdbook', subtype='checked')
            return
        try:
            checked = parse_checked(found[1])
        except CheckedError as exc:
            logger.error(str(exc), location=(docname, 1), type='sdbook', subtype='checked')
            return
        section = next(iter(self.document.findall(nodes.section)), None)
        if section is None or not section.children or not isinstance(section[0], nodes.title):
            return
        section.insert(1, self.line(checked))

    def line(self, checked: Checked) -> checked_line:
        box = checked_line(classes=[CLASS], date=checked.date)
        para = nodes.paragraph(translatable=False)
        para += nodes.Text(label('Checked in {month} against: ').format(month=month_year(checked, self.config.language)))
        source = self.document['source']
        for number, entry in enumerate(checked.against):
            if number:
                para += nodes.Text(label('; '))
            text = sdbook_text(entry, entry, classes=['sdbook-checked-source'])
            text.source, text.line = source, 1
            para += text
        box += para
        return box


def record(app: Sphinx, doctree: nodes.document) -> None:
    """After translation: keep each page's line (in this edition's words) for the index."""
    env = app.env
    for box in doctree.findall(checked_line):
        if CLASS in box['classes']:
            entries = [n.astext() for n in box.findall(sdbook_text)]  # translated by now
            env.sdbook_checked[env.current_document.docname] = {'date': box['date'], 'against': entries}
            return


class CheckedIndex(SphinxDirective):
    """``checked-index``: every page of the book with the date and sources of its check."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        node = checked_index()
        self.set_source_info(node)
        self.env.sdbook_checked_index_docs.add(self.env.docname)
        return [node]


def fill_index(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    env = app.env
    for node in list(doctree.findall(checked_index)):
        table = nodes.table(classes=['sdbook-checked-index', 'longtable', 'colwidths-given'])
        tgroup = nodes.tgroup(cols=3)
        table += tgroup
        for width in (30, 14, 56):
            tgroup += nodes.colspec(colwidth=width)
        head = nodes.row()
        for text in (N_('Page'), N_('Checked'), N_('Against')):
            head += nodes.entry('', nodes.paragraph('', label(text)))
        tgroup += nodes.thead('', head)
        body = nodes.tbody()
        tgroup += body
        for page in _in_reading_order(env):
            info = env.sdbook_checked.get(page)
            if info is None:
                continue
            row = nodes.row()
            ref = nodes.reference('', '', internal=True, refuri=app.builder.get_relative_uri(docname, page))
            title = env.titles.get(page)
            ref += nodes.Text(title.astext() if title else page)
            row += nodes.entry('', nodes.paragraph('', '', ref))
            row += nodes.entry('', nodes.paragraph('', info['date']))
            row += nodes.entry('', nodes.paragraph('', label('; ').join(info['against'])))
            body += row
        node.replace_self(table)


def _in_reading_order(env: BuildEnvironment) -> list[str]:
    """The pages in the order of the book (the table of contents), then any others."""
    order: list[str] = []

    def walk(doc: str) -> None:
        if doc in order:
            return
        order.append(doc)
        for child in env.toctree_includes.get(doc, []):
            walk(child)

    walk(env.config.root_doc)
    return order + sorted(set(env.sdbook_checked) - set(order))


def init_env(app: Sphinx, env: BuildEnvironment, docnames) -> None:
    if not hasattr(env, 'sdbook_checked'):
        env.sdbook_checked = {}
    if not hasattr(env, 'sdbook_checked_index_docs'):
        env.sdbook_checked_index_docs = set()


def purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    init_env(app, env, [])
    env.sdbook_checked.pop(docname, None)
    env.sdbook_checked_index_docs.discard(docname)


def merge_info(app: Sphinx, env: BuildEnvironment, docnames, other: BuildEnvironment) -> None:
    init_env(app, env, [])
    for docname in docnames:
        if docname in other.sdbook_checked:
            env.sdbook_checked[docname] = other.sdbook_checked[docname]
        if docname in other.sdbook_checked_index_docs:
            env.sdbook_checked_index_docs.add(docname)


def index_always_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    return sorted(env.sdbook_checked_index_docs)  # the table depends on every page


def visit_checked_index(self, node) -> None:
    raise nodes.SkipNode  # replaced before writing; only an unresolved one reaches a writer


def setup(app: Sphinx) -> dict:
    app.setup_extension('sdbook.ext.labels')
    app.setup_extension('sdbook.ext.textnodes')
    app.add_config_value('sdbook_checked_required', False, 'env', types=frozenset({bool}))
    app.add_node(checked_index, html=(visit_checked_index, None), latex=(visit_checked_index, None),
                 text=(visit_checked_index, None))
    line_visitors = (visit_checked_line, depart_checked_line)
    app.add_node(checked_line, html=line_visitors, latex=line_visitors, text=line_visitors, man=line_visitors,
                 texinfo=line_visitors)
    app.add_transform(AddCheckedLine)
    app.add_directive('checked-index', CheckedIndex)
    app.connect('env-before-read-docs', init_env)
    app.connect('env-purge-doc', purge_doc)
    app.connect('env-merge-info', merge_info)
    app.connect('env-get-updated', index_always_updated)
    app.connect('doctree-read', record)
    app.connect('doctree-resolved', fill_index)
    assets.add_stylesheet(app, 'checked.css')
    assets.add_latex_package(app, 'sdbookchecked')
    return {'version': '1.0', 'env_version': 1, 'parallel_read_safe': True, 'parallel_write_safe': True}
