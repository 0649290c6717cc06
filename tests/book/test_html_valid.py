"""Every page of both editions passes the W3C Nu Html Checker (vnu.jar, pinned in
tools/html-validator; `make test` installs it with Java)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from testvenv import VENV

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = Path(os.environ.get('SDBOOK_VNU_JAR', VENV / 'html-validator' / 'node_modules' / 'vnu-jar' / 'build' / 'dist' / 'vnu.jar'))


def _pages(html_root: Path) -> list[Path]:
    return sorted(p for p in html_root.rglob('*.html') if '_static' not in p.parts and '_sources' not in p.parts)


def test_every_page_of_both_editions_is_valid_html(book_builddir):
    if not VNU_JAR.is_file() or not shutil.which('java'):
        pytest.fail(f'the HTML checker is not installed ({VNU_JAR}, java): run `make validator`')
    html_root = book_builddir / 'html'
    pages = _pages(html_root)
    editions = {p.relative_to(html_root).parts[0] for p in pages}
    assert {'zh_CN', 'en'} <= editions and len(pages) > 90
    result = subprocess.run(['java', '-jar', str(VNU_JAR), '--errors-only', '--format', 'json', *map(str, pages)],
                            capture_output=True, text=True)
    messages = json.loads(result.stderr)['messages']
    errors = [m for m in messages if m['type'] in ('error', 'non-document-error')]
    summary = Counter(m['message'] for m in errors)
    where = [f"{Path(m['url'].removeprefix('file:')).relative_to(html_root)}:{m.get('lastLine', '?')}: {m['message']}"
             for m in errors[:20]]
    assert not errors, f'{len(errors)} HTML errors in {len(pages)} pages:\n' + '\n'.join(where) + f'\nby message: {summary.most_common(5)}'
