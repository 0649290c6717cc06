"""Every bad data file and every bad table or card of a book is reported by one build, each with
its file and line, and nothing is half-rendered or rewritten. (The loaders' every message is
checked on its own in tests/unit.)"""

from __future__ import annotations

import pytest


def good(p: str, extra: str = '') -> str:
    """A valid data file whose ids and URL are its own (files are checked together)."""
    return (f'categories:\n  - id: {p}-cat\n    title: 分类\nlinks:\n  - id: {p}-ok\n    name: 正常\n'
            f'    url: https://example.org/{p}/ok\n    description: 正常的记录\n    platform: github\n'
            f'    category: {p}-cat\n{extra}')


RECORD_LANGS = 'zh, en, ja, ko, multi'
# case -> (file content, [(line, message)]); the file is _data/links/<case>.yaml
DATA_CASES: dict[str, tuple[str | bytes, list[tuple[int, str]]]] = {
    'not-utf8': (b'links: []\n# \xff\n', [(1, 'not valid UTF-8 (invalid start byte at byte 12)')]),
    'empty': ('# nothing but a comment\n', [(1, 'the file is empty')]),
    'top-level-list': ('- id: a\n- id: b\n', [(1, "the top level must be a mapping with 'categories' and/or 'links'")]),
    'unknown-top-level-key': (good('tk', 'groups: []\n'), [(11, "unknown top-level key 'groups'; expected one of: categories, links")]),
    'categories-not-a-list': ('categories: 全部\n', [(1, "'categories' must be a list")]),
    'links-not-a-list': ('links:\n  id: x\n', [(2, "'links' must be a list")]),
    'category-not-a-mapping': ('categories:\n  - 分类\n', [(2, 'a category must be a mapping')]),
    'record-not-a-mapping': (good('rm', '  - https://example.org/bare\n'), [(11, 'a link record must be a mapping')]),
    'field-given-twice': (good('ft', '    name: 又一个名字\n'), [(11, "field 'name' is given twice")]),
    'category-unknown-field': ('categories:\n  - id: cu-cat\n    title: 分类\n    colour: red\n',
                               [(4, "unknown field 'colour' in a category; expected: id, title")]),
    'category-missing-title': ('categories:\n  - id: cm-cat\n', [(2, "category is missing the required field 'title'")]),
    'category-empty-title': ('categories:\n  - id: ce-cat\n    title: ""\n', [(3, "category field 'title' must be a non-empty string")]),
    'category-bad-id': ('categories:\n  - id: Bad_Cat\n    title: 分类\n',
                        [(2, "category id 'Bad_Cat' must be lowercase ASCII letters, digits and hyphens")]),
    'duplicate-category': (good('dc') + 'categories:\n  - id: dc-cat\n    title: 又一个\n',
                           [(11, "unknown top-level key 'categories'; expected one of: categories, links")]),
    'record-without-id': (good('ri', '  - name: 无编号\n    url: https://example.org/ri/x\n    description: 缺少编号\n'
                                     '    platform: github\n    category: ri-cat\n'),
                          [(11, "record is missing the required field 'id'")]),
    'tags-not-a-list': (good('tg', '    tags: 一个词\n'), [(11, "'tags' must be a list of words")]),
    'bad-id': (good('bi').replace('id: bi-ok', 'id: Bi_OK'), [(5, "id 'Bi_OK' must be lowercase ASCII letters, digits and hyphens")]),
    'url-with-space': (good('us').replace('https://example.org/us/ok', '"https://example.org/us/a b"'),
                       [(7, "URL 'https://example.org/us/a b' contains white space")]),
    'url-without-host': (good('uh').replace('https://example.org/uh/ok', 'https:///uh/ok'),
                         [(7, "URL 'https:///uh/ok' has no host")]),
    'unknown-language': (good('ul', '    lang: fr\n'), [(11, f"unknown language 'fr'; expected one of: {RECORD_LANGS}")]),
}
# Two categories with one id, in one file: the second is refused where it stands.
DATA_CASES['duplicate-category'] = (
    'categories:\n  - id: dc-cat\n    title: 分类\n  - id: dc-cat\n    title: 又一个\n',
    [(4, "duplicate category id 'dc-cat' (first defined at _data/links/duplicate-category.yaml:2)")])

# Pages using the data (the directive's fence is on line 3 of each page).
DIRECTIVE_PAGES = {
    'broken-file': (':file: empty', 'linktable: the data file \'empty\' has errors (reported above); no table is rendered [sdbook.linktable]'),
    'unknown-file': (':file: nothing', "linktable: unknown data file 'nothing' [sdbook.linktable]"),
    'no-match': (':tag: 没有这个标签', 'linktable: the selection matches no link record [sdbook.linktable]'),
}
CARD = ':prompt: 1girl\n:steps: 20\n:sampler: Euler a\n:cfg: 7\n:seed: 1\n:size: 512x512\n'
CARD_PAGES = {  # the card errors test_gencard.py checks only on the module, here through a build
    'card-cfg-word': (CARD.replace(':cfg: 7', ':cfg: high'), "gencard: 'cfg' must be a number, not 'high' [sdbook.gencard]"),
    'card-empty-model': (CARD + ':model:\n', "gencard: 'model' is empty [sdbook.gencard]"),
    'card-steps-zero': (CARD.replace(':steps: 20', ':steps: 0'), "gencard: 'steps' must be between 1 and 150, not 0 [sdbook.gencard]"),
}


@pytest.fixture
def data_book(small_book):
    """One book holding every bad data file and every bad page: one build reports them all."""
    pages = {**{f'{n}.md': f'# {n}\n\n```{{linktable}}\n{o}\n```\n' for n, (o, _) in DIRECTIVE_PAGES.items()},
             **{f'{n}.md': f'# {n}\n\n```{{gencard}} 卡片\n{c}```\n' for n, (c, _) in CARD_PAGES.items()}}
    toctree = '\n'.join(sorted(p[:-3] for p in pages))
    files: dict[str, str | bytes] = {'index.md': f'# 首页\n\n```{{toctree}}\n{toctree}\n```\n', **pages}
    files.update({f'_data/links/{case}.yaml': text for case, (text, _) in DATA_CASES.items()})
    files['_data/links/good.yaml'] = good('gd')
    return small_book(files, extensions=['myst_parser', 'sdbook.ext.links', 'sdbook.ext.cards']), files


def test_one_build_reports_every_bad_file_and_page_with_its_line(data_book):
    book, files = data_book
    lines = book.problems()
    for case, (_, problems) in DATA_CASES.items():
        expected = [f'_data/links/{case}.yaml:{line}: ERROR: {message} [sdbook.linkdata]' for line, message in problems]
        assert [line for line in lines if line.startswith(f'_data/links/{case}.yaml:')] == expected, case
    for case, (_, message) in {**DIRECTIVE_PAGES, **CARD_PAGES}.items():
        assert [line for line in lines if line.startswith(f'{case}.md:')] == [f'{case}.md:3: ERROR: {message}'], case
        page = book.read(f'{case}.html')
        assert '<table' not in page and 'sdbook-gencard' not in page  # nothing half-rendered
    # Nothing else was reported, and no file was deleted or rewritten.
    assert len(lines) == sum(len(v[1]) for v in DATA_CASES.values()) + len(DIRECTIVE_PAGES) + len(CARD_PAGES), book.warnings
    for name, text in files.items():
        data = text if isinstance(text, bytes) else text.encode('utf-8')
        assert (book.src / name).read_bytes() == data, name
