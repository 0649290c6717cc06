"""The margin check of tests/book finds words past the text block, and only those."""

from __future__ import annotations

from pdflayout import beyond_margins, hyphenated_names, literal_names


def _page(*words: tuple[float, float, str], height: float = 10.0) -> str:
    body = ''.join(f'<word xMin="{x0}" yMin="100.0" xMax="{x1}" yMax="{100.0 + height}">{text}</word>' for x0, x1, text in words)
    return f'<page width="595.28" height="841.89">{body}</page>'


# Justified lines: most words start at 72 and end at 523, so those are the block's edges.
BODY = [(72.0, 200.0, '正文'), (300.0, 523.3, '正文'), (72.0, 150.0, '正文'), (400.0, 523.2, '正文')]


def test_words_inside_the_block_pass():
    assert beyond_margins(_page(*BODY)) == []


def test_a_long_option_past_the_right_edge_is_found_with_its_page():
    found = beyond_margins(_page(*BODY) + _page(*BODY, (414.0, 593.0, '--bnb_quantization_config_path')))
    assert [(w.page, w.text) for w in found] == [(2, '--bnb_quantization_config_path')]


def test_full_width_punctuation_may_hang_one_em_but_letters_may_not():
    found = beyond_margins(_page(*BODY, (511.0, 531.0, '月，'), (63.0, 95.0, '（2024'), (517.0, 531.0, 'ん')))
    assert [w.text for w in found] == ['ん']


def test_text_left_of_the_block_is_found():
    assert [w.text for w in beyond_margins(_page(*BODY, (50.0, 90.0, 'overhang')))] == ['overhang']


# -- Names hyphenated at a line end ----------------------------------------------------------

TEX = r'''Load Checkpoint (\sphinxcode{\sphinxupquote{Checkpoint\sdbookcasebreak{}Loader\sdbookcasebreak{}Simple}}),
\sphinxcode{\sphinxupquote{learning\_rate}} and Qwen\sphinxhyphen{}Image.'''


def _line_end(*words: str) -> str:
    return _page(*[(72.0 + 60 * i, 120.0 + 60 * i, text) for i, text in enumerate(words)])


def test_a_literal_name_split_by_a_hyphen_is_found():
    names, real = literal_names(TEX)
    assert names == {'CheckpointLoaderSimple', 'learning_rate'}
    found = hyphenated_names(_line_end('(Checkpoint-', 'LoaderSimple),', 'learn-', 'ing_rate'), names, real)
    assert [text for _, text in found] == ['(Checkpoint-|LoaderSimple),', 'learn-|ing_rate']


def test_a_real_hyphen_and_english_words_are_not_found():
    names, real = literal_names(TEX)
    assert hyphenated_names(_line_end('Qwen-', 'Image', 'check-', 'point', 'Checkpoint', 'LoaderSimple'), names, real) == []
