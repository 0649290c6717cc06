"""Incremental rebuilds: one page, one link-data file, one catalog edited; what is rewritten, how fast.

    .venv/bin/python bench/incremental.py [--runs N]

On a copy of the book: a clean `make html` (the reference), a rebuild with nothing changed, then
for each kind of edit N rebuilds, each after a fresh edit of the same file:

  page       a paragraph appended to source/install/mirrors.md
  link-data  one record's description changed in source/_data/links/config.yaml
  catalog    one translation changed in locale/en/LC_MESSAGES/install/mirrors.po

Each is timed as `make html` (both editions) and as `make html-zh` / `make html-en` alone (the
edition an author previews). Pages rewritten are counted from the output files' mtimes (ground
truth) and from Sphinx's "writing output... [n%] page" lines (-v). The expected set for each edit
is what the edit affects: the page itself; the pages that declared a dependency on the data file
(Sphinx's environment, filled by ``env.note_dependency``); the English page of the catalog; plus
the pages rewritten on every build (the link index, whose "used on" column depends on every page),
and, as Sphinx does, the pages whose toctree lists a rewritten page (``env.files_to_rebuild``).
"""

from __future__ import annotations

import pickle
import re
from pathlib import Path

from _common import Workspace, arguments, html_mtimes, machine, ratio, save, summary

from sdbook.editions import EDITIONS as ALL_EDITIONS

SPHINXOPTS = '-W --keep-going -n -j auto -v'  # the Makefile's, with -v for the "writing output" lines
PAGE = 'install/mirrors'
DATA = 'source/_data/links/config.yaml'
CATALOG = f'locale/en/LC_MESSAGES/{PAGE}.po'
EDITIONS = tuple(ALL_EDITIONS)
WRITING = re.compile(r'^writing output\.\.\. \[\s*\d+%\] (\S+)', re.M)


def docnames(ws: Workspace) -> set[str]:
    src = ws.tree / 'source'
    return {p.relative_to(src).with_suffix('').as_posix() for p in src.rglob('*.md')
            if not any(part.startswith('_') for part in p.relative_to(src).parts)}


def environment(ws: Workspace, edition: str):
    """The saved Sphinx environment of an edition (the book's package is installed in the venv)."""
    with open(ws.builddir / 'doctrees' / edition / 'environment.pickle', 'rb') as f:
        return pickle.load(f)


def with_parents(env, docs: set[str]) -> set[str]:
    """Sphinx also rewrites the pages whose toctree lists a changed page (their navigation shows it)."""
    return set(docs) | {parent for doc in docs for parent in env.files_to_rebuild.get(doc, ())}


def dependents(ws: Workspace, edition: str, path: Path) -> set[str]:
    env = environment(ws, edition)
    target = path.resolve()
    users = {doc for doc, deps in env.dependencies.items() if any((ws.tree / 'source' / d).resolve() == target for d in deps)}
    return with_parents(env, users)


def edit_page(ws: Workspace, n: int) -> None:
    path = ws.tree / 'source' / f'{PAGE}.md'
    path.write_text(path.read_text(encoding='utf-8') + f'\n基准测试追加的段落，第 {n} 次。\n', encoding='utf-8')


def edit_data(ws: Workspace, n: int) -> None:
    path = ws.tree / DATA
    text = path.read_text(encoding='utf-8')
    match = re.search(r'^(\s+description: )([^\'"|>\n].*)$', text, re.M)
    path.write_text(text[:match.end()] + f'（修订 {n}）' + text[match.end():], encoding='utf-8')


def edit_catalog(ws: Workspace, n: int) -> None:
    path = ws.tree / CATALOG
    text = path.read_text(encoding='utf-8')
    # The first one-line translation after the header.
    match = re.search(r'^msgid "[^"\n]+"\nmsgstr "([^"\n]+)"$', text, re.M)
    path.write_text(text[:match.end() - 1] + f' (revision {n})"' + text[match.end():], encoding='utf-8')


def written(output: str) -> list[str]:
    return WRITING.findall(output)


def measure(ws: Workspace, targets: tuple[str, ...], editions: tuple[str, ...]) -> dict:
    before = {ed: html_mtimes(ws.builddir / 'html' / ed) for ed in editions}
    result = ws.make(*targets, sphinxopts=SPHINXOPTS).check()
    changed = {}
    for ed in editions:
        after = html_mtimes(ws.builddir / 'html' / ed)
        changed[ed] = sorted(p[:-5] for p, t in after.items() if before[ed].get(p) != t)
    return {'wall': result.wall, 'cpu': result.cpu, 'changed': changed,
            'writing_lines': sorted(set(written(result.stdout + result.stderr)))}


def main() -> None:
    args = arguments(__doc__, runs=3)
    ws = Workspace('incremental', keep=args.keep)
    start = machine()
    try:
        docs = docnames(ws)
        clean = measure(ws, ('html',), EDITIONS)
        extra = {ed: sorted(set(clean['changed'][ed]) - docs) for ed in EDITIONS}  # genindex, search, 404...
        always = {}
        nothing = [measure(ws, ('html',), EDITIONS) for _ in range(args.runs)]
        for ed in EDITIONS:
            always[ed] = sorted(set(nothing[-1]['changed'][ed]) & docs)
        clean_runs = [clean]
        for _ in range(args.runs - 1):  # more clean builds for the reference's spread
            ws.clean()
            clean_runs.append(measure(ws, ('html',), EDITIONS))

        edits = {
            'page': (edit_page, lambda ed: with_parents(environment(ws, ed), {PAGE})),
            'link-data': (edit_data, lambda ed: dependents(ws, ed, ws.tree / DATA)),
            'catalog': (edit_catalog, lambda ed: with_parents(environment(ws, ed), {PAGE}) if ed == 'en' else set()),
        }
        single = {'page': ('html-zh', 'zh_CN'), 'link-data': ('html-zh', 'zh_CN'), 'catalog': ('html-en', 'en')}
        results = {}
        n = 0
        for name, (edit, affected) in edits.items():
            both, alone = [], []
            for _ in range(args.runs):
                n += 1
                edit(ws, n)
                both.append(measure(ws, ('html',), EDITIONS))
                n += 1
                edit(ws, n)
                target, ed = single[name]
                alone.append(measure(ws, (target,), (ed,)))
                ws.make('html', sphinxopts=SPHINXOPTS).check()  # the other edition catches up, untimed
            expected = {ed: sorted(affected(ed) | set(always[ed])) for ed in EDITIONS}
            rewritten = {ed: sorted({p for run in both for p in run['changed'][ed] if p in docs}) for ed in EDITIONS}
            results[name] = {
                'make html': {'wall': summary([r['wall'] for r in both]), 'cpu': summary([r['cpu'] for r in both])},
                f'make {single[name][0]}': {'wall': summary([r['wall'] for r in alone]),
                                             'cpu': summary([r['cpu'] for r in alone])},
                'pages_rewritten': {ed: len(rewritten[ed]) for ed in EDITIONS},
                'rewritten': rewritten,
                'expected': expected,
                'only_affected_pages_rebuilt': rewritten == expected,
                'writing_lines_last_run': both[-1]['writing_lines'],
                'other_files_rewritten_each_build': extra,
            }
            print(f"{name}: make html {results[name]['make html']['wall']['median']} s, "
                  f"rewritten {rewritten}, expected {expected}", flush=True)
    finally:
        ws.close()
    ref = {'wall': summary([r['wall'] for r in clean_runs]), 'cpu': summary([r['cpu'] for r in clean_runs])}
    noop = {'wall': summary([r['wall'] for r in nothing]), 'cpu': summary([r['cpu'] for r in nothing])}
    save('incremental', {
        'machine_at_start': start,
        'commands': {'reference': f'make html SPHINXOPTS="{SPHINXOPTS}" (empty build folder)',
                     'rebuild': f'make html SPHINXOPTS="{SPHINXOPTS}" after the edit',
                     'one edition': f'make html-zh | make html-en SPHINXOPTS="{SPHINXOPTS}" after the edit'},
        'documents': len(docs),
        'reference_clean_make_html': ref,
        'no_change': {**noop, 'pages_rewritten': {ed: len([p for p in nothing[-1]['changed'][ed] if p in docs]) for ed in EDITIONS},
                      'always_rewritten': always},
        'edits': results,
        'ratios_to_clean_build': {
            'no_change': ratio(noop['wall'], ref['wall']),
            **{name: {key: ratio(r[key]['wall'], ref['wall']) for key in r if key.startswith('make ')}
               for name, r in results.items()},
        },
    })


if __name__ == '__main__':
    main()
