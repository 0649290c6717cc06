"""Translate a page in bulk: list its pending messages as JSON, write translations back from JSON."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from sdbook.catalogs import is_translated, messages, read_catalog, write_if_changed
from sdbook.project import Project


def todo(project: Project, language: str, docname: str) -> int:
    catalog = read_catalog(project.po_path(docname, language))
    pending = {m.id: '' for m in messages(catalog) if not is_translated(m)}
    json.dump(pending, sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 0


def fill(project: Project, language: str, docname: str, json_path: Path) -> int:
    path = project.po_path(docname, language)
    catalog = read_catalog(path)
    translations = json.loads(json_path.read_text(encoding='utf-8'))
    done = missing = 0
    for msgid, msgstr in translations.items():
        message = catalog.get(msgid)
        if message is None:
            print(f'{json_path}: no message {msgid[:60]!r} in {project.shown(path)}', file=sys.stderr)
            missing += 1
            continue
        if msgstr:
            message.string = msgstr
            message.flags.discard('fuzzy')
            message.previous_id = []
            done += 1
    write_if_changed(path, catalog)
    print(f'{project.shown(path)}: {done} translation(s) written, {missing} unknown msgid(s)')
    return 1 if missing else 0
