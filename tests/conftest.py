"""Shared by every tier of the suite.

- ``tests/unit``: pure logic of the ``sdbook`` package, no Sphinx build (seconds);
- ``tests/sphinx``: small books (``tests/roots`` and books written by a test) built in-process
  with Sphinx's own test fixtures, warnings read from ``app.warning``;
- ``tests/book``: the real book with ``make``: HTML, PDF, EPUB, catalogs and the browser.

``make check`` runs the first two, ``make test`` all three.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from testfiles import small_conf, write

ROOT = Path(__file__).resolve().parent.parent

# Sphinx colours its messages when CI=true; tests read them as plain text.
os.environ['NO_COLOR'] = '1'

pytest_plugins = ['sphinx.testing.fixtures']

collect_ignore = ['roots']

TIERS = ('unit', 'sphinx', 'book')
ANSI = re.compile(r'\x1b\[[0-9;]*m')  # Sphinx colours warnings even in a test's StringIO


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Each test is marked with its tier (its folder), so ``-m unit`` and the like select them."""
    for item in items:
        parts = Path(item.fspath).relative_to(ROOT / 'tests').parts
        if parts and parts[0] in TIERS:
            item.add_marker(parts[0])


@pytest.fixture(scope='session')
def rootdir() -> Path:
    return ROOT / 'tests' / 'roots'


@dataclasses.dataclass
class Built:
    """A small book after one in-process build."""

    app: object
    src: Path
    reread: list[str]  # the documents this build read (an incremental build reads only what changed)

    @property
    def out(self) -> Path:
        return Path(self.app.outdir)

    @property
    def warnings(self) -> str:
        return ANSI.sub('', self.app.warning.getvalue())

    def problems(self) -> list[str]:
        """Warning and error lines, with the book's folder left out of their locations."""
        return [line.replace(f'{self.src}/', '') for line in self.warnings.splitlines()
                if re.search(r'(^|: )(WARNING|ERROR|CRITICAL): ', line)]

    def read(self, name: str) -> str:
        return (self.out / name).read_text(encoding='utf-8')


@pytest.fixture
def small_book(tmp_path: Path, make_app) -> Callable[..., Built]:
    """Write a small book (its files by name; ``conf.py`` made by ``small_conf`` unless given)
    into a fresh folder and build it in-process. ``rebuild=True`` builds the same folder again,
    as an author's second ``make`` would."""
    count = 0
    previous: list = []

    def build(files: dict[str, str | bytes] | None = None, *, extensions: list[str] | None = None,
              builder: str = 'html', confoverrides: dict | None = None, rebuild: bool = False,
              parallel: int = 0, **settings: object) -> Built:
        nonlocal count
        if not rebuild:
            count += 1
        src = tmp_path / f'book{count}'
        files = dict(files or {})
        if 'conf.py' not in files and not (src / 'conf.py').exists():
            files['conf.py'] = small_conf(extensions or ['myst_parser'], **settings)
        write(src, files)
        for app in previous:  # docutils' and Sphinx's global registries are per application
            app.cleanup()
        app = make_app(builder, srcdir=src, confoverrides=confoverrides, parallel=parallel)
        previous[:] = [app]
        reread: list[str] = []
        app.connect('env-before-read-docs', lambda app, env, docnames: reread.extend(sorted(docnames)), priority=900)
        app.build()
        return Built(app, src, reread)

    return build
