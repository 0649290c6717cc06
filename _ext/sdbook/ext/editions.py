"""The editions of the book on every page: language switcher, PDF download and edit links.

Each edition is built into its own folder (``_build/html/<code>/``) from the same sources; the
other edition of a page is at the same path under its sibling folder. The editions themselves
come from ``sdbook.editions``.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

from sdbook.editions import EDITIONS, TITLE
from sdbook.ext import assets
from sdbook.ext.labels import label


def check_edition(app: Sphinx, config: Config) -> None:
    """``-D language=...`` alone would leave the values conf.py computed for another edition."""
    chosen = config.sdbook_edition
    if chosen and config.language != chosen:
        raise ConfigError(
            f'language is {config.language!r} but SDBOOK_LANG selects {chosen!r}: '
            f'build an edition with SDBOOK_LANG={config.language} (the Makefile does this), not with -D language alone'
        )


def pdf_name(language: str) -> str:
    return EDITIONS[language].pdf_name if language in EDITIONS else f'{TITLE}-{language}.pdf'


def edition_root(app: Sphinx, pagename: str, context: dict) -> str:
    """The URL of the edition's folder as the page links it: relative, except on the 404 page,
    which is served at any address (sphinx-notfound-page's prefix)."""
    if pagename == getattr(app.config, 'notfound_pagename', None) and getattr(app.config, 'notfound_urls_prefix', None):
        return app.config.notfound_urls_prefix
    return context.get('content_root', '')


def page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    config = app.config
    current = config.language
    root = edition_root(app, pagename, context)
    target = app.builder.get_target_uri(pagename)
    context['sdbook_editions'] = [{
        'code': ed.code,
        'name': ed.name,
        'html_lang': ed.html_lang,
        'current': ed.code == current,
        'url': f'{root}../{ed.code}/{target}',
    } for ed in EDITIONS.values()]
    context['sdbook_pdf_url'] = f'{root}../downloads/{pdf_name(current)}'
    context['sdbook_labels'] = {
        'editions': label('Language'),
        'download_pdf': label('Download PDF'),
        'downloads': label('Downloads'),
    }
    repo, branch = config.sdbook_repo_url.rstrip('/'), config.sdbook_repo_branch
    if doctree is not None and pagename in app.env.all_docs:
        if current == config.sdbook_source_language:
            source = app.env.doc2path(pagename, False)
            context['sdbook_edit_url'] = f'{repo}/edit/{branch}/source/{source}'
            context['sdbook_edit_label'] = label('Edit this page')
        else:
            context['sdbook_edit_url'] = f'{repo}/edit/{branch}/locale/{current}/LC_MESSAGES/{pagename}.po'
            context['sdbook_edit_label'] = label('Translate this page')


def setup(app: Sphinx) -> dict:
    app.setup_extension('sdbook.ext.labels')
    app.setup_extension('sdbook.ext.textnodes')
    app.setup_extension('sdbook.ext.translation')   # sdbook_repo_url, sdbook_repo_branch
    # The edition conf.py chose (from SDBOOK_LANG); empty: no check (small books).
    app.add_config_value('sdbook_edition', '', 'env', types=frozenset({str}))
    app.connect('config-inited', check_edition, priority=100)
    app.connect('html-page-context', page_context)
    assets.add_templates(app)
    assets.add_stylesheet(app, 'editions.css')
    return {'version': '1.0', 'parallel_read_safe': True, 'parallel_write_safe': True}
