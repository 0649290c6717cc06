"""How far each English catalog is translated. Plain Python, shared by the build and tools.

A message counts as translated when it has a translation and no fuzzy flag. "Words" are the
source's: each Chinese character counts as one word, like each run of Latin letters or digits.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from babel.messages.pofile import read_po

WORD = re.compile(r'[\u3400-\u9fff\uf900-\ufaff]|[A-Za-z0-9][A-Za-z0-9\'._+-]*')


def count_words(text: str) -> int:
    return len(WORD.findall(text))


@dataclasses.dataclass(frozen=True)
class CatalogStats:
    docname: str
    translated: int
    fuzzy: int
    untranslated: int
    translated_words: int
    total_words: int

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent(self) -> int:
        """Share of the source's words that are translated, rounded down (100 only when complete)."""
        if not self.total_words:
            return 100
        return self.translated_words * 100 // self.total_words

    @property
    def complete(self) -> bool:
        return self.fuzzy == 0 and self.untranslated == 0


def catalog_stats(path: Path, docname: str) -> CatalogStats:
    with path.open('rb') as handle:
        catalog = read_po(handle)
    translated = fuzzy = untranslated = translated_words = total_words = 0
    for message in catalog:
        if not message.id or not isinstance(message.id, str):
            continue
        words = count_words(message.id)
        total_words += words
        if message.fuzzy:
            fuzzy += 1
        elif message.string:
            translated += 1
            translated_words += words
        else:
            untranslated += 1
    return CatalogStats(docname, translated, fuzzy, untranslated, translated_words, total_words)


def all_stats(po_dir: Path) -> list[CatalogStats]:
    return [catalog_stats(path, path.relative_to(po_dir).with_suffix('').as_posix())
            for path in sorted(po_dir.rglob('*.po'))]
