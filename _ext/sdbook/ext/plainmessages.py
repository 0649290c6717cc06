"""A translated message without Markdown syntax, made into a paragraph without MyST's parser.

Sphinx's i18n transform parses every translated message as a document of its own, twice
(once to find translated section titles, once to translate). Most messages of the English
catalogs (about 6 in 10) are plain sentences: one line, none of the characters that start
Markdown or MyST syntax. For those, markdown-it and MyST's renderer always give the same
result, one paragraph holding one text node; this module builds it directly, along with
what MyST's renderer leaves behind (the document's MyST settings, the word count in the
page's metadata), so that nothing downstream can tell the difference.

``tests/sphinx/test_plain_messages.py`` compares both ways node by node on a list of tricky
messages and builds a book both ways; ``sdbook_plain_messages = False`` turns this off.
"""

from __future__ import annotations

import re

from docutils import nodes
from mdit_py_plugins.wordcount import basic_count
from myst_parser.config.main import MdParserConfig

# Characters that start inline syntax anywhere (escapes, code, emphasis, links, roles and
# attributes, HTML and autolinks, entities, strikethrough and math when enabled, tables),
# and anything that makes a second line or a code indent.
INLINE_SYNTAX = frozenset('\\`*_[]{}<&~$|\n\r\t\x00')
# Characters that start block syntax at the beginning of a line (headings, quotes, lists,
# rules, fences, definitions, targets, comments, HTML, link definitions).
BLOCK_START = frozenset('#>-+*=_`~:|<[({%$!')
ORDERED_LIST = re.compile(r'\d{1,9}[.)](?:\s|$)')
# MyST extensions that change plain text itself (URLs into links, -- into dashes, straight
# quotes into curly ones): with any of them on, every message goes to the parser.
TEXT_CHANGING_EXTENSIONS = frozenset({'linkify', 'replacements', 'smartquotes'})


def is_plain(text: str, config: MdParserConfig) -> bool:
    """True when MyST would read ``text`` as one paragraph of plain text."""
    if not text or text[0].isspace() or text[-1].isspace() or config.html_meta:
        return False
    if TEXT_CHANGING_EXTENSIONS & set(config.enable_extensions):
        return False
    if text[0] in BLOCK_START or ORDERED_LIST.match(text):
        return False
    return INLINE_SYNTAX.isdisjoint(text)


def parse_plain(text: str, document: nodes.document, config: MdParserConfig) -> None:
    """Add to ``document`` what MyST's parser adds for plain ``text``, in the same order
    (``MystParser.parse`` → ``DocutilsRenderer.render``, myst-parser 5.2)."""
    # render_paragraph: the paragraph's line and source, then its text.
    paragraph = nodes.paragraph(text)
    paragraph.line = document.current_line = 1
    paragraph.source = document['source']
    document.append(paragraph)
    paragraph.append(nodes.Text(text))
    # _render_finalise: settings the later MyST transforms read, and the word count.
    document.myst_slugs = {}
    settings = document.settings
    settings.myst_heading_anchors_html_ids = config.heading_anchors_html_ids
    settings.myst_footnote_transition = config.footnote_transition
    settings.myst_footnote_sort = config.footnote_sort
    words = basic_count(text)
    wordcount = {'words': words, 'minutes': round(words / config.words_per_minute)}
    env = getattr(settings, 'env', None)
    if env is not None:
        env.metadata.setdefault(env.docname, {})['wordcount'] = wordcount
    for key in ('words', 'minutes'):
        value = str(wordcount[key])
        definition = nodes.substitution_definition(value, nodes.Text(value))
        definition.source = document['source']
        definition['names'].append(f'wordcount-{key}')
        document.note_substitution_def(definition, f'wordcount-{key}')
