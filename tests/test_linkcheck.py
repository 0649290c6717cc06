"""`make linkcheck`'s report, checked against a small HTTP server on 127.0.0.1 (no internet)."""

from __future__ import annotations

import http.server
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sphinxrun import sphinx_build

ROOT = Path(__file__).resolve().parent.parent


class Handler(http.server.BaseHTTPRequestHandler):
    def _answer(self, body: bool) -> None:
        if self.path == '/ok':
            self.send_response(200)
            self.send_header('Content-Type', 'text/html')
            self.end_headers()
            if body:
                self.wfile.write(b'<html><body>ok</body></html>')
        elif self.path == '/moved':
            self.send_response(301)
            self.send_header('Location', '/ok')
            self.end_headers()
        else:
            self.send_response(404)
            self.end_headers()

    def do_HEAD(self):  # noqa: N802 (http.server's naming)
        self._answer(False)

    def do_GET(self):  # noqa: N802
        self._answer(True)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f'http://127.0.0.1:{httpd.server_address[1]}'
    httpd.shutdown()


def test_report_lists_dead_and_redirected_links_with_their_data_line(tmp_path, server):
    src = tmp_path / 'book'
    (src / '_data' / 'links').mkdir(parents=True)
    (src / 'conf.py').write_text("extensions = ['myst_parser', 'sdbook_links']\nlanguage = 'zh_CN'\n"
                                 'linkcheck_timeout = 5\nlinkcheck_retries = 1\n', encoding='utf-8')
    (src / 'index.md').write_text(f'# 链接\n\n正文里的 [坏链接]({server}/nowhere)。\n\n'
                                  '```{linktable}\n:category: c\n```\n', encoding='utf-8')
    records = [('fine', '/ok', ''), ('moved', '/moved', ''), ('gone', '/gone', ''),
               ('archived', '/lost', f'    archive: {server}/ok\n')]
    data = 'categories:\n  - id: c\n    title: 分类\nlinks:\n'
    for rid, path, extra in records:
        data += (f'  - id: {rid}\n    name: {rid}\n    url: {server}{path}\n    description: 说明\n'
                 f'    platform: website\n    category: c\n{extra}')
    (src / '_data' / 'links' / 'links.yaml').write_text(data, encoding='utf-8')
    out = tmp_path / 'linkcheck'
    sphinx_build(src, out, builder='linkcheck', strict=False, timeout=120)
    result = subprocess.run([sys.executable, str(ROOT / 'tools' / 'linkreport.py'), str(out / 'output.json'),
                             '--data', str(src / '_data' / 'links'), '--root', str(src)],
                            capture_output=True, text=True)
    assert result.returncode == 1  # a dead link nobody has recorded yet
    report = (out / 'report.md').read_text(encoding='utf-8')
    dead = report[report.index('## Dead links'):report.index('## Redirected')]
    moved = report[report.index('## Redirected'):report.index('## Unreachable')]
    known = report[report.index('## Known'):]
    assert f"_data/links/links.yaml:17 (record 'gone'): {server}/gone" in dead
    assert f'source/index.md:3: {server}/nowhere' in dead
    assert f"_data/links/links.yaml:11 (record 'moved'): {server}/moved → {server}/ok (301)" in moved
    assert f"_data/links/links.yaml:23 (record 'archived'): {server}/lost" in known
    assert 'fine' not in report
