"""Finish an HTML build that was interrupted: the next build rewrites every page.

Sphinx saves the environment when it has read the sources, before it writes the pages. A build
stopped while writing (Ctrl-C, a killed job, a full disk) therefore leaves an environment that
says "up to date", some pages missing, perhaps one cut short, and no search index. The next
build would write only the missing pages, warn that the search index will be incomplete (which
``-W`` turns into a failure), and keep any page cut short.

The search index is written last, so its absence next to a saved environment means the
previous build did not finish: every page is then read and written again, as in a clean build.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

logger = logging.getLogger(__name__)


def rebuild_after_interruption(app: Sphinx, env: BuildEnvironment, added, changed, removed) -> list[str]:
    builder = app.builder
    if not getattr(builder, 'search', False) or not hasattr(builder, 'searchindex_filename'):
        return []  # not an HTML builder with a search index (epub, latex, gettext...)
    known = set(env.all_docs) - set(added) - set(changed) - set(removed)
    if not known or (Path(builder.outdir) / builder.searchindex_filename).exists():
        return []
    logger.info('sdbook: the previous build of %s did not finish; rebuilding every page', builder.outdir)
    return sorted(known)


def setup(app: Sphinx) -> dict:
    app.connect('env-get-outdated', rebuild_after_interruption)
    return {'version': '1.0', 'parallel_read_safe': True, 'parallel_write_safe': True}
