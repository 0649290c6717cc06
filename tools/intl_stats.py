"""Translation progress of the English edition, per page and in total.

    python tools/intl.py stats [--json FILE]
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / '_ext'))

from translationstats import CatalogStats, all_stats  # noqa: E402

PO_DIR = ROOT / 'locale' / 'en' / 'LC_MESSAGES'
COLUMNS = ('page', 'translated', 'fuzzy', 'untranslated', 'words', '%')


def rows(stats: list[CatalogStats]) -> list[tuple]:
    table = [(s.docname, s.translated, s.fuzzy, s.untranslated, f'{s.translated_words}/{s.total_words}', s.percent)
             for s in stats]
    total = CatalogStats('total', *(sum(getattr(s, f) for s in stats) for f in
                                    ('translated', 'fuzzy', 'untranslated', 'translated_words', 'total_words')))
    table.append((total.docname, total.translated, total.fuzzy, total.untranslated,
                  f'{total.translated_words}/{total.total_words}', total.percent))
    return table


def main(json_path: Path | None = None, po_dir: Path = PO_DIR) -> int:
    stats = all_stats(po_dir)
    table = rows(stats)
    widths = [max(len(str(row[i])) for row in [COLUMNS, *table]) for i in range(len(COLUMNS))]
    line = '  '.join('{:<%d}' % widths[0] if i == 0 else '{:>%d}' % w for i, w in enumerate(widths))
    print(line.format(*COLUMNS))
    print('  '.join('-' * w for w in widths))
    for row in table[:-1]:
        print(line.format(*row))
    print('  '.join('-' * w for w in widths))
    print(line.format(*table[-1]))
    if json_path:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        payload = {'language': 'en', 'pages': [dataclasses.asdict(s) | {'percent': s.percent} for s in stats]}
        json_path.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + '\n', encoding='utf-8')
        print(f'written to {json_path}')
    return 0


if __name__ == '__main__':
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else None))
