"""Turn Sphinx's linkcheck output into a report of the links that need attention.

    python -m sdbook links report _build/linkcheck/output.json

Each dead, redirected or unreachable link is listed with where it is defined: the data file
and line for links of the link tables, the page and line otherwise. Links whose record
already says ``status: dead`` or carries an ``archive`` copy are listed as known. The report
is printed and written next to the input as ``report.md``; the exit status is 1 when a link
is dead and not yet known to be.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from sdbook.linkdata import load_link_data
from sdbook.project import Project

SECTIONS = (
    ('broken', 'Dead links (answer an error such as 404 or 410)'),
    ('redirected', 'Redirected links (update them to the new address)'),
    ('timeout', 'Unreachable links (no answer in time; check again later)'),
    ('known', 'Known dead or archived links (their records already say so)'),
)


@dataclass(frozen=True)
class Entry:
    kind: str
    uri: str
    where: str
    info: str


def read_results(path: Path) -> list[dict]:
    results = []
    for number, line in enumerate(path.read_text(encoding='utf-8').splitlines(), 1):
        if not line.strip():
            continue
        try:
            results.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise SystemExit(f'{path}:{number}: not a linkcheck result line ({exc.msg})') from None
    return results


def classify(results: list[dict], project: Project) -> list[Entry]:
    data = load_link_data(project.links, display_root=project.root)
    by_url = {r.url: r for r in data.records.values()}
    by_url.update({r.archive: r for r in data.records.values() if r.archive})
    entries: dict[tuple[str, str], Entry] = {}
    for result in results:
        status, uri = result.get('status'), result.get('uri', '')
        if status not in ('broken', 'redirected', 'timeout'):
            continue
        record = by_url.get(uri)
        if record is not None:
            where = f'{record.path}:{record.line} (record {record.id!r})'
            known = record.status == 'dead' or bool(record.archive)
        else:
            where = f"{project.shown(project.source / result.get('filename', '?'))}:{result.get('lineno', '?')}"
            known = False
        kind = 'known' if known and status != 'redirected' else status
        info = str(result.get('info', '')).strip()
        if status == 'redirected':
            info = f"→ {info} ({result.get('code', '')})"
        entries.setdefault((kind, uri), Entry(kind, uri, where, info))
    return sorted(entries.values(), key=lambda e: (e.kind, e.where))


def render(entries: list[Entry], checked: int) -> str:
    lines = ['# Link report', '', f'{checked} link(s) checked.', '']
    for kind, title in SECTIONS:
        chosen = [e for e in entries if e.kind == kind]
        lines.append(f'## {title}: {len(chosen)}')
        lines.append('')
        for entry in chosen:
            lines.append(f'- {entry.where}: {entry.uri} {entry.info}'.rstrip())
        lines.append('')
    return '\n'.join(lines)


def main(project: Project, output: Path) -> int:
    if not output.exists():
        print(f'linkreport: {output} does not exist; run the linkcheck builder first', file=sys.stderr)
        return 2
    results = read_results(output)
    entries = classify(results, project)
    report = render(entries, len(results))
    target = output.with_name('report.md')
    target.write_text(report + '\n', encoding='utf-8')
    print(report)
    print(f'written to {target}')
    return 1 if any(e.kind == 'broken' for e in entries) else 0
