"""The `checked` block of a page's front matter: what it must hold, and how each edition dates it."""

from __future__ import annotations

import pytest

from sdbook.checked import CheckedError, month_year, parse_checked


def test_a_good_block_as_myst_stores_it():
    checked = parse_checked('{"date": "2026-12-03", "against": ["A1111 WebUI v1.10.1 (82a973c)", " ComfyUI v0.3.64 "]}')
    assert checked.date == '2026-12-03' and checked.against == ('A1111 WebUI v1.10.1 (82a973c)', 'ComfyUI v0.3.64')
    assert parse_checked({'date': '2026-11', 'against': ['x']}).date == '2026-11'


@pytest.mark.parametrize(('value', 'message'), [
    ('not json', "'checked' must be a mapping with 'date' and 'against'"),
    (['a'], "'checked' must be a mapping with 'date' and 'against'"),
    ({'date': '2026-12', 'against': ['x'], 'by': 'me'}, "unknown field 'by' in 'checked'; expected: date, against"),
    ({'date': '12/2026', 'against': ['x']}, "'checked.date' must be YYYY-MM or YYYY-MM-DD, not '12/2026'"),
    ({'date': '2026-13', 'against': ['x']}, "'checked.date' '2026-13' is not a date"),
    ({'date': '2026-12'}, "'checked.against' must be a list naming what the page was checked against"),
    ({'date': '2026-12', 'against': []}, "'checked.against' must be a list naming what the page was checked against"),
    ({'date': '2026-12', 'against': [{'A1111': 'v1.10.1'}]}, "each entry of 'checked.against' must be a non-empty line of text"),
    ({'date': '2026-12', 'against': [str(n) for n in range(9)]}, "'checked.against' has 9 entries; keep it to 8 at most"),
])
def test_a_bad_block_says_what_to_write(value, message):
    with pytest.raises(CheckedError) as info:
        parse_checked(value)
    assert str(info.value).startswith(message)


def test_each_edition_writes_the_month_its_own_way():
    checked = parse_checked({'date': '2026-12-03', 'against': ['x']})
    assert month_year(checked, 'zh_CN') == '2026 年 12 月'
    assert month_year(checked, 'en') == 'December 2026'
