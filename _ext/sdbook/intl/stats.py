"""How far each catalog of a translated edition is translated, per page and in total.

"Words" are the source's (``sdbook.cjk.count_words``): each Chinese character counts as one
word, like each run of Latin letters or digits. A message counts as translated by the one
rule of ``sdbook.catalogs.is_translated``.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from sdbook.catalogs import docname_of, is_translated, messages, read_catalog
from sdbook.cjk import count_words
from sdbook.project import Project

COLUMNS = ('page', 'translated', 'fuzzy', 'untranslated', 'words', '%')


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
    translated = fuzzy = untranslated = translated_words = total_words = 0
    for message in messages(read_catalog(path)):
        words = count_words(message.id)
        total_words += words
        if is_translated(message):
            translated += 1
            translated_words += words
        elif message.fuzzy:
            fuzzy += 1
        else:
            untranslated += 1
    return CatalogStats(docname, translated, fuzzy, untranslated, translated_words, total_words)


def all_stats(po_dir: Path) -> list[CatalogStats]:
    return [catalog_stats(path, docname_of(path, po_dir)) for path in sorted(po_dir.rglob('*.po'))]


def rows(stats: list[CatalogStats]) -> list[tuple]:
    total = CatalogStats('total', *(sum(getattr(s, f) for s in stats) for f in
                                    ('translated', 'fuzzy', 'untranslated', 'translated_words', 'total_words')))
    return [(s.docname, s.translated, s.fuzzy, s.untranslated, f'{s.translated_words}/{s.total_words}', s.percent)
            for s in [*stats, total]]


def main(project: Project, language: str, json_path: Path | None = None) -> int:
    stats = all_stats(project.po_dir(language))
    table = rows(stats)
    widths = [max(len(str(row[i])) for row in [COLUMNS, *table]) for i in range(len(COLUMNS))]
    line = '  '.join(f'{{:<{w}}}' if i == 0 else f'{{:>{w}}}' for i, w in enumerate(widths))
    rule = '  '.join('-' * w for w in widths)
    print(line.format(*COLUMNS))
    print(rule)
    for row in table[:-1]:
        print(line.format(*row))
    print(rule)
    print(line.format(*table[-1]))
    if json_path:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        payload = {'language': language, 'pages': [dataclasses.asdict(s) | {'percent': s.percent} for s in stats]}
        json_path.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + '\n', encoding='utf-8')
        print(f'written to {json_path}')
    return 0
