"""The link data loader on its own: every problem it defines, with file and line; the real data."""

from __future__ import annotations

from pathlib import Path

import pytest
from testfiles import GOOD_LINK_DATA

from sdbook.linkdata import check_url, load_link_data
from sdbook.project import Project

ROOT = Path(__file__).resolve().parents[2]

GOOD = GOOD_LINK_DATA
RECORD_FIELDS = 'id, name, url, description, platform, category, lang, tags, note, archive, status'

# case -> (file content, [(line, message)]); each case is one file, links/bad.yaml.
CASES: dict[str, tuple[str | bytes, list[tuple[int, str]]]] = {
    'not-utf8': (b'links: []\n# \xff\n', [(1, 'not valid UTF-8 (invalid start byte at byte 12)')]),
    'empty': ('# nothing but a comment\n', [(1, 'the file is empty')]),
    'yaml-syntax': (GOOD.replace('    name: 正常', '    name: [正常'), [(7, 'YAML syntax error: ')]),
    'top-level-list': ('- id: a\n- id: b\n', [(1, "the top level must be a mapping with 'categories' and/or 'links'")]),
    'unknown-top-level-key': (GOOD + 'groups: []\n', [(11, "unknown top-level key 'groups'; expected one of: categories, links")]),
    'top-level-key-twice': (GOOD + 'links: []\n', [(11, "field 'links' is given twice")]),
    'categories-not-a-list': ('categories: 全部\n', [(1, "'categories' must be a list")]),
    'links-not-a-list': ('links:\n  id: x\n', [(2, "'links' must be a list")]),
    'category-not-a-mapping': ('categories:\n  - 分类\n', [(2, 'a category must be a mapping')]),
    'category-unknown-field': ('categories:\n  - id: cu\n    title: 分类\n    colour: red\n',
                               [(4, "unknown field 'colour' in a category; expected: id, title")]),
    'category-missing-title': ('categories:\n  - id: cm\n', [(2, "category is missing the required field 'title'")]),
    'category-empty-title': ('categories:\n  - id: ce\n    title: ""\n', [(3, "category field 'title' must be a non-empty string")]),
    'category-bad-id': ('categories:\n  - id: Bad_Cat\n    title: 分类\n',
                        [(2, "category id 'Bad_Cat' must be lowercase ASCII letters, digits and hyphens")]),
    'duplicate-category': ('categories:\n  - id: dc\n    title: 分类\n  - id: dc\n    title: 又一个\n',
                           [(4, "duplicate category id 'dc' (first defined at links/bad.yaml:2)")]),
    'record-not-a-mapping': (GOOD + '  - https://example.org/bare\n', [(11, 'a link record must be a mapping')]),
    'field-given-twice': (GOOD + '    name: 又一个名字\n', [(11, "field 'name' is given twice")]),
    'missing-field': (GOOD + '  - id: nourl\n    name: 无地址\n    description: 缺少地址\n    platform: github\n    category: cat\n',
                      [(11, "record 'nourl' is missing the required field 'url'")]),
    'record-without-id': (GOOD + '  - name: 无编号\n    url: https://example.org/x\n    description: 缺少编号\n'
                                 '    platform: github\n    category: cat\n', [(11, "record is missing the required field 'id'")]),
    'unknown-field': (GOOD + '    colour: red\n', [(11, f"unknown field 'colour'; expected one of: {RECORD_FIELDS}")]),
    'empty-name': (GOOD.replace('    name: 正常', '    name: ""'), [(6, "field 'name' must be a non-empty string")]),
    'name-is-a-list': (GOOD.replace('    name: 正常', '    name: [甲, 乙]'), [(6, "field 'name' must be a non-empty string")]),
    'tags-not-a-list': (GOOD + '    tags: 一个词\n', [(11, "'tags' must be a list of words")]),
    'bad-id': (GOOD.replace('id: ok', 'id: Bad_OK'), [(5, "id 'Bad_OK' must be lowercase ASCII letters, digits and hyphens")]),
    'javascript-url': (GOOD.replace('https://example.org/ok', 'javascript:alert(1)'),
                       [(7, "URL 'javascript:alert(1)' has scheme 'javascript'; only http, https and mailto are allowed")]),
    'data-url': (GOOD.replace('https://example.org/ok', 'data:text/html,<script>alert(1)</script>'),
                 [(7, "URL 'data:text/html,<script>alert(1)</script>' has scheme 'data'; only http, https and mailto are allowed")]),
    'no-scheme': (GOOD.replace('https://example.org/ok', 'danbooru.donmai.us/'),
                  [(7, "URL 'danbooru.donmai.us/' has scheme '(none)'; only http, https and mailto are allowed")]),
    'url-with-space': (GOOD.replace('https://example.org/ok', '"https://example.org/a b"'),
                       [(7, "URL 'https://example.org/a b' contains white space")]),
    'url-without-host': (GOOD.replace('https://example.org/ok', 'https:///ok'), [(7, "URL 'https:///ok' has no host")]),
    'archive-scheme': (GOOD + '    archive: ftp://example.org/old\n',
                       [(11, "URL 'ftp://example.org/old' has scheme 'ftp'; only http, https and mailto are allowed")]),
    'unknown-platform': (GOOD.replace('platform: github', 'platform: myspace'), [(9, "unknown platform 'myspace'; expected one of: website, github")]),
    'unknown-language': (GOOD + '    lang: fr\n', [(11, "unknown language 'fr'; expected one of: zh, en, ja, ko, multi")]),
    'bad-status': (GOOD + '    status: gone\n', [(11, "unknown status 'gone'; expected one of: ok, dead, moved")]),
    'unknown-category': (GOOD.replace('    category: cat', '    category: nowhere'), [(5, "record 'ok' names the unknown category 'nowhere'")]),
    'duplicate-id': (GOOD + '  - id: ok\n    name: 重复\n    url: https://example.org/other\n    description: 重复的编号\n'
                            '    platform: github\n    category: cat\n', [(11, "duplicate id 'ok' (first defined at links/bad.yaml:5)")]),
    'duplicate-url': (GOOD + '  - id: again\n    name: 又一次\n    url: https://EXAMPLE.org/ok/\n    description: 同一个地址\n'
                             '    platform: github\n    category: cat\n',
                      [(11, "the URL https://EXAMPLE.org/ok/ is already used by 'ok' at links/bad.yaml:5; reuse that record by its id")]),
}


def _load(tmp_path: Path, text: str | bytes):
    folder = tmp_path / 'links'
    folder.mkdir()
    path = folder / 'bad.yaml'
    path.write_bytes(text if isinstance(text, bytes) else text.encode('utf-8'))
    return load_link_data(folder, display_root=tmp_path)


@pytest.mark.parametrize('case', sorted(CASES))
def test_every_problem_is_reported_with_file_and_line(tmp_path, case):
    text, expected = CASES[case]
    data = _load(tmp_path, text)
    got = [(p.line, p.message) for p in data.problems]
    # Messages that quote a parser's own words are compared by their start.
    assert [(line, message[:len(want)]) for (line, message), (_, want) in zip(got, expected, strict=False)] == expected, got
    assert len(got) == len(expected), got
    assert all(str(p.path) == 'links/bad.yaml' for p in data.problems)


@pytest.mark.parametrize('case', sorted(CASES))
def test_a_file_with_a_problem_gives_no_record(tmp_path, case):
    data = _load(tmp_path, CASES[case][0])
    assert data.records == {} and data.broken_files == {'bad'}


def test_good_file_gives_its_records(tmp_path):
    data = _load(tmp_path, GOOD)
    assert data.problems == [] and list(data.records) == ['ok']
    assert data.records['ok'].line == 5 and data.categories['cat'].title == '分类'


def test_selection_by_ids_keeps_their_order(tmp_path):
    data = _load(tmp_path, GOOD + GOOD.split('links:\n')[1].replace('id: ok', 'id: second').replace('/ok', '/second'))
    assert [r.id for r in data.select(ids=['second', 'ok'])] == ['second', 'ok']
    assert [r.id for r in data.select(categories=['cat'])] == ['ok', 'second']


@pytest.mark.parametrize('url', ['https://example.org', 'http://a.b/c?d=1', 'mailto:someone@example.org'])
def test_accepted_urls(url):
    assert check_url(url) is None


def test_the_real_link_data_is_valid():
    data = load_link_data(Project(ROOT).links, display_root=ROOT)
    assert [str(p) for p in data.problems] == []
    assert len(data.records) > 200
