"""The checks of quoted options and UI labels (sdbook.pagecheck), each proven on a planted error."""

from __future__ import annotations

import pytest

from sdbook.flags import FlagList
from sdbook.pagecheck import FlagChecker, LabelFile, check_labels, is_label

LISTS = {
    'a1111': FlagList('a1111', 'test', frozenset({'--medvram', '--listen', '--opt-sdp-attention', '--help'}), {}),
    'forge': FlagList('forge', 'test', frozenset({'--cuda-malloc', '--listen'}), {}),
    'comfyui': FlagList('comfyui', 'test', frozenset({'--lowvram', '--listen', '--port'}), {}),
    'sd-scripts': FlagList('sd-scripts', 'test', frozenset({'--network_dim', '--blocks_to_swap'}), {
        'sdxl_train_network.py': frozenset({'--network_dim'}),
        'flux_train_network.py': frozenset({'--network_dim', '--blocks_to_swap'}),
    }),
    'tool-pip': FlagList('tool-pip', 'test', frozenset({'--index-url'}), {}),
    'tool-accelerate': FlagList('tool-accelerate', 'test', frozenset({'--num_cpu_threads_per_process'}), {}),
}


@pytest.fixture
def checker() -> FlagChecker:
    return FlagChecker(LISTS)


def lines(findings) -> list[tuple[int, str]]:
    return [(f.line, f.message.split(' (')[0]) for f in findings]


def test_correct_options_pass(checker):
    page = ('# 页\n\nA1111 用 `--medvram`，ComfyUI 用 `--lowvram`。\n\n'
            '| 程序 | 参数 |\n|---|---|\n| Forge | `--cuda-malloc` |\n\n'
            '```bat\nset COMMANDLINE_ARGS=--medvram --listen\n```\n\n'
            '```bash\npython main.py --lowvram --port 8189\n'
            'accelerate launch --num_cpu_threads_per_process 1 flux_train_network.py --blocks_to_swap 16\n'
            'pip install torch --index-url https://download.pytorch.org/whl/cu128\n```\n')
    assert checker.check(page, set()) == []


def test_an_option_of_another_program_is_named_with_its_line(checker):
    page = '# 页\n\nComfyUI 的显存选项是 `--medvram`。\n'
    assert lines(checker.check(page, set())) == [(3, '--medvram is not an option of comfyui')]


def test_a_made_up_option_in_a_table_row(checker):
    page = '# 页\n\n| 程序 | 参数 |\n|---|---|\n| A1111 | `--medvram` |\n| Forge | `--fast-fp9` |\n'
    assert lines(checker.check(page, set())) == [(6, '--fast-fp9 is not an option of forge')]


def test_code_lines_are_checked_against_their_command(checker):
    page = '# 页\n\n```bash\npython main.py --medvram\n./webui.sh --lowvram\n```\n'
    assert lines(checker.check(page, set())) == [
        (4, '--medvram is not an option of comfyui'),
        (5, '--lowvram is not an option of a1111, forge'),
    ]


def test_a_script_option_must_be_an_option_of_that_script(checker):
    page = ('# 页\n\n```bash\naccelerate launch sdxl_train_network.py \\\n  --network_dim 32 \\\n  --blocks_to_swap 8\n```\n'
            '\n`flux_train_network.py` 可以用 `--blocks_to_swap`，`sdxl_train_network.py` 的 `--network_dimm` 写错了。\n')
    assert lines(checker.check(page, {'sd-scripts'})) == [
        (6, '--blocks_to_swap is not an option of sdxl_train_network.py'),
        (9, '--network_dimm is not an option of flux_train_network.py, sdxl_train_network.py, sd-scripts'),
    ]


def test_the_page_sources_count_beside_what_the_text_names(checker):
    page = '# 页\n\n显存小就加 `--medvram`。\n'
    assert checker.check(page, {'a1111'}) == []
    assert lines(checker.check(page, {'comfyui'})) == [(3, '--medvram is not an option of comfyui')]
    # A page about A1111 may say that ComfyUI has no such option.
    assert checker.check('# 页\n\nComfyUI 没有 `--medvram`。\n', {'a1111'}) == []


def test_a_wildcard_stands_for_the_options_it_begins(checker):
    assert checker.check('# 页\n\nA1111 的 `--opt-*` 参数。\n', set()) == []
    assert lines(checker.check('# 页\n\nA1111 的 `--xformers-*` 参数。\n', set())) == [(3, '--xformers-* is not an option of a1111')]


def test_an_option_named_on_purpose_is_exempt_with_a_reason(checker):
    page = '# 页\n\nComfyUI 没有 `--medvram`。\n'
    assert checker.check('% flag-check: --medvram  named as the A1111 option people look for\n\n' + page, set()) == []
    assert len(checker.check(page, set())) == 1


def test_data_directives_and_front_matter_are_not_read(checker):
    page = '---\nchecked:\n  date: 2026-12\n  against: [--nothing]\n---\n# 页\n\n```{gencard} 卡片\n:prompt: --bogus\n```\n'
    assert checker.check(page, set()) == []


LABELS = LabelFile('zh_CN.json (test)', {
    'CFG Scale': '提示词相关性(CFG Scale/无分类器信息引导规模)',
    'Only masked': '以蒙版尺寸重绘（仅重绘大图片的局部）',
    'Hires. fix': '高分辨率修复(Hires.fix)',
    'Extra Networks': '附加网络',
})


def test_a_label_with_its_english_name_must_be_the_ui_s_translation():
    page = '# 页\n\n拖动「提示词引导系数」（CFG Scale）滑块。\n'
    assert lines(check_labels(page, LABELS)) == [(3, '「提示词引导系数」 is not the zh_CN label of "CFG Scale": the UI shows '
                                                     '「提示词相关性(CFG Scale/无分类器信息引导规模)」')]


def test_right_labels_shortened_ones_and_menu_paths_pass():
    page = ('# 页\n\n「提示词相关性(CFG Scale/无分类器信息引导规模)」（CFG Scale），「以蒙版尺寸重绘」（Only masked），'
            '「设置 → 附加网络」（Extra Networks），「高分辨率修复(Hires.fix)」。\n')
    assert check_labels(page, LABELS) == []


def test_a_quoted_label_with_a_gloss_the_ui_does_not_have():
    page = '# 页\n\n勾选「高清修复(Hires.fix)」。\n'
    assert lines(check_labels(page, LABELS)) == [(3, '「高清修复(Hires.fix)」 is quoted as a UI label but zh_CN has no such label')]


def test_ordinary_quotations_are_not_labels():
    assert check_labels('# 页\n\n社区管这叫「炼丹」（training）。\n', LABELS) == []


@pytest.mark.parametrize(('quoted', 'ok'), [('以蒙版尺寸重绘', True), ('以蒙版尺寸', False), ('以蒙版……', True),
                                            ('仅重绘', False)])
def test_a_label_may_drop_its_own_explanation_or_end_in_an_ellipsis(quoted, ok):
    assert is_label(quoted, '以蒙版尺寸重绘（仅重绘大图片的局部）') is ok
