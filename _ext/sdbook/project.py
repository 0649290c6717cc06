"""Where the parts of a book live: its sources, catalogs and data, found from any folder inside it.

The command-line tools work on the book they are run in (or the one ``--root`` names), so a
copy of the tree in a temporary folder is a book of its own: the tests and benchmarks rely on
that.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path


@dataclasses.dataclass(frozen=True)
class Project:
    root: Path
    # The real book keeps its pages in source/ and catalogs in locale/; a small test book may
    # keep both elsewhere (its pages at its root, for instance).
    source_dir: Path | None = None
    locale_dir: Path | None = None

    @classmethod
    def find(cls, start: Path | None = None) -> Project:
        """The book containing ``start`` (default: the current folder): the nearest folder up
        with a ``conf.py`` beside a ``source/`` folder."""
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / 'conf.py').is_file() and (folder / 'source').is_dir():
                return cls(folder)
        raise FileNotFoundError(f'{here} is not inside a book (no conf.py next to a source/ folder)')

    @property
    def source(self) -> Path:
        return self.source_dir or self.root / 'source'

    @property
    def locale(self) -> Path:
        return self.locale_dir or self.root / 'locale'

    @property
    def glossary(self) -> Path:
        return self.source / '_data' / 'glossary.yaml'

    @property
    def links(self) -> Path:
        return self.source / '_data' / 'links'

    def language_dir(self, language: str) -> Path:
        return self.locale / language

    def po_dir(self, language: str) -> Path:
        return self.locale / language / 'LC_MESSAGES'

    def po_path(self, docname: str, language: str) -> Path:
        return self.po_dir(language) / f'{docname}.po'

    def shown(self, path: Path) -> str:
        """A path as messages show it: relative to the book when it is inside it."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)
