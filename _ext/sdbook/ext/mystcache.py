"""Parse MyST once per build, not once per translated message.

Sphinx's i18n transform parses every translated message as a small document of its own (in
the English edition about 13,500 of them). myst-parser then pays a whole parser's setup for
each: a new markdown-it parser with all its plugins (``create_md_parser``), and docutils'
default settings, built from a fresh ``OptionParser`` (``get_default_settings``), which the
renderer computes as the default of ``options.get('document', make_document())`` even when a
document is given. Together that was 24 s of a 60 s English build (bench/README.md).

This extension registers a MyST parser that keeps one markdown-it parser per MyST
configuration and a renderer that makes a document only when none is given. The output is the
same (tests/sphinx/test_mystcache.py builds a book both ways and compares every byte). Messages
without Markdown syntax skip the parser altogether (``sdbook.ext.plainmessages``). The
upstream fix is two lines in myst-parser: evaluate the default document lazily in
``DocutilsRenderer.setup_render``, and keep the markdown-it parser in ``MystParser``.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.parsers.rst.languages import get_language as get_language_rst
from markdown_it import MarkdownIt
from myst_parser.config.main import MdParserConfig, TopmatterReadError, read_topmatter
from myst_parser.mdit_to_docutils.base import make_document
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.mdit import create_md_parser
from myst_parser.parsers.sphinx_ import MystParser
from sphinx.application import Sphinx

from sdbook.ext.plainmessages import is_plain, parse_plain


class LazyDocumentRenderer(SphinxRenderer):
    """MyST's Sphinx renderer, making a default document only when it is needed."""

    def setup_render(self, options: dict[str, Any], env) -> None:
        self.md_env = env
        self.md_options = options
        self.md_config = options['myst_config']
        self.document = options['document'] if 'document' in options else make_document()
        self.current_node = options.get('current_node', self.document)
        self.reporter = self.document.reporter
        self.language_module_rst = get_language_rst(self.document.settings.language_code)
        self._heading_offset = 0
        self._level_to_section = {0: self.document}
        self._heading_slugs = {}


class CachingMystParser(MystParser):
    """MyST's parser with its markdown-it parser made once per configuration (and process)."""

    # Keyed by the configuration object's id; the object is kept with its parser so the id
    # stays its own. A cache of tools, not build state: nothing here reaches the environment.
    _parsers: dict[int, tuple[MdParserConfig, MarkdownIt]] = {}
    _busy: set[int] = set()

    def parse(self, inputstring: str, document: nodes.document) -> None:
        env = document.settings.env
        config: MdParserConfig = env.myst_config
        if env.config.sdbook_plain_messages and is_plain(inputstring, config):
            parse_plain(inputstring, document, config)  # most translated messages: no parser at all
            return
        try:
            topmatter = read_topmatter(inputstring)
        except TopmatterReadError:
            topmatter = True  # MyST reports it while rendering
        if topmatter:  # a page's own settings: MyST's own path
            super().parse(inputstring, document)
            return
        key = id(config)
        if key in self._busy:  # a parse inside a parse: the cached parser is in use
            md = create_md_parser(config, LazyDocumentRenderer)
            md.options['document'] = document
            md.render(inputstring)
            return
        cached = self._parsers.get(key)
        if cached is None or cached[0] is not config:
            cached = self._parsers[key] = (config, create_md_parser(config, LazyDocumentRenderer))
        md = cached[1]
        self._busy.add(key)
        try:
            md.options['document'] = document
            md.render(inputstring)
        finally:
            md.options.pop('document', None)
            self._busy.discard(key)


def setup(app: Sphinx) -> dict:
    app.setup_extension('myst_parser')
    app.add_source_parser(CachingMystParser, override=True)
    # Plain messages become paragraphs without the parser (sdbook.ext.plainmessages); False
    # parses every message with MyST, for the test that compares the two.
    app.add_config_value('sdbook_plain_messages', True, 'env', types=frozenset({bool}))
    return {'version': '1.0', 'parallel_read_safe': True, 'parallel_write_safe': True}
