"""``python -m sdbook cards list|render``: the book's generation cards and their pictures.

The cards are found by reading the book with Sphinx (the ``dummy`` builder, doctrees cached
in ``_build/doctrees/cards``), so they are parsed and checked exactly as the book's build does:
the ``gencard`` directive records every card it builds (sdbook.ext.cards).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from sdbook import cardmodels, cardrender
from sdbook.cardimages import CardRecord, image_state, orphans
from sdbook.project import Project


def collect(project: Project) -> tuple[list[CardRecord], Path]:
    """Every card of the book and the folder of their pictures; SystemExit if the book has errors."""
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    from sdbook.ext.cards import book_cards

    warnings = io.StringIO()
    build = project.root / '_build'
    # As sphinx-build does: docutils' registries are restored afterwards, so a later Sphinx
    # application in the same process (a test's build) starts clean.
    with patch_docutils(project.root), docutils_namespace():
        app = Sphinx(str(project.source), str(project.root), str(build / 'cards'), str(build / 'doctrees' / 'cards'),
                     'dummy', status=None, warning=warnings, freshenv=False, keep_going=True)
        app.build()
    if app.statuscode:
        sys.stderr.write(warnings.getvalue())
        raise SystemExit('sdbook cards: the book has errors (above); fix them first')
    return book_cards(app.env), Path(app.srcdir) / app.config.sdbook_cards_images


def _where(project: Project, record: CardRecord) -> str:
    return f'{project.shown(Path(record.source))}:{record.line}'


def _select(records: list[CardRecord], only: list[str]) -> list[CardRecord]:
    known = {record.ident for record in records}
    unknown = [ident for ident in only if ident not in known]
    if unknown:
        raise SystemExit(f"sdbook cards: no card has the id {', '.join(map(repr, unknown))} (see `python -m sdbook cards list`)")
    return [record for record in records if not only or record.ident in only]


def list_cards(project: Project, models_file: Path) -> int:
    """One line per card: id, page and line, picture status, and what keeps it from rendering."""
    records, folder = collect(project)
    models = cardmodels.load(models_file)
    for record in records:
        state = image_state(folder, record.ident, record.digest)
        status = 'current' if state.current else 'stale' if state.stale else 'none'
        try:
            cardrender.plan(record, models)
            renderable = 'renderable'
        except cardrender.NotRenderable as exc:
            renderable = f'not renderable: {exc}'
        print(f'{record.ident}\t{_where(project, record)}\tpicture: {status}\t{renderable}')
    for path in orphans(folder, {record.ident for record in records}):
        print(f'{project.shown(path)}: no card has this id any more; delete the file')
    return 0


def render_cards(project: Project, models_file: Path, only: list[str], out: Path | None, device: str,
                 force: bool = False, dry_run: bool = False) -> int:
    """Render the pictures that are missing or stale (all selected ones with ``force``)."""
    from sdbook import cardpipeline

    records, folder = collect(project)
    folder = out or folder
    models = cardmodels.load(models_file)
    cache = cardpipeline.PipelineCache(device)
    counts = {'rendered': 0, 'current': 0, 'not renderable': 0}
    failed = False
    for record in _select(records, only):
        where = _where(project, record)
        state = image_state(folder, record.ident, record.digest)
        if state.current and not force:
            counts['current'] += 1
            continue
        try:
            plan = cardrender.plan(record, models)
        except cardrender.NotRenderable as exc:
            counts['not renderable'] += 1
            print(f'{where}: {record.ident}: not rendered: {exc}', file=sys.stderr)
            failed |= bool(only)  # a card asked for by name must render
            continue
        for note in plan.notes:
            print(f'{where}: {record.ident}: note: {note}')
        if dry_run:
            print(f'{where}: {record.ident}: {plan.pipeline}, {plan.scheduler.name if plan.scheduler else "model scheduler"}, '
                  f'{plan.call() | {"seed": plan.seed}}')
            continue
        try:
            image = cardpipeline.render(plan, cache.get(plan), device)
        except cardpipeline.RenderError as exc:
            print(f'{where}: {record.ident}: {exc}', file=sys.stderr)
            failed = True
            continue
        target = folder / record.image_name
        cardpipeline.save_webp(image, target, record.params.infotext(), plan.notes)
        for path in state.stale:
            path.unlink()
        counts['rendered'] += 1
        print(f'{where}: {record.ident}: wrote {project.shown(target)} ({image.width}x{image.height})')
    print(', '.join(f'{count} {name}' for name, count in counts.items()))
    return 1 if failed else 0


def main(project: Project, args) -> int:
    models_file = args.models or project.root / cardmodels.DEFAULT_FILE
    try:
        if args.cards_command == 'list':
            return list_cards(project, models_file)
        return render_cards(project, models_file, args.only, args.out, args.device, args.force, args.dry_run)
    except cardmodels.ModelsError as exc:
        print(f'sdbook cards: {exc}', file=sys.stderr)
        return 2
