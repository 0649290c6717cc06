"""Words a PDF prints beyond its text block, read from `pdftotext -bbox` output.

The text block's edges are found from the PDF itself: justified lines all end at one x, so the
most common right end of a word is the right edge (and the most common left start the left
edge). A line of Chinese may end in a full-width comma or stop whose glyph box is one em wide
but whose ink sits in its left half; such a word may reach one em past the edge (and a line
that opens with a full-width bracket, one em before the left edge).
"""

from __future__ import annotations

import dataclasses
import html
import itertools
import re
import subprocess
from collections import Counter
from pathlib import Path

PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
CLOSING_PUNCTUATION = set('，。、；：！？）」』”’】》')
OPENING_PUNCTUATION = set('（「『“‘【《')
TOLERANCE = 1.5  # points: rounding in the PDF's glyph positions


@dataclasses.dataclass(frozen=True)
class Word:
    page: int
    x_min: float
    x_max: float
    height: float
    text: str


def words(bbox_xhtml: str) -> list[Word]:
    found = []
    for number, (_, _, body) in enumerate(PAGE.findall(bbox_xhtml), start=1):
        for x0, y0, x1, y1, text in WORD.findall(body):
            found.append(Word(number, float(x0), float(x1), float(y1) - float(y0), html.unescape(text)))
    return found


def text_block(found: list[Word]) -> tuple[float, float]:
    """(left, right) edges of the text block: where most lines start and end."""
    left = Counter(round(w.x_min) for w in found).most_common(1)[0][0]
    right = Counter(round(w.x_max) for w in found).most_common(1)[0][0]
    return left, right


def beyond_margins(bbox_xhtml: str) -> list[Word]:
    found = words(bbox_xhtml)
    if not found:
        return []
    left, right = text_block(found)

    def past_right(word: Word) -> bool:
        hanging = word.height if word.text[-1] in CLOSING_PUNCTUATION else 0.0
        return word.x_max > right + TOLERANCE + hanging

    def past_left(word: Word) -> bool:
        hanging = word.height if word.text[0] in OPENING_PUNCTUATION else 0.0
        return word.x_min < left - TOLERANCE - hanging

    return [w for w in found if past_right(w) or past_left(w)]


def pdf_beyond_margins(pdf: Path) -> list[Word]:
    out = subprocess.run(['pdftotext', '-enc', 'UTF-8', '-bbox', str(pdf), '-'],
                         capture_output=True, text=True, check=True).stdout
    return beyond_margins(out)


# -- Names hyphenated at a line end ---------------------------------------------------------

LITERAL = re.compile(r'\\sphinxupquote\{((?:[^{}]|\{[^{}]*\})*)\}')
TOKEN = re.compile(r'[A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)*')
LINE_END_PIECE = re.compile(r'([A-Za-z0-9_]+)-$')
LINE_START_PIECE = re.compile(r'^([A-Za-z0-9_]+)')
IDENTIFIER = re.compile(r'[a-z][A-Z]|[A-Za-z0-9]_[A-Za-z0-9]|[A-Za-z][0-9]|[0-9][A-Za-z]')


def literal_names(tex: str) -> tuple[set[str], set[str]]:
    """From a book's LaTeX: the identifiers its inline literals print (CheckpointLoaderSimple,
    learning_rate), and every hyphenated token of the text (Qwen-Image), whose hyphen is real."""
    plain = tex.replace(r'\sdbookcasebreak{}', '').replace(r'\sphinxhyphen{}', '-').replace(r'\_', '_')
    names = {token for literal in LITERAL.findall(plain) for token in re.findall(r'[A-Za-z0-9_]+', literal)
             if IDENTIFIER.search(token)}
    hyphenated = {token for token in TOKEN.findall(plain) if '-' in token}
    return names, hyphenated


def hyphenated_names(bbox_xhtml: str, names: set[str], real_hyphens: set[str]) -> list[tuple[int, str]]:
    """(page, 'Checkpoint-|LoaderSimple') for each name TeX hyphenated at a line end."""
    found = []
    for word, following in itertools.pairwise(words(bbox_xhtml)):
        end, start = LINE_END_PIECE.search(word.text), LINE_START_PIECE.search(following.text)
        if not (end and start):
            continue
        joined = end[1] + start[1]
        if joined in names and not any(f'{end[1]}-{start[1]}' in token for token in real_hyphens):
            found.append((word.page, f'{word.text}|{following.text}'))
    return found


def pdf_hyphenated_names(pdf: Path, tex: Path) -> list[tuple[int, str]]:
    out = subprocess.run(['pdftotext', '-enc', 'UTF-8', '-bbox', str(pdf), '-'],
                         capture_output=True, text=True, check=True).stdout
    return hyphenated_names(out, *literal_names(tex.read_text(encoding='utf-8')))
