"""PDF-only adjustments.

A part's pages are sections of its chapter: the toctree that ends a part's index page sits, in
the document tree, inside the index page's last section, so the PDF would number the pages one
level down, under that section (2.4.1 instead of 2.5). It is moved up to the chapter's level.

Emoji (the WebUI's 🎲 ♻️ buttons and the like) are printed in a font that has them.

The book's text fonts have no emoji, and XeTeX would drop them silently; each one is wrapped
in ``\\sdbookemoji`` (defined in ``latex/sdbookemoji.sty``), and the invisible emoji variation
selector is removed. Code blocks are left alone: they are printed verbatim.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from sdbook.ext import assets

EMOJI = re.compile('([\U0001F300-\U0001FAFF\u2600-\u27BF\u2B50\u2B55])\uFE0F?')


# What may follow a toctree at the end of a page without being text of its last section.
NOT_TEXT = (nodes.target, nodes.footnote, nodes.comment, nodes.substitution_definition)


class LiftPartToctrees(SphinxPostTransform):
    default_priority = 5
    formats = ('latex',)

    def run(self, **kwargs) -> None:
        for wrapper in list(self.document.findall(nodes.compound)):
            if 'toctree-wrapper' not in wrapper['classes'] or not any(
                    isinstance(child, addnodes.start_of_file) for child in wrapper.children):
                continue
            chapter = _page_section(wrapper)
            if chapter is None or wrapper.parent is chapter or not _ends(wrapper, chapter):
                continue
            wrapper.parent.remove(wrapper)
            chapter.append(wrapper)


def _page_section(node: nodes.Node) -> nodes.section | None:
    """The outermost section of the page the node is on (the page's title)."""
    outermost = None
    parent = node.parent
    while parent is not None and not isinstance(parent, (addnodes.start_of_file, nodes.document)):
        if isinstance(parent, nodes.section):
            outermost = parent
        parent = parent.parent
    return outermost


def _ends(node: nodes.Node, section: nodes.section) -> bool:
    """Whether nothing but targets, footnotes and comments follows the node up to the section's end:
    only then does moving it change no order of text."""
    while node is not section:
        siblings = node.parent.children
        if not all(isinstance(after, NOT_TEXT) for after in siblings[siblings.index(node) + 1:]):
            return False
        node = node.parent
    return True


class WrapEmojiForLatex(SphinxPostTransform):
    default_priority = 400
    formats = ('latex',)

    def run(self, **kwargs) -> None:
        for text in list(self.document.findall(nodes.Text)):
            parent = text.parent
            if parent is None or isinstance(parent, (nodes.literal_block, nodes.raw)):
                continue
            value = str(text)
            if not EMOJI.search(value):
                continue
            pieces: list[nodes.Node] = []
            for i, part in enumerate(EMOJI.split(value)):
                if i % 2:
                    pieces.append(nodes.raw('', rf'\sdbookemoji{{{part}}}', format='latex'))
                elif part:
                    pieces.append(nodes.Text(part))
            parent.replace(text, pieces)


def setup(app: Sphinx) -> dict:
    app.add_post_transform(LiftPartToctrees)
    app.add_post_transform(WrapEmojiForLatex)
    assets.add_latex_package(app, 'sdbookemoji')
    assets.add_latex_package(app, 'sdbookbreaks')
    return {'version': '1.0', 'parallel_read_safe': True, 'parallel_write_safe': True}
