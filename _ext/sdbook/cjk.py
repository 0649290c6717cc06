"""What counts as Chinese text: the one definition the build, the checks and the statistics use."""

from __future__ import annotations

import re

# Han ideographs: CJK Unified Ideographs, Extension A and the compatibility block.
HAN = r'\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff'
# CJK punctuation (。「」…), and the full-width forms (，：（）！ and full-width Latin).
CJK_PUNCTUATION = r'\u3000-\u303f\uff00-\uffef'

HAN_CHAR = re.compile(f'[{HAN}]')
# A run of Chinese text with the punctuation around it: what gets lang="zh-CN" in English pages.
CJK_RUN = re.compile(f'[{HAN}{CJK_PUNCTUATION}]+')
# A "word" of the source text for statistics: one Han character, or one run of Latin letters or digits.
WORD = re.compile(f"[{HAN}]|[A-Za-z0-9][A-Za-z0-9'._+-]*")


def has_han(text: str) -> bool:
    return HAN_CHAR.search(text) is not None


def count_han(text: str) -> int:
    return len(HAN_CHAR.findall(text))


def count_words(text: str) -> int:
    return len(WORD.findall(text))
