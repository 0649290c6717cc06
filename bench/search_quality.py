"""How well the search answers readers: hit@1, hit@3 and MRR per edition, in a real browser.

The queries and the pages that answer them are in ``bench/search_queries.yaml``. Each query is
typed (as ``?q=``) into the edition's search page of a built site, served on 127.0.0.1 and read
in headless Chromium (Debian's /usr/bin/chromium through Playwright), so the ranking measured is
the one readers get, with the options the search page sets.

Usage (after `make html`):

    .venv/bin/python bench/search_quality.py                # the site in _build/html
    .venv/bin/python bench/search_quality.py --site DIR --misses

Results go to bench/results/search-quality.json (git-ignored); the table is printed for
bench/README.md. MRR counts the first five results (what the page shows before "more").
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from urllib.parse import quote

import yaml
from search_compare import CHROMIUM, FLAGS, docname, serve  # bench/ is on the path: the script's folder

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / 'bench' / 'search_queries.yaml'
RESULTS = ROOT / 'bench' / 'results'
LINKS = 'a.pagefind-ui__result-link'
STATUS = '.pagefind-ui__message'


def ranked(page, base: str, edition: str, query: str) -> list[str]:
    """The docnames of the results shown for a query, best first."""
    page.goto(f'{base}/{edition}/search.html?q={quote(query)}')
    start, last, stable_since = time.perf_counter(), None, time.perf_counter()
    while time.perf_counter() - start < 20:  # done when status and results are still for 0.6 s
        now = page.evaluate('([s, l]) => [(document.querySelector(s) || {}).textContent || "",'
                            ' [...document.querySelectorAll(l)].map(e => e.href).join(" ")]', [STATUS, LINKS])
        if now != last:
            last, stable_since = now, time.perf_counter()
        elif now[0].strip() and time.perf_counter() - stable_since > 0.6:
            break
        page.wait_for_timeout(80)
    hrefs = page.eval_on_selector_all(LINKS, 'els => els.map(e => e.href)')
    names = []
    for href in hrefs:
        name = docname(href.split('#')[0], f'/{edition}/')
        if name not in names:  # one page, many sections: the page's best rank counts
            names.append(name)
    return names


def score(rows: list[dict]) -> dict:
    ranks = [r['rank'] for r in rows]
    n = len(rows)
    return {'queries': n, 'hit@1': round(sum(1 for r in ranks if r == 1) / n, 2),
            'hit@3': round(sum(1 for r in ranks if r and r <= 3) / n, 2),
            'mrr': round(sum(1 / r for r in ranks if r) / n, 2),
            'empty': round(sum(1 for r in rows if not r['results']) / n, 2)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--site', type=Path, default=ROOT / '_build' / 'html')
    parser.add_argument('--misses', action='store_true', help='list the queries not answered in the top 3')
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    queries = yaml.safe_load(QUERIES.read_text(encoding='utf-8'))
    server, base = serve(args.site)
    rows: list[dict] = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = browser.new_page()
            for edition, items in queries.items():
                for item in items:
                    names = ranked(page, base, edition, item['q'])[:5]
                    rank = next((i for i, name in enumerate(names, 1) if name in item['pages']), None)
                    rows.append({'edition': edition, 'query': item['q'], 'want': item['pages'], 'results': names,
                                 'rank': rank})
            browser.close()
    finally:
        server.shutdown()
    RESULTS.mkdir(exist_ok=True)
    summary = {edition: score([r for r in rows if r['edition'] == edition]) for edition in queries}
    (RESULTS / 'search-quality.json').write_text(json.dumps({'summary': summary, 'rows': rows}, ensure_ascii=False,
                                                            indent=1), encoding='utf-8')
    print('| Edition | Queries | hit@1 | hit@3 | MRR | No result |\n|---|---|---|---|---|---|')
    for edition, s in summary.items():
        print(f"| {edition} | {s['queries']} | {s['hit@1']:.2f} | {s['hit@3']:.2f} | {s['mrr']:.2f} | {s['empty']:.0%} |")
    if args.misses:
        for r in rows:
            if not r['rank'] or r['rank'] > 3:
                print(f"miss [{r['edition']}] {r['query']!r}: want {r['want']}, got {r['results']}")
    return 0


if __name__ == '__main__':
    sys.exit(main())
