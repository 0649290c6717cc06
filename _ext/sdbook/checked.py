"""What a page was checked against: the ``checked`` block of its front matter.

    ---
    checked:
      date: 2026-12-03
      against:
        - A1111 WebUI v1.10.1 (82a973c)
        - ComfyUI v0.3.64 (a125cd8)
    ---

``date`` is when the page's facts were last checked (``YYYY-MM`` or ``YYYY-MM-DD``);
``against`` names the versions, commits and documents they were checked against (one to
eight short entries). Plain Python, no Sphinx: the extension renders it under the title and
refuses a page without it.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import re

DATE = re.compile(r'^(\d{4})-(\d{2})(?:-(\d{2}))?$')
MAX_ENTRIES = 8
FIELDS = ('date', 'against')


class CheckedError(ValueError):
    """The block is missing or malformed; the message says what to write."""


@dataclasses.dataclass(frozen=True)
class Checked:
    year: int
    month: int
    day: int | None
    against: tuple[str, ...]

    @property
    def date(self) -> str:
        return f'{self.year:04d}-{self.month:02d}' + (f'-{self.day:02d}' if self.day else '')


def parse_checked(value: object) -> Checked:
    """The block as MyST stores it (a JSON string) or as a mapping."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            raise CheckedError("'checked' must be a mapping with 'date' and 'against'") from None
    if not isinstance(value, dict):
        raise CheckedError("'checked' must be a mapping with 'date' and 'against'")
    unknown = sorted(set(value) - set(FIELDS))
    if unknown:
        raise CheckedError(f"unknown field {unknown[0]!r} in 'checked'; expected: date, against")
    date = str(value.get('date', '')).strip()
    match = DATE.match(date)
    if not match:
        raise CheckedError(f"'checked.date' must be YYYY-MM or YYYY-MM-DD, not {date!r}")
    year, month, day = int(match[1]), int(match[2]), int(match[3]) if match[3] else None
    try:
        datetime.date(year, month, day or 1)
    except ValueError:
        raise CheckedError(f"'checked.date' {date!r} is not a date") from None
    against = value.get('against')
    if not isinstance(against, list) or not against:
        raise CheckedError("'checked.against' must be a list naming what the page was checked against")
    if len(against) > MAX_ENTRIES:
        raise CheckedError(f"'checked.against' has {len(against)} entries; keep it to {MAX_ENTRIES} at most")
    entries = []
    for item in against:
        if not isinstance(item, str) or not item.strip():
            raise CheckedError("each entry of 'checked.against' must be a non-empty line of text "
                               "(an entry with ': ' in it needs quotes, or YAML reads it as a mapping)")
        entries.append(item.strip())
    return Checked(year, month, day, tuple(entries))


MONTHS = ('January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
          'October', 'November', 'December')


def month_year(checked: Checked, language: str) -> str:
    """The month of the check as the edition writes it: 2026 年 12 月, December 2026."""
    if language.startswith('zh'):
        return f'{checked.year} 年 {checked.month} 月'
    return f'{MONTHS[checked.month - 1]} {checked.year}'
