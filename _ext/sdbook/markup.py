"""The MyST markup of one catalog message, read with the parser MyST itself uses.

A translation must keep the markup of its source: link and image targets (inline, autolink
and reference-style), roles and their targets, inline code, footnote marks, inline HTML tags,
substitutions and bold markers. Messages are parsed with markdown-it-py configured as
myst-parser configures it for the book, so what counts as a link or a role here is exactly
what the build will see.
"""

from __future__ import annotations

import collections
import functools
import re
from collections.abc import Iterator

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from sdbook.build import MYST_EXTENSIONS
from sdbook.cjk import CJK_RUN

KINDS = ('link target', 'image', 'role', 'inline code', 'footnote', 'inline HTML', 'substitution', 'bold marker')
REFERENCE_LINK = re.compile(r'\]\[([^\]\n]+)\]')
SUBSTITUTION = re.compile(r'\{\{\s*([^}]+?)\s*\}\}')
ROLE_TARGET = re.compile(r'<([^<>]+)>\s*$')
AUTOLINK_SCHEMES = ('http://', 'https://', 'mailto:')


@functools.cache
def parser() -> MarkdownIt:
    return create_md_parser(MdParserConfig(enable_extensions=set(MYST_EXTENSIONS)), RendererHTML)


def _tokens(text: str) -> Iterator[Token]:
    # Reference-style links resolve only against a definition: give each label one, so a
    # translation that changes the label changes the link target.
    labels = sorted(set(REFERENCE_LINK.findall(text)))
    definitions = ''.join(f'\n\n[{label}]: ref:{label.lower()}' for label in labels)
    stack = list(reversed(parser().parse(text + definitions)))
    while stack:
        token = stack.pop()
        yield token
        if token.children:
            stack.extend(reversed(token.children))


def role_target(content: str) -> str:
    """``{ref}`text <label>``` and ``{ref}`label``` both point at ``label``."""
    match = ROLE_TARGET.search(content)
    return (match[1] if match else content).strip()


def markup(text: str) -> dict[str, collections.Counter]:
    """The pieces of markup a translation must keep, each kind as a multiset."""
    found: dict[str, collections.Counter] = {kind: collections.Counter() for kind in KINDS}
    bold = 0
    for token in _tokens(text):
        if token.type == 'link_open':
            href = token.attrs.get('href', '')
            # `<lora:name:weight>` reads as an autolink with a made-up scheme; in the book's
            # plain-text data (glossary, link tables) it is a placeholder, and may be translated.
            if token.markup == 'autolink' and not href.startswith(AUTOLINK_SCHEMES):
                continue
            found['link target'][href] += 1
        elif token.type == 'image':
            found['image'][token.attrs.get('src', '')] += 1
        elif token.type == 'myst_role':
            found['role'][f"{{{token.meta.get('name')}}}`{role_target(token.content)}`"] += 1
        elif token.type == 'code_inline':
            found['inline code'][token.content] += 1
        elif token.type == 'footnote_ref':
            found['footnote'][str(token.meta.get('label'))] += 1
        elif token.type == 'html_inline':
            found['inline HTML'][token.content] += 1
        elif token.type == 'strong_open':
            bold += 2
        elif token.type == 'text':
            # Unbalanced markers stay text: count them, so "**VRAM" differs from "VRAM".
            bold += token.content.count('**')
            found['substitution'].update(SUBSTITUTION.findall(token.content))
    found['bold marker'] = collections.Counter({'**': bold})
    return found


def _placeholder_code(source: collections.Counter, target: collections.Counter) -> None:
    """Inline code with Chinese words is a placeholder (`--port 端口`): its words may be translated.

    Such a span matches a translated span in which each Chinese run became other text.
    """
    for code in [c for c in source if CJK_RUN.search(c)]:
        pattern = re.compile('^' + '.+?'.join(re.escape(part) for part in CJK_RUN.split(code)) + '$')
        for candidate in list(target):
            if candidate not in source and pattern.match(candidate):
                source[code] -= 1
                target[candidate] -= 1
                break
    source += collections.Counter()  # drop counts that reached zero
    target += collections.Counter()


def compare(msgid: str, msgstr: str) -> list[str]:
    """What the translation lost or added, one sentence per kind of markup; empty when it kept all."""
    source, target = markup(msgid), markup(msgstr)
    _placeholder_code(source['inline code'], target['inline code'])
    problems = []
    for kind in KINDS:
        if source[kind] == target[kind]:
            continue
        if kind == 'bold marker':
            problems.append(f"{source[kind]['**']} '**' in the source but {target[kind]['**']} in the translation")
            continue
        missing = sorted((source[kind] - target[kind]).elements())
        extra = sorted((target[kind] - source[kind]).elements())
        parts = []
        if missing:
            parts.append('missing ' + ', '.join(missing))
        if extra:
            parts.append('unexpected ' + ', '.join(extra))
        problems.append(f'{kind} differs: ' + '; '.join(parts))
    return problems
