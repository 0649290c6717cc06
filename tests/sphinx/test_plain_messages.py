"""Plain translated messages skip MyST's parser (sdbook.ext.plainmessages): the result must be
exactly what MyST makes of them, node by node, attribute by attribute, side effects included."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import docutils.utils
import pytest
from babel.messages.pofile import read_po
from myst_parser.parsers.sphinx_ import MystParser
from sphinx.testing.util import SphinxTestApp

from sdbook.build import MYST_SETTINGS
from sdbook.ext.plainmessages import is_plain, parse_plain

ROOT = Path(__file__).resolve().parents[2]
ROOTS = ROOT / 'tests' / 'roots'

# Each passes the check, so each is made without the parser: near misses of Markdown syntax.
PLAIN = [
    'Home', 'See the website.', '1.5 GB of VRAM (or more): enough!', '2024 was the year', '10)not a list',
    'a - b + c = d', 'a # b', 'C# and F#', '50% off', 'user@example.org', 'x^2', 'https://example.org/page',
    'Say "hi" — it\'s fine', 'a > b', 'a: b', 'The end::', 'Ctrl+C / Ctrl+V', '全角（括号）与 CJK 文字',
    'tab\u3000ideographic space inside', 'non\u00a0breaking', 'a !important note', '...', 'v1.0', '1.5',
]
# Each fails the check: with these the parser runs.
NOT_PLAIN = [
    '', ' leading', 'trailing ', '# Title', '- item', '+ item', '* item', '1. item', '3) item', '1.', '#hashtag', '> quote',
    '`code`', '**bold**', '_em_', '[link](x)', '{kbd}`C`', '<b>', 'a &amp; b', 'two\nlines', '(target)=',
    '% comment', ':::', '---', '~~~', '| a | b |', 'back\\slash', 'a_b', '$x$', '![alt](x.png)',
]


def dump(node) -> object:
    """Everything a node holds: its class, attributes, source, line, raw source and children."""
    if isinstance(node, str):  # a Text node
        return ('Text', str(node), node.source, node.line)
    return (type(node).__name__, sorted(node.attributes.items()), node.source, node.line, node.rawsource,
            [dump(child) for child in node.children])


def outcome(document, env) -> object:
    """The document and what the parse leaves elsewhere: settings, substitutions, page metadata."""
    settings = document.settings
    return (dump(document), document.current_line, getattr(document, 'myst_slugs', None),
            sorted((k, dump(v)) for k, v in document.substitution_defs.items()), sorted(document.substitution_names.items()),
            settings.myst_heading_anchors_html_ids, settings.myst_footnote_transition, settings.myst_footnote_sort,
            env.metadata.get(env.docname, {}).get('wordcount'))


@pytest.fixture(scope='module')
def myst(tmp_path_factory):
    """A parse of one message as Sphinx's i18n transform does it, both ways."""
    src = tmp_path_factory.mktemp('plain') / 'intl'
    shutil.copytree(ROOTS / 'test-intl', src)
    app = SphinxTestApp('html', srcdir=src, confoverrides={
        'language': 'en', 'extensions': ['myst_parser', 'sdbook.ext.mystcache'], **MYST_SETTINGS})
    app.build()
    app.cleanup()  # only its environment is needed: the node classes go back as they were
    env = app.env
    env.current_document.docname = 'index'
    settings = docutils.frontend.get_default_settings(MystParser)
    settings.env = env

    def parse(text: str, plain: bool):
        env.metadata['index'].pop('wordcount', None)
        document = docutils.utils.new_document('index.md:1:<translated>', settings)
        if plain:
            parse_plain(text, document, env.myst_config)
        else:
            MystParser().parse(text, document)  # myst-parser's own parser, as Sphinx would run it
        return outcome(document, env)

    parse.config = env.myst_config
    return parse


@pytest.mark.parametrize('text', PLAIN)
def test_a_plain_message_is_made_as_myst_makes_it(myst, text):
    assert is_plain(text, myst.config)
    assert myst(text, plain=True) == myst(text, plain=False)


@pytest.mark.parametrize('text', NOT_PLAIN)
def test_a_message_with_syntax_goes_to_the_parser(myst, text):
    assert not is_plain(text, myst.config)


def test_every_plain_message_of_the_book_is_made_as_myst_makes_it(myst):
    texts = []
    for path in sorted((ROOT / 'locale' / 'en' / 'LC_MESSAGES').rglob('*.po')):
        with path.open('rb') as handle:
            texts += [m.string for m in read_po(handle) if m.id and isinstance(m.string, str) and is_plain(m.string, myst.config)]
    assert len(texts) > 1000  # most of the book's messages
    assert [t for t in texts if myst(t, plain=True) != myst(t, plain=False)] == []


def _build(make_app, tmp_path: Path, plain: bool) -> tuple[dict[str, bytes], dict]:
    src = tmp_path / f'intl-{plain}'
    shutil.copytree(ROOTS / 'test-intl', src)
    app = make_app('html', srcdir=src, confoverrides={
        'language': 'en', 'sdbook_plain_messages': plain,
        'extensions': ['myst_parser', 'sdbook.ext.translation', 'sdbook.ext.mystcache'], **MYST_SETTINGS})
    app.build()
    assert app.warning.getvalue() == ''
    out = Path(app.outdir)
    pages = {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob('*.html'))}
    metadata = {name: dict(meta) for name, meta in app.env.metadata.items()}
    app.cleanup()
    return pages, metadata


def test_a_translated_book_is_the_same_with_and_without_plain_messages(make_app, tmp_path):
    with_parser, meta_parser = _build(make_app, tmp_path, plain=False)
    without, meta_plain = _build(make_app, tmp_path, plain=True)
    assert sorted(without) == sorted(with_parser)
    assert [name for name in with_parser if without[name] != with_parser[name]] == []
    assert meta_plain == meta_parser


@pytest.mark.parametrize('extension', ['linkify', 'replacements', 'smartquotes'])
def test_extensions_that_change_plain_text_send_every_message_to_the_parser(myst, extension):
    config = dataclasses.replace(myst.config, enable_extensions={*myst.config.enable_extensions, extension})
    assert is_plain('See https://example.org -- "quoted"', myst.config)
    assert not is_plain('See https://example.org -- "quoted"', config)
