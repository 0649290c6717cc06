"""Print the "Build" tables of bench/README.md from the latest results in bench/results/.

    .venv/bin/python bench/build_report.py
"""

from __future__ import annotations

import json
from pathlib import Path

from sdbook.editions import EDITIONS

RESULTS = Path(__file__).resolve().parent / 'results'


def load(name: str) -> dict | None:
    path = RESULTS / f'{name}.json'
    return json.loads(path.read_text(encoding='utf-8')) if path.exists() else None


def cell(s: dict) -> str:
    return f"{s['median']:.1f} s ({s['min']:.1f}–{s['max']:.1f}, n={s['runs']})"


def row(label: str, command: str, m: dict, ratio: float | str) -> str:
    return f"| {label} | `{command}` | {cell(m['wall'])} | {cell(m['cpu'])} | {ratio} |"


def machine(d: dict) -> str:
    a, b = d['machine_at_start'], d['machine_at_end']
    return (f"{a['when_utc']} UTC, {a['cores']} cores, load average {a['load_average'][0]:.1f} at start, "
            f"{b['load_average'][0]:.1f} at end")


HEAD = '| Measurement | Command | Wall: median (min–max, runs) | CPU: median (min–max) | Ratio (wall) |\n| --- | --- | ---: | ---: | ---: |'


def main() -> None:
    if (d := load('build_html')):
        print(f"Clean HTML, both editions ({machine(d)}); reference: one edition after the other.\n\n{HEAD}")
        for name, r in d['results'].items():
            print(row(name, d['commands'][name], r, d['ratios_to_reference'][name]['wall']))
        print()
    if (d := load('incremental')):
        ref = d['reference_clean_make_html']
        print(f"Incremental rebuilds ({machine(d)}); reference: clean `make html` of the same run, "
              f"{d['documents']} pages per edition.\n\n{HEAD}")
        print(row('clean (reference)', 'make html', ref, 1.0))
        print(row('nothing changed', 'make html', d['no_change'], d['ratios_to_clean_build']['no_change']))
        for name, e in d['edits'].items():
            for key in [k for k in e if k.startswith('make ')]:
                print(row(f'{name} edited', key, e[key], d['ratios_to_clean_build'][name][key]))
        print('\n| Edit | Pages rewritten zh_CN / en | Expected | Only those? |\n| --- | --- | --- | --- |')
        for name, e in d['edits'].items():
            rew = ' / '.join(', '.join(e['rewritten'][ed]) or '—' for ed in EDITIONS)
            exp = ' / '.join(', '.join(e['expected'][ed]) or '—' for ed in EDITIONS)
            print(f"| {name} | {rew} | {exp} | {'yes' if e['only_affected_pages_rebuilt'] else 'NO'} |")
        print()
    if (d := load('pdf')):
        print(f"PDFs after the HTML ({machine(d)}); reference: clean `make html` of the same run.\n\n{HEAD}")
        print(row('clean HTML (reference)', 'make html', d['reference_clean_make_html'], 1.0))
        for name, r in d['results'].items():
            print(row(name, d['commands'][name], r, d['ratios_to_reference'][name]['wall']))
        passes = d['results']['make pdf']['latexmk_passes_both_editions']
        print(f"\nlatexmk passes, both editions: {passes}\n")
    if (d := load('book')):
        print(f"Everything ({machine(d)}).\n\n{HEAD}")
        print(row('clean HTML (reference)', 'make html', d['reference_clean_make_html'], 1.0))
        print(row('book', 'make book', d['make_book'], d['ratio_to_reference']['wall']))
        print()
    if (d := load('intl')):
        print(f"Catalogs ({machine(d)}); reference: clean `make html-zh` of the same run.\n\n{HEAD}")
        for name, r in d['results'].items():
            print(row(name, d['commands'][name.split(' (')[0]] if name.split(' (')[0] in d['commands'] else d['commands']['reference'],
                      r, d['ratios_to_reference'][name]['wall']))
        print(f"\nCatalogs written by `make intl-update` on the up-to-date copy: {d['catalogs_changed_by_intl_update']}")


if __name__ == '__main__':
    main()
