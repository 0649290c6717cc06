"""Link tables rendered from the book's link data (``source/_data/links/*.yaml``).

``linktable`` shows a selection of records as a table; ``linkindex`` lists every record of
the book by category with the pages that use it. Names, descriptions, notes and category
titles are translatable messages of the page; URLs and ids never are.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from sdbook.ext import assets
from sdbook.ext.labels import N_, label
from sdbook.ext.textnodes import make_text
from sdbook.linkdata import LinkData, LinkRecord, load_link_data

logger = logging.getLogger(__name__)

COLUMNS = ('name', 'description', 'platform', 'lang', 'url', 'note')
DEFAULT_COLUMNS = ('name', 'description', 'platform')
COLUMN_WIDTHS = {'name': 26, 'description': 44, 'platform': 12, 'lang': 8, 'url': 30, 'note': 22, 'uses': 22}

# Platform labels are fixed strings translated through the sdbook catalog.
PLATFORM_LABELS = {
    'website': N_('Website'), 'github': N_('GitHub'), 'gitlab': N_('GitLab'), 'huggingface': N_('Hugging Face'),
    'civitai': N_('Civitai'), 'bilibili': N_('Bilibili'), 'youtube': N_('YouTube'), 'telegram': N_('Telegram'),
    'discord': N_('Discord'), 'qq': N_('QQ'), 'reddit': N_('Reddit'), 'forum': N_('Forum'),
    'google-docs': N_('Google Docs'), 'tencent-docs': N_('Tencent Docs'), 'notion': N_('Notion'),
    'rentry': N_('Rentry'), 'yuque': N_('Yuque'), 'arxiv': N_('arXiv'), 'wiki': N_('Wiki'), 'blog': N_('Blog'),
}
LANGUAGE_LABELS = {'zh': N_('Chinese'), 'en': N_('English'), 'ja': N_('Japanese'), 'ko': N_('Korean'), 'multi': N_('Multilingual')}
HEADER_LABELS = {
    'name': N_('Name'), 'description': N_('Description'), 'platform': N_('Platform'), 'lang': N_('Language'),
    'url': N_('Address'), 'note': N_('Note'), 'uses': N_('Used on'),
}


# -- Nodes ---------------------------------------------------------------------------


class external_link(nodes.reference):
    """A link that leaves the book: opened without referrer or opener access."""


class link_uses(nodes.Inline, nodes.Element):
    """Placeholder for the list of pages using a record, filled when the index is resolved."""


def visit_external_link_html(self, node: external_link) -> None:
    attrs = {
        'href': node['refuri'],
        'class': 'reference external sdbook-external',
        'rel': 'noopener noreferrer',
    }
    if node.get('reftitle'):
        attrs['title'] = node['reftitle']
    if node.get('hreflang'):
        attrs['hreflang'] = node['hreflang']
    self.body.append(self.starttag(node, 'a', '', **attrs))


def depart_external_link_html(self, node: external_link) -> None:
    self.body.append('</a>')


def _visit_as_reference(self, node):
    self.visit_reference(node)


def _depart_as_reference(self, node):
    self.depart_reference(node)


# -- Loading -------------------------------------------------------------------------


def data_dir(env: BuildEnvironment) -> Path:
    return Path(env.srcdir) / env.config.sdbook_links_dir


def load_data(app: Sphinx) -> None:
    """Read the link data once per build and report every problem with its file and line."""
    root = Path(app.confdir)
    data = load_link_data(data_dir(app.env), display_root=root)
    for problem in data.problems:
        logger.error(problem.message, location=f'{problem.path}:{problem.line}',
                     type='sdbook', subtype='linkdata')
    app.env.sdbook_link_data = data
    init_env(app, app.env, [])


def get_data(env: BuildEnvironment) -> LinkData:
    return env.sdbook_link_data


# -- Rendering -----------------------------------------------------------------------


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or '').split(',') if v.strip()]


class LinkTableBuilder:
    """Builds the docutils table for a list of records inside one directive."""

    def __init__(self, directive: SphinxDirective, columns: list[str]):
        self.directive = directive
        self.columns = columns

    def table(self, records: list[LinkRecord], caption: str | None, classes=()) -> nodes.table:
        # 'colwidths-given' is a class: the HTML and LaTeX writers look for it there.
        table = nodes.table(classes=['sdbook-linktable', 'longtable', 'colwidths-given', *classes])
        self.directive.set_source_info(table)
        if caption:
            title = nodes.title('', '', translatable=False)
            title += make_text(self.directive, caption)
            self.directive.set_source_info(title)
            table += title
        tgroup = nodes.tgroup(cols=len(self.columns))
        table += tgroup
        for column in self.columns:
            tgroup += nodes.colspec(colwidth=COLUMN_WIDTHS[column])
        thead = nodes.thead()
        tgroup += thead
        header = nodes.row()
        for column in self.columns:
            header += nodes.entry('', nodes.paragraph('', label(HEADER_LABELS[column]), translatable=False))
        thead += header
        tbody = nodes.tbody()
        tgroup += tbody
        # A record listed twice on one page (a short list, then its full category) keeps its
        # anchor on the first row only: ids must be unique within the page.
        anchored = self.directive.env.temp_data.setdefault('sdbook_link_anchors', set())
        for record in records:
            row_id = f'link-{record.id}'
            row = nodes.row(ids=[] if row_id in anchored else [row_id])
            anchored.add(row_id)
            for column in self.columns:
                row += nodes.entry('', *getattr(self, f'cell_{column}')(record))
            tbody += row
        return table

    @staticmethod
    def _para(*children) -> nodes.paragraph:
        # No source info on purpose: only the sdbook_text inside is a message, not the cell.
        return nodes.paragraph('', '', *children, translatable=False)

    def cell_name(self, record: LinkRecord) -> list[nodes.Node]:
        name = make_text(self.directive, record.name)
        if record.status == 'dead':
            link = nodes.inline('', '', name, classes=['sdbook-dead-link'])
        else:
            link = external_link('', '', name, refuri=record.url, reftitle=record.url)
        para = self._para(link)
        if record.status != 'ok':
            status = N_('link dead') if record.status == 'dead' else N_('moved')
            para += nodes.Text(' ')
            para += nodes.inline('', label(status), classes=['sdbook-link-status', f'sdbook-status-{record.status}'])
        if record.archive:
            para += nodes.Text(' ')
            para += external_link('', label('archived copy'), refuri=record.archive,
                                  reftitle=record.archive, classes=['sdbook-archive'])
        return [para]

    def cell_description(self, record: LinkRecord) -> list[nodes.Node]:
        return [self._para(make_text(self.directive, record.description))]

    def cell_note(self, record: LinkRecord) -> list[nodes.Node]:
        return [self._para(make_text(self.directive, record.note))] if record.note else []

    def cell_platform(self, record: LinkRecord) -> list[nodes.Node]:
        text = label(PLATFORM_LABELS[record.platform])
        return [self._para(nodes.inline('', text, classes=['sdbook-platform', f'sdbook-platform-{record.platform}']))]

    def cell_lang(self, record: LinkRecord) -> list[nodes.Node]:
        return [self._para(nodes.Text(label(LANGUAGE_LABELS[record.lang])))] if record.lang else []

    def cell_url(self, record: LinkRecord) -> list[nodes.Node]:
        return [self._para(nodes.literal('', record.url, classes=['sdbook-url']))]

    def cell_uses(self, record: LinkRecord) -> list[nodes.Node]:
        return [self._para(link_uses(record_id=record.id))]


class LinkTable(SphinxDirective):
    """Render the selected link records as a table."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = False
    option_spec = {
        'category': directives.unchanged,
        'tag': directives.unchanged,
        'ids': directives.unchanged,
        'file': directives.unchanged,
        'columns': directives.unchanged,
        'class': directives.class_option,
    }

    def fail(self, message: str) -> list[nodes.Node]:
        logger.error(message, location=self.get_location(), type='sdbook', subtype='linktable')
        return []

    def run(self) -> list[nodes.Node]:
        data = get_data(self.env)
        columns = _split(self.options.get('columns')) or list(DEFAULT_COLUMNS)
        unknown = [c for c in columns if c not in COLUMNS]
        if unknown:
            return self.fail(f"linktable: unknown column {unknown[0]!r}; expected some of: {', '.join(COLUMNS)}")
        ids = _split(self.options.get('ids'))
        categories = _split(self.options.get('category'))
        tags = _split(self.options.get('tag'))
        files = _split(self.options.get('file'))
        if not (ids or categories or tags or files):
            return self.fail('linktable: choose records with :ids:, :category:, :tag: or :file:')
        for file in files:
            self.env.note_dependency(str(data_dir(self.env) / f'{file}.yaml'))
        for file in files:
            if file in data.broken_files:
                return self.fail(f'linktable: the data file {file!r} has errors (reported above); no table is rendered')
            if not (data_dir(self.env) / f'{file}.yaml').is_file():
                return self.fail(f'linktable: unknown data file {file!r}')
        for rid in ids:
            if rid not in data.records:
                return self.fail(f'linktable: unknown link id {rid!r}' + self._broken_hint(data))
        for category in categories:
            if category not in data.categories:
                return self.fail(f'linktable: unknown category {category!r}' + self._broken_hint(data))
        records = data.select(ids=ids, categories=categories, tags=tags, files=files)
        if not records:
            return self.fail('linktable: the selection matches no link record')
        for path in sorted({str(data.root / r.path) for r in records}):
            self.env.note_dependency(path)
        for category in categories:
            self.env.note_dependency(str(data.root / data.categories[category].path))
        uses = self.env.sdbook_link_uses.setdefault(self.env.docname, set())
        uses.update(r.id for r in records)
        caption = self.arguments[0] if self.arguments else None
        builder = LinkTableBuilder(self, columns)
        return [builder.table(records, caption, self.options.get('class', []))]

    @staticmethod
    def _broken_hint(data: LinkData) -> str:
        if data.broken_files:
            return f" (data files with errors: {', '.join(sorted(data.broken_files))})"
        return ''


class LinkIndex(SphinxDirective):
    """Every link record of the book, grouped by category, with the pages that use it."""

    has_content = False
    option_spec = {'columns': directives.unchanged}

    def run(self) -> list[nodes.Node]:
        data = get_data(self.env)
        for path in data.files:
            self.env.note_dependency(str(path))
        columns = _split(self.options.get('columns')) or ['name', 'description', 'platform']
        unknown = [c for c in columns if c not in COLUMNS]
        if unknown:
            logger.error(f'linkindex: unknown column {unknown[0]!r}', location=self.get_location(),
                         type='sdbook', subtype='linktable')
            return []
        self.env.sdbook_link_index_docs.add(self.env.docname)
        builder = LinkTableBuilder(self, [*columns, 'uses'])
        result: list[nodes.Node] = []
        for category in data.categories.values():
            records = [r for r in data.records.values() if r.category == category.id]
            if not records:
                continue
            section = nodes.section(ids=[f'links-{category.id}'])
            self.set_source_info(section)
            title = nodes.title('', '', translatable=False)
            self.set_source_info(title)
            title += make_text(self, category.title)
            section += title
            section += builder.table(records, None)
            result.append(section)
        return result


# -- Environment bookkeeping ---------------------------------------------------------


def init_env(app: Sphinx, env: BuildEnvironment, docnames) -> None:
    if not hasattr(env, 'sdbook_link_uses'):
        env.sdbook_link_uses = {}
    if not hasattr(env, 'sdbook_link_index_docs'):
        env.sdbook_link_index_docs = set()


def purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    env.sdbook_link_uses.pop(docname, None)
    env.sdbook_link_index_docs.discard(docname)


def merge_info(app: Sphinx, env: BuildEnvironment, docnames, other: BuildEnvironment) -> None:
    for docname in docnames:
        if docname in other.sdbook_link_uses:
            env.sdbook_link_uses[docname] = other.sdbook_link_uses[docname]
        if docname in other.sdbook_link_index_docs:
            env.sdbook_link_index_docs.add(docname)


def index_always_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    # The "used on" column depends on every page: rewrite the index pages on each build.
    return sorted(env.sdbook_link_index_docs)


def fill_uses(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    env = app.env
    users: dict[str, list[str]] = {}
    for user, ids in sorted(env.sdbook_link_uses.items()):
        for rid in ids:
            users.setdefault(rid, []).append(user)
    for node in list(doctree.findall(link_uses)):
        replacement: list[nodes.Node] = []
        for user in users.get(node['record_id'], []):
            if replacement:
                replacement.append(nodes.Text(label(', ')))
            ref = nodes.reference('', '', internal=True)
            ref['refuri'] = app.builder.get_relative_uri(docname, user)
            title = env.titles.get(user)
            ref += nodes.Text(title.astext() if title else user)
            replacement.append(ref)
        if not replacement:
            replacement.append(nodes.Text('—'))
        node.replace_self(replacement)


def setup(app: Sphinx) -> dict:
    app.setup_extension('sdbook.ext.labels')
    app.setup_extension('sdbook.ext.textnodes')
    app.add_config_value('sdbook_links_dir', '_data/links', 'env', types=frozenset({str}))
    assets.add_stylesheet(app, 'links.css')
    app.add_node(
        external_link,
        html=(visit_external_link_html, depart_external_link_html),
        latex=(_visit_as_reference, _depart_as_reference),
        text=(_visit_as_reference, _depart_as_reference),
        man=(_visit_as_reference, _depart_as_reference),
        texinfo=(_visit_as_reference, _depart_as_reference),
    )
    app.add_node(link_uses)
    app.add_directive('linktable', LinkTable)
    app.add_directive('linkindex', LinkIndex)
    app.connect('builder-inited', load_data)
    app.connect('env-before-read-docs', init_env)
    app.connect('env-purge-doc', purge_doc)
    app.connect('env-merge-info', merge_info)
    app.connect('env-get-updated', index_always_updated)
    app.connect('doctree-resolved', fill_uses)
    return {'version': '1.0', 'env_version': 1, 'parallel_read_safe': True, 'parallel_write_safe': True}
