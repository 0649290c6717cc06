"""Example training configurations: the book's files are valid, and each kind of mistake is named with its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from sdbook.trainconfig import check_config

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / 'source').glob('**/examples/*.toml'))


def test_the_book_has_examples():
    assert {p.name for p in EXAMPLES} >= {'sdxl-lora.toml', 'flux-lora.toml', 'dataset.toml'}


@pytest.mark.parametrize('path', EXAMPLES, ids=lambda p: p.name)
def test_book_example_is_valid(path):
    assert check_config(path) == []


@pytest.mark.parametrize('name, text, expected', [
    ('lora.toml', '# SDXL LoRA (sdxl_train_network.py)\nnetwork_dim = 32\nnetwork_dimm = 16\n',
     [(3, "'network_dimm' is not an option of sdxl_train_network.py (sd-scripts)")]),
    ('lora.toml', '# (sdxl_train_network.py)\nnetwork_dim = 32\nlearning_rate = 1e-4 1e-5\n', [(3, 'TOML syntax error: ')]),
    # An option of the FLUX script is not one of the SDXL script's.
    ('lora.toml', '# SDXL LoRA (sdxl_train_network.py)\nblocks_to_swap = 16\n',
     [(2, "'blocks_to_swap' is not an option of sdxl_train_network.py (sd-scripts)")]),
    ('lora.toml', '# FLUX LoRA (flux_train_network.py)\nblocks_to_swap = 16\nzero_terminal_snr = true\n', []),
    ('lora.toml', 'network_dim = 32\n', [(1, 'name the sd-scripts script this config is for in its first comment line')]),
    ('lora.toml', '# (train_everything.py)\nnetwork_dim = 32\n', [(1, "'train_everything.py' is not an sd-scripts script")]),
    ('dataset.toml', '[general]\nvalidation_split = 0.1\n[[datasets]]\n[[datasets.subsets]]\nvalidation_split = 0.1\n',
     [(5, "'validation_split' is not a [[datasets.subsets]] option of --dataset_config")]),
    ('dataset.toml', '[general]\nshuffle_captions = true\n', [(2, "'shuffle_captions' is not a [general] option of --dataset_config")]),
    ('dataset.toml', '[[datasets]]\nresolution = 1024\n[[datasets.subsets]]\nimage_dir = "a"\nbatch_size = 2\n',
     [(5, "'batch_size' is not a [[datasets.subsets]] option of --dataset_config")]),
    ('dataset.toml', '[general]\n[extra]\nx = 1\n', [(2, "unknown section 'extra'; expected [general] and [[datasets]]")]),
])
def test_mistakes_are_reported_with_their_line(tmp_path, name, text, expected):
    path = tmp_path / name
    path.write_text(text, encoding='utf-8')
    problems = check_config(path)
    assert [line for line, _ in problems] == [line for line, _ in expected]
    for (_, message), (_, start) in zip(problems, expected, strict=False):
        assert message.startswith(start), message
