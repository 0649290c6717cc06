"""The glossary part of `intl check`, in-process: a term translated another way is a warning,
unless a translator comment (``# glossary: <term> <why>``) exempts it in that one entry; an
exemption that no longer applies is reported; the comment survives `intl update`."""

from __future__ import annotations

from pathlib import Path

from testfiles import write

from sdbook.catalogs import read_catalog
from sdbook.intl.check import Checker
from sdbook.intl.update import update
from sdbook.project import Project

GLOSSARY = '''- zh: 标签
  en: tag
  en_alt: [Danbooru tag]
  explain: 以 Danbooru 等图站的方式写的短语。
- zh: 提示词
  en: prompt
  explain: 描述画面的文字。
- zh: 反向提示词
  en: negative prompt
  explain: 描述不想出现的内容。
- zh: v 预测
  en: v-prediction
  explain: 一种预测目标。
'''
HEADER = ('msgid ""\nmsgstr ""\n"Project-Id-Version: StableDiffusionBook edition\\n"\n"Language: en\\n"\n'
          '"MIME-Version: 1.0\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n\n')
UI_LABEL = '# glossary: 标签 is a UI label here, not a tag\n'


def book(tmp_path: Path, po: str) -> Project:
    write(tmp_path, {'conf.py': '', 'source/_data/glossary.yaml': GLOSSARY,
                     'locale/en/LC_MESSAGES/page.po': HEADER + po})
    return Project(tmp_path)


def check(project: Project) -> list[str]:
    """Each finding as `line: message`, the line being the entry's msgid line."""
    return [f'{f.line}: {f.message}' for f in Checker(project, 'en', ['page']).run()]


def line_of(project: Project, msgid: str) -> int:
    lines = project.po_path('page', 'en').read_text(encoding='utf-8').splitlines()
    return lines.index(f'msgid "{msgid}"') + 1


def test_a_term_translated_another_way_is_a_warning(tmp_path):
    project = book(tmp_path, 'msgid "写好标签。"\nmsgstr "Write good labels."\n')
    assert check(project) == [f'{line_of(project, "写好标签。")}: glossary: 标签 should be translated as tag / Danbooru tag']


def test_an_exemption_silences_that_term_in_that_entry_only(tmp_path):
    project = book(tmp_path, UI_LABEL + 'msgid "提示词框的标签"\nmsgstr "The label of the text box"\n\n'
                   'msgid "按钮的标签"\nmsgstr "The label of the button"\n')
    # The exempted entry still has its other term checked; the next entry has no exemption.
    assert check(project) == [
        f'{line_of(project, "提示词框的标签")}: glossary: 提示词 should be translated as prompt',
        f'{line_of(project, "按钮的标签")}: glossary: 标签 should be translated as tag / Danbooru tag',
    ]


def test_a_diagram_line_break_does_not_hide_a_term(tmp_path):
    project = book(tmp_path, 'msgid "只有反向提示词"\nmsgstr "with the negative\\\\nprompt only"\n')
    assert check(project) == []


def test_a_term_with_a_space_can_be_exempted(tmp_path):
    project = book(tmp_path, '# glossary: v 预测 is spelled out in the next sentence\n'
                   'msgid "v 预测模型"\nmsgstr "Models that predict velocity"\n')
    assert check(project) == []


def test_an_exemption_that_no_longer_applies_is_reported(tmp_path):
    entries = {
        # The source does not have the term (any more).
        'stale': '# glossary: 提示词 is the text box here\nmsgid "界面"\nmsgstr "Interface"\n',
        # Only inside a longer term, which is checked instead.
        'inside-longer-term': '# glossary: 提示词 is the text box here\nmsgid "反向提示词"\nmsgstr "Negative prompt"\n',
        # The translation uses the glossary's form after all.
        'not-needed': UI_LABEL + 'msgid "标签"\nmsgstr "Tag"\n',
        'no-such-term': '# glossary: 标记 is not a term\nmsgid "界面"\nmsgstr "Interface"\n',
        'no-reason': '# glossary: 标签\nmsgid "按钮的标签"\nmsgstr "The label of the button"\n',
    }
    expected = {
        'stale': 'glossary: the exemption for 提示词 is stale: the source of this entry does not use it; remove the comment',
        'inside-longer-term': 'glossary: the exemption for 提示词 is stale: the source of this entry does not use it; '
                              'remove the comment',
        'not-needed': 'glossary: the exemption for 标签 is not needed: the translation says tag; remove the comment',
        'no-such-term': "glossary: the exemption '标记 is not a term' names no term of the glossary",
        'no-reason': 'glossary: the exemption for 标签 does not say why',
    }
    for case, po in entries.items():
        findings = check(book(tmp_path / case, po))
        # An exemption without a reason exempts nothing: the term itself is reported too.
        extra = ['10: glossary: 标签 should be translated as tag / Danbooru tag'] if case == 'no-reason' else []
        assert findings == [f'10: {expected[case]}', *extra], case


def test_the_exemption_survives_a_catalog_update(tmp_path):
    project = book(tmp_path, UI_LABEL + 'msgid "按钮的标签"\nmsgstr "The label of the button"\n\n'
                   '# glossary: 标签 is a UI label here too\nmsgid "旧的标签说明"\nmsgstr "The old label text"\n')
    # The first message is unchanged, the second changed (fuzzy now), and one is new.
    write(tmp_path / 'pot', {'page.pot': HEADER + 'msgid "新的一句"\nmsgstr ""\n\nmsgid "按钮的标签"\nmsgstr ""\n\n'
                             'msgid "旧的标签说明。"\nmsgstr ""\n'})
    assert update(project, 'en', tmp_path / 'pot', []) == 0
    catalog = read_catalog(project.po_path('page', 'en'))
    assert catalog.get('按钮的标签').user_comments == ['glossary: 标签 is a UI label here, not a tag']
    changed = catalog.get('旧的标签说明。')
    assert changed.fuzzy and changed.user_comments == ['glossary: 标签 is a UI label here too']
    assert catalog.get('新的一句').user_comments == []
    # Still honoured: the unchanged entry's term is not reported (a fuzzy entry is not checked).
    assert [finding for finding in check(project) if 'glossary' in finding] == []
