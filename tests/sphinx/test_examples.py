"""Example training configurations in a book: a typo in one fails the build with file and line."""

from __future__ import annotations


def test_a_typo_in_an_example_fails_the_build(small_book):
    book = small_book({
        'index.md': '# 示例\n\n```{literalinclude} examples/lora.toml\n:language: toml\n```\n',
        'examples/lora.toml': '# SDXL LoRA (sdxl_train_network.py)\nnetwork_dim = 32\nnetwork_alpah = 16\n',
    }, extensions=['myst_parser', 'sdbook.ext.examples'])
    assert book.problems() == [
        "examples/lora.toml:3: ERROR: 'network_alpah' is not an option of sdxl_train_network.py (sd-scripts) [sdbook.example]"]


def test_good_examples_build_cleanly(small_book):
    book = small_book({
        'index.md': '# 示例\n\n```{literalinclude} examples/lora.toml\n:language: toml\n```\n',
        'examples/lora.toml': '# SDXL LoRA (sdxl_train_network.py)\nnetwork_dim = 32\nnetwork_alpha = 16\n',
    }, extensions=['myst_parser', 'sdbook.ext.examples'])
    assert book.problems() == []
