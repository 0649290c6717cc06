"""The real book, built once per test run with `make book` (both editions: HTML, PDF, EPUB, ZIP)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from testvenv import VENV

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope='session')
def book_builddir() -> Path:
    builddir = ROOT / '_build' / 'test-book'
    # From empty: pages an earlier build left (with an older stylesheet hash or git date) would
    # make the byte-for-byte comparisons compare two different builds.
    shutil.rmtree(builddir, ignore_errors=True)
    env = dict(os.environ, BUILDDIR=str(builddir))
    result = subprocess.run(['make', '--no-print-directory', 'book', f'BUILDDIR={builddir}', f'VENV={VENV}'],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        pytest.fail(f'make book failed ({result.returncode}):\n{result.stdout[-5000:]}\n{result.stderr[-8000:]}')
    return builddir
