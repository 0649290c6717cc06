"""Sphinx configuration for StableDiffusionBook.

One source tree (Simplified Chinese) and two editions. The edition is chosen by the
``SDBOOK_LANG`` environment variable (``zh_CN`` or ``en``), which the Makefile sets; every
value that differs between editions comes from the ``EDITIONS`` table below, because
``-D language=en`` on the command line would not re-run this file.
"""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / '_ext'))

# -- Editions -----------------------------------------------------------------

EDITIONS = {
    'zh_CN': {
        'html_lang': 'zh-CN',
        'name': '简体中文',
        'title': 'StableDiffusionBook',
        'subtitle': 'Stable Diffusion 绘画与训练中文手册',
        'chapter_label': r'第\,\thechapter\,章',
        'licence_line': '文本以 GNU 自由文档许可证 1.3 或更高版本发布',
        'version_label': '版本',
        'latex_extra': '',
        'search_language': 'zh',
    },
    'en': {
        'html_lang': 'en',
        'name': 'English',
        'title': 'StableDiffusionBook',
        'subtitle': 'A handbook of Stable Diffusion image generation and training',
        'chapter_label': r'Chapter\ \thechapter',
        'licence_line': 'Text licensed under the GNU Free Documentation License 1.3 or later',
        'version_label': 'Version',
        # Curly quotes and apostrophes are Latin punctuation here, not full-width CJK marks.
        'latex_extra': r'\xeCJKDeclareCharClass{Default}{"2018, "2019, "201C, "201D}',
        'search_language': 'en',
    },
}
EDITION_ORDER = ['zh_CN', 'en']
SOURCE_LANGUAGE = 'zh_CN'

EDITION = os.environ.get('SDBOOK_LANG', SOURCE_LANGUAGE)
if EDITION not in EDITIONS:
    raise SystemExit(f"conf.py: SDBOOK_LANG={EDITION!r} is not one of {', '.join(EDITIONS)}")
ED = EDITIONS[EDITION]

# Where the published site lives; each edition sits in its own folder below it.
SITE_URL = os.environ.get('SDBOOK_SITE_URL', 'https://draw.dianas.cyou/').rstrip('/') + '/'
REPO_URL = os.environ.get('SDBOOK_REPO_URL', 'https://github.com/sudoskys/StableDiffusionBook')
REPO_BRANCH = 'main'


def _release_date() -> str:
    """The date of the last commit (YYYY.MM.DD): the version a reader sees on a download."""
    try:
        out = subprocess.run(
            ['git', 'log', '-1', '--format=%cd', '--date=format:%Y.%m.%d'],
            cwd=ROOT, capture_output=True, text=True, timeout=5, check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        out = ''
    return out or 'dev'


# -- Project information ----------------------------------------------------------

project = ED['title']
author = 'StableDiffusionBook'
copyright = f"2022–2026, StableDiffusionBook · {ED['licence_line']}"
release = version = os.environ.get('SDBOOK_VERSION') or _release_date()

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
    'sphinx_copybutton',
    'sdbook_links',
    'sdbook_cards',
    'sdbook_flow',
    'sdbook_glossary',
    'sdbook_editions',
    'sdbook_translation',
    'sdbook_latex',
    'sdbook_resume',                 # a build killed halfway is completed by the next one
    'sdbook_examples',
]

root_doc = 'index'
exclude_patterns = ['_data', '_templates', '_static', '**/_*.md']
templates_path = ['source/_templates']
nitpicky = True
suppress_warnings = []

myst_enable_extensions = ['colon_fence', 'deflist', 'attrs_inline', 'attrs_block', 'tasklist']
myst_heading_anchors = 0             # sections are reached by explicit labels only
myst_footnote_transition = False

# -- Editions (read by _ext/sdbook_editions.py) ---------------------------------------

sdbook_editions = {code: {'name': ed['name'], 'html_lang': ed['html_lang']} for code, ed in EDITIONS.items()}
sdbook_edition_order = EDITION_ORDER
sdbook_repo_url = REPO_URL
sdbook_repo_branch = REPO_BRANCH
sdbook_pdf_name = f'StableDiffusionBook-{EDITION}.pdf'

# -- Options for HTML output ---------------------------------------------------------

html_theme = 'sphinx_book_theme'
html_title = ED['title']
html_static_path = ['source/_static']
html_css_files = ['sdbook.css']
html_baseurl = f'{SITE_URL}{EDITION}/'
html_copy_source = False
html_show_sourcelink = False
html_search_language = ED['search_language']
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
    (root_doc, f'StableDiffusionBook-{EDITION}.tex', ED['title'], author, 'manual'),
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
    'fontpkg': r'''
\setmainfont{FreeSerif}[Extension=.otf, UprightFont=*, BoldFont=*Bold, ItalicFont=*Italic, BoldItalicFont=*BoldItalic]
\setsansfont{FreeSans}[Extension=.otf, UprightFont=*, BoldFont=*Bold, ItalicFont=*Oblique, BoldItalicFont=*BoldOblique]
\setmonofont{FreeMono}[Extension=.otf, UprightFont=*, BoldFont=*Bold, ItalicFont=*Oblique, BoldItalicFont=*BoldOblique]
''',
    # xeCJK in both editions: English pages still carry Chinese names and untranslated text.
    # Fonts are named by file and index: by family name XeTeX picks the Japanese face of the TTC.
    'preamble': rf'''
\usepackage{{xeCJK}}
\setCJKmainfont{{NotoSerifCJK-Regular.ttc}}[{NOTO}, FontIndex=2, BoldFont=NotoSerifCJK-Bold.ttc, BoldFeatures={{FontIndex=2}}]
\setCJKsansfont{{NotoSansCJK-Regular.ttc}}[{NOTO}, FontIndex=2, BoldFont=NotoSansCJK-Bold.ttc, BoldFeatures={{FontIndex=2}}]
\setCJKmonofont{{NotoSansCJK-Regular.ttc}}[{NOTO}, FontIndex=7, BoldFont=NotoSansCJK-Bold.ttc, BoldFeatures={{FontIndex=7}}]
\xeCJKsetup{{CJKspace=true}}
{ED['latex_extra']}
\usepackage{{titlesec}}
\titleformat{{\chapter}}[display]{{\normalfont\sffamily\huge\bfseries}}{{{ED['chapter_label']}}}{{16pt}}{{\Huge}}
\titlespacing*{{\chapter}}{{0pt}}{{0pt}}{{24pt}}
\hypersetup{{pdftitle={{{ED['title']}}}, pdflang={{{ED['html_lang']}}}, pdfsubject={{{ED['subtitle']}}}, bookmarksnumbered=true}}
\newcommand{{\sdbooksubtitle}}{{{ED['subtitle']}}}
\newcommand{{\sdbooklicence}}{{{ED['licence_line']}}}
\newcommand{{\sdbookversion}}{{{ED['version_label']} {release}}}
\input{{sdbook.sty}}
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
    'sphinxsetup': 'verbatimwrapslines=true, verbatimforcewraps=true',
    'printindex': '',
    'makeindex': '',                # no index: no .idx file, so latexmk runs no makeindex
}
latex_additional_files = ['_ext/latex/sdbook.sty']

# -- Reader experience ------------------------------------------------------------------
# Search, downloads, discoverability and page comforts (_ext/sdbook_reader.py, bench/README.md).

extensions += [
    'sdbook_reader',
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
DOWNLOAD_STEM = f'StableDiffusionBook-{EDITION}-{release}'
sdbook_download_files = {
    'pdf': sdbook_pdf_name,                # the dated copy sits beside it (Makefile `pdf-%`)
    'epub': f'{DOWNLOAD_STEM}.epub',
    'zip': f'{DOWNLOAD_STEM}-html.zip',
}

# EPUB: one file per edition, named like the other downloads; `make epub` builds it with -W.
epub_basename = DOWNLOAD_STEM
epub_title = f"{ED['title']}: {ED['subtitle']}"
epub_description = ED['subtitle']
epub_author = epub_publisher = author
epub_copyright = copyright
epub_identifier = f'{SITE_URL}{EDITION}/'
epub_scheme = 'URL'
epub_show_urls = 'no'                 # URLs in brackets after every link clutter a small screen
epub_exclude_files = ['search.html', '404.html']
epub_cover = ('_static/sdbook-card.png', '')   # the social card doubles as the cover image

# Sitemaps: one per edition, every page with its hreflang alternates in both editions.
# sitemap's site_url is the site root; html_baseurl (above) stays the edition's folder, so
# canonical links point at the page in its own edition.
site_url = SITE_URL
sitemap_url_scheme = '{lang}{link}'
sitemap_locales = EDITION_ORDER
sitemap_excludes = ['search.html', 'genindex.html', '404.html']
sitemap_show_lastmod = True

# OpenGraph / Twitter cards; the card image is drawn by tools/make_card.py (no external assets).
ogp_site_url = html_baseurl
ogp_site_name = ED['title']
ogp_image = f'{html_baseurl}_static/sdbook-card.png'
ogp_image_alt = f"{ED['title']}: {ED['subtitle']}"
ogp_description_length = 200
ogp_social_cards = {'enable': False}
ogp_custom_meta_tags = [
    '<meta name="twitter:card" content="summary_large_image">',
    f'<meta property="og:locale" content="{EDITION}">',
]

# The 404 page of each edition: its links are absolute, below the edition's folder.
notfound_urls_prefix = f'{urlsplit(SITE_URL).path}{EDITION}/'
NOTFOUND_TEXT = {
    'zh_CN': ('找不到页面', '这个地址没有页面。它可能已经移动或改名：请从<a href="{home}">目录</a>找，或者<a href="{search}">搜索</a>。'),
    'en': ('Page not found', 'There is no page at this address. It may have moved or been renamed: '
                             'start from the <a href="{home}">contents</a>, or <a href="{search}">search</a>.'),
}
notfound_context = {
    'title': NOTFOUND_TEXT[EDITION][0],
    'body': f'<h1>{NOTFOUND_TEXT[EDITION][0]}</h1>\n<p>' + NOTFOUND_TEXT[EDITION][1].format(
        home=f'{notfound_urls_prefix}index.html', search=f'{notfound_urls_prefix}search.html') + '</p>',
}

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
