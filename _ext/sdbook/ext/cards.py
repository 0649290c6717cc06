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
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from sdbook.ext import assets
from sdbook.ext.labels import N_, label
from sdbook.ext.textnodes import make_text
from sdbook.infotext import OPTIONS, CardError, parse_parameters

logger = logging.getLogger(__name__)

# Settings shown as labelled fields above the infotext, in reading order.
SHOWN_FIELDS = {
    'model': N_('Model'),
    'size': N_('Size'),
    'sampler': N_('Sampler'),
    'schedule': N_('Schedule type'),
    'steps': N_('Steps'),
    'cfg': N_('CFG scale'),
    'seed': N_('Seed'),
    'clip-skip': N_('Clip skip'),
    'denoising': N_('Denoising strength'),
    'hires-upscale': N_('Hires upscale'),
    'hires-upscaler': N_('Hires upscaler'),
    'hires-steps': N_('Hires steps'),
    'vae': N_('VAE'),
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


class KeepInfotextUntranslated(SphinxTransform):
    """Keep the infotext out of the catalogs, even when code blocks are translation targets.

    ``gettext_additional_targets = ['literal-block']`` marks every literal block translatable
    (ExtraTranslatableNodes, priority 10); the infotext is data the WebUI reads back, so it is
    unmarked again before messages are extracted or translated (Locale, priority 20).
    """

    default_priority = 15

    def apply(self, **kwargs) -> None:
        for node in self.document.findall(nodes.literal_block):
            if node.get('sdbook_gencard'):
                node['translatable'] = False


class CompactCardFieldsForLatex(SphinxPostTransform):
    """In the PDF a card's settings run on one paragraph; a list of fields would fill a page."""

    default_priority = 400
    formats = ('latex',)

    def run(self, **kwargs) -> None:
        for card in self.document.findall(nodes.container):
            if 'sdbook-gencard' not in card['classes']:
                continue
            for fields in list(card.findall(nodes.field_list)):
                line = nodes.paragraph(classes=['sdbook-gencard-fields'])
                for field in fields.findall(nodes.field):
                    if len(line):
                        line += nodes.Text('  |  ')
                    line += nodes.strong('', field[0].astext())
                    line += nodes.Text(' ')
                    line += field[1].deepcopy().children[0].children
                fields.replace_self(line)


def setup(app: Sphinx) -> dict:
    app.setup_extension('sdbook.ext.labels')
    app.setup_extension('sdbook.ext.textnodes')
    app.add_directive('gencard', GenCard)
    assets.add_stylesheet(app, 'cards.css')
    app.add_post_transform(CompactCardFieldsForLatex)
    app.add_transform(KeepInfotextUntranslated)
    return {'version': '1.0', 'parallel_read_safe': True, 'parallel_write_safe': True}
