"""Fail the build on an option no program has, and on a UI label the zh_CN interface does not show.

Each page's Markdown is checked as it is read (``sdbook.pagecheck``): every ``--option`` must
belong to a program its context names (the page's ``checked`` sources when nothing nearer
does), and every quoted zh_CN label must be in the localisation's list. Errors carry the page
and line. A page that names an option on purpose (a mistake to avoid, an option of an old
release) says so on a line of its own: ``% flag-check: --option  the reason``.
"""

from __future__ import annotations

import yaml
from sphinx.application import Sphinx
from sphinx.util import logging

from sdbook.pagecheck import FlagChecker, check_labels, load_labels, mentioned

logger = logging.getLogger(__name__)


def _page_programs(text: str) -> set[str]:
    """The programs the page says it was checked against."""
    if not text.startswith('---'):
        return set()
    try:
        front = yaml.safe_load(text.split('---', 2)[1]) or {}
    except yaml.YAMLError:
        return set()  # MyST reports malformed front matter itself
    against = (front.get('checked') or {}).get('against') if isinstance(front, dict) else None
    return mentioned(' '.join(str(a) for a in against)) if isinstance(against, list) else set()


def check_page(app: Sphinx, docname: str, source: list[str]) -> None:
    if not app.config.sdbook_guards:
        return
    if not hasattr(app, 'sdbook_guard_data'):
        app.sdbook_guard_data = (FlagChecker(), load_labels())
    checker, labels = app.sdbook_guard_data
    text = source[0]
    for finding in checker.check(text, _page_programs(text)):
        logger.error(finding.message, location=(docname, finding.line), type='sdbook', subtype='flag')
    for finding in check_labels(text, labels):
        logger.error(finding.message, location=(docname, finding.line), type='sdbook', subtype='label')


def setup(app: Sphinx) -> dict:
    app.add_config_value('sdbook_guards', True, 'env', types=frozenset({bool}))
    app.connect('source-read', check_page)
    return {'version': '1.0', 'parallel_read_safe': True, 'parallel_write_safe': True}
