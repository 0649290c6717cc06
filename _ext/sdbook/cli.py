"""The book's command line: ``python -m sdbook <command>`` (the Makefile's targets call it).

    editions                 the editions' codes, source language first (for the Makefile)
    release                  the version on the downloads
    build-options            the options of every sphinx-build run
    site-index FILE          write the language chooser at the site's root
    intl update [--pot DIR] [--pages DOC ...]
    intl check [DOC ...]     compile, markup, completeness, glossary (exit 1 on an error)
    intl stats [--json FILE] translation progress per page
    intl todo DOC            a page's untranslated or fuzzy messages as JSON
    intl fill DOC FILE       write a page's translations from JSON
    labels [--check]         extract the extensions' labels into their catalog
    flags refresh PROGRAM ROOT [--rev REV] --label TEXT
                             extract a program's options again (ROOT: a checkout, or a git dir with --rev)
    flags tool NAME --label TEXT (--help-of "CMD" | --wheel FILE)...
                             a tool's options from its --help output or its wheel
    ui-labels refresh FILE --label TEXT
                             the zh_CN UI labels again, from a localisation's zh_CN.json
    links report OUTPUT      report of `make linkcheck` (OUTPUT: its output.json)
    cards list [--models FILE]
                             every generation card: id, page:line, picture current/stale/none, renderable
    cards render [--only ID ...] [--out DIR] [--device cpu|cuda] [--models FILE] [--force] [--dry-run]
                             render the missing or stale card pictures with diffusers (requirements-cards.txt)

The commands work on the book they are run in (or ``--root``); ``intl`` works on every
translated edition unless ``--language`` names one.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sdbook import build, editions
from sdbook.project import Project


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog='python -m sdbook', description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--root', type=Path, help='the book (default: the one the current folder is in)')
    sub = parser.add_subparsers(dest='command', required=True)
    sub.add_parser('editions', help="the editions' codes")
    sub.add_parser('release', help='the version on the downloads')
    sub.add_parser('build-options', help='the options of every sphinx-build run')
    p = sub.add_parser('site-index', help="write the site's language chooser")
    p.add_argument('output', type=Path)

    intl = sub.add_parser('intl', help='translation catalogs').add_subparsers(dest='intl_command', required=True)
    for name in ('update', 'check', 'stats', 'todo', 'fill'):
        p = intl.add_parser(name)
        p.add_argument('--language', choices=editions.TRANSLATIONS, help='one translated edition (default: all)')
        if name == 'update':
            p.add_argument('--pot', type=Path, help='the templates (default: _build/gettext)')
            p.add_argument('--pages', nargs='*', default=[])
        elif name == 'check':
            p.add_argument('pages', nargs='*')
            p.add_argument('--glossary', type=Path, help='default: source/_data/glossary.yaml')
        elif name == 'stats':
            p.add_argument('--json', type=Path, help='also write the figures to this file')
        else:
            p.add_argument('docname')
            if name == 'fill':
                p.add_argument('json', type=Path)

    p = sub.add_parser('labels', help="extract the extensions' labels into their catalog")
    p.add_argument('--check', action='store_true', help='only check that the catalog is up to date and complete')
    fl = sub.add_parser('flags', help="programs' option lists").add_subparsers(dest='flags_command', required=True)
    p = fl.add_parser('refresh')
    p.add_argument('program')
    p.add_argument('source', type=Path, help='a checkout, or a git directory (with --rev)')
    p.add_argument('--rev', help='read the files of this commit of a git directory')
    p.add_argument('--label', required=True, help='version or commit, written into the list')
    p = fl.add_parser('tool')
    p.add_argument('name')
    p.add_argument('--label', required=True)
    p.add_argument('--help-of', action='append', default=[], help='a command whose --help output lists the options')
    p.add_argument('--wheel', action='append', default=[], type=Path, help="a wheel whose Python sources define them")
    p = sub.add_parser('ui-labels', help='the zh_CN UI labels').add_subparsers(dest='labels_command', required=True)
    p = p.add_parser('refresh')
    p.add_argument('file', type=Path, help="a localisation's zh_CN.json")
    p.add_argument('--label', required=True, help='repository, branch and commit of the file')
    cards = sub.add_parser('cards', help='pictures of the generation cards').add_subparsers(dest='cards_command', required=True)
    for name in ('list', 'render'):
        p = cards.add_parser(name)
        p.add_argument('--models', type=Path, help='the models file (default: cards-models.yaml at the book root)')
        if name == 'render':
            p.add_argument('--only', nargs='+', default=[], metavar='ID', help='only these cards (ids from `cards list`)')
            p.add_argument('--out', type=Path, help='write the pictures here (default: the folder the book reads them from)')
            p.add_argument('--device', default='cpu', help='torch device: cpu, cuda, cuda:1, mps (default: cpu)')
            p.add_argument('--force', action='store_true', help='render again even if the picture is current')
            p.add_argument('--dry-run', action='store_true', help='print the diffusers call of each card, render nothing')
    links = sub.add_parser('links', help='link data').add_subparsers(dest='links_command', required=True)
    p = links.add_parser('report', help='report of `make linkcheck`')
    p.add_argument('output', type=Path)
    return parser


def _intl(project: Project, args: argparse.Namespace) -> int:
    from sdbook.intl import check, fill, stats, update

    status = 0
    for language in [args.language] if args.language else editions.TRANSLATIONS:
        if args.intl_command == 'update':
            status |= update.update(project, language, args.pot or project.root / '_build' / 'gettext', args.pages)
        elif args.intl_command == 'check':
            status |= check.main(project, language, args.pages, args.glossary)
        elif args.intl_command == 'stats':
            status |= stats.main(project, language, args.json)
        elif args.intl_command == 'todo':
            status |= fill.todo(project, language, args.docname)
        else:
            status |= fill.fill(project, language, args.docname, args.json)
    return status


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == 'editions':
        print(' '.join(editions.EDITIONS))
        return 0
    if args.command == 'build-options':
        print(' '.join(build.STRICT_ARGS))
        return 0
    if args.command == 'labels':
        from sdbook.intl import labels

        return labels.main(check=args.check)
    if args.command == 'flags':
        from sdbook import flags

        if args.flags_command == 'refresh':
            written = flags.refresh(args.program, args.source.resolve(), args.rev, args.label)
        else:
            written = [flags.refresh_tool(args.name, args.label, helps=[c.split() for c in args.help_of], wheels=args.wheel)]
        for path in written:
            print(f'wrote {path}')
        return 0
    if args.command == 'ui-labels':
        from sdbook.pagecheck import refresh_labels

        print(f'wrote {refresh_labels(args.file, args.label)}')
        return 0
    if args.command == 'site-index':
        from sdbook.site import render_index

        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(render_index(), encoding='utf-8')
        return 0
    try:
        project = Project(args.root.resolve()) if args.root else Project.find()
    except FileNotFoundError as exc:
        print(f'sdbook: {exc}', file=sys.stderr)
        return 2
    if args.command == 'release':
        print(editions.release_version(project.root))
        return 0
    if args.command == 'intl':
        return _intl(project, args)
    if args.command == 'cards':
        from sdbook import cardcommand

        return cardcommand.main(project, args)
    from sdbook import linkreport

    return linkreport.main(project, args.output)
