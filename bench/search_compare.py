"""Compare the book's two search candidates on the real book, in a real browser.

Candidates: Sphinx's built-in search (with jieba for the Chinese edition) and Pagefind (one
index per edition over the article bodies). For each edition and each candidate this script

1. builds the edition from scratch (``SDBOOK_SEARCH=sphinx|pagefind``) and times the build,
   and times Pagefind's indexing on its own;
2. measures the index: the files the search needs on disk, and the bytes the browser
   actually downloads for one search;
3. serves the result on 127.0.0.1 and types each query into the search page of headless
   Chromium (Debian's /usr/bin/chromium through Playwright), reading the result list the
   reader sees, and notes any request to another host.

Usage (from the top of the repository, after `make venv`):

    .venv/bin/python bench/search_compare.py                 # build, measure, print the table
    .venv/bin/python bench/search_compare.py --reuse         # reuse earlier builds (no timings)

Results go to bench/results/search.json (git-ignored); the Markdown table is printed for
bench/README.md.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

from sdbook.build import STRICT_ARGS
from sdbook.ext.reader import PAGEFIND_EXCLUDE

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / 'bench' / 'results'
CHROMIUM = '/usr/bin/chromium'
FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--no-first-run']
ENGINES = ('sphinx', 'pagefind')

# Query -> the pages a reader would want first (docnames). The book writes 高分辨率修复 and
# "Hires. fix": the queries are what a reader types, not necessarily the book's own words.
QUERIES = {
    'zh_CN': {
        '显存不足': {'config/errors', 'install/errors', 'config/performance'},
        '负面提示词': {'paint/prompts', 'paint/txt2img'},
        '高清修复': {'config/parameters', 'paint/txt2img', 'paint/practical'},
        'LoRA 训练': {'train/lora'},
        '采样器': {'config/parameters', 'paint/txt2img'},
        '局部重绘': {'paint/img2img'},
    },
    'en': {
        'out of memory': {'config/errors', 'install/errors', 'config/performance', 'config/gpu'},
        'negative prompt': {'paint/prompts', 'paint/txt2img'},
        'hires fix': {'config/parameters', 'paint/txt2img', 'paint/practical'},
        'LoRA training': {'train/lora'},
        'sampler': {'config/parameters', 'paint/txt2img'},
        'inpainting': {'paint/img2img'},
    },
}

# What the result list looks like on each engine's search page.
RESULT_LINKS = {'sphinx': '#search-results ul.search > li > a', 'pagefind': 'a.pagefind-ui__result-link'}
STATUS = {'sphinx': '#search-results .search-summary', 'pagefind': '.pagefind-ui__message'}
INDEX_FILES = {
    'sphinx': ['searchindex.js', '_static/language_data.js', '_static/searchtools.js'],
    'pagefind': ['pagefind'],
}


def size_of(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob('*') if p.is_file())
    return path.stat().st_size if path.exists() else 0


def build(engine: str, edition: str, out: Path) -> dict:
    """A fresh HTML build of one edition with one search engine; returns timings in seconds."""
    site = out / engine / edition
    doctrees = out / 'doctrees' / f'{engine}-{edition}'
    shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(doctrees, ignore_errors=True)
    env = dict(os.environ, SDBOOK_LANG=edition, SDBOOK_SEARCH=engine)
    command = [str(ROOT / '.venv' / 'bin' / 'sphinx-build'), '-c', str(ROOT), '-d', str(doctrees),
               *STRICT_ARGS, '-j', 'auto', '-q', '-b', 'html', str(ROOT / 'source'), str(site)]
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
    timings = {'build_s': round(time.perf_counter() - start, 1)}
    if engine == 'pagefind':
        # The build ran Pagefind already; run it once more alone to time the indexing itself.
        start = time.perf_counter()
        subprocess.run([sys.executable, '-m', 'pagefind', '--site', str(site), '--output-subdir', 'pagefind',
                        '--exclude-selectors', PAGEFIND_EXCLUDE, '--keep-index-url', '--silent'], check=True)
        timings['index_s'] = round(time.perf_counter() - start, 1)
    return timings


def serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), functools.partial(Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f'http://127.0.0.1:{server.server_address[1]}'


def is_search_file(url: str) -> bool:
    """Files that only search needs (the theme's own CSS and JS are the same for both)."""
    path = '/' + urlsplit(url).path.split('/', 3)[-1]  # below /<engine>/<edition>/
    return path.startswith('/pagefind/') or path.endswith(('searchindex.js', 'language_data.js', 'searchtools.js',
                                                  'stemmer.js', 'sdbook-search.js'))


def docname(href: str, prefix: str) -> str:
    path = urlsplit(href).path
    path = path[len(prefix):] if path.startswith(prefix) else path
    path = re.sub(r'(index)?\.html$', lambda m: 'index' if m.group(1) else '', path)
    return path.rstrip('/') or 'index'


def run_query(page, base: str, engine: str, edition: str, query: str, expected: set[str]) -> dict:
    fetched = []
    page.on('requestfinished', lambda request: fetched.append(request))
    start = time.perf_counter()
    page.goto(f'{base}/{engine}/{edition}/search.html?q={quote(query)}')
    # Done when the status line and the result list have not changed for a second.
    last, stable_since = None, time.perf_counter()
    while time.perf_counter() - start < 20:
        now = page.evaluate(
            '([status, links]) => [(document.querySelector(status) || {}).textContent || "",'
            ' document.querySelectorAll(links).length]', [STATUS[engine], RESULT_LINKS[engine]])
        if now != last:
            last, stable_since = now, time.perf_counter()
        elif now[0].strip() and time.perf_counter() - stable_since > 1.0:
            break
        page.wait_for_timeout(100)
    elapsed = time.perf_counter() - start - 1.0
    status, shown = last
    links = page.eval_on_selector_all(RESULT_LINKS[engine], 'els => els.map(e => [e.textContent.trim(), e.href])')
    prefix = f'/{engine}/{edition}/'
    results = [(title, docname(href, prefix)) for title, href in links]
    count = shown
    if engine == 'pagefind':  # Pagefind shows 5 at a time; its status line has the total
        numbers = re.findall(r'\d+', status)
        count = int(numbers[0]) if numbers else 0
    rank = next((i for i, (_, name) in enumerate(results, 1) if name in expected), None)
    sizes = [req.sizes().get('responseBodySize', 0) for req in fetched if is_search_file(req.url)]
    return {
        'query': query, 'engine': engine, 'edition': edition, 'status': status.strip(),
        'results': count, 'first_relevant': rank, 'top': [name for _, name in results[:3]],
        'seconds': round(max(elapsed, 0), 2), 'bytes_fetched': sum(sizes),
        'foreign_requests': [req.url for req in fetched if urlsplit(req.url).hostname not in ('127.0.0.1', None)],
    }


def browse(out: Path) -> list[dict]:
    from playwright.sync_api import sync_playwright

    server, base = serve(out)
    rows = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            for edition, queries in QUERIES.items():
                for engine in ENGINES:
                    for query, expected in queries.items():
                        context = browser.new_context()  # empty cache: bytes_fetched is a first search
                        page = context.new_page()
                        rows.append(run_query(page, base, engine, edition, query, expected))
                        context.close()
            browser.close()
    finally:
        server.shutdown()
    return rows


def table(rows: list[dict], sizes: dict, timings: dict) -> str:
    lines = ['| Edition | Query | Engine | Results | First relevant | Top 3 | First search downloads |',
             '| --- | --- | --- | ---: | ---: | --- | ---: |']
    for r in rows:
        top = ', '.join(r['top']) or '—'
        lines.append(f"| {r['edition']} | {r['query']} | {r['engine']} | {r['results']} | "
                     f"{r['first_relevant'] or 'none'} | {top} | {r['bytes_fetched'] / 1024:.0f} KB |")
    lines += ['', '| Edition | Engine | Index on disk | Full HTML build | Indexing alone |',
              '| --- | --- | ---: | ---: | ---: |']
    for edition in QUERIES:
        for engine in ENGINES:
            t = timings.get(f'{engine}-{edition}', {})
            lines.append(f"| {edition} | {engine} | {sizes[f'{engine}-{edition}'] / 1024:.0f} KB | "
                         f"{t.get('build_s', '?')} s | {t.get('index_s', '(in the build)')}"
                         f"{' s' if 'index_s' in t else ''} |")
    return '\n'.join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--out', type=Path, default=RESULTS / 'search-build', help='build folder')
    parser.add_argument('--reuse', action='store_true', help='reuse the builds in --out')
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        print(f'{CHROMIUM} is missing: apt-get install chromium (or `make browser`)', file=sys.stderr)
        return 2
    RESULTS.mkdir(parents=True, exist_ok=True)
    saved = RESULTS / 'search.json'
    timings = json.loads(saved.read_text())['timings'] if args.reuse and saved.exists() else {}
    for edition in QUERIES:
        for engine in ENGINES:
            if not (args.reuse and (args.out / engine / edition / 'search.html').exists()):
                print(f'building {edition} with {engine} search ...', file=sys.stderr)
                timings[f'{engine}-{edition}'] = build(engine, edition, args.out)
    saved.write_text(json.dumps({'timings': timings}, indent=1))
    sizes = {f'{engine}-{edition}': sum(size_of(args.out / engine / edition / f) for f in INDEX_FILES[engine])
             for edition in QUERIES for engine in ENGINES}
    rows = browse(args.out)
    saved.write_text(json.dumps({'timings': timings, 'sizes': sizes, 'rows': rows}, ensure_ascii=False, indent=1))
    print(table(rows, sizes, timings))
    foreign = [u for r in rows for u in r['foreign_requests']]
    if foreign:
        print(f'\nRequests to other hosts: {foreign}', file=sys.stderr)
    return 0


if __name__ == '__main__':
    sys.exit(main())
