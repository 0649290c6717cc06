"""Generation-parameter cards: an example image's prompt and settings as one block.

The card shows the main settings with labels in the edition's language and the complete
parameters as WebUI infotext in a code block, so its copy button yields text the WebUI's
"read generation parameters" button understands. The caption and the explanation under the
card are translatable; prompts and parameters are not.

When a picture rendered from the card's current parameters exists (``python -m sdbook cards
render``, see sdbook.cardimages for the file names), it is shown beside the card, with the
card's title as its text alternative; otherwise the card stands alone. Every card is recorded
in the environment, which is where the renderer finds the cards of the book.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.transforms.post_transforms.images import ImageConverter
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from sdbook.cardimages import IMAGE_FOLDER, CardRecord, ImageState, card_id, image_state
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
    option_spec = {name: directives.unchanged for name in OPTIONS} | {'id': directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        options = dict(self.options)
        explicit_id = options.pop('id', None)
        title_text = self.arguments[0] if self.arguments else ''
        try:
            params = parse_parameters(options)
            ident = card_id(self.env.docname, title_text, params.prompt, explicit_id)
        except CardError as exc:
            logger.error(f'gencard: {exc}', location=self.get_location(), type='sdbook', subtype='gencard')
            return []
        record = CardRecord(ident, self.env.docname, str(self.env.doc2path(self.env.docname)), self.lineno, title_text, params)
        card = nodes.container(classes=['sdbook-gencard'])
        self.set_source_info(card)
        if self.arguments:
            title = nodes.paragraph(classes=['sdbook-gencard-title'], translatable=False)
            title += nodes.strong('', '', make_text(self, title_text))
            card += title
        folder = Path(self.env.srcdir) / self.config.sdbook_cards_images
        state = image_state(folder, ident, record.digest)
        _cards(self.env).setdefault(self.env.docname, []).append((record, str(folder / record.image_name), state.current is not None))
        image = self.picture(record, state)
        if image is not None:
            card['classes'].append('sdbook-gencard-with-image')
            card += image
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

    def picture(self, record: CardRecord, state: ImageState) -> nodes.Node | None:
        """The card's picture, if one was rendered from exactly these parameters.

        A stale picture (rendered before the parameters changed) is left out with an
        informational message, not a warning: the book builds with warnings as errors, and a
        writer who corrects a card without a GPU to render it again must still be able to
        build. The reader never sees a picture that contradicts its card either way, and
        ``python -m sdbook cards list`` shows every stale picture.
        """
        for path in state.stale:
            logger.info(f'gencard: the picture {path.name} was rendered from other parameters and is not shown; '
                        f'render it again with `python -m sdbook cards render --only {record.ident}`',
                        location=self.get_location(), type='sdbook', subtype='gencard-stale')
        if state.current is None:
            return None
        uri = '/' + Path(self.config.sdbook_cards_images, record.image_name).as_posix()
        # The text alternative is added when the page is written (CardPictureAlt).
        image = nodes.image(uri=uri, classes=['sdbook-gencard-picture'])
        self.set_source_info(image)
        wrapper = nodes.container(classes=['sdbook-gencard-image'])
        wrapper += image
        return wrapper


def _cards(env: BuildEnvironment) -> dict[str, list[tuple[CardRecord, str, bool]]]:
    """Per page: each card, the file its picture would have, and whether the page shows it."""
    if not hasattr(env, 'sdbook_cards'):
        env.sdbook_cards = {}
    return env.sdbook_cards


def book_cards(env: BuildEnvironment) -> list[CardRecord]:
    """Every card of the book, in page order (for the renderer)."""
    return [record for docname in sorted(_cards(env)) for record, _, _ in _cards(env)[docname]]


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _cards(env).pop(docname, None)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    _cards(env).update({name: cards for name, cards in _cards(other).items() if name in docnames})


def _pictures_changed(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]) -> list[str]:
    """Pages whose card picture appeared or disappeared since they were read (a rendered
    picture is a new file, which Sphinx would not otherwise connect to the page)."""
    return [docname for docname, cards in _cards(env).items()
            if docname not in removed and any(Path(path).is_file() != shown for _, path, shown in cards)]


def _check_unique_ids(app: Sphinx, env: BuildEnvironment) -> None:
    seen: dict[str, CardRecord] = {}
    for record in book_cards(env):
        first = seen.setdefault(record.ident, record)
        if first is not record:
            logger.error(f"gencard: the id {record.ident!r} is also the id of the card at {first.location}; "
                         "give one of them its own ':id:'", location=(record.docname, record.line),
                         type='sdbook', subtype='gencard')


class CardPictureAlt(SphinxPostTransform):
    """The picture's text alternative: the card's title in the edition's language, or a label.

    Set when the page is written, not read: an image with an ``alt`` is a message of the
    page's catalog to Sphinx, which would extract the title a second time and mark the
    picture untranslated in the English edition.
    """

    default_priority = 400

    def is_supported(self) -> bool:
        return self.env._builder_cls.name != 'gettext'

    def run(self, **kwargs) -> None:
        for card in self.document.findall(nodes.container):
            if 'sdbook-gencard-with-image' not in card['classes']:
                continue
            titles = [child for child in card.children if 'sdbook-gencard-title' in child.get('classes', ())]
            alt = titles[0].astext() if titles else label('Picture generated from these parameters')
            for image in card.findall(nodes.image):
                image['alt'] = alt


class WebpForLatex(ImageConverter):
    """XeLaTeX cannot include WebP: the PDF gets a JPEG copy of each card picture (Pillow)."""

    conversion_rules = [('image/webp', 'image/jpeg')]

    def match(self, node: nodes.image) -> bool:
        # Image converters run for every builder; browsers and e-readers show WebP as it is.
        return self.env._builder_cls.format == 'latex' and super().match(node)

    def is_available(self) -> bool:
        try:
            import PIL.Image  # noqa: F401
        except ImportError:
            return False
        return True

    def convert(self, _from, _to) -> bool:
        from PIL import Image

        with Image.open(_from) as picture:
            picture.convert('RGB').save(_to, 'JPEG', quality=90)
        return True


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
    app.add_config_value('sdbook_cards_images', IMAGE_FOLDER, 'env', types=frozenset({str}))
    app.add_post_transform(CompactCardFieldsForLatex)
    app.add_post_transform(WebpForLatex)
    app.add_transform(KeepInfotextUntranslated)
    app.add_post_transform(CardPictureAlt)
    app.connect('env-purge-doc', _purge)
    app.connect('env-merge-info', _merge)
    app.connect('env-get-outdated', _pictures_changed)
    app.connect('env-check-consistency', _check_unique_ids)
    return {'version': '1.0', 'parallel_read_safe': True, 'parallel_write_safe': True}
