"""Show readers of a translated edition how complete each page is.

A page whose catalog is not fully translated opens with a notice: the share translated,
that the rest shows the source text, and where to help. Every passage still in the source
language is marked (a class for the stylesheet, and ``lang`` for screen readers). Fully
translated pages show nothing.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po
from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util.nodes import extract_messages

from sdbook.catalogs import translations
from sdbook.cjk import count_words
from sdbook.ext import assets
from sdbook.ext.labels import label

UNTRANSLATED_CLASSES = ('sdbook-untranslated',)


def catalog_path(env, docname: str) -> Path | None:
    for directory in env.config.locale_dirs:
        path = Path(env.srcdir, directory, env.config.language, 'LC_MESSAGES', f'{docname}.po')
        if path.is_file():
            return path
    return None


def translated_ids(path: Path) -> set[str]:
    with path.open('rb') as handle:  # one pass: the tools' reader (sphinx-intl's) takes two
        return set(translations(read_po(handle)))


def _in_front_matter(node: nodes.Node) -> bool:
    """MyST reads a page's front matter into a field list (later, docinfo) at the top of the document."""
    while node is not None:
        if isinstance(node, nodes.docinfo) or (isinstance(node, nodes.field_list) and isinstance(node.parent, nodes.document)):
            return True
        node = node.parent
    return False


class RememberImageAlt(SphinxTransform):
    """Keep each image's source ``:alt:``: Sphinx's Locale transform replaces the text itself and
    leaves no mark, so afterwards a translated alt would look like a message missing from the catalog."""

    default_priority = 19  # just before Locale (20)

    def apply(self, **kwargs) -> None:
        for image in self.document.findall(nodes.image):
            if image.get('alt'):
                image['sdbook_source_alt'] = image['alt']


class MarkTranslationState(SphinxTransform):
    """After the Locale transform: mark untranslated passages and add the page notice."""

    default_priority = 25

    def apply(self, **kwargs) -> None:
        config = self.config
        if config.language == config.sdbook_source_language or self.env._builder_cls.name == 'gettext':
            return
        docname = self.env.current_document.docname
        path = catalog_path(self.env, docname)
        source_lang = config.sdbook_source_language.replace('_', '-')
        done = translated_ids(path) if path else set()
        messages: dict[str, bool] = {}
        for node, message in extract_messages(self.document):
            if _in_front_matter(node):
                continue  # page metadata, never a message of the catalog
            if isinstance(node, nodes.image) and message == node.get('alt'):
                message = node.get('sdbook_source_alt', message)
            translated = message in done
            messages[message] = messages.get(message, True) and translated
            if node.get('translated') is False and not translated:
                node['classes'].extend([*UNTRANSLATED_CLASSES, f'language-{source_lang}'])
        # Measured on the page itself: a catalog that lacks new messages is not complete.
        total = sum(count_words(m) for m in messages) or 1
        missing = sum(count_words(m) for m, ok in messages.items() if not ok)
        if missing or any(not ok for ok in messages.values()):
            self.add_notice(docname, (total - missing) * 100 // total)

    def add_notice(self, docname: str, percent: int) -> None:
        notice = nodes.admonition(classes=['sdbook-translation-notice'])
        notice += nodes.title('', label('This page is not fully translated yet'))
        notice += nodes.paragraph('', label('{percent}% of this page is translated. Passages still in the original '
                                            'Chinese are highlighted.').format(percent=percent))
        help_para = nodes.paragraph('', label('You can help: translate the rest in this page\'s catalog, '))
        repo = self.config.sdbook_repo_url.rstrip('/')
        po = f'locale/{self.config.language}/LC_MESSAGES/{docname}.po'
        help_para += nodes.reference('', po, refuri=f'{repo}/blob/{self.config.sdbook_repo_branch}/{po}')
        help_para += nodes.Text(label(', as the contributing guide explains: '))
        xref = addnodes.pending_xref('', refdomain='std', reftype='ref', reftarget='start-contributing',
                                     refexplicit=False, refwarn=False)
        xref += nodes.inline('', 'start-contributing')
        help_para += xref
        help_para += nodes.Text('.')
        notice += help_para
        for para in notice.findall(nodes.TextElement):
            para['translatable'] = False
        section = next(iter(self.document.findall(nodes.section)), None)
        if section is None:
            self.document.insert(0, notice)
            return
        position = 1 if section.children and isinstance(section[0], nodes.title) else 0
        section.insert(position, notice)


def setup(app: Sphinx) -> dict:
    app.setup_extension('sdbook.ext.labels')
    app.setup_extension('sdbook.ext.textnodes')
    # Both reach the doctrees (the notice links the page's catalog): a change rereads every page.
    app.add_config_value('sdbook_repo_url', '', 'env', types=frozenset({str}))
    app.add_config_value('sdbook_repo_branch', 'main', 'env', types=frozenset({str}))
    app.add_transform(RememberImageAlt)
    app.add_transform(MarkTranslationState)
    assets.add_stylesheet(app, 'translation.css')
    return {'version': '1.0', 'parallel_read_safe': True, 'parallel_write_safe': True}
