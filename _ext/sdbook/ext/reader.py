"""Reader experience: the downloads of an edition, and its Pagefind search index.

* Every HTML page gets ``sdbook_downloads`` (PDF, EPUB, offline HTML archive) for the
  editions template, and ``sdbook_search`` (``'pagefind'`` or ``'sphinx'``).
* With ``sdbook_search = 'pagefind'`` the article of every document is marked
  ``data-pagefind-body`` (so navigation, sidebars and footers stay out of the index) and, when
  the HTML build has finished, Pagefind indexes the edition's folder into ``pagefind/``.
  Each edition is indexed on its own, so a reader only ever searches the edition's language.
  ``'sphinx'`` keeps Sphinx's own search (the benchmark in ``bench/`` compares the two).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import ENUM
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from sdbook import searchterms
from sdbook.cjk import CJK_RUN
from sdbook.ext import assets
from sdbook.ext.editions import edition_root
from sdbook.ext.labels import label

logger = logging.getLogger(__name__)

SEARCH_ENGINES = ('pagefind', 'sphinx')
# Inside the article, what is not text to search: heading anchors ("#") and buttons.
PAGEFIND_EXCLUDE = 'a.headerlink, button, .copybtn'
DOWNLOAD_TYPES = {'pdf': 'application/pdf', 'epub': 'application/epub+zip', 'zip': 'application/zip'}


NO_LANG_INSIDE = (nodes.literal, nodes.literal_block, nodes.raw, nodes.comment, nodes.math, nodes.math_block)


class MarkChineseRuns(SphinxPostTransform):
    """In editions other than the source language, give Chinese text ``lang`` (``language-*`` class).

    English pages still name Chinese communities, quote Chinese error messages and keep terms in
    Chinese; without ``lang`` screen readers read them with an English voice and browsers pick a
    Japanese font for the Han characters. Untranslated passages are marked already.
    """
    default_priority = 900
    formats = ('html',)

    def run(self) -> None:
        config = self.config
        if config.language == config.sdbook_source_language:
            return
        lang_class = 'language-' + config.sdbook_source_language.replace('_', '-')
        for text in list(self.document.findall(nodes.Text)):
            if not CJK_RUN.search(text) or self._marked(text, lang_class):
                continue
            parent, pieces, pos = text.parent, [], 0
            if parent is None:
                continue
            for match in CJK_RUN.finditer(text):
                if match.start() > pos:
                    pieces.append(nodes.Text(text[pos:match.start()]))
                pieces.append(nodes.inline(match.group(), match.group(), classes=[lang_class]))
                pos = match.end()
            if pos < len(text):
                pieces.append(nodes.Text(text[pos:]))
            parent.replace(text, pieces)

    @staticmethod
    def _marked(text: nodes.Text, lang_class: str) -> bool:
        node = text.parent
        while node is not None:
            if isinstance(node, NO_LANG_INSIDE) or lang_class in node.get('classes', ()):
                return True
            node = node.parent
        return False


def _uses_pagefind(app: Sphinx) -> bool:
    return app.builder.name == 'html' and app.config.sdbook_search == 'pagefind'


def page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    root = edition_root(app, pagename, context)
    labels = {'pdf': label('PDF'), 'epub': label('EPUB (e-readers)'), 'zip': label('HTML archive (ZIP, offline)')}
    context['sdbook_downloads'] = [
        {'kind': kind, 'label': str(labels[kind]), 'type': DOWNLOAD_TYPES[kind],
         'url': f'{root}../downloads/{name}'}
        for kind, name in app.config.sdbook_download_files.items() if kind in DOWNLOAD_TYPES
    ]
    context['sdbook_downloads_label'] = label('Download')
    context['sdbook_search'] = app.config.sdbook_search if app.builder.name == 'html' else 'sphinx'
    context['sdbook_search_labels'] = {
        'title': label('Search'),
        'needs_js': label('Search needs JavaScript.'),
        'needs_http': label('Search needs the pages to be served over HTTP. In the offline archive, '
                            'run this in its folder and open the address it prints:'),
    }
    # page.html marks the article of every document as the part Pagefind indexes.
    # Orphan pages (the 404 page) are not part of the book: they stay out of the index.
    context['sdbook_pagefind_body'] = (_uses_pagefind(app) and doctree is not None and pagename in app.env.all_docs
                                       and 'orphan' not in app.env.metadata.get(pagename, {}))


def absolute_links_on_404(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """The 404 page is served at any address: its links to the book start from the edition's root."""
    prefix = getattr(app.config, 'notfound_urls_prefix', None)
    if docname != getattr(app.config, 'notfound_pagename', None) or not prefix or app.builder.format != 'html':
        return
    for ref in doctree.findall(nodes.reference):
        uri = ref.get('refuri', '')
        if ref.get('internal') and uri and '://' not in uri and not uri.startswith(('/', '#')):
            ref['refuri'] = prefix + uri


def prune_static(app: Sphinx, exception: Exception | None) -> None:
    """Delete the theme files under ``_static`` that no page of the book loads (``sdbook_unused_static``)."""
    if exception is not None or app.builder.format != 'html':
        return
    static = Path(app.outdir) / '_static'
    removed = 0
    for pattern in app.config.sdbook_unused_static:
        for path in static.glob(pattern):
            removed += sum(f.stat().st_size for f in ([path] if path.is_file() else path.rglob('*')) if f.is_file())
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    logger.info('sdbook_reader: removed %d KB of unused theme files from _static', removed // 1024)


def without_sphinx_index(app: Sphinx) -> None:
    """With Pagefind, Sphinx's own search index is never loaded: skip building it (the stemming
    of every English word and jieba's segmentation of every Chinese sentence cost seconds)."""
    if _uses_pagefind(app):
        app.builder.search = False


def search_page(app: Sphinx):
    """The search page (Pagefind's UI); Sphinx writes it only when it builds its own index.
    It carries the edition's query rewriting (sdbook.searchterms) for sdbook-search.js."""
    if _uses_pagefind(app) and not app.builder.search:
        path = Path(app.srcdir) / app.config.sdbook_search_terms
        terms, problems = searchterms.load(path, app.config.language, Path(app.config.sdbook_search_terms))
        for problem in problems:
            logger.error('%s', problem.message, location=f'{path}:{problem.line}', type='sdbook', subtype='search')
        yield 'search', {'sdbook_search_terms': terms}, 'search.html'


def run_pagefind(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not _uses_pagefind(app):
        return
    shutil.rmtree(Path(app.outdir) / 'pagefind', ignore_errors=True)  # no stale fragments from older builds
    start = time.perf_counter()
    command = [sys.executable, '-m', 'pagefind', '--site', str(app.outdir), '--output-subdir', 'pagefind',
               '--exclude-selectors', PAGEFIND_EXCLUDE, '--keep-index-url', '--quiet']
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.SubprocessError) as err:
        logger.warning('Pagefind could not run: %s', err, type='sdbook', subtype='search')
        return
    if result.returncode:
        logger.warning('Pagefind failed (exit %d):\n%s', result.returncode,
                       (result.stderr or result.stdout)[-2000:], type='sdbook', subtype='search')
        return
    logger.info('pagefind: indexed %s in %.1f s', app.outdir, time.perf_counter() - start)


def setup(app: Sphinx) -> dict:
    app.setup_extension('sdbook.ext.labels')
    app.setup_extension('sdbook.ext.textnodes')      # sdbook_source_language
    app.add_config_value('sdbook_search', 'pagefind', 'html', types=ENUM(*SEARCH_ENGINES))
    app.add_config_value('sdbook_search_terms', '_data/search-terms.yaml', 'html', types=frozenset({str}))
    app.add_config_value('sdbook_download_files', {}, 'html', types=frozenset({dict}))
    app.add_post_transform(MarkChineseRuns)
    app.connect('html-page-context', page_context)
    app.connect('doctree-resolved', absolute_links_on_404)
    app.add_config_value('sdbook_unused_static', [], 'html', types=frozenset({list}))
    app.connect('build-finished', prune_static)
    app.connect('build-finished', run_pagefind)
    app.connect('builder-inited', without_sphinx_index)
    app.connect('html-collect-pages', search_page)
    assets.add_templates(app)
    assets.add_static_folder(app, 'js')
    app.add_js_file('sdbook-a11y.js', loading_method='defer')
    assets.add_stylesheet(app, 'search.css')
    return {'version': '1.0', 'parallel_read_safe': True, 'parallel_write_safe': True}
