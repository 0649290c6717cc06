"""Which picture belongs to which generation card: card ids, parameter digests, file names.

A card's picture is ``<folder>/<id>.<digest>.webp``. The id names the card: its ``:id:``
option, or else the page and a hash of the card's title (of the prompt when the card has no
title), so it survives edits elsewhere on the page. The digest is a hash of the card's
normalised infotext, so a picture rendered before the card's parameters changed no longer
matches its name and is recognised as stale. Plain Python, no Sphinx.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from pathlib import Path

from sdbook.infotext import CardError, GenerationParameters

IMAGE_FOLDER = '_cards'  # below the source folder; the default of the ``sdbook_cards_images`` setting
IMAGE_SUFFIX = '.webp'
ID_PATTERN = re.compile(r'^[a-z0-9]+(?:-[a-z0-9]+)*$')


def _short_hash(text: str, length: int) -> str:
    return hashlib.sha256(text.encode('utf-8')).hexdigest()[:length]


def card_id(docname: str, title: str, prompt: str, explicit: str | None = None) -> str:
    """The card's id: ``explicit`` if given (checked), otherwise page plus a hash of the title."""
    if explicit is not None:
        explicit = explicit.strip()
        if not ID_PATTERN.match(explicit):
            raise CardError(f"'id' must be lowercase letters, digits and single dashes (like 'rainy-street'), not {explicit!r}")
        return explicit
    page = re.sub(r'[^a-z0-9]+', '-', docname.lower()).strip('-')
    return f'{page}-{_short_hash(title.strip() or prompt, 8)}'


def parameters_digest(params: GenerationParameters) -> str:
    """A short hash of everything the picture depends on that the card says."""
    return _short_hash(params.infotext(), 12)


def image_name(ident: str, digest: str) -> str:
    return f'{ident}.{digest}{IMAGE_SUFFIX}'


@dataclasses.dataclass(frozen=True)
class CardRecord:
    """One card as the book has it: where it is, its id and its checked parameters."""

    ident: str
    docname: str
    source: str  # the page's file
    line: int
    title: str
    params: GenerationParameters

    @property
    def digest(self) -> str:
        return parameters_digest(self.params)

    @property
    def image_name(self) -> str:
        return image_name(self.ident, self.digest)

    @property
    def location(self) -> str:
        return f'{self.source}:{self.line}'


@dataclasses.dataclass(frozen=True)
class ImageState:
    current: Path | None  # the picture of the card's current parameters, if rendered
    stale: tuple[Path, ...]  # pictures of the same card rendered from other parameters


def image_state(folder: Path, ident: str, digest: str) -> ImageState:
    current = folder / image_name(ident, digest)
    others = sorted(path for path in folder.glob(f'{ident}.*{IMAGE_SUFFIX}')
                    if path != current and path.name.count('.') == 2)
    return ImageState(current if current.is_file() else None, tuple(others))


def orphans(folder: Path, idents: set[str]) -> list[Path]:
    """Pictures in the folder whose card no longer exists (renamed, moved or deleted)."""
    return sorted(path for path in folder.glob(f'*{IMAGE_SUFFIX}') if path.name.split('.')[0] not in idents)
