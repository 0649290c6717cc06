"""Check the book's example training configurations (kohya-ss sd-scripts TOML files).

An example a reader copies must work: a TOML syntax error or a misspelt argument fails the
build with the file and line. A training config (``--config_file``) names its script in its
first comment lines (``# ... (sdxl_train_network.py)``); its keys must be options of that
script, as ``sdbook.flags`` extracted them from sd-scripts (keys are option names without the
dashes). A dataset config (``--dataset_config``, files named ``dataset*.toml``) is checked
against the schema in sd-scripts' ``library/config_util.py`` (``data/sd-scripts-config/``):
``[general]`` and ``[[datasets]]`` take the dataset options and the ascendable subset options,
``[[datasets.subsets]]`` the subset options. Plain Python, no Sphinx.
"""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

from sdbook import flags

CONFIG_SCHEMA = Path(__file__).resolve().parent / 'data' / 'sd-scripts-config'
SCRIPT_IN_COMMENT = re.compile(r'\b([a-z0-9_]+\.py)\b')


def _words(name: str) -> frozenset[str]:
    path = CONFIG_SCHEMA / f'{name}.txt'
    return frozenset(line.strip() for line in path.read_text(encoding='utf-8').splitlines()
                     if line.strip() and not line.startswith('#'))


def _line_of(text: str, key: str) -> int:
    for number, line in enumerate(text.splitlines(), 1):
        if re.match(rf'\s*({re.escape(key)}\s*=|\[\[?{re.escape(key)}\]\]?\s*$)', line):
            return number
    return 1


def script_of(text: str) -> str | None:
    """The script a config names in its leading comment lines."""
    for line in text.splitlines():
        if not line.startswith('#'):
            break
        match = SCRIPT_IN_COMMENT.search(line)
        if match:
            return match[1]
    return None


def check_config(path: Path) -> list[tuple[int, str]]:
    """Problems of one example file as (line, message); empty when the file is fine."""
    text = path.read_text(encoding='utf-8')
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r'at line (\d+)', str(exc))
        return [(int(match[1]) if match else 1, f'TOML syntax error: {exc}')]
    if path.stem.startswith('dataset'):
        return _check_dataset(text, data)
    script = script_of(text)
    if script is None:
        return [(1, 'name the sd-scripts script this config is for in its first comment line, e.g. '
                    '"# SDXL LoRA (sdxl_train_network.py)"')]
    options = flags.load('sd-scripts').for_script(script)
    if options is None:
        return [(1, f'{script!r} is not an sd-scripts script (sdbook/data/flags/sd-scripts/)')]
    names = {o.lstrip('-') for o in options}
    return [(_line_of(text, key), f'{key!r} is not an option of {script} (sd-scripts)')
            for key in data if key not in names]


def _key_lines(text: str) -> dict[tuple, int]:
    """The line of each key, by the table it is in: ('general',), ('datasets', 0), ('datasets', 0, 1)."""
    lines: dict[tuple, int] = {}
    table: tuple = ()
    datasets = subsets = -1
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith('[[datasets.subsets]]'):
            subsets += 1
            table = ('datasets', datasets, subsets)
        elif stripped.startswith('[[datasets]]'):
            datasets, subsets = datasets + 1, -1
            table = ('datasets', datasets)
        elif stripped.startswith('['):
            table = (stripped.strip('[] '),)
            lines.setdefault((table, None), number)
        elif (match := re.match(r'([A-Za-z0-9_]+)\s*=', stripped)):
            lines.setdefault((table, match[1]), number)
    return lines


def _check_dataset(text: str, data: dict) -> list[tuple[int, str]]:
    problems = []
    dataset, ascendable, subset = _words('dataset'), _words('subset-ascendable'), _words('subset')
    lines = _key_lines(text)

    def unknown(table: dict, where: tuple, allowed: frozenset, name: str) -> None:
        for key, value in table.items():
            if key in ('datasets', 'subsets') and isinstance(value, list):
                continue
            if key not in allowed:
                problems.append((lines.get((where, key), 1), f'{key!r} is not a {name} option of --dataset_config'))

    for key in data:
        if key not in ('general', 'datasets'):
            problems.append((lines.get(((key,), None), _line_of(text, key)),
                             f'unknown section {key!r}; expected [general] and [[datasets]]'))
    unknown(data.get('general', {}), ('general',), dataset | ascendable, '[general]')
    for i, ds in enumerate(data.get('datasets', [])):
        unknown(ds, ('datasets', i), dataset | ascendable, '[[datasets]]')
        for j, sub in enumerate(ds.get('subsets', [])):
            unknown(sub, ('datasets', i, j), subset, '[[datasets.subsets]]')
    return problems


def dataset_schema(config_util: str) -> dict[str, set[str]]:
    """The keys of a dataset config, from the schemas of sd-scripts' ``ConfigSanitizer``."""
    keys: dict[str, set[str]] = {'dataset': set(), 'subset-ascendable': set(), 'subset': set()}
    for node in ast.walk(ast.parse(config_util)):
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
                and node.targets[0].id.endswith('_SCHEMA') and isinstance(node.value, ast.Dict)):
            continue
        name = node.targets[0].id
        found = set()
        for key in node.value.keys:
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                found.add(key.value)
            elif isinstance(key, ast.Call) and key.args and isinstance(key.args[0], ast.Constant):
                found.add(key.args[0].value)  # Required("image_dir")
        if name.startswith('DATASET'):
            keys['dataset'] |= found
        elif 'SUBSET' in name:
            keys['subset'] |= found
            if 'ASCENDABLE' in name:
                keys['subset-ascendable'] |= found
    return keys
