"""Both PDFs after the HTML (as `make book` builds them): one edition after the other, or side by side.

    .venv/bin/python bench/pdf.py [--runs N]

On a copy of the book, after a clean `make html` (whose doctree cache the LaTeX builder reuses:
no page is read again), each run empties $(BUILDDIR)/latex and measures
  sequential  `make pdf-zh_CN` then `make pdf-en`
  concurrent  `make -j2 pdf-zh_CN pdf-en`
  make pdf    `make pdf` as the Makefile defines it
and counts latexmk's passes (xelatex, makeindex, xdvipdfmx) from its output. The reference is the
clean `make html` of the same run.
"""

from __future__ import annotations

import re
import shutil

from _common import Workspace, arguments, machine, ratio, save, summary

PASS = re.compile(r"Latexmk: Run number \d+ of rule '(\w+)")


def main() -> None:
    args = arguments(__doc__, runs=2)
    ws = Workspace('pdf', keep=args.keep)
    start = machine()
    cases = {'sequential': [('pdf-zh_CN',), ('pdf-en',)], 'concurrent': [('-j2', 'pdf-zh_CN', 'pdf-en')], 'make pdf': [('pdf',)]}
    wall = {name: [] for name in cases}
    cpu = {name: [] for name in cases}
    html_wall, html_cpu, passes = [], [], {}
    try:
        for run in range(args.runs):
            ws.clean()
            html = ws.make('html').check()
            html_wall.append(html.wall)
            html_cpu.append(html.cpu)
            for name, steps in cases.items():
                shutil.rmtree(ws.builddir / 'latex', ignore_errors=True)
                w = c = 0.0
                output = ''
                for targets in steps:
                    result = ws.make(*targets).check()
                    w, c, output = w + result.wall, c + result.cpu, output + result.stdout + result.stderr
                wall[name].append(w)
                cpu[name].append(c)
                counts = {}
                for rule in PASS.findall(output):
                    counts[rule] = counts.get(rule, 0) + 1
                passes[name] = counts
                print(f'run {run + 1}/{args.runs} {name}: {w:.1f} s wall, {c:.1f} s CPU, passes {counts}', flush=True)
    finally:
        ws.close()
    ref = {'wall': summary(html_wall), 'cpu': summary(html_cpu)}
    results = {name: {'wall': summary(wall[name]), 'cpu': summary(cpu[name]), 'latexmk_passes_both_editions': passes[name]}
               for name in cases}
    save('pdf', {
        'machine_at_start': start,
        'commands': {'reference': 'make html (empty build folder)', 'sequential': 'make pdf-zh_CN; make pdf-en',
                     'concurrent': 'make -j2 pdf-zh_CN pdf-en', 'make pdf': 'make pdf'},
        'reference_clean_make_html': ref,
        'results': results,
        'ratios_to_reference': {name: {'wall': ratio(r['wall'], ref['wall']), 'cpu': ratio(r['cpu'], ref['cpu'])}
                                for name, r in results.items()},
        'concurrent_over_sequential': {'wall': ratio(results['concurrent']['wall'], results['sequential']['wall']),
                                       'cpu': ratio(results['concurrent']['cpu'], results['sequential']['cpu'])},
    })


if __name__ == '__main__':
    main()
