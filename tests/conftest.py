"""Shared fixtures: Sphinx's testing fixtures for the small roots, and the real book built once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / '_ext'), str(ROOT / 'tools')]

# Sphinx colours its messages when CI=true; tests read them as plain text.
os.environ['NO_COLOR'] = '1'

pytest_plugins = ['sphinx.testing.fixtures']

collect_ignore = ['roots']


@pytest.fixture(scope='session')
def rootdir() -> Path:
    return ROOT / 'tests' / 'roots'


@pytest.fixture(scope='session')
def book_builddir() -> Path:
    """Both editions of the real book, HTML and PDF, built once per test run with `make book`."""
    builddir = ROOT / '_build' / 'test-book'
    env = dict(os.environ, BUILDDIR=str(builddir))
    result = subprocess.run(['make', '--no-print-directory', 'book', f'BUILDDIR={builddir}'],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        pytest.fail(f'make book failed ({result.returncode}):\n{result.stdout[-5000:]}\n{result.stderr[-8000:]}')
    return builddir
