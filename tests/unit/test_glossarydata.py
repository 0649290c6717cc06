"""The glossary loader on its own: order, fields, anchors, every problem with its line; the real glossary."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sdbook.glossarydata import Term, load_glossary

BOOK = Path(__file__).resolve().parents[2] / 'source'

GOOD = '''- zh: 采样器
  en: sampler
  explain: 决定每一步如何去噪的算法。
- zh: 步数
  en: steps
  explain: 去噪的次数。
'''
FIELDS = 'zh, en, en_alt, explain, see'


def _load(tmp_path: Path, text: str | bytes) -> tuple[list[Term], list[str]]:
    path = tmp_path / 'glossary.yaml'
    path.write_bytes(text if isinstance(text, bytes) else text.encode('utf-8'))
    terms, problems = load_glossary(path, Path('glossary.yaml'))
    return terms, [str(problem) for problem in problems]


# -- Loading ---------------------------------------------------------------------------------------

def test_load_keeps_order_lines_and_optional_fields(tmp_path):
    terms, problems = _load(tmp_path, GOOD.replace('  explain: 去噪的次数。\n', '  en_alt: [sampling steps]\n  explain: 去噪的次数。\n  see: steps-label\n'))
    assert problems == []
    assert [(t.zh, t.en, t.line) for t in terms] == [('采样器', 'sampler', 1), ('步数', 'steps', 4)]
    assert terms[1].en_alt == ('sampling steps',) and terms[1].see == 'steps-label'
    assert terms[1].english_forms == ('steps', 'sampling steps')
    assert terms[0].en_alt == () and terms[0].see == ''


@pytest.mark.parametrize(('english', 'anchor'), [('sampler', 'term-sampler'), ('CFG scale', 'term-cfg-scale'),
                                                  ('Hires. fix', 'term-hires-fix'), ('LoRA (LyCORIS)', 'term-lora-lycoris'),
                                                  ('潜空间', 'term-x')])
def test_anchor_is_a_slug_of_the_english_term(english, anchor):
    assert Term(zh='术语', en=english, explain='说明', line=1).anchor == anchor


LOAD_PROBLEMS = {
    'not a list': ('zh: 采样器\nen: sampler\n', ['glossary.yaml:1: the glossary must be a list of terms']),
    'term not a mapping': (GOOD + '- 只是一个字符串\n', ['glossary.yaml:7: a term must be a mapping']),
    'en_alt not a list': (GOOD + '  en_alt: CFG\n', ["glossary.yaml:7: 'en_alt' must be a list of English forms"]),
    'en_alt holds a mapping': (GOOD + '  en_alt: [{a: b}]\n', ["glossary.yaml:7: 'en_alt' must be a list of English forms"]),
    'key given twice': (GOOD + '  en: steps again\n', ["glossary.yaml:7: field 'en' is given twice"]),
    'explain is a list': (GOOD.replace('  explain: 去噪的次数。', '  explain: [去噪, 次数]'),
                          ["glossary.yaml:6: field 'explain' must be a non-empty string"]),
    'not utf-8': (GOOD.encode('gb18030'), ['glossary.yaml:1: not valid UTF-8 (invalid start byte at byte 6)']),
    'empty explain': (GOOD.replace('  explain: 去噪的次数。', '  explain: ""'),
                      ["glossary.yaml:6: field 'explain' must be a non-empty string"]),
    'every problem at once': (GOOD.replace('  en: sampler\n', '') + '  colour: red\n',
                              ["glossary.yaml:1: term is missing the required field 'en'",
                               f"glossary.yaml:6: unknown field 'colour'; expected one of: {FIELDS}"]),
}


@pytest.mark.parametrize('case', LOAD_PROBLEMS)
def test_load_reports_each_problem_with_its_line_and_no_terms(tmp_path, case):
    text, expected = LOAD_PROBLEMS[case]
    terms, problems = _load(tmp_path, text)
    assert problems == expected
    assert terms == []


def test_real_book_glossary_has_no_problems():
    terms, problems = load_glossary(BOOK / '_data' / 'glossary.yaml')
    assert problems == []
    assert terms
    # One row id per term: two terms with the same slug would give the page duplicate ids.
    anchors = [term.anchor for term in terms]
    assert sorted({a for a in anchors if anchors.count(a) > 1}) == []


def test_real_book_glossary_points_only_at_labels_the_book_defines():
    labels = set()
    for page in BOOK.rglob('*.md'):
        labels.update(re.findall(r'^\(([^()\s]+)\)=\s*$', page.read_text(encoding='utf-8'), re.M))
    terms, _ = load_glossary(BOOK / '_data' / 'glossary.yaml')
    assert sorted({term.see for term in terms if term.see} - labels) == []
