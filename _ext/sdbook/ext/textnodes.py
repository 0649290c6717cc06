"""A translatable piece of plain text for nodes the book's directives generate.

Names and descriptions from data files must reach the catalogs one message each, and a
translation must stay plain text: it is never parsed as markup, so a ``.po`` file cannot
inject HTML or roles into a table. After translation the node becomes an ordinary inline
(or its bare text), so every builder renders it without special visitors.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from sdbook.editions import SOURCE_LANGUAGE


class sdbook_text(nodes.inline, addnodes.translatable):
    """Inline plain text that is one message in the page's catalog."""

    def preserve_original_messages(self) -> None:
        self['sdbook_original'] = self.astext()

    def apply_translated_message(self, original_message: str, translated_message: str) -> None:
        self.clear()
        self += nodes.Text(translated_message)
        self['translated'] = True
        _keep_dashes(self)

    def extract_original_messages(self) -> list[str]:
        return [self.get('sdbook_original', self.astext())]


def _keep_dashes(node: sdbook_text) -> None:
    """Data texts name options (``--save_state``): smart quotes would print them with an en dash."""
    if '--' in node.astext():
        node['support_smartquotes'] = False


def make_text(directive, text: str, *, classes: tuple[str, ...] = ()) -> sdbook_text:
    """A translatable text node carrying the directive's source location."""
    node = sdbook_text(text, text, classes=list(classes))
    _keep_dashes(node)
    directive.set_source_info(node)
    return node


class InheritSourceInfo(SphinxTransform):
    """Give source info to text blocks nested parsers left without it.

    Tables inside sphinx-design tab items (and similar nested content) come out of the parser
    with no ``source``; Sphinx then silently leaves them out of the catalogs, and the English
    edition shows them in Chinese. They take their location from the nearest ancestor.
    Nodes a directive marks ``translatable=False`` stay out.
    """

    default_priority = 5  # before Locale (20) and message extraction

    def apply(self, **kwargs) -> None:
        for node in self.document.findall(nodes.TextElement):
            if node.source or isinstance(node, nodes.Inline) or node.get('translatable', True) is False:
                continue
            if not isinstance(node.parent, nodes.entry):
                continue  # only table cells are known to lose their source
            parent = node.parent
            while parent is not None and not parent.source:
                parent = parent.parent
            if parent is not None:
                node.source, node.line = parent.source, parent.line


class ResolveTranslatableText(SphinxPostTransform):
    """Turn ``sdbook_text`` into plain inlines once translation is done.

    Skipped for the gettext builder, which extracts the messages from the resolved doctree.
    Classes set on the node (such as the untranslated marking) are kept on the inline.
    """

    default_priority = 5

    def is_supported(self) -> bool:
        return self.env._builder_cls.name != 'gettext'

    def run(self, **kwargs) -> None:
        for node in list(self.document.findall(sdbook_text)):
            classes = list(node['classes'])
            if classes:
                node.replace_self(nodes.inline('', '', *node.children, classes=classes))
            else:
                node.replace_self(node.children)


def setup(app: Sphinx) -> dict:
    app.add_config_value('sdbook_source_language', SOURCE_LANGUAGE, 'env', types=frozenset({str}))
    app.add_node(sdbook_text)
    app.add_transform(InheritSourceInfo)
    app.add_post_transform(ResolveTranslatableText)
    return {'version': '1.0', 'parallel_read_safe': True, 'parallel_write_safe': True}
