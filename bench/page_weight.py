"""What a reader downloads: each edition's home page, by kind, in headless Chromium.

Serves a built site (default `_build/html`, from `make html`) on 127.0.0.1, loads each
edition's home page and its search page with an empty cache, and adds up the response bodies
by kind (HTML, CSS, JS, fonts, images, search index), listing any request to another host.
It also reports the size of each edition's search index and offline archive on disk.

    .venv/bin/python bench/page_weight.py [--site _build/html]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import sys
import threading
from collections import Counter
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = '/usr/bin/chromium'
FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--no-first-run']
PAGES = {'zh_CN': ['index.html', f'search.html?q={quote("采样器")}'],
         'en': ['index.html', f'search.html?q={quote("sampler")}']}
KINDS = ['HTML', 'CSS', 'JS', 'fonts', 'images', 'search index', 'other']


def kind_of(url: str, resource_type: str) -> str:
    path = urlsplit(url).path
    if ('/pagefind/' in path and not path.endswith(('.js', '.css'))) or path.endswith('searchindex.js'):
        return 'search index'
    return {'document': 'HTML', 'stylesheet': 'CSS', 'script': 'JS', 'font': 'fonts', 'image': 'images'}.get(
        resource_type, 'JS' if path.endswith('.js') else 'other')


def size_of(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob('*') if p.is_file()) if path.is_dir() else 0


def main() -> int:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--site', type=Path, default=ROOT / '_build' / 'html')
    args = parser.parse_args()

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *a):
            pass
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), functools.partial(Quiet, directory=str(args.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f'http://127.0.0.1:{server.server_address[1]}'
    report = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for edition, pages in PAGES.items():
            for name in pages:
                context = browser.new_context()
                page = context.new_page()
                done = []
                page.on('requestfinished', lambda request, done=done: done.append(request))
                page.goto(f'{base}/{edition}/{name}')
                page.wait_for_load_state('networkidle')
                page.wait_for_timeout(1500)  # search results load after the page
                weights = Counter()
                for req in done:
                    weights[kind_of(req.url, req.resource_type)] += req.sizes()['responseBodySize']
                report[f'{edition}/{name.split("?")[0]}'] = {
                    'requests': len(done), 'bytes': dict(weights),
                    'foreign': [r.url for r in done if urlsplit(r.url).hostname != '127.0.0.1'],
                }
                context.close()
        browser.close()
    server.shutdown()

    lines = ['| Page | Requests | ' + ' | '.join(KINDS) + ' | Total |',
             '| --- | ---: |' + ' ---: |' * (len(KINDS) + 1)]
    for name, r in report.items():
        cells = [f"{r['bytes'].get(k, 0) / 1024:.0f} KB" for k in KINDS]
        total = sum(r['bytes'].values()) / 1024
        lines.append(f"| {name} | {r['requests']} | " + ' | '.join(cells) + f' | {total:.0f} KB |')
    lines += ['', '| Edition | Search index on disk (`pagefind/`) | Whole edition on disk | Offline archive |',
              '| --- | ---: | ---: | ---: |']
    for edition in PAGES:
        archives = sorted((args.site / 'downloads').glob(f'StableDiffusionBook-{edition}-*-html.zip'))
        archive = f'{archives[-1].stat().st_size / 1024:.0f} KB' if archives else '—'
        lines.append(f"| {edition} | {size_of(args.site / edition / 'pagefind') / 1024:.0f} KB | "
                     f"{size_of(args.site / edition) / 1024:.0f} KB | {archive} |")
    print('\n'.join(lines))
    foreign = [u for r in report.values() for u in r['foreign']]
    (ROOT / 'bench' / 'results').mkdir(parents=True, exist_ok=True)
    (ROOT / 'bench' / 'results' / 'page-weight.json').write_text(json.dumps(report, indent=1))
    if foreign:
        print(f'\nRequests to other hosts: {foreign}', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
