"""The command-line options of the programs the book writes about, as their sources define them.

Each program's options are kept in ``sdbook/data/flags/``: ``<program>.txt`` for a program
with one set of options (a WebUI, ComfyUI), ``<program>/<script>.txt`` for a trainer whose
scripts each take their own (sd-scripts, musubi-tuner, diffusers). The first lines say where
the list was extracted from (repository, commit, files); ``python -m sdbook flags refresh``
extracts it again from a checkout. The extraction reads the Python sources with ``ast``: every
string option of an ``add_argument`` call, and for the trainers, the options of every
function a script's parser-building function calls, followed through the modules it imports.
Plain Python, no Sphinx.
"""

from __future__ import annotations

import ast
import dataclasses
import fnmatch
import re
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path

DATA = Path(__file__).resolve().parent / 'data' / 'flags'
OPTION = re.compile(r'^--?[A-Za-z0-9][A-Za-z0-9_.-]*$')
ARGPARSE_OWN = frozenset({'--help', '-h'})  # every argparse parser has them without an add_argument


@dataclasses.dataclass(frozen=True)
class Program:
    """How to extract a program's options from its repository."""

    name: str
    repository: str
    files: tuple[str, ...]                 # glob patterns of the files defining the options
    scripts: tuple[str, ...] = ()          # glob patterns of the scripts, for per-script lists
    parser_functions: tuple[str, ...] = ('setup_parser', 'parse_args', 'get_parser', 'main')
    # Functions reading the options of a sample-prompt line (`a cat --w 1024 --h 1024`).
    prompt_functions: tuple[str, ...] = ()
    # A command line made by python-fire from a function: its parameters are the options.
    fire_functions: tuple[str, ...] = ()


PROGRAMS: dict[str, Program] = {p.name: p for p in (
    Program('a1111', 'AUTOMATIC1111/stable-diffusion-webui', ('modules/cmd_args.py', 'extensions-builtin/*/preload.py')),
    Program('forge', 'lllyasviel/stable-diffusion-webui-forge',
            ('modules/cmd_args.py', 'backend/args.py', 'extensions-builtin/*/preload.py')),
    Program('forge-neo', 'Haoming02/sd-webui-forge-classic (branch neo)',
            ('modules/cmd_args.py', 'backend/args.py', 'extensions-builtin/*/preload.py')),
    Program('forge-classic', 'Haoming02/sd-webui-forge-classic (branch classic)',
            ('modules/cmd_args.py', 'backend/args.py', 'extensions-builtin/*/preload.py')),
    Program('reforge', 'Panchovix/stable-diffusion-webui-reForge',
            ('modules/cmd_args.py', 'ldm_patched/modules/args_parser.py', 'extensions-builtin/*/preload.py')),
    Program('webui-amdgpu', 'lshqqytiger/stable-diffusion-webui-amdgpu',
            ('modules/cmd_args.py', 'extensions-builtin/*/preload.py')),
    Program('sdnext', 'vladmandic/sdnext', ('modules/cmd_args.py', 'launch.py', 'installer.py')),
    Program('comfyui', 'Comfy-Org/ComfyUI', ('comfy/cli_args.py',)),
    Program('bfl-flux', 'black-forest-labs/flux', ('src/flux/cli*.py',), fire_functions=('main',)),
    Program('kohya-ss-gui', 'bmaltais/kohya_ss', ('kohya_gui.py',)),
    Program('sd-scripts', 'kohya-ss/sd-scripts', ('*.py', 'library/*.py', 'networks/*.py', 'tools/*.py', 'finetune/*.py'),
            scripts=('*.py', 'networks/*.py', 'tools/*.py', 'finetune/*.py'), prompt_functions=('line_to_prompt_dict',)),
    Program('musubi-tuner', 'kohya-ss/musubi-tuner', ('src/musubi_tuner/**/*.py',),
            scripts=('src/musubi_tuner/*.py', 'src/musubi_tuner/*/*.py'), prompt_functions=('line_to_prompt_dict',)),
    Program('diffusers', 'huggingface/diffusers', ('examples/*/*.py', 'scripts/*.py'), scripts=('examples/*/*.py', 'scripts/*.py')),
)}


# -- Reading the lists -------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class FlagList:
    program: str
    source: str                              # the header: where and at which commit
    options: frozenset[str]                  # every option of the program (all scripts together)
    scripts: dict[str, frozenset[str]]       # script file name -> its options (trainers only)

    def for_script(self, script: str) -> frozenset[str] | None:
        return self.scripts.get(Path(script).name)


def _read(path: Path) -> tuple[str, frozenset[str]]:
    header, options = [], set()
    for line in path.read_text(encoding='utf-8').splitlines():
        if line.startswith('#'):
            header.append(line.lstrip('# ').strip())
        elif line.strip():
            options.add(line.strip())
    return ' '.join(header), frozenset(options)


def load(program: str, data: Path = DATA) -> FlagList:
    flat = data / f'{program}.txt'
    if flat.exists():
        source, options = _read(flat)
        return FlagList(program, source, options, {})
    folder = data / program
    if not folder.is_dir():
        raise KeyError(program)
    source, _ = _read(folder / 'SOURCE') if (folder / 'SOURCE').exists() else ('', frozenset())
    scripts = {}
    for path in sorted(folder.glob('*.txt')):
        scripts[path.stem + '.py'] = _read(path)[1]
    return FlagList(program, source, frozenset().union(*scripts.values()) if scripts else frozenset(), scripts)


def load_all(data: Path = DATA) -> dict[str, FlagList]:
    names = {p.stem for p in data.glob('*.txt')} | {p.name for p in data.iterdir() if p.is_dir()}
    lists = {name: load(name, data) for name in sorted(names)}
    # The book's own command line is read from its source each time: it is always current.
    cli = Path(__file__).resolve().parent / 'cli.py'
    lists['tool-sdbook'] = FlagList('tool-sdbook', 'python -m sdbook (sdbook/cli.py)',
                                    frozenset(options_in([cli.read_text(encoding='utf-8')]) | ARGPARSE_OWN), {})
    return lists


# -- Extracting them from sources -------------------------------------------------------------


def _option_strings(call: ast.Call) -> list[str]:
    return [a.value for a in call.args if isinstance(a, ast.Constant) and isinstance(a.value, str) and OPTION.match(a.value)]


PROMPT_OPTION = re.compile(r"""re\.match\(\s*r?["']([a-z]+) """)


def prompt_options(sources: Iterable[str], functions: tuple[str, ...]) -> set[str]:
    r"""The options of a sample-prompt line: each ``re.match(r"w (\d+)", ...)`` of the functions."""
    found: set[str] = set()
    for text in sources:
        try:
            tree = ast.parse(text)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name in functions:
                found.update(f'--{word}' for word in PROMPT_OPTION.findall(ast.get_source_segment(text, node) or ''))
    return found


def fire_options(sources: Iterable[str], functions: tuple[str, ...]) -> set[str]:
    """The options python-fire makes of a function: ``--<parameter>`` for each of its parameters."""
    found: set[str] = set()
    for text in sources:
        try:
            tree = ast.parse(text)
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and node.name in functions:
                found.update(f'--{a.arg}' for a in [*node.args.args, *node.args.kwonlyargs])
    return found


def options_in(sources: Iterable[str]) -> set[str]:
    """Every option string given to an ``add_argument`` call in these sources."""
    found: set[str] = set()
    for text in sources:
        try:
            tree = ast.parse(text)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, 'attr', None) == 'add_argument':
                found.update(_option_strings(node))
    return found


class _Module:
    """The functions of one module: the options each adds, and the functions each calls."""

    def __init__(self, name: str, text: str):
        self.name = name
        self.module_alias: dict[str, str] = {}               # local name -> module name
        self.from_import: dict[str, tuple[str, str]] = {}    # local name -> (module, name there)
        self.functions: dict[str, tuple[set[str], set[tuple[str | None, str]]]] = {}
        self.toplevel: set[str] = set()  # options added outside any function (a parser built at import)
        try:
            tree = ast.parse(text)
        except SyntaxError:
            return
        for statement in tree.body:
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                continue
            for inner in ast.walk(statement):
                if isinstance(inner, ast.Call) and getattr(inner.func, 'attr', None) == 'add_argument':
                    self.toplevel.update(_option_strings(inner))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    self.module_alias[alias.asname or alias.name.split('.')[0]] = alias.name.split('.')[-1]
            elif isinstance(node, ast.ImportFrom) and node.module:
                for alias in node.names:
                    local = alias.asname or alias.name
                    self.from_import[local] = (node.module.split('.')[-1], alias.name)
                    self.module_alias.setdefault(local, alias.name)  # `from library import train_util`
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                options: set[str] = set()
                calls: set[tuple[str | None, str]] = set()
                for inner in ast.walk(node):
                    if not isinstance(inner, ast.Call):
                        continue
                    func = inner.func
                    if isinstance(func, ast.Attribute) and func.attr == 'add_argument':
                        options.update(_option_strings(inner))
                    elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                        calls.add((func.value.id, func.attr))
                    elif isinstance(func, ast.Name):
                        calls.add((None, func.id))
                self.functions.setdefault(node.name, (options, calls))


def script_options(files: dict[str, str], scripts: Iterable[str], roots: tuple[str, ...]) -> dict[str, set[str]]:
    """The options of each script: those its parser-building function adds, and those of every
    function it calls, followed through the modules of the repository it imports."""
    modules: dict[str, list[_Module]] = {}
    by_path: dict[str, _Module] = {}
    for path, text in files.items():
        module = by_path[path] = _Module(Path(path).stem, text)
        modules.setdefault(module.name, []).append(module)

    def resolve(module: _Module, owner: str | None, name: str) -> list[tuple[_Module, str]]:
        if owner is None:
            if name in module.functions:
                return [(module, name)]
            if name in module.from_import:
                target, original = module.from_import[name]
                return [(m, original) for m in modules.get(target, []) if original in m.functions]
            return []
        target = module.module_alias.get(owner, owner)
        return [(m, name) for m in modules.get(target, []) if name in m.functions]

    result: dict[str, set[str]] = {}
    for script in scripts:
        module = by_path.get(script)
        if module is None:
            continue
        stack = [(module, f) for f in roots if f in module.functions][:1]  # the first one it has
        seen: set[tuple[int, str]] = set()
        options: set[str] = set(module.toplevel)
        while stack:
            mod, func = stack.pop()
            if (id(mod), func) in seen:
                continue
            seen.add((id(mod), func))
            added, calls = mod.functions[func]
            options |= added
            for owner, name in calls:
                stack.extend(resolve(mod, owner, name))
        if options:
            result[Path(script).name] = options | ARGPARSE_OWN
    return result


# -- Refreshing the lists from a checkout or a git directory ------------------------------------


def repository_files(root: Path, rev: str | None) -> Callable[[Iterable[str]], dict[str, str]]:
    """A reader of the repository's files matching glob patterns: from a work tree, or (with
    ``rev``) from a bare git directory, file by file (a mirror may lack its large files)."""
    if rev is None:
        def read(patterns: Iterable[str]) -> dict[str, str]:
            out = {}
            for pattern in patterns:
                for path in sorted(root.glob(pattern)):
                    if path.is_file():
                        out[path.relative_to(root).as_posix()] = path.read_text(encoding='utf-8', errors='replace')
            return out
        return read
    listing = subprocess.run(['git', '--git-dir', str(root), 'ls-tree', '-r', '--name-only', rev],
                             capture_output=True, text=True, check=True).stdout.splitlines()

    def read_git(patterns: Iterable[str]) -> dict[str, str]:
        out = {}
        for name in listing:
            if any((fnmatch.fnmatch(name, p) and name.count('/') == p.count('/')) or
                   ('**' in p and fnmatch.fnmatch(name, p.replace('**/', '*'))) for p in patterns):
                shown = subprocess.run(['git', '--git-dir', str(root), 'show', f'{rev}:{name}'],
                                       capture_output=True)
                if shown.returncode == 0:
                    out[name] = shown.stdout.decode('utf-8', errors='replace')
        return out
    return read_git


def refresh(program: str, root: Path, rev: str | None, label: str, data: Path = DATA) -> list[Path]:
    """Extract ``program``'s options from ``root`` (a checkout, or a git directory at ``rev``)."""
    spec = PROGRAMS[program]
    read = repository_files(root, rev)
    files = read(spec.files)
    header = f'# {spec.name}: {spec.repository}, {label}\n# extracted from: {", ".join(spec.files)}\n' \
             f'# refresh: python -m sdbook flags refresh {program} <checkout> --label "<version or commit>"\n'
    written = []
    if not spec.scripts:
        path = data / f'{program}.txt'
        path.parent.mkdir(parents=True, exist_ok=True)
        options = options_in(files.values()) | ARGPARSE_OWN
        if spec.fire_functions:
            options |= fire_options(files.values(), spec.fire_functions)
        path.write_text(header + ''.join(f'{o}\n' for o in sorted(options)), encoding='utf-8')
        return [path]
    scripts = read(spec.scripts)
    per_script = script_options(files, scripts, spec.parser_functions)
    folder = data / program
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob('*.txt'):
        old.unlink()
    (folder / 'SOURCE').write_text(header, encoding='utf-8')
    for script, options in sorted(per_script.items()):
        path = folder / f'{Path(script).stem}.txt'
        path.write_text(''.join(f'{o}\n' for o in sorted(options)), encoding='utf-8')
        written.append(path)
    if program == 'sd-scripts' and 'library/config_util.py' in files:
        written += write_dataset_schema(files['library/config_util.py'], label, data.parent / 'sd-scripts-config')
    if spec.prompt_functions:
        path = data / f'{program}-prompts.txt'
        path.write_text(f'# {program}-prompts: the options of a sample-prompt line ({", ".join(spec.prompt_functions)}), '
                        f'{spec.repository}, {label}\n' +
                        ''.join(f'{o}\n' for o in sorted(prompt_options(files.values(), spec.prompt_functions))),
                        encoding='utf-8')
        written.append(path)
    return written


# -- Tools the book's commands use (pip, git, uv ...) -------------------------------------------

HELP_OPTION = re.compile(r'(?<![\w-])(--[A-Za-z][A-Za-z0-9_-]*)')


def refresh_tool(name: str, label: str, *, helps: Iterable[list[str]] = (), wheels: Iterable[Path] = (),
                 data: Path = DATA) -> Path:
    """A tool's options, read from its ``--help`` output or from the Python sources of its wheel."""
    import zipfile

    options: set[str] = set()
    commands = []
    for command in helps:
        result = subprocess.run(command, capture_output=True, text=True)
        options.update(HELP_OPTION.findall(result.stdout + result.stderr))
        commands.append(' '.join(command))
    for wheel in wheels:
        with zipfile.ZipFile(wheel) as archive:
            options |= options_in(archive.read(n).decode('utf-8', 'replace') for n in archive.namelist() if n.endswith('.py'))
        commands.append(Path(wheel).name)
    path = data / f'tool-{name}.txt'
    path.write_text(f'# tool-{name}: {label}\n# extracted from: {"; ".join(commands)}\n'
                    f'# refresh: python -m sdbook flags tool {name} --label "<version>" (--help-of "<command>" | --wheel FILE)\n'
                    + ''.join(f'{o}\n' for o in sorted(options)), encoding='utf-8')
    return path


def write_dataset_schema(config_util: str, label: str, folder: Path) -> list[Path]:
    """The keys of sd-scripts' dataset configs (for sdbook.trainconfig), from config_util.py."""
    from sdbook.trainconfig import dataset_schema

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, keys in dataset_schema(config_util).items():
        path = folder / f'{name}.txt'
        path.write_text(f'# {name} options of a --dataset_config file: kohya-ss/sd-scripts {label}, library/config_util.py\n'
                        '# refresh: python -m sdbook flags refresh sd-scripts <checkout> --label "<version or commit>"\n'
                        + ''.join(f'{k}\n' for k in sorted(keys)), encoding='utf-8')
        written.append(path)
    return written
