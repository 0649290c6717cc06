"""Fail the build when an example training configuration in ``source/**/examples/`` is wrong."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from sdbook.trainconfig import check_config

logger = logging.getLogger(__name__)


def check_examples(app: Sphinx) -> None:
    srcdir = Path(app.srcdir)
    for path in sorted(srcdir.glob('**/examples/*.toml')):
        shown = path.relative_to(Path(app.confdir)) if path.is_relative_to(app.confdir) else path
        for line, message in check_config(path):
            logger.error(message, location=f'{shown}:{line}', type='sdbook', subtype='example')


def setup(app: Sphinx) -> dict:
    app.connect('builder-inited', check_examples)
    return {'version': '1.0', 'parallel_read_safe': True, 'parallel_write_safe': True}
