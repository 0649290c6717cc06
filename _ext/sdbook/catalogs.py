"""Translation catalogs (``.po``): reading, the one rule for "translated", and writing them alike.

Every tool that writes a catalog writes it through ``write_if_changed``: one line width, one
header, no location or ``#|`` lines, and no write at all when only the dates would change,
so an update on an up-to-date tree leaves ``git status`` clean.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po
from sphinx_intl.catalog import load_po

PO_WIDTH = 79  # GNU gettext's and Poedit's width; written the same by every tool of the book
PROJECT = 'StableDiffusionBook'
HEADER_COMMENT = (
    '# English edition of StableDiffusionBook: the catalog of one page.\n'
    '# Distributed under the same licence as the book (GNU FDL 1.3 or later).\n'
    '# Edit msgstr only; `make intl-update` keeps msgids in step with the source.'
)
VOLATILE_HEADER = re.compile(r'^"(POT-Creation-Date|PO-Revision-Date|Generated-By): .*\\n"$', re.M)


def is_message(message: Message) -> bool:
    """A real entry (not the header, not a plural form list)."""
    return isinstance(message.id, str) and bool(message.id)


def is_translated(message: Message) -> bool:
    """The one rule: a message is translated when it has a translation and is not fuzzy."""
    return is_message(message) and bool(message.string) and not message.fuzzy


def read_catalog(path: Path, *, strict: bool = False) -> Catalog:
    """A catalog as sphinx-intl reads it; ``strict`` refuses a malformed file instead of skipping lines."""
    if not strict:
        return load_po(str(path))
    with path.open('rb') as handle:
        return read_po(handle, abort_invalid=True)


def messages(catalog: Catalog) -> Iterable[Message]:
    return (m for m in catalog if is_message(m))


def translations(catalog: Catalog) -> dict[str, str]:
    """Every finished translation of a catalog, by msgid."""
    return {m.id: m.string for m in catalog if is_translated(m)}


def set_header(catalog: Catalog, language: str) -> None:
    """The same header in every catalog, whatever tool created it."""
    catalog.header_comment = HEADER_COMMENT
    catalog.project = PROJECT
    catalog.version = 'edition'
    catalog.revision_date = catalog.creation_date
    catalog.msgid_bugs_address = 'https://github.com/sudoskys/StableDiffusionBook/issues'
    catalog.last_translator = 'StableDiffusionBook translators'
    catalog.language_team = f'{language} <https://github.com/sudoskys/StableDiffusionBook>'


def render(catalog: Catalog) -> str:
    # No "#| msgid" lines: babel cannot read them back (it turns them into comments that
    # grow on every update), so a fuzzy entry shows the new source with the old translation.
    for message in [*catalog, *catalog.obsolete.values()]:
        message.previous_id = []
        message.user_comments = [c for c in message.user_comments if not c.startswith('|')]
    out = io.BytesIO()
    write_po(out, catalog, width=PO_WIDTH, ignore_obsolete=False, include_previous=False, sort_output=False)
    return out.getvalue().decode('utf-8')


def write_if_changed(path: Path, catalog: Catalog) -> bool:
    """Write ``catalog`` unless the file already says the same (dates aside); atomically."""
    text = render(catalog)
    if path.exists():
        old = path.read_text(encoding='utf-8')
        if VOLATILE_HEADER.sub('', old) == VOLATILE_HEADER.sub('', text):
            return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix('.po.tmp')
    tmp.write_text(text, encoding='utf-8')
    tmp.replace(path)  # an interrupted update never leaves half a catalog
    return True


def docname_of(path: Path, base: Path) -> str:
    return path.relative_to(base).with_suffix('').as_posix()
