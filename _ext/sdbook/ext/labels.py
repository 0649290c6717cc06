"""The fixed labels of the book's extensions, in each edition's language.

Labels are written in English in the code, wrapped in ``label()`` (or ``N_()`` where a
table holds them for later), and translated through the one ``sdbook`` message catalog in
``sdbook/locale``. ``python -m sdbook labels`` extracts them from the code into that catalog;
the catalog is compiled into the build folder when a build starts (compiled ``.mo`` files are
build output, not sources).
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import get_translation

CATALOG = 'sdbook'
LOCALE_DIR = Path(__file__).resolve().parent.parent / 'locale'

_ = get_translation(CATALOG)


def label(message: str) -> str:
    """A fixed label in the language of the edition being built."""
    return str(_(message))


def N_(message: str) -> str:
    return message


def _compile_catalogs(app: Sphinx, config: Config) -> None:
    target = Path(app.doctreedir) / 'sdbook-locale'
    for po_path in LOCALE_DIR.glob('*/LC_MESSAGES/*.po'):
        mo_path = target / po_path.relative_to(LOCALE_DIR).with_suffix('.mo')
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        mo_path.parent.mkdir(parents=True, exist_ok=True)
        with po_path.open('rb') as po_file:
            catalog = read_po(po_file)
        with mo_path.open('wb') as mo_file:
            write_mo(mo_file, catalog)
    app.add_message_catalog(CATALOG, str(target))


def setup(app: Sphinx) -> dict:
    app.connect('config-inited', _compile_catalogs)
    return {'version': '1.0', 'parallel_read_safe': True, 'parallel_write_safe': True}
