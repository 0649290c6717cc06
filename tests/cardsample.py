"""A typical generation card, shared by the card tests of every tier."""

from __future__ import annotations

import re

# The options of a typical card (what a page writes after ``:name:``).
GOOD = {
    'prompt': '1girl, rain, city street',
    'steps': '28',
    'sampler': 'DPM++ 2M',
    'schedule': 'Karras',
    'cfg': '6.5',
    'seed': '1234567890',
    'size': '1216x832',
    'model': 'x',
}
GOOD_LINE = 'Steps: 28, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 6.5, Seed: 1234567890, Size: 1216x832, Model: x'

# How the WebUI reads the last line back ("Read generation parameters"): `Key: value` pairs
# split at commas, a value in double quotes read as JSON.
WEBUI_PARAM = re.compile(r'\s*(\w[\w \-/]+):\s*("(?:\\.|[^\\"])+"|[^,]*)(?:,|$)')


def params(**changes: str | None) -> dict[str, str]:
    """GOOD with some options changed (a value of None removes the option)."""
    options = dict(GOOD)
    for name, value in changes.items():
        name = name.replace('_', '-')
        if value is None:
            options.pop(name, None)
        else:
            options[name] = value
    return options


def options(**changes: str | None) -> str:
    """GOOD (with changes) as the option lines of a card."""
    return '\n'.join(f':{name}: {value}' for name, value in params(**changes).items())
