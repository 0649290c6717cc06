"""Finish an HTML build that was interrupted: the next build rewrites every page.

Sphinx saves the environment when it has read the sources, before it writes the pages. A build
stopped while writing (Ctrl-C, a killed job, a full disk) therefore leaves an environment that
says "up to date", some pages missing, perhaps one cut short. The next build would write only
the missing pages and keep any page cut short.

So a build marks its output folder as finished (``.sdbook-complete``) as its very last step,
and removes the mark before it writes anything: an environment saved next to a folder with no
mark belongs to a build that did not finish, and every page is then read and written again,
as in a clean build.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

logger = logging.getLogger(__name__)

MARK = '.sdbook-complete'


def _html(app: Sphinx) -> bool:
    return app.builder.format == 'html'


def take_mark(app: Sphinx) -> None:
    """Note whether the last build finished, and unmark the folder until this one does."""
    if not _html(app):
        return
    mark = Path(app.outdir) / MARK
    app.sdbook_previous_build_finished = mark.exists()
    mark.unlink(missing_ok=True)


def rebuild_after_interruption(app: Sphinx, env: BuildEnvironment, added, changed, removed) -> list[str]:
    if not _html(app) or getattr(app, 'sdbook_previous_build_finished', True):
        return []
    known = set(env.all_docs) - set(added) - set(changed) - set(removed)
    if not known:
        return []
    logger.info('sdbook: the previous build of %s did not finish; rebuilding every page', app.outdir)
    return sorted(known)


def set_mark(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and _html(app):
        (Path(app.outdir) / MARK).touch()


def setup(app: Sphinx) -> dict:
    app.connect('builder-inited', take_mark)
    app.connect('env-get-outdated', rebuild_after_interruption)
    app.connect('build-finished', set_mark, priority=1000)  # after Pagefind and the other finishers
    return {'version': '1.0', 'parallel_read_safe': True, 'parallel_write_safe': True}
