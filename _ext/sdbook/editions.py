"""The book's editions and its release version: the one place they are defined.

``conf.py`` picks the edition being built from here, the Makefile asks ``python -m sdbook
editions`` for the list, the catalog tools find the translated editions here, and the
language chooser at the site's root is written from this table.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
from pathlib import Path


@dataclasses.dataclass(frozen=True)
class Edition:
    code: str            # gettext language code, and the edition's folder name
    html_lang: str       # BCP 47, as in <html lang>
    name: str            # the edition's name in its own language (language switcher)
    subtitle: str
    licence_line: str
    version_label: str
    contents_name: str   # the PDF's table of contents heading
    chapter_label: str   # LaTeX for the chapter heading's label
    search_language: str
    latex_extra: str = ''

    @property
    def pdf_name(self) -> str:
        return f'{TITLE}-{self.code}.pdf'

    def download_stem(self, release: str) -> str:
        return f'{TITLE}-{self.code}-{release}'


TITLE = 'StableDiffusionBook'
SOURCE_LANGUAGE = 'zh_CN'

EDITIONS: dict[str, Edition] = {
    'zh_CN': Edition(
        code='zh_CN',
        html_lang='zh-CN',
        name='简体中文',
        subtitle='Stable Diffusion 绘画与训练中文手册',
        licence_line='文本以 GNU 自由文档许可证 1.3 或更高版本发布',
        version_label='版本',
        contents_name='目录',
        chapter_label=r'第\,\thechapter\,章',
        search_language='zh',
    ),
    'en': Edition(
        code='en',
        html_lang='en',
        name='English',
        subtitle='A handbook of Stable Diffusion image generation and training',
        licence_line='Text licensed under the GNU Free Documentation License 1.3 or later',
        version_label='Version',
        contents_name='Contents',
        chapter_label=r'Chapter\ \thechapter',
        search_language='en',
        # Curly quotes and apostrophes are Latin punctuation here, not full-width CJK marks.
        latex_extra=r'\xeCJKDeclareCharClass{Default}{"2018, "2019, "201C, "201D}',
    ),
}

# Editions whose text comes from translation catalogs (locale/<code>/LC_MESSAGES).
TRANSLATIONS = tuple(code for code in EDITIONS if code != SOURCE_LANGUAGE)


def edition(code: str) -> Edition:
    try:
        return EDITIONS[code]
    except KeyError:
        raise ValueError(f"unknown edition {code!r}; the editions are: {', '.join(EDITIONS)}") from None


def current_edition(environ: dict[str, str] | None = None) -> Edition:
    """The edition ``SDBOOK_LANG`` selects (the source language when it is unset)."""
    return edition((environ if environ is not None else os.environ).get('SDBOOK_LANG', SOURCE_LANGUAGE))


def release_version(root: Path, environ: dict[str, str] | None = None) -> str:
    """The version a reader sees on a download: ``SDBOOK_VERSION``, else the date of the last
    commit (``YYYY.MM.DD``), else ``dev`` (a tarball has no history)."""
    env = environ if environ is not None else os.environ
    if env.get('SDBOOK_VERSION'):
        return env['SDBOOK_VERSION']
    try:
        out = subprocess.run(['git', 'log', '-1', '--format=%cd', '--date=format:%Y.%m.%d'],
                             cwd=root, capture_output=True, text=True, timeout=5, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        out = ''
    return out or 'dev'
