"""Translator notes: a ``% Translators: <note>`` line above a passage of a page becomes an
extracted comment (``#. <note>``) of that passage's catalog entry, which PO editors show."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.catalog import Catalog

from sdbook.catalogs import messages

NOTE = re.compile(r'^%\s*Translators?:\s*(.+)$', re.I)
BLOCK_MARKER = re.compile(r'^(#+\s+|[-*+]\s+|\d+[.)]\s+|>\s*|\|\s*)')


def translator_notes(source: Path) -> list[tuple[str, str]]:
    """Each note of a page with the start of the text below it (its first 30 characters)."""
    if not source.exists():
        return []
    lines = source.read_text(encoding='utf-8').splitlines()
    notes = []
    for number, line in enumerate(lines):
        match = NOTE.match(line.strip())
        if not match:
            continue
        following = next((text.strip() for text in lines[number + 1:] if text.strip() and not NOTE.match(text.strip())), '')
        start = BLOCK_MARKER.sub('', following).strip()
        if start:
            notes.append((match[1].strip(), start[:30]))
    return notes


def apply_notes(catalog: Catalog, notes: list[tuple[str, str]]) -> None:
    for message in messages(catalog):
        message.auto_comments = [note for note, start in notes if message.id.startswith(start)]
