"""Generation-parameter cards: an example image's prompt and settings as one block.

The card shows the main settings with labels in the edition's language and the complete
parameters as WebUI infotext in a code block, so its copy button yields text the WebUI's
"read generation parameters" button understands. The caption and the explanation under the
card are translatable; prompts and parameters are not.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from infotext import OPTIONS, CardError, parse_parameters
from sdbook_i18n import label
from sdbook_text import make_text

logger = logging.getLogger(__name__)

# Settings shown as labelled fields above the infotext, in reading order.
SHOWN_FIELDS = {
    'model': 'Model',
    'size': 'Size',
    'sampler': 'Sampler',
    'schedule': 'Schedule type',
    'steps': 'Steps',
    'cfg': 'CFG scale',
    'seed': 'Seed',
    'clip-skip': 'Clip skip',
    'denoising': 'Denoising strength',
    'hires-upscale': 'Hires upscale',
    'hires-upscaler': 'Hires upscaler',
    'hires-steps': 'Hires steps',
    'vae': 'VAE',
}


class GenCard(SphinxDirective):
    """``gencard``: one example generation, checked and rendered as a card."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = {name: directives.unchanged for name in OPTIONS}

    def run(self) -> list[nodes.Node]:
        try:
            params = parse_parameters(self.options)
        except CardError as exc:
            logger.error(f'gencard: {exc}', location=self.get_location(), type='sdbook', subtype='gencard')
            return []
        card = nodes.container(classes=['sdbook-gencard'])
        self.set_source_info(card)
        if self.arguments:
            title = nodes.paragraph(classes=['sdbook-gencard-title'], translatable=False)
            title += nodes.strong('', '', make_text(self, self.arguments[0]))
            card += title
        fields = nodes.field_list(classes=['sdbook-gencard-fields'])
        for name, text in SHOWN_FIELDS.items():
            value = params.value(name)
            if value is None:
                continue
            fields += nodes.field(
                '',
                nodes.field_name('', label(text), translatable=False),
                nodes.field_body('', nodes.paragraph('', '', nodes.literal(value, value), translatable=False)),
            )
        card += fields
        hint = nodes.paragraph(classes=['sdbook-gencard-hint'], translatable=False)
        hint += nodes.Text(label('Prompt and parameters (paste into the WebUI prompt box, then press "Read generation parameters"):'))
        card += hint
        infotext = params.infotext()
        block = nodes.literal_block(infotext, infotext, language='text', classes=['sdbook-infotext'])
        block['sdbook_gencard'] = True
        card += block
        if self.content:
            card += self.parse_content_to_nodes()
        return [card]


def setup(app: Sphinx) -> dict:
    app.setup_extension('sdbook_i18n')
    app.setup_extension('sdbook_text')
    app.add_directive('gencard', GenCard)
    return {'version': '1.0', 'parallel_read_safe': True, 'parallel_write_safe': True}
