"""Bring a translated edition's catalogs in step with the templates (``make gettext`` output).

This is the only way catalogs change shape, and it never loses a translation: a changed
message keeps its old translation as fuzzy, a removed one stays as obsolete (``#~``), and a
message that already has a finished translation anywhere in the book (for instance because
its page moved) starts with that translation. A catalog whose page is gone is deleted only
when every one of its translations lives on elsewhere.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog

from sdbook.catalogs import (
    docname_of,
    is_translated,
    messages,
    read_catalog,
    set_header,
    translations,
    write_if_changed,
)
from sdbook.editions import EDITIONS
from sdbook.intl.notes import apply_notes, translator_notes
from sdbook.project import Project


def compendium(project: Project, language: str, exclude: Path | None = None) -> dict[str, str]:
    """Every finished translation of the edition, current and obsolete, by msgid."""
    known: dict[str, str] = {}
    for path in sorted(project.po_dir(language).rglob('*.po')):
        if path == exclude:
            continue
        catalog = read_catalog(path)
        for msgid, msgstr in translations(catalog).items():
            known.setdefault(msgid, msgstr)
        for message in catalog.obsolete.values():
            if is_translated(message):
                known.setdefault(message.id, message.string)
    return known


def update(project: Project, language: str, pot_dir: Path, pages: list[str]) -> int:
    pots = {docname_of(p, pot_dir): p for p in sorted(pot_dir.rglob('*.pot'))}
    if not pots:
        print(f'intl update: no .pot files in {pot_dir}; run `make gettext` first', file=sys.stderr)
        return 2
    unknown = [p for p in pages if p not in pots]
    if unknown:
        print(f'intl update: no template for {", ".join(unknown)} in {pot_dir}', file=sys.stderr)
        return 2
    known = compendium(project, language)
    changed = 0
    for docname in pages or sorted(pots):
        template = read_catalog(pots[docname])
        path = project.po_path(docname, language)
        if path.exists():
            catalog = read_catalog(path)
        else:
            catalog = Catalog(locale=language, project=template.project, version=template.version,
                              creation_date=template.creation_date, fuzzy=False)
        catalog.update(template, update_creation_date=False)
        set_header(catalog, language_team(language))
        apply_notes(catalog, translator_notes(project.source / f'{docname}.md'))
        carried = 0
        for message in messages(catalog):
            # An exact translation found elsewhere beats an empty entry or a fuzzy guess.
            if not is_translated(message) and message.id in known:
                message.string = known[message.id]
                message.flags.discard('fuzzy')
                message.previous_id = []
                carried += 1
        # A message that came back is live again: its obsolete copy would be a duplicate
        # definition (msgfmt refuses it); its translation was carried over above.
        for msgid in [m for m in catalog.obsolete if catalog.get(m) is not None]:
            del catalog.obsolete[msgid]
        if write_if_changed(path, catalog):
            changed += 1
            note = f' ({carried} carried over from other catalogs)' if carried else ''
            print(f'updated {project.shown(path)}{note}')
    if not pages:
        remove_orphans(project, language, set(pots))
    print(f'intl update: {changed} catalog(s) changed')
    return 0


def language_team(language: str) -> str:
    return EDITIONS[language].name if language in EDITIONS else language


def remove_orphans(project: Project, language: str, live: set[str]) -> None:
    """Catalogs whose page is gone: removed only when every translation lives on elsewhere."""
    po_dir = project.po_dir(language)
    for path in sorted(po_dir.rglob('*.po')):
        docname = docname_of(path, po_dir)
        if docname in live:
            continue
        mine = translations(read_catalog(path))
        elsewhere = compendium(project, language, exclude=path)
        lost = [msgid for msgid, msgstr in mine.items() if elsewhere.get(msgid) != msgstr]
        if lost:
            print(f'{project.shown(path)}:1: warning: no page {docname!r} any more; '
                  f'{len(lost)} translation(s) exist only here, so the catalog is kept. '
                  f'Move it to the new page name, then run `make intl-update` again.', file=sys.stderr)
        else:
            path.unlink()
            print(f'removed {project.shown(path)}: page {docname!r} is gone and its translations live on elsewhere')
