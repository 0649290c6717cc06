"""The two editions of the book: language switcher, downloads and edit links on every page.

Each edition is built into its own folder (``_build/html/<code>/``) from the same sources;
the other edition of a page is at the same path under its sibling folder.
"""

from __future__ import annotations

import os

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

from sdbook_i18n import label


def check_edition(app: Sphinx, config: Config) -> None:
    """``-D language=...`` alone would leave the values computed in conf.py in the wrong language."""
    chosen = os.environ.get('SDBOOK_LANG', config.sdbook_source_language)
    if config.language != chosen:
        raise ConfigError(
            f'language is {config.language!r} but SDBOOK_LANG selects {chosen!r}: '
            f'build an edition with SDBOOK_LANG={config.language} (the Makefile does this), not with -D language alone'
        )


def page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    config = app.config
    current = config.language
    root = context.get('content_root', '')
    editions = []
    for code in config.sdbook_edition_order:
        info = config.sdbook_editions[code]
        editions.append({
            'code': code,
            'name': info['name'],
            'html_lang': info['html_lang'],
            'current': code == current,
            'url': f'{root}../{code}/{pagename}.html',
        })
    context['sdbook_editions'] = editions
    context['sdbook_pdf_url'] = f'{root}../downloads/{config.sdbook_pdf_name}'
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
    app.setup_extension('sdbook_i18n')
    app.setup_extension('sdbook_text')
    app.setup_extension('sdbook_translation')
    app.add_config_value('sdbook_editions', {}, 'html', types=frozenset({dict}))
    app.add_config_value('sdbook_edition_order', [], 'html', types=frozenset({list}))
    app.add_config_value('sdbook_pdf_name', 'book.pdf', 'html', types=frozenset({str}))
    app.connect('config-inited', check_edition, priority=100)
    app.connect('html-page-context', page_context)
    return {'version': '1.0', 'parallel_read_safe': True, 'parallel_write_safe': True}
