"""Generation parameters of an example image, checked and written as WebUI infotext.

The infotext is the text the A1111 WebUI and Forge store in a PNG and read back with the
"read generation parameters" button: the prompt, a ``Negative prompt:`` line, then one line
of ``Key: value`` pairs in the WebUI's own key order. Plain Python, no Sphinx.
"""

from __future__ import annotations

import dataclasses
import json
import re

# Option name -> infotext key, in the order the WebUI writes them (modules/processing.py).
PARAMETER_KEYS = {
    'steps': 'Steps',
    'sampler': 'Sampler',
    'schedule': 'Schedule type',
    'cfg': 'CFG scale',
    'seed': 'Seed',
    'size': 'Size',
    'model': 'Model',
    'vae': 'VAE',
    'denoising': 'Denoising strength',
    'clip-skip': 'Clip skip',
    'hires-upscale': 'Hires upscale',
    'hires-steps': 'Hires steps',
    'hires-upscaler': 'Hires upscaler',
}
TEXT_OPTIONS = ('prompt', 'negative')
REQUIRED = ('prompt', 'steps', 'sampler', 'cfg', 'seed', 'size')
OPTIONS = TEXT_OPTIONS + tuple(PARAMETER_KEYS)

SIZE_PATTERN = re.compile(r'^(\d{2,5})x(\d{2,5})$')


class CardError(ValueError):
    """A parameter the card cannot accept; the message says which and why."""


def _int(name: str, value: str, low: int, high: int) -> int:
    try:
        number = int(value)
    except ValueError:
        raise CardError(f'{name!r} must be a whole number, not {value!r}') from None
    if not low <= number <= high:
        raise CardError(f'{name!r} must be between {low} and {high}, not {number}')
    return number


def _float(name: str, value: str, low: float, high: float) -> str:
    try:
        number = float(value)
    except ValueError:
        raise CardError(f'{name!r} must be a number, not {value!r}') from None
    if not low <= number <= high:
        raise CardError(f'{name!r} must be between {low:g} and {high:g}, not {value}')
    return f'{number:g}'


def _quote(value: str) -> str:
    """A value as the WebUI writes it: JSON-quoted if a comma or colon would split it."""
    if ',' in value or ':' in value or '\n' in value:
        return json.dumps(value, ensure_ascii=False)
    return value


def _text(name: str, value: str) -> str:
    value = value.strip()
    if '\n' in value:
        raise CardError(f'{name!r} must fit on one line')
    if not value.strip():
        raise CardError(f'{name!r} is empty')
    return value.strip()


@dataclasses.dataclass(frozen=True)
class GenerationParameters:
    prompt: str
    negative: str
    parameters: tuple[tuple[str, str], ...]  # (option name, normalised value) in infotext order

    def value(self, name: str) -> str | None:
        return dict(self.parameters).get(name)

    def infotext(self) -> str:
        lines = [self.prompt]
        if self.negative:
            lines.append(f'Negative prompt: {self.negative}')
        lines.append(', '.join(f'{PARAMETER_KEYS[name]}: {_quote(value)}' for name, value in self.parameters))
        return '\n'.join(lines)


def parse_parameters(options: dict[str, str]) -> GenerationParameters:
    """Check the options of a card and return them normalised; raise CardError otherwise."""
    for name in options:
        if name not in OPTIONS:
            raise CardError(f"unknown parameter {name!r}; expected one of: {', '.join(OPTIONS)}")
    for name in REQUIRED:
        if name not in options or not str(options[name]).strip():
            raise CardError(f'missing the required parameter {name!r}')
    values: dict[str, str] = {}
    for name in PARAMETER_KEYS:
        if name not in options:
            continue
        raw = str(options[name]).strip()
        if name in ('steps', 'hires-steps'):
            values[name] = str(_int(name, raw, 1 if name == 'steps' else 0, 150))
        elif name == 'seed':
            values[name] = str(_int(name, raw, -1, 2**32 - 1))
        elif name == 'clip-skip':
            values[name] = str(_int(name, raw, 1, 12))
        elif name == 'cfg':
            values[name] = _float(name, raw, 1, 30)
        elif name == 'denoising':
            values[name] = _float(name, raw, 0, 1)
        elif name == 'hires-upscale':
            values[name] = _float(name, raw, 1, 4)
        elif name == 'size':
            match = SIZE_PATTERN.match(raw)
            if not match:
                raise CardError(f"'size' must look like 832x1216 (width x height), not {raw!r}")
            width, height = int(match[1]), int(match[2])
            for side in (width, height):
                if not 64 <= side <= 4096 or side % 8:
                    raise CardError(f"'size' sides must be multiples of 8 between 64 and 4096, not {raw!r}")
            values[name] = f'{width}x{height}'
        else:
            values[name] = _text(name, raw)
    prompt = _text('prompt', str(options['prompt']))
    negative = _text('negative', str(options['negative'])) if options.get('negative') else ''
    ordered = tuple((name, values[name]) for name in PARAMETER_KEYS if name in values)
    return GenerationParameters(prompt, negative, ordered)
