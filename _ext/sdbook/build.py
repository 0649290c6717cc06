"""How every build of the book runs: one set of options for the Makefile, the tests and the benchmarks.

Warnings are errors, every one of them is reported before the build fails, and every
cross-reference must resolve (nitpicky).
"""

from __future__ import annotations

STRICT_ARGS = ('-W', '--keep-going', '-n')
# The same for an in-process Sphinx application (sphinx.testing's ``app`` fixture).
STRICT_CONFIG = {'nitpicky': True}
STRICT_APP = {'warningiserror': True}

# How MyST reads the book: conf.py uses these, and so do the markup check of the catalogs
# (sdbook.markup) and the small test books, so all three parse a page the same way.
MYST_EXTENSIONS = ('colon_fence', 'deflist', 'attrs_inline', 'attrs_block', 'tasklist')
MYST_SETTINGS = {
    'myst_enable_extensions': list(MYST_EXTENSIONS),
    'myst_heading_anchors': 0,        # sections are reached by explicit labels only
    'myst_footnote_transition': False,
}
