"""Clean build of both HTML editions: `make html` (editions side by side) against one after the other.

    .venv/bin/python bench/build_html.py [--runs N]

Measures, on a copy of the book, each from an empty build folder:
  concurrent  `make html`                      (the Makefile runs html-zh and html-en with -j2)
  sequential  `make html-zh` then `make html-en`
  zh_CN       `make html-zh` alone
  en          `make html-en` alone
The reference of the run is `sequential`: the ratio says what building side by side saves.
"""

from __future__ import annotations

from _common import Workspace, arguments, machine, ratio, save, summary


def main() -> None:
    args = arguments(__doc__, runs=3)
    ws = Workspace('html', keep=args.keep)
    start = machine()
    cases = {
        'concurrent': [('html',)],
        'sequential': [('html-zh',), ('html-en',)],
        'zh_CN': [('html-zh',)],
        'en': [('html-en',)],
    }
    wall = {name: [] for name in cases}
    cpu = {name: [] for name in cases}
    try:
        for run in range(args.runs):
            for name, steps in cases.items():  # interleaved, so a burst of load hits every case
                ws.clean()
                w = c = 0.0
                for targets in steps:
                    result = ws.make(*targets).check()
                    w += result.wall
                    c += result.cpu
                wall[name].append(w)
                cpu[name].append(c)
                print(f'run {run + 1}/{args.runs} {name}: {w:.1f} s wall, {c:.1f} s CPU', flush=True)
    finally:
        ws.close()
    results = {name: {'wall': summary(wall[name]), 'cpu': summary(cpu[name])} for name in cases}
    ref = results['sequential']
    save('build_html', {
        'machine_at_start': start,
        'commands': {'concurrent': 'make html BUILDDIR=<empty>', 'sequential': 'make html-zh; make html-en',
                     'zh_CN': 'make html-zh', 'en': 'make html-en'},
        'reference': 'sequential',
        'results': results,
        'ratios_to_reference': {name: {'wall': ratio(r['wall'], ref['wall']), 'cpu': ratio(r['cpu'], ref['cpu'])}
                                for name, r in results.items()},
    })


if __name__ == '__main__':
    main()
