"""The search page's query rewriting data (sdbook.searchterms): read strictly, per edition."""

from __future__ import annotations

from pathlib import Path

from sdbook import searchterms

ROOT = Path(__file__).resolve().parents[2]


def test_book_file_has_both_editions_and_no_problem():
    for edition in ('zh_CN', 'en'):
        terms, problems = searchterms.load(ROOT / 'source' / '_data' / 'search-terms.yaml', edition)
        assert problems == []
        assert terms['aliases'] and terms['fillers']
        assert all(a.strip() and t.strip() for a, t in terms['aliases'].items())
    zh, _ = searchterms.load(ROOT / 'source' / '_data' / 'search-terms.yaml', 'zh_CN')
    assert zh['aliases']['高清修复'] == '高分辨率修复'
    assert zh['fillers'] == sorted(zh['fillers'], key=len, reverse=True)  # longest first: 怎么样 before 怎么


def test_problems_name_their_line(tmp_path):
    path = tmp_path / 'terms.yaml'
    path.write_text('zh_CN:\n  aliases:\n    爆显存: 显存不足\n    炼丹: ""\n    骨骼图: [OpenPose]\n  synonyms: {}\n',
                    encoding='utf-8')
    terms, problems = searchterms.load(path, 'zh_CN')
    assert [(p.line, p.message) for p in problems] == [
        (4, "field '炼丹' must be a non-empty string"),
        (5, "alias '骨骼图' must map to the words of the book"),
        (6, "unknown field 'synonyms'; expected: aliases, fillers"),
    ]
    assert terms['aliases'] == {'爆显存': '显存不足'}  # the good entries are kept, nothing else


def test_missing_edition_is_a_problem(tmp_path):
    path = tmp_path / 'terms.yaml'
    path.write_text('zh_CN:\n  fillers: [吗]\n', encoding='utf-8')
    _, problems = searchterms.load(path, 'en')
    assert [(p.line, p.message) for p in problems] == [(1, "no entry for the edition 'en'")]
