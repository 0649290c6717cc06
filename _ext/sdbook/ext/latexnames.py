"""PDF only: program names are never hyphenated.

TeX hyphenates by English patterns, so a narrow table column printed ``Checkpoint-LoaderSimple``
and prose printed ``Com-fyUI`` or ``learn-ing_rate``: a hyphen that reads as part of the name.
The monospaced font has no hyphenation at all (``HyphenChar=None`` in ``conf.py``); inline
literals break after ``_`` ``-`` and the like (``latex/sdbookbreaks.sty``) and, from here, where
a lower-case letter meets a capital (``Checkpoint|Loader|Simple``). Names in running text (ComfyUI, COMMANDLINE_ARGS, Haoming02)
are set in a role that TeX does not hyphenate.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx

CASE_CHANGE = re.compile(r'(?<=[a-z])(?=[A-Z])')
# A name in running text: ASCII letters, digits and underscores with a capital after a small
# letter (ComfyUI), an underscore inside (COMMANDLINE_ARGS) or letters next to digits
# (Haoming02). ASCII classes on purpose: a Chinese character next to the name is not part of it.
NAME = re.compile(r'(?<![A-Za-z0-9_])(?=[A-Za-z0-9_]*(?:[a-z][A-Z]|[A-Za-z0-9]_[A-Za-z0-9]|[A-Za-z][0-9]|[0-9][A-Za-z]))'
                  r'[A-Za-z0-9_]{5,}(?![A-Za-z0-9_])')
CASE_BREAK = r'\sdbookcasebreak{}'
NAME_ROLE = 'sdbook-name'  # \DUrole{sdbook-name}{...}: set without hyphenation (sdbookbreaks.sty)


def _in_title(node: nodes.Node) -> bool:
    # Titles become PDF bookmarks, where a break command or a role would be printed as text.
    while node is not None:
        if isinstance(node, (nodes.title, nodes.subtitle, nodes.rubric)):
            return True
        node = node.parent
    return False


def _split(text: str, pattern: re.Pattern, make) -> list[nodes.Node]:
    pieces: list[nodes.Node] = []
    last = 0
    for match in pattern.finditer(text):
        if match.start() > last:
            pieces.append(nodes.Text(text[last:match.start()]))
        pieces.append(make(match))
        last = match.end()
    if last < len(text):
        pieces.append(nodes.Text(text[last:]))
    return pieces


def _literal_pieces(text: str) -> list[nodes.Node]:
    return _split(text, CASE_CHANGE, lambda match: nodes.raw('', CASE_BREAK, format='latex'))


def _prose_pieces(text: str) -> list[nodes.Node]:
    return _split(text, NAME, lambda match: nodes.inline('', match.group(), classes=[NAME_ROLE]))


def keep_names_whole(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != 'latex':
        return
    for text in list(doctree.findall(nodes.Text)):
        parent = text.parent
        value = str(text)
        if parent is None or isinstance(parent, (nodes.literal_block, nodes.raw, nodes.comment)) or _in_title(parent):
            continue
        if '://' in value:
            continue  # a URL printed as text: xurl breaks it anywhere, a role would stop that
        if isinstance(parent, nodes.literal):
            if CASE_CHANGE.search(value):
                parent.replace(text, _literal_pieces(value))
        elif NAME_ROLE not in parent.get('classes', ()) and NAME.search(value):
            parent.replace(text, _prose_pieces(value))


def setup(app: Sphinx) -> dict:
    # Last of the doctree-resolved handlers: the checked-sources index and the link tables'
    # "used on" column are filled there, after every post-transform.
    app.connect('doctree-resolved', keep_names_whole, priority=900)
    return {'version': '1.0', 'parallel_read_safe': True, 'parallel_write_safe': True}
