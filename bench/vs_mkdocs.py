"""This book against the MkDocs original it replaces, built side by side in alternating runs.

    SDBOOK_MKDOCS_CHECKOUT=/path/to/StableDiffusionBook-original \\
    SDBOOK_MKDOCS=/path/to/venv/bin/mkdocs \\
    .venv/bin/python bench/vs_mkdocs.py [--runs N]

The original (github.com/sudoskys/StableDiffusionBook, MkDocs Material, both languages through
mkdocs-static-i18n) is a git checkout with MkDocs and its plugins installed somewhere
(``SDBOOK_MKDOCS``, default: ``mkdocs`` on PATH; its pyproject.toml lists them). It is built
from a copy with the social-card plugin turned off (it draws an image per page with Cairo,
which this book does not do either). Each run, in this order, from empty output folders:

  mkdocs     `mkdocs build` of the original (both languages)
  book       `make html` of this book (both editions, search index included)
  edit       this book again after one page changed (`paint/img2img.md`): `make html`

and prints the medians and the ratios book / mkdocs and edit / mkdocs (wall time: the goal),
and the CPU time of each (user + system of everything started; MkDocs uses one core, the book
both). Nothing of the original
is kept in this repository; results go to bench/results/vs_mkdocs.json.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from _common import Workspace, arguments, machine, ratio, save, summary, timed

EDITED_PAGE = 'source/paint/img2img.md'


def original_copy(checkout: Path, dest: Path) -> Path:
    """A copy of the original with git history (its date plugin reads it) and no social cards."""
    subprocess.run(['git', 'clone', '--quiet', str(checkout), str(dest)], check=True)
    config = dest / 'mkdocs.yml'
    text = config.read_text(encoding='utf-8')
    text, count = re.subn(r'\n  - social:\n(?:      .*\n)+', '\n', text)
    if count != 1:
        sys.exit(f'{config}: the social plugin block was not found (the original has changed?)')
    config.write_text(text, encoding='utf-8')
    return dest


def main() -> None:
    args = arguments(__doc__, runs=3)
    checkout = os.environ.get('SDBOOK_MKDOCS_CHECKOUT')
    if not checkout or not (Path(checkout) / 'mkdocs.yml').is_file():
        sys.exit('set SDBOOK_MKDOCS_CHECKOUT to a checkout of github.com/sudoskys/StableDiffusionBook')
    mkdocs = os.environ.get('SDBOOK_MKDOCS') or shutil.which('mkdocs')
    if not mkdocs:
        sys.exit('set SDBOOK_MKDOCS to the mkdocs program of a venv with the original\'s plugins')
    start = machine()
    base = Path(tempfile.mkdtemp(prefix='sdbook-bench-mkdocs-'))
    original = original_copy(Path(checkout), base / 'original')
    ws = Workspace('vs-mkdocs', keep=args.keep)
    page = ws.tree / EDITED_PAGE
    times: dict[str, list[float]] = {'mkdocs': [], 'book': [], 'edit': []}
    cpu: dict[str, list[float]] = {'mkdocs': [], 'book': [], 'edit': []}
    try:
        for run in range(args.runs):
            shutil.rmtree(original / 'site', ignore_errors=True)
            result = timed([mkdocs, 'build', '--quiet'], cwd=original)
            if result.returncode:
                sys.exit(f'mkdocs build failed:\n{result.stderr[-3000:]}')
            times['mkdocs'].append(result.wall)
            cpu['mkdocs'].append(result.cpu)
            ws.clean()
            book = ws.make('html').check()
            times['book'].append(book.wall)
            cpu['book'].append(book.cpu)
            page.write_text(page.read_text(encoding='utf-8') + f'\n编辑测试 {run}。\n', encoding='utf-8')
            edit = ws.make('html').check()
            times['edit'].append(edit.wall)
            cpu['edit'].append(edit.cpu)
            print(f"run {run + 1}/{args.runs}: mkdocs {times['mkdocs'][-1]:.1f} s, book {times['book'][-1]:.1f} s, "
                  f"one-page edit {times['edit'][-1]:.1f} s", flush=True)
    finally:
        ws.close()
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    results = {name: summary(values) for name, values in times.items()}
    cpu_results = {name: summary(values) for name, values in cpu.items()}
    ratios = {'book / mkdocs': ratio(results['book'], results['mkdocs']),
              'edit / mkdocs': ratio(results['edit'], results['mkdocs'])}
    for name, value in ratios.items():
        print(f'{name}: {value}')
    for name, value in cpu_results.items():
        print(f"CPU {name}: {value['median']} s")
    save('vs_mkdocs', {'machine_at_start': start, 'mkdocs': mkdocs, 'edited_page': EDITED_PAGE,
                       'results': results, 'ratios': ratios, 'cpu': cpu_results})


if __name__ == '__main__':
    main()
