"""Files the tests of every tier write: a folder of files by name, and one good link-data file."""

from __future__ import annotations

from pathlib import Path

from sdbook.build import MYST_SETTINGS, STRICT_CONFIG

# One valid link-data file (a category and a record), to which tests add one mistake at a time.
GOOD_LINK_DATA = '''categories:
  - id: cat
    title: 分类
links:
  - id: ok
    name: 正常
    url: https://example.org/ok
    description: 正常的记录
    platform: github
    category: cat
'''


def write(folder: Path, files: dict[str, str | bytes]) -> None:
    """Write each file (text or bytes) below the folder, making folders as needed."""
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding='utf-8')


def small_conf(extensions: list[str], **settings: object) -> str:
    """conf.py of a small book: the extensions given, and the real book's reading settings."""
    # English search: a Chinese search index would load jieba's dictionary in every small build (seconds).
    values = {'extensions': extensions, 'language': 'zh_CN', 'html_search_language': 'en', 'exclude_patterns': ['_data', '_build'],
              'gettext_compact': False, 'gettext_uuid': False, 'gettext_location': False,
              **MYST_SETTINGS, **STRICT_CONFIG, **settings}
    return ''.join(f'{name} = {value!r}\n' for name, value in values.items())
