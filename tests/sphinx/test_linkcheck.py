"""`make linkcheck`'s report, checked against a small HTTP server on 127.0.0.1 (no internet)."""

from __future__ import annotations

import http.server
import threading

import pytest

from sdbook.linkreport import main as link_report
from sdbook.project import Project


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

    def do_HEAD(self):
        self._answer(False)

    def do_GET(self):
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


def test_report_lists_dead_and_redirected_links_with_their_data_line(small_book, server, capsys):
    files = {'index.md': f'# 链接\n\n正文里的 [坏链接]({server}/nowhere)。\n\n```{{linktable}}\n:category: c\n```\n'}
    records = [('fine', '/ok', ''), ('moved', '/moved', ''), ('gone', '/gone', ''),
               ('archived', '/lost', f'    archive: {server}/ok\n')]
    data = 'categories:\n  - id: c\n    title: 分类\nlinks:\n'
    for rid, path, extra in records:
        data += (f'  - id: {rid}\n    name: {rid}\n    url: {server}{path}\n    description: 说明\n'
                 f'    platform: website\n    category: c\n{extra}')
    files['_data/links/links.yaml'] = data
    book = small_book(files, builder='linkcheck', extensions=['myst_parser', 'sdbook.ext.links'],
                      linkcheck_timeout=5, linkcheck_retries=1)
    status = link_report(Project(book.src, source_dir=book.src), book.out / 'output.json')
    assert status == 1  # a dead link nobody has recorded yet
    report = (book.out / 'report.md').read_text(encoding='utf-8')
    assert report in capsys.readouterr().out
    dead = report[report.index('## Dead links'):report.index('## Redirected')]
    moved = report[report.index('## Redirected'):report.index('## Unreachable')]
    known = report[report.index('## Known'):]
    assert f"_data/links/links.yaml:17 (record 'gone'): {server}/gone" in dead
    assert f'index.md:3: {server}/nowhere' in dead
    assert f"_data/links/links.yaml:11 (record 'moved'): {server}/moved → {server}/ok (301)" in moved
    assert f"_data/links/links.yaml:23 (record 'archived'): {server}/lost" in known
    assert 'fine' not in report
