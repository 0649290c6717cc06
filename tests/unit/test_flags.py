"""Extracting programs' options from their sources (sdbook.flags), on a small repository written here."""

from __future__ import annotations

import subprocess
from pathlib import Path

from sdbook import flags

LIBRARY = '''
def add_common_arguments(parser):
    parser.add_argument("--output_dir", type=str)
    parser.add_argument("--seed", type=int)

def add_flux_arguments(parser):
    parser.add_argument("--blocks_to_swap", type=int)
'''
TRAIN = '''
import argparse
from library import train_util
from library.extra import add_extra

def setup_parser():
    parser = argparse.ArgumentParser()
    train_util.add_common_arguments(parser)
    add_extra(parser)
    parser.add_argument("--network_dim", type=int)
    return parser
'''
FLUX = '''
import train
from library import train_util

def setup_parser():
    parser = train.setup_parser()
    train_util.add_flux_arguments(parser)
    return parser
'''
EXTRA = '''
def add_extra(parser):
    parser.add_argument("--v_parameterization", action="store_true")

def line_to_prompt_dict(line):
    for parg in line.split(" --"):
        m = re.match(r"w (\\d+)", parg)
        m = re.match(r"h (\\d+)", parg)
'''
TOPLEVEL = '''
import argparse
parser = argparse.ArgumentParser()
parser.add_argument("--path", type=str)
args = parser.parse_args()
'''


def _repo(tmp_path: Path) -> Path:
    root = tmp_path / 'repo'
    for name, text in {'library/train_util.py': LIBRARY, 'library/extra.py': EXTRA, 'train.py': TRAIN,
                       'flux_train.py': FLUX, 'convert.py': TOPLEVEL}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding='utf-8')
    return root


def test_each_script_gets_the_options_of_every_function_it_calls(tmp_path):
    read = flags.repository_files(_repo(tmp_path), None)
    files, scripts = read(['*.py', 'library/*.py']), read(['*.py'])
    found = flags.script_options(files, scripts, ('setup_parser', 'parse_args'))
    common = {'--output_dir', '--seed', '--v_parameterization', '--help', '-h'}
    assert found['train.py'] == common | {'--network_dim'}
    assert found['flux_train.py'] == common | {'--network_dim', '--blocks_to_swap'}
    assert found['convert.py'] == {'--path', '--help', '-h'}  # a parser built at import time


def test_sample_prompt_options_come_from_the_parsing_function(tmp_path):
    read = flags.repository_files(_repo(tmp_path), None)
    assert flags.prompt_options(read(['library/*.py']).values(), ('line_to_prompt_dict',)) == {'--w', '--h'}


def test_a_refresh_from_a_git_directory_writes_the_lists_with_their_source(tmp_path):
    root = _repo(tmp_path)
    subprocess.run(['git', 'init', '-q', str(root)], check=True)
    subprocess.run(['git', '-C', str(root), 'add', '.'], check=True)
    subprocess.run(['git', '-C', str(root), '-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-qm', 'x'],
                   check=True)
    data = tmp_path / 'data'
    spec = flags.Program('trainer', 'example/trainer', ('*.py', 'library/*.py'), scripts=('*.py',),
                         prompt_functions=('line_to_prompt_dict',))
    flags.PROGRAMS['trainer'] = spec
    try:
        flags.refresh('trainer', root / '.git', 'HEAD', 'v1 (abc)', data)
    finally:
        del flags.PROGRAMS['trainer']
    loaded = flags.load('trainer', data)
    assert loaded.source.startswith('trainer: example/trainer, v1 (abc)')
    assert loaded.for_script('flux_train.py') >= {'--blocks_to_swap', '--network_dim'}
    assert '--blocks_to_swap' not in loaded.for_script('train.py')
    assert flags.load('trainer-prompts', data).options == {'--w', '--h'}


def test_the_book_s_lists_know_the_options_the_reviews_found_missing_or_wrong():
    lists = flags.load_all()
    assert '--enable-manager' in lists['comfyui'].options            # ComfyUI 2026, not in v0.3.64
    assert '--lora-dir' in lists['a1111'].options                      # from a built-in extension's preload.py
    assert '--medvram' in lists['a1111'].options and '--medvram' not in lists['comfyui'].options
    assert '--blocks_to_swap' in lists['sd-scripts'].for_script('flux_train_network.py')
    assert '--zero_terminal_snr' in lists['sd-scripts'].for_script('sdxl_train_network.py')
    assert all(fl.source for fl in lists.values()), [name for name, fl in lists.items() if not fl.source]
