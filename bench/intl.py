"""Translation templates and catalogs: `make gettext` and `make intl-update`.

    .venv/bin/python bench/intl.py [--runs N]

On a copy of the book, each run: a clean `make html-zh` (the reference), `make gettext` from an
empty template folder and cache, `make gettext` again with nothing changed, and `make intl-update`
(which runs gettext, then updates the catalogs of the copy; on an up-to-date tree it writes none).
"""

from __future__ import annotations

import re
import shutil

from _common import Workspace, arguments, machine, ratio, save, summary


def main() -> None:
    args = arguments(__doc__, runs=3)
    ws = Workspace('intl', keep=args.keep)
    start = machine()
    data = {'html-zh (reference)': ([], []), 'gettext clean': ([], []), 'gettext again': ([], []), 'intl-update': ([], [])}
    changed = []
    try:
        for run in range(args.runs):
            ws.clean()
            steps = [('html-zh (reference)', 'html-zh'), ('gettext clean', 'gettext'), ('gettext again', 'gettext'),
                     ('intl-update', 'intl-update')]
            for name, target in steps:
                if name == 'gettext clean':
                    shutil.rmtree(ws.builddir / 'gettext', ignore_errors=True)
                    shutil.rmtree(ws.builddir / 'doctrees' / 'gettext', ignore_errors=True)
                result = ws.make(target).check()
                data[name][0].append(result.wall)
                data[name][1].append(result.cpu)
                if name == 'intl-update':
                    found = re.search(r'intl update: (\d+) catalog\(s\) changed', result.stdout)
                    changed.append(int(found[1]) if found else None)
            print(f'run {run + 1}/{args.runs}: ' + ', '.join(f'{k} {v[0][-1]:.1f} s' for k, v in data.items()), flush=True)
    finally:
        ws.close()
    results = {name: {'wall': summary(w), 'cpu': summary(c)} for name, (w, c) in data.items()}
    ref = results['html-zh (reference)']
    save('intl', {
        'machine_at_start': start,
        'commands': {'reference': 'make html-zh (empty build folder)', 'gettext clean': 'make gettext (empty gettext folder and cache)',
                     'gettext again': 'make gettext (nothing changed)', 'intl-update': 'make intl-update'},
        'results': results,
        'catalogs_changed_by_intl_update': changed,
        'ratios_to_reference': {name: {'wall': ratio(r['wall'], ref['wall']), 'cpu': ratio(r['cpu'], ref['cpu'])}
                                for name, r in results.items()},
    })


if __name__ == '__main__':
    main()
