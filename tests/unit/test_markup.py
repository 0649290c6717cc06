"""The markup check of translations, read with MyST's own parser: what a translation must keep."""

from __future__ import annotations

import pytest

from sdbook.markup import compare, markup


def test_identical_markup_passes():
    source = '见 {ref}`安装 <install-webui>` 和 [官网](https://example.org)，运行 `--medvram`[^1]，按 <kbd>Ctrl</kbd>。'
    target = 'See {ref}`installing <install-webui>` and [the site](https://example.org), run `--medvram`[^1], press <kbd>Ctrl</kbd>.'
    assert compare(source, target) == []


@pytest.mark.parametrize(('source', 'target', 'problem'), [
    # Inline links, autolinks and images.
    ('参见 [官网](https://a.example/x)。', 'See [the site](https://a.example/y).',
     'link target differs: missing https://a.example/x; unexpected https://a.example/y'),
    ('见 <https://a.example>。', 'See https://a.example.', 'link target differs: missing https://a.example'),
    ('![示意图](img/flow.svg)', '![Diagram](img/other.svg)', 'image differs: missing img/flow.svg; unexpected img/other.svg'),
    # A reference-style link whose label changed points somewhere else.
    ('见[官网][home]。', 'See [the site][house].', 'link target differs: missing ref:home; unexpected ref:house'),
    ('见[官网][home]。', 'See the site.', 'link target differs: missing ref:home'),
    # Roles keep their name and target; the text may change.
    ('见 {ref}`install-webui`。', 'See {ref}`install`.', 'role differs: missing {ref}`install-webui`; unexpected {ref}`install`'),
    ('见 {ref}`安装 <install-webui>`。', 'See {doc}`installing <install-webui>`.',
     'role differs: missing {ref}`install-webui`; unexpected {doc}`install-webui`'),
    # Inline code, double backticks included.
    ('运行 `--medvram`。', 'Run medvram.', 'inline code differs: missing --medvram'),
    ('写 ``a `b` c``。', 'Write `a b c`.', 'inline code differs: missing a `b` c; unexpected a b c'),
    # Footnotes and inline HTML.
    ('这是事实[^src]。', 'This is a fact.', 'footnote differs: missing src'),
    ('按 <kbd>Ctrl</kbd>。', 'Press Ctrl.', 'inline HTML differs: missing </kbd>, <kbd>'),
    # Bold markers, balanced or not.
    ('**注意**：显存', 'Note: VRAM', "2 '**' in the source but 0 in the translation"),
    ('显存', '**VRAM', "0 '**' in the source but 1 in the translation"),
])
def test_lost_or_changed_markup_is_named(source, target, problem):
    assert compare(source, target) == [problem]


def test_code_in_a_role_is_not_a_role_and_roles_in_code_are_not_roles():
    assert markup('写 `{ref}`') == markup('write `{ref}`')
    assert compare('写 `{ref}` 示例', 'write `{ref}` example') == []


def test_chinese_placeholder_in_code_may_be_translated():
    assert compare('运行 `--port 端口`。', 'Run `--port PORT`.') == []
    assert compare('运行 `--port 端口`。', 'Run `--host PORT`.') == ['inline code differs: missing --port 端口; unexpected --host PORT']


def test_substitutions_are_kept():
    assert compare('版本 {{ version }}', 'Version {{version}}') == []
    assert compare('版本 {{ version }}', 'Version') == ['substitution differs: missing version']


def test_angle_bracket_placeholders_are_not_links():
    assert compare('用 <lora:文件名:权重> 调用。', 'Call it with <lora:filename:weight>.') == []
