"""Where a contributor keeps the models the cards name: a small YAML file of their own.

Cards name models as the WebUI shows them (``sd_xl_base_1.0``); only the contributor knows
where that model lives on their machine. The file (``cards-models.yaml`` at the book's root
unless ``--models`` names another; it is not part of the book) maps each name to a
Hugging Face id or a local path, and says which pipeline family it is when the name does not::

    models:
      sd_xl_base_1.0:
        path: stabilityai/stable-diffusion-xl-base-1.0   # a Hugging Face id or a diffusers folder
      Illustrious-XL-v1.0:
        path: /models/Illustrious-XL-v1.0.safetensors    # a single checkpoint file
        pipeline: sdxl                                    # sd, sdxl or flux
    vaes:
      vae-ft-mse-840000-ema-pruned:
        path: stabilityai/sd-vae-ft-mse

Plain Python, no torch.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import yaml

FAMILIES = ('sd', 'sdxl', 'flux')
DEFAULT_FILE = 'cards-models.yaml'

# What a model's name says about its family, for models whose entry has no ``pipeline``.
_FAMILY_HINTS = (
    ('flux', re.compile(r'flux', re.I)),
    ('sdxl', re.compile(r'sdxl|(^|[^a-z])xl([^a-z]|$)|pony|illustrious|noobai', re.I)),
    ('sd', re.compile(r'(^|[^0-9.])1[._-]?5([^0-9]|$)|sd15', re.I)),
)


class ModelsError(ValueError):
    """The models file cannot be used; the message names the file and the entry."""


@dataclasses.dataclass(frozen=True)
class ModelEntry:
    name: str  # as the card writes it
    path: str  # Hugging Face id, diffusers folder or checkpoint file
    family: str | None = None  # None for a VAE

    @property
    def single_file(self) -> bool:
        return self.path.endswith(('.safetensors', '.ckpt'))


@dataclasses.dataclass(frozen=True)
class Models:
    models: dict[str, ModelEntry]
    vaes: dict[str, ModelEntry]


def guess_family(name: str) -> str | None:
    for family, pattern in _FAMILY_HINTS:
        if pattern.search(name):
            return family
    return None


def load(path: Path) -> Models:
    """Read a models file; a missing file is an empty one (every card is then left unrendered)."""
    if not path.is_file():
        return Models({}, {})
    try:
        data = yaml.safe_load(path.read_text(encoding='utf-8')) or {}
    except yaml.YAMLError as exc:
        raise ModelsError(f'{path}: not valid YAML: {exc}') from None
    if not isinstance(data, dict) or set(data) - {'models', 'vaes'}:
        raise ModelsError(f"{path}: expected a mapping with 'models' and 'vaes'")
    return Models(_entries(path, data.get('models') or {}, 'models'), _entries(path, data.get('vaes') or {}, 'vaes'))


def _entries(path: Path, section: object, kind: str) -> dict[str, ModelEntry]:
    if not isinstance(section, dict):
        raise ModelsError(f"{path}: '{kind}' must map names to entries")
    entries = {}
    for name, entry in section.items():
        where = f'{path}: {kind}.{name}'
        if isinstance(entry, str):
            entry = {'path': entry}
        if not isinstance(entry, dict) or not isinstance(entry.get('path'), str) or set(entry) - {'path', 'pipeline'}:
            raise ModelsError(f"{where}: an entry is a 'path' (and, for a model, a 'pipeline')")
        family = entry.get('pipeline')
        if kind == 'vaes' and family is not None:
            raise ModelsError(f"{where}: a VAE has no 'pipeline'")
        if kind == 'models':
            family = family or guess_family(str(name))
            if family not in FAMILIES:
                raise ModelsError(f"{where}: say which pipeline the model needs with 'pipeline: ' and one of {', '.join(FAMILIES)}")
        entries[str(name)] = ModelEntry(str(name), entry['path'], family)
    return entries
