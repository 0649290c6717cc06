"""Translation catalogs of the English edition: update, inspect, fill.

    python tools/intl.py update --pot _build/gettext [--pages DOC ...]
    python tools/intl.py todo DOC            # untranslated/fuzzy messages as JSON
    python tools/intl.py fill DOC FILE.json  # write translations from JSON
    python tools/intl.py stats [--json FILE] # per-page progress
    python tools/intl.py check [DOC ...]     # see tools/intl_check.py

A line ``% Translators: <note>`` above a paragraph of a page reaches that message's catalog
entry as an extracted comment (``#. <note>``): context for the translator.

``update`` is the only way catalogs change shape. It never loses a translation: a changed
message keeps its old translation as fuzzy, a removed one stays as obsolete (``#~``), and
a message that already has a translation in any other catalog of the book (for instance
because its page moved) starts with that translation. Files are written only when their
messages change, at one line width (``PO_WIDTH``), so an update on an up-to-date tree
leaves ``git status`` clean.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from sphinx_intl.catalog import load_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / 'locale'
LANGUAGE = 'en'
SOURCE_DIR = ROOT / 'source'
PO_WIDTH = 79  # GNU gettext's and Poedit's width; write it the same everywhere
HEADER_COMMENT = (
    '# English edition of StableDiffusionBook: the catalog of one page.\n'
    '# Distributed under the same licence as the book (GNU FDL 1.3 or later).\n'
    '# Edit msgstr only; `make intl-update` keeps msgids in step with the source.'
)
VOLATILE_HEADER = re.compile(r'^"(POT-Creation-Date|PO-Revision-Date|Generated-By): .*\\n"$', re.M)


def po_dir(language: str = LANGUAGE) -> Path:
    return LOCALE_DIR / language / 'LC_MESSAGES'


def po_path(docname: str, language: str = LANGUAGE) -> Path:
    return po_dir(language) / f'{docname}.po'


def shown(path: Path) -> str:
    """A path as messages show it: relative to the project when it is inside it."""
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def docname_of(path: Path, base: Path) -> str:
    return path.relative_to(base).with_suffix('').as_posix()


def render(catalog: Catalog) -> str:
    # No "#| msgid" lines: babel cannot read them back (it turns them into comments that
    # grow on every update), so a fuzzy entry shows the new source with the old translation.
    for message in [*catalog, *catalog.obsolete.values()]:
        message.previous_id = []
        message.user_comments = [c for c in message.user_comments if not c.startswith('|')]
    out = io.BytesIO()
    write_po(out, catalog, width=PO_WIDTH, ignore_obsolete=False, include_previous=False, sort_output=False)
    return out.getvalue().decode('utf-8')


def write_if_changed(path: Path, catalog: Catalog) -> bool:
    """Write ``catalog`` unless the file already says the same (dates aside)."""
    text = render(catalog)
    if path.exists():
        old = path.read_text(encoding='utf-8')
        if VOLATILE_HEADER.sub('', old) == VOLATILE_HEADER.sub('', text):
            return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix('.po.tmp')
    tmp.write_text(text, encoding='utf-8')
    tmp.replace(path)  # atomic: an interrupted update never leaves half a catalog
    return True


def translated_messages(catalog: Catalog) -> dict[str, str]:
    return {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy and isinstance(m.id, str)}


def compendium(exclude: Path | None = None) -> dict[str, str]:
    """Every finished translation of the book, current and obsolete, by msgid."""
    known: dict[str, str] = {}
    for path in sorted(po_dir().rglob('*.po')):
        if path == exclude:
            continue
        catalog = load_po(str(path))
        for msgid, msgstr in translated_messages(catalog).items():
            known.setdefault(msgid, msgstr)
        for msgid, message in catalog.obsolete.items():
            if isinstance(msgid, str) and message.string and not message.fuzzy:
                known.setdefault(msgid, message.string)
    return known


NOTE = re.compile(r'^%\s*Translators?:\s*(.+)$', re.I)
BLOCK_MARKER = re.compile(r'^(#+\s+|[-*+]\s+|\d+[.)]\s+|>\s*|\|\s*)')


def translator_notes(source: Path) -> list[tuple[str, str]]:
    """``% Translators: ...`` comments in a page, each with the start of the text below it.

    The note goes to the catalog entry of that text as an extracted comment (``#.``), which
    PO editors show next to the message.
    """
    if not source.exists():
        return []
    lines = source.read_text(encoding='utf-8').splitlines()
    notes = []
    for number, line in enumerate(lines):
        match = NOTE.match(line.strip())
        if not match:
            continue
        following = next((l.strip() for l in lines[number + 1:] if l.strip() and not NOTE.match(l.strip())), '')
        start = BLOCK_MARKER.sub('', following).strip()
        if start:
            notes.append((match[1].strip(), start[:30]))
    return notes


def apply_notes(catalog: Catalog, notes: list[tuple[str, str]]) -> None:
    for message in catalog:
        if not message.id or not isinstance(message.id, str):
            continue
        message.auto_comments = [note for note, start in notes if message.id.startswith(start)]


def update(pot_dir: Path, pages: list[str]) -> int:
    pots = {docname_of(p, pot_dir): p for p in sorted(pot_dir.rglob('*.pot'))}
    if not pots:
        print(f'intl update: no .pot files in {pot_dir}; run `make gettext` first', file=sys.stderr)
        return 2
    unknown = [p for p in pages if p not in pots]
    if unknown:
        print(f'intl update: no template for {", ".join(unknown)} in {pot_dir}', file=sys.stderr)
        return 2
    known = compendium()
    changed = 0
    for docname in pages or sorted(pots):
        with pots[docname].open('rb') as f:
            template = read_po(f)
        path = po_path(docname)
        if path.exists():
            catalog = load_po(str(path))
            catalog.update(template, update_creation_date=False)
        else:
            catalog = Catalog(locale=LANGUAGE, project=template.project, version=template.version,
                              creation_date=template.creation_date, fuzzy=False)
            catalog.update(template, update_creation_date=False)
        set_header(catalog)
        apply_notes(catalog, translator_notes(SOURCE_DIR / f'{docname}.md'))
        carried = 0
        for message in catalog:
            # An exact translation found elsewhere beats an empty entry or a fuzzy guess.
            if message.id and (not message.string or message.fuzzy) and message.id in known:
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
            print(f'updated {shown(path)}{note}')
    if not pages:
        report_orphans(set(pots))
    print(f'intl update: {changed} catalog(s) changed')
    return 0


def report_orphans(live: set[str]) -> None:
    """Catalogs whose page is gone: removed only when every translation lives on elsewhere."""
    for path in sorted(po_dir().rglob('*.po')):
        docname = docname_of(path, po_dir())
        if docname in live:
            continue
        mine = translated_messages(load_po(str(path)))
        elsewhere = compendium(exclude=path)
        lost = [msgid for msgid, msgstr in mine.items() if elsewhere.get(msgid) != msgstr]
        if lost:
            print(f'{shown(path)}:1: warning: no page {docname!r} any more; '
                  f'{len(lost)} translation(s) exist only here, so the catalog is kept. '
                  f'Move it to the new page name, then run `make intl-update` again.', file=sys.stderr)
        else:
            path.unlink()
            print(f'removed {shown(path)}: page {docname!r} is gone and its translations live on elsewhere')


def set_header(catalog: Catalog) -> None:
    """The same header in every catalog, whatever tool created it."""
    catalog.header_comment = HEADER_COMMENT
    catalog.project = 'StableDiffusionBook'
    catalog.version = 'edition'
    catalog.revision_date = catalog.creation_date
    catalog.msgid_bugs_address = 'https://github.com/sudoskys/StableDiffusionBook/issues'
    catalog.last_translator = 'StableDiffusionBook translators'
    catalog.language_team = 'English <https://github.com/sudoskys/StableDiffusionBook>'


def todo(docname: str) -> int:
    catalog = load_po(str(po_path(docname)))
    pending = {m.id: '' for m in catalog if m.id and isinstance(m.id, str) and (not m.string or m.fuzzy)}
    json.dump(pending, sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 0


def fill(docname: str, json_path: Path) -> int:
    path = po_path(docname)
    catalog = load_po(str(path))
    translations = json.loads(json_path.read_text(encoding='utf-8'))
    done = missing = 0
    for msgid, msgstr in translations.items():
        message = catalog.get(msgid)
        if message is None:
            print(f'{json_path}: no message {msgid[:60]!r} in {shown(path)}', file=sys.stderr)
            missing += 1
            continue
        if msgstr:
            message.string = msgstr
            message.flags.discard('fuzzy')
            message.previous_id = []
            done += 1
    write_if_changed(path, catalog)
    print(f'{shown(path)}: {done} translation(s) written, {missing} unknown msgid(s)')
    return 1 if missing else 0


def main(argv: list[str] | None = None) -> int:
    global LOCALE_DIR, SOURCE_DIR
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--locale-dir', type=Path, default=LOCALE_DIR, help='the locale folder (default: locale/)')
    parser.add_argument('--glossary', type=Path, default=ROOT / 'source' / '_data' / 'glossary.yaml')
    parser.add_argument('--source-dir', type=Path, default=SOURCE_DIR, help='the pages (default: source/)')
    sub = parser.add_subparsers(dest='command', required=True)
    p = sub.add_parser('update', help='update the English catalogs from the templates')
    p.add_argument('--pot', type=Path, default=ROOT / '_build' / 'gettext')
    p.add_argument('--pages', nargs='*', default=[])
    p = sub.add_parser('todo', help='print untranslated or fuzzy messages of a page as JSON')
    p.add_argument('docname')
    p = sub.add_parser('fill', help='write translations of a page from a JSON file')
    p.add_argument('docname')
    p.add_argument('json', type=Path)
    p = sub.add_parser('stats', help='translation progress per page')
    p.add_argument('--json', type=Path, help='also write the figures to this file')
    p = sub.add_parser('check', help='check catalogs (compile, markup, completeness, glossary)')
    p.add_argument('pages', nargs='*')
    args = parser.parse_args(argv)
    LOCALE_DIR = args.locale_dir.resolve()
    SOURCE_DIR = args.source_dir.resolve()
    if args.command == 'update':
        return update(args.pot, args.pages)
    if args.command == 'todo':
        return todo(args.docname)
    if args.command == 'fill':
        return fill(args.docname, args.json)
    if args.command == 'stats':
        from intl_stats import main as stats_main
        return stats_main(args.json, po_dir())
    if args.command == 'check':
        from intl_check import main as check_main
        return check_main(args.pages, LOCALE_DIR / LANGUAGE, args.glossary)
    return 2


if __name__ == '__main__':
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main())
