"""The extensions' fixed labels: extracted from the code into the one ``sdbook`` label catalog.

    python -m sdbook labels            # add new labels, mark removed ones obsolete
    python -m sdbook labels --check    # fail if the catalog is behind the code or incomplete

Labels are the strings the code passes to ``label()`` or marks with ``N_()`` in
``sdbook/ext/*.py``. Each translated edition of the book has the labels in its language in
``sdbook/locale/<language>/LC_MESSAGES/sdbook.po``; the source language of the labels is English.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file

from sdbook.catalogs import is_translated, messages, read_catalog, render, write_if_changed

PACKAGE = Path(__file__).resolve().parent.parent
CODE_DIR = PACKAGE / 'ext'
LOCALE_DIR = PACKAGE / 'locale'
KEYWORDS = {'label': None, 'N_': None}
HEADER = ("# Labels of the book's extensions in Chinese (the code writes them in English).\n"
          '# `python -m sdbook labels` adds the labels found in sdbook/ext/*.py; translate them here.')


def extract() -> Catalog:
    template = Catalog(project='StableDiffusionBook', fuzzy=False)
    for path in sorted(CODE_DIR.glob('*.py')):
        with path.open('rb') as handle:
            for lineno, message, _comments, _context in extract_from_file('python', handle.name, keywords=KEYWORDS):
                if isinstance(message, str) and message.strip():
                    template.add(message, locations=[(path.relative_to(PACKAGE).as_posix(), lineno)])
    return template


def catalog_paths() -> list[Path]:
    return sorted(LOCALE_DIR.glob('*/LC_MESSAGES/sdbook.po'))


def updated(path: Path, template: Catalog) -> Catalog:
    catalog = read_catalog(path)
    catalog.update(template, no_fuzzy_matching=True, update_creation_date=False)
    catalog.header_comment = HEADER
    catalog.project, catalog.version = 'StableDiffusionBook', 'labels'
    catalog.msgid_bugs_address = 'https://github.com/sudoskys/StableDiffusionBook/issues'
    catalog.last_translator = catalog.language_team = 'StableDiffusionBook translators'
    catalog.revision_date = catalog.creation_date
    for message in [*catalog, *catalog.obsolete.values()]:
        message.locations = []  # line numbers would churn on every edit of the code
    return catalog


def main(check: bool = False) -> int:
    template = extract()
    status = 0
    for path in catalog_paths():
        catalog = updated(path, template)
        pending = [m.id for m in messages(catalog) if not is_translated(m)]
        if check:
            if render(catalog) != render(read_catalog(path)):
                print(f'{path}: behind the code; run `python -m sdbook labels`', file=sys.stderr)
                status = 1
        elif write_if_changed(path, catalog):
            print(f'updated {path}')
        for msgid in pending:
            print(f'{path}: untranslated label {msgid!r}', file=sys.stderr)
            status = 1
    return status
