"""PDF-only adjustments: print emoji (the WebUI's 🎲 ♻️ buttons and the like) in a font that has them.

The book's text fonts have no emoji, and XeTeX would drop them silently; each one is wrapped
in ``\\sdbookemoji`` (defined in ``latex/sdbookemoji.sty``), and the invisible emoji variation
selector is removed. Code blocks are left alone: they are printed verbatim.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from sdbook.ext import assets

EMOJI = re.compile('([\U0001F300-\U0001FAFF\u2600-\u27BF\u2B50\u2B55])\uFE0F?')


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
    app.add_post_transform(WrapEmojiForLatex)
    assets.add_latex_package(app, 'sdbookemoji')
    assets.add_latex_package(app, 'sdbookbreaks')
    return {'version': '1.0', 'parallel_read_safe': True, 'parallel_write_safe': True}
