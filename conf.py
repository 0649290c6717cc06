"""Sphinx configuration for StableDiffusionBook.

One source tree (Simplified Chinese) and two editions. The edition is chosen by the
``SDBOOK_LANG`` environment variable (``zh_CN`` or ``en``), which the Makefile sets; every
value that differs between editions comes from ``sdbook.editions`` (the book's own package in
``_ext/``, installed into .venv), because ``-D language=en`` on the command line would not re-run
this file.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

from sdbook.build import MYST_SETTINGS
from sdbook.editions import EDITIONS, SOURCE_LANGUAGE, TITLE, current_edition, release_version

ROOT = Path(__file__).resolve().parent

# -- Editions -----------------------------------------------------------------
# sdbook.editions holds every per-edition value; SDBOOK_LANG chooses the edition.

try:
    ED = current_edition()
except ValueError as exc:
    raise SystemExit(f'conf.py: SDBOOK_LANG: {exc}') from None
EDITION = ED.code

# Where the published site lives; each edition sits in its own folder below it.
SITE_URL = os.environ.get('SDBOOK_SITE_URL', 'https://draw.dianas.cyou/').rstrip('/') + '/'
REPO_URL = os.environ.get('SDBOOK_REPO_URL', 'https://github.com/sudoskys/StableDiffusionBook')
REPO_BRANCH = 'main'

# -- Project information ----------------------------------------------------------

project = TITLE
author = TITLE
copyright = f"2022–2026, {TITLE} · {ED.licence_line}"
release = version = release_version(ROOT)

language = EDITION
locale_dirs = ['../locale']          # resolved against source/, i.e. the top-level locale/
gettext_compact = False              # one catalog per page
gettext_uuid = False
gettext_location = False             # one .pot per page already says where; line numbers churn diffs
gettext_allow_fuzzy_translations = False

# -- General configuration ---------------------------------------------------------

extensions = [
    'myst_parser',
    'sphinx_design',
    'sdbook.ext.tabs',               # sphinx-design's tabs as valid HTML
    'sphinx_copybutton',
    'sdbook.ext.links',
    'sdbook.ext.cards',
    'sdbook.ext.flow',
    'sdbook.ext.glossary',
    'sdbook.ext.editions',
    'sdbook.ext.translation',
    'sdbook.ext.latex',
    'sdbook.ext.latexnames',         # PDF: program names break at case changes, never with a hyphen
    'sdbook.ext.resume',             # a build killed halfway is completed by the next one
    'sdbook.ext.examples',
    'sdbook.ext.checked',            # the line under each title: what the page was checked against
    'sdbook.ext.guards',             # options and UI labels the pages quote must exist (sdbook/data/)
    'sdbook.ext.figures',            # diagrams and plots drawn from data in the pages
]
sdbook_checked_required = True       # a page that does not say it fails the build

# MyST parsed once per build, not once per translated message (bench/README.md). SDBOOK_MYSTCACHE=0
# builds without it: tests/book/test_book.py compares the two English editions byte for byte.
if os.environ.get('SDBOOK_MYSTCACHE', '1') != '0':
    extensions.insert(1, 'sdbook.ext.mystcache')

root_doc = 'index'
exclude_patterns = ['_data', '_templates', '_static', '**/_*.md']
templates_path = []                  # the extensions bring their own templates
nitpicky = True
suppress_warnings = []

globals().update(MYST_SETTINGS)      # myst_enable_extensions and friends, shared with the checks

# -- Editions (read by sdbook.ext.editions) ----------------------------------------------

sdbook_edition = EDITION
sdbook_source_language = SOURCE_LANGUAGE
sdbook_repo_url = REPO_URL
sdbook_repo_branch = REPO_BRANCH

# -- Options for HTML output ---------------------------------------------------------

html_theme = 'sphinx_book_theme'
html_title = TITLE
html_static_path = ['source/_static']
html_baseurl = f'{SITE_URL}{EDITION}/'
html_copy_source = False
html_show_sourcelink = False
html_search_language = ED.search_language
# Sphinx (8.2+) loads jieba's own dictionary a second time as a user dictionary: about 1.5 s per
# zh build for the same segmentation (bench/README.md, "Build"). '' loads no user dictionary.
html_search_options = {'dict': ''}
html_theme_options = {
    'repository_url': REPO_URL,
    'repository_branch': REPO_BRANCH,
    'path_to_docs': 'source',
    'use_repository_button': True,
    'use_issues_button': True,
    'use_download_button': False,
    'use_fullscreen_button': False,
    'show_toc_level': 2,
    'home_page_in_toc': True,
}
html_sidebars = {
    '**': ['navbar-logo.html', 'sdbook-editions.html', 'sbt-sidebar-nav.html'],
}

# -- Copy buttons: copy commands without their prompts --------------------------------

copybutton_prompt_text = r'\$ |# |>>> |\.\.\. |PS> |> '
copybutton_prompt_is_regexp = True
copybutton_exclude = '.linenos, .gp, .go'

# -- Options for LaTeX / PDF output -------------------------------------------------------

latex_engine = 'xelatex'
latex_documents = [
    (root_doc, f'{TITLE}-{EDITION}.tex', TITLE, author, 'manual'),
]
latex_show_urls = 'footnote'
latex_show_pagerefs = False
latex_use_xindy = False              # the book has no index; xindy misfiles Chinese entries
NOTO = 'Path=/usr/share/fonts/opentype/noto/'  # Debian's fonts-noto-cjk; the SC faces by index
latex_elements = {
    'papersize': 'a4paper',
    'pointsize': '10pt',
    'babel': '',
    'polyglossia': '',
    'fncychap': '',
    # xeCJK in both editions: English pages still carry Chinese names and untranslated text.
    # Fonts are named by file and index: by family name XeTeX picks the Japanese face of the TTC.
    # Loaded with the fonts, before the extensions' LaTeX packages (which use xeCJK).
    # The monospaced font is never hyphenated: sdbook.ext.latexnames says why.
    'fontpkg': rf'''
\setmainfont{{FreeSerif}}[Extension=.otf, UprightFont=*, BoldFont=*Bold, ItalicFont=*Italic, BoldItalicFont=*BoldItalic]
\setsansfont{{FreeSans}}[Extension=.otf, UprightFont=*, BoldFont=*Bold, ItalicFont=*Oblique, BoldItalicFont=*BoldOblique]
\setmonofont{{FreeMono}}[Extension=.otf, UprightFont=*, BoldFont=*Bold, ItalicFont=*Oblique, BoldItalicFont=*BoldOblique, HyphenChar=None]
\usepackage{{xeCJK}}
\setCJKmainfont{{NotoSerifCJK-Regular.ttc}}[{NOTO}, FontIndex=2, BoldFont=NotoSerifCJK-Bold.ttc, BoldFeatures={{FontIndex=2}}]
\setCJKsansfont{{NotoSansCJK-Regular.ttc}}[{NOTO}, FontIndex=2, BoldFont=NotoSansCJK-Bold.ttc, BoldFeatures={{FontIndex=2}}]
\setCJKmonofont{{NotoSansCJK-Regular.ttc}}[{NOTO}, FontIndex=7, BoldFont=NotoSansCJK-Bold.ttc, BoldFeatures={{FontIndex=7}}]
\xeCJKsetup{{CJKspace=true}}
{ED.latex_extra}
''',
    'preamble': rf'''
\usepackage{{titlesec}}
\titleformat{{\chapter}}[display]{{\normalfont\sffamily\huge\bfseries}}{{{ED.chapter_label}}}{{16pt}}{{\Huge}}
\titlespacing*{{\chapter}}{{0pt}}{{0pt}}{{24pt}}
\hypersetup{{pdftitle={{{TITLE}: {ED.subtitle}}}, pdfauthor={{{author}}}, pdflang={{{ED.html_lang}}},
  pdfsubject={{{ED.subtitle}}}, pdfkeywords={{Stable Diffusion, WebUI, Forge, ComfyUI, LoRA}}, bookmarksnumbered=true}}
% Without babel or polyglossia LaTeX's fixed headings stay English: set them in the edition's language.
\AtBeginDocument{{\renewcommand{{\contentsname}}{{{ED.contents_name}}}}}
% The running footer names the chapter as its heading does (book.cls would say "Chapter 5.").
\renewcommand{{\chaptermark}}[1]{{\markboth{{{ED.chapter_label}\quad #1}}{{}}}}
% Figures restart at each chapter (the class resets the counter) but Sphinx prints no chapter
% prefix when numfig is off, so every chapter had its own "Fig. 1": number them 2.1, 2.2, ...
\AtBeginDocument{{\renewcommand{{\thefigure}}{{\thechapter.\arabic{{figure}}}}\renewcommand{{\thetable}}{{\thechapter.\arabic{{table}}}}}}
\newcommand{{\sdbooksubtitle}}{{{ED.subtitle}}}
\newcommand{{\sdbooklicence}}{{{ED.licence_line}}}
\newcommand{{\sdbookversion}}{{{ED.version_label} {release}}}
''',
    'maketitle': r'''
\begin{titlepage}
  \centering\sffamily
  \vspace*{0.3\textheight}
  {\Huge\bfseries StableDiffusionBook\par}
  \vspace{1.2em}
  {\Large \sdbooksubtitle\par}
  \vspace{2.5em}
  {\large \sdbookversion\par}
  \vfill
  {\small \sdbooklicence\par}
\end{titlepage}
''',
    # verbatimmaxoverfull=0: a line one character too long is wrapped, not left in the margin.
    'sphinxsetup': 'verbatimwrapslines=true, verbatimforcewraps=true, verbatimmaxoverfull=0',
    'printindex': '',
    'makeindex': '',                # no index: no .idx file, so latexmk runs no makeindex
}

# -- Reader experience ------------------------------------------------------------------
# Search, downloads, discoverability and page comforts (_ext/sdbook_reader.py, bench/README.md).

extensions += [
    'sdbook.ext.reader',
    'sphinx_sitemap',
    'sphinxext.opengraph',
    'notfound.extension',
    'sphinx_last_updated_by_git',
]

# Pagefind indexes each edition's article bodies after the HTML build (bench/README.md "Search"
# shows why: Sphinx's index finds no Chinese words in a real browser). SDBOOK_SEARCH=sphinx
# restores Sphinx's own search, for the benchmark.
sdbook_search = os.environ.get('SDBOOK_SEARCH', 'pagefind')
# Theme files no page loads (checked in the browser: tests/test_browser.py), left out of the site
# and of the offline archive: fontawesome.js (the icons come from the web fonts; see
# source/_templates/static/webpack-macros.html), source maps, the theme's own message catalogs,
# launch-button logos, and template files the theme copies as static files.
sdbook_unused_static = ['scripts/fontawesome.js', 'scripts/fontawesome.js.LICENSE.txt', 'scripts/*.map',
                        'styles/*.map', 'locales', 'images/logo_*', '*webpack-macros.html']
DOWNLOAD_STEM = ED.download_stem(release)
sdbook_download_files = {
    'pdf': ED.pdf_name,                # the dated copy sits beside it (Makefile `pdf-%`)
    'epub': f'{DOWNLOAD_STEM}.epub',
    'zip': f'{DOWNLOAD_STEM}-html.zip',
}

# EPUB: one file per edition, named like the other downloads; `make epub` builds it with -W.
epub_basename = DOWNLOAD_STEM
epub_title = f"{TITLE}: {ED.subtitle}"
epub_description = ED.subtitle
epub_author = epub_publisher = author
epub_copyright = copyright
epub_identifier = f'{SITE_URL}{EDITION}/'
epub_scheme = 'URL'
epub_show_urls = 'no'                 # URLs in brackets after every link clutter a small screen
# .buildinfo.bak: Sphinx keeps the previous build's info there when the configuration changed.
epub_exclude_files = ['search.html', '404.html', '.buildinfo.bak']
epub_cover = ('_static/sdbook-card.png', '')   # the social card doubles as the cover image

# Sitemaps: one per edition, every page with its hreflang alternates in both editions.
# sitemap's site_url is the site root; html_baseurl (above) stays the edition's folder, so
# canonical links point at the page in its own edition.
site_url = SITE_URL
sitemap_url_scheme = '{lang}{link}'
sitemap_locales = list(EDITIONS)
sitemap_excludes = ['search.html', 'genindex.html', '404.html']
sitemap_show_lastmod = True

# OpenGraph / Twitter cards; the card image is drawn by tools/make_card.py (no external assets).
ogp_site_url = html_baseurl
ogp_site_name = TITLE
ogp_image = f'{html_baseurl}_static/sdbook-card.png'
ogp_image_alt = f"{TITLE}: {ED.subtitle}"
ogp_description_length = 200
ogp_social_cards = {'enable': False}
ogp_custom_meta_tags = [
    '<meta name="twitter:card" content="summary_large_image">',
    f'<meta property="og:locale" content="{EDITION}">',
]

# The 404 page of each edition is the page source/404.md (translated like any other); its links
# are made absolute, below the edition's folder, so they work at any address (sdbook.ext.reader).
notfound_urls_prefix = f'{urlsplit(SITE_URL).path}{EDITION}/'

# "Last updated" from git. A tarball, or a shallow clone, has no (usable) history: the page
# then simply shows no date instead of failing the build.
html_last_updated_fmt = '%Y-%m-%d'
git_last_updated_timezone = 'UTC'
suppress_warnings += ['git.subprocess_error', 'git.command_not_found', 'git.too_shallow']

# -- Misc ---------------------------------------------------------------------------------

# ``make linkcheck`` reads these; the link-table extension feeds its URLs to the same builder.
linkcheck_timeout = 15
linkcheck_retries = 2
linkcheck_workers = 8
linkcheck_report_timeouts_as_broken = False
