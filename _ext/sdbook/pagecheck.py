"""Checks of what a page quotes: the options it gives programs, and the UI labels it cites.

Two classes of error the book kept making, found by reading the page's Markdown:

* **Options** (``--medvram``, ``--network_dim``): every option written on a page, in prose,
  tables or code, must be an option of a program the context names. In a command line the
  program is the command (``python main.py`` → ComfyUI; ``accelerate launch
  sdxl_train_network.py`` → that sd-scripts script, options after the script name); in prose
  and tables, the programs the paragraph or row mentions; failing that, the programs the page
  says it was checked against. The option lists are ``sdbook.flags``'.
* **UI labels**: a label quoted as the zh_CN UI shows it, 「中文」（English）, must be the
  translation ``zh_CN.json`` gives that English label; a quoted label with its English inside
  the brackets, 「高分辨率修复(Hires.fix)」, must be one of the file's labels.

Plain Python, no Sphinx; each problem has the page's line.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator
from pathlib import Path

from sdbook.flags import FlagList, load_all

DATA = Path(__file__).resolve().parent / 'data'
FLAG = re.compile(r'(?<![\w/.\-])(--[A-Za-z][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+)*)(-?\*)?')
# Options a page names on purpose although no program has them (a mistake to avoid, an option of
# an old release): `% flag-check: --ae --foo  the reason` on a line of its own.
EXEMPT = re.compile(r'^%\s*flag-check:\s*((?:--[\w.-]+\s*)+)(.+)$', re.M)
FENCE = re.compile(r'^(\s*)(`{3,}|~{3,}|:{3,})\s*(\{[^}]*\})?\s*(\S*)')
SCRIPT = re.compile(r'(?<![\w-])([A-Za-z0-9_]+\.py)\b')
# Directives whose content is data, not text (checked by their own extensions).
DATA_DIRECTIVES = ('{gencard}', '{linktable}', '{linkindex}', '{glossary-table}', '{toctree}', '{checked-index}',
                   '{literalinclude}', '{image}', '{figure}')
CODE_DIRECTIVES = ('{code-block}', '{code}', '{sourcecode}')

WEBUIS = ('a1111', 'forge', 'forge-neo', 'forge-classic', 'reforge', 'webui-amdgpu')
# What names a program in a sentence, a table row or a command (first match wins per pattern).
MENTIONS: tuple[tuple[re.Pattern, tuple[str, ...]], ...] = tuple((re.compile(p, re.I), names) for p, names in (
    (r'ComfyUI|\bmain\.py\b', ('comfyui',)),
    (r'Forge\s*Neo|\bNeo\b', ('forge-neo',)),
    (r'Forge\s*Classic', ('forge-classic',)),
    (r'reForge', ('reforge',)),
    (r'\bForge\b', ('forge',)),
    (r'A1111|AUTOMATIC1111', ('a1111',)),
    (r'amdgpu|ZLUDA|DirectML', ('webui-amdgpu',)),
    (r'webui-user|COMMANDLINE_ARGS|webui\.(?:sh|bat)|\blaunch\.py\b|\bWebUI\b', WEBUIS),
    (r'kohya_ss|kohya_gui|\bgui(?:-uv)?\.(?:sh|bat)\b', ('kohya-ss-gui',)),
    (r'sd-scripts|kohya-ss/sd-scripts', ('sd-scripts', 'sd-scripts-prompts')),
    (r'musubi', ('musubi-tuner', 'musubi-tuner-prompts')),
    (r'diffusers', ('diffusers',)),
    (r'SD\.Next|sdnext', ('sdnext',)),
    (r'TORCH_COMMAND|TORCH_INDEX_URL|\bwheels?\b', ('tool-pip',)),
    (r'c2patool', ('tool-c2patool',)),
    (r'Black Forest Labs|black-forest-labs', ('bfl-flux',)),
    (r'sample_prompts|prompt.*\.txt', ('sd-scripts', 'sd-scripts-prompts')),
    (r'musubi', ('musubi-tuner-prompts',)),
    (r'\bpip3?\b', ('tool-pip',)),
    (r'\buv\b', ('tool-uv',)),
    (r'\bgit\b|克隆|\bclone\b', ('tool-git',)),
    (r'\baccelerate\b', ('tool-accelerate',)),
    (r'\bhf\b|huggingface-cli|Hugging Face', ('tool-hf',)),
    (r'modelscope|魔搭', ('tool-modelscope',)),
    (r'TensorBoard', ('tool-tensorboard',)),
    (r'nvidia-smi', ('tool-nvidia-smi',)),
    (r'picklescan', ('tool-picklescan',)),
    (r'\bpython3?\b', ('tool-python',)),
    (r'sphinx-build|msgfmt|Sphinx', ('tool-sphinx',)),
    (r'\bsdbook\b', ('tool-sdbook',)),
))
# A command line: the command, and the tool whose options follow it.
COMMAND = re.compile(r'^\s*(?:\$|PS>|>|#)?\s*(?:sudo\s+)?(?:[A-Za-z_]+=\S+\s+)*'
                     r'(?:\.?[\\/]?(?:venv|\.venv)[\\/](?:bin|Scripts)[\\/])?(\S+)(?:\s+(\S+))?')


@dataclasses.dataclass(frozen=True)
class Finding:
    line: int
    message: str


@dataclasses.dataclass
class Block:
    kind: str             # 'code', 'row' (a table row) or 'text'
    start: int            # first line, 1-based
    lines: list[str]


def blocks(text: str) -> Iterator[Block]:
    """The page in blocks: code blocks, table rows, and paragraphs (list items included)."""
    lines = text.splitlines()
    number = 0
    if lines and lines[0].strip() == '---':  # front matter
        number = next((i for i in range(1, len(lines)) if lines[i].strip() == '---'), 0) + 1
    current: Block | None = None
    stack: list[tuple[str, str]] = []  # the open fences: (marker, kind of their content)
    while number < len(lines):
        line = lines[number]
        match = FENCE.match(line)
        if stack and match and match[2][0] == stack[-1][0][0] and len(match[2]) >= len(stack[-1][0]) \
                and not match[3] and not match[4]:
            if current:
                yield current
                current = None
            stack.pop()
            number += 1
            continue
        inside = stack[-1][1] if stack else 'text'
        if match and inside != 'code' and inside != 'skip':
            directive = match[3] or ''
            if current:
                yield current
                current = None
            if directive in DATA_DIRECTIVES:
                kind = 'skip'
            elif directive in CODE_DIRECTIVES or (not directive and match[2][0] != ':'):
                kind = 'code'
            else:
                kind = 'text'
            stack.append((match[2], kind))
            number += 1
            continue
        if inside == 'skip':
            number += 1
            continue
        if inside == 'code':
            if current is None:
                current = Block('code', number + 1, [])
            current.lines.append(line)
        elif not line.strip() or re.match(r'^\s*:[\w-]+:', line) or line.lstrip().startswith('%'):
            if current:
                yield current
                current = None
        elif line.lstrip().startswith('|'):
            if current:
                yield current
                current = None
            yield Block('row', number + 1, [line])
        else:
            if current is None or current.kind != 'text' or LIST_ITEM.match(line):  # each list item on its own
                if current:
                    yield current
                current = Block('text', number + 1, [])
            current.lines.append(line)
        number += 1
    if current:
        yield current


NOT_PROSE = re.compile(r'\{[a-z:-]+\}`[^`]*`|\]\([^)]*\)|https?://\S+')  # roles, link targets, URLs
LIST_ITEM = re.compile(r'^\s*(?:[-*+]|\d+[.)])\s')


def mentioned(text: str) -> set[str]:
    """The programs a piece of text names (labels, link targets and URLs aside)."""
    text = NOT_PROSE.sub(' ', text)
    found: set[str] = set()
    for pattern, names in MENTIONS:
        if pattern.search(text):
            found.update(names)
    return found


class FlagChecker:
    def __init__(self, lists: dict[str, FlagList] | None = None):
        self.lists = lists if lists is not None else load_all()
        self.tools = {name: fl for name, fl in self.lists.items() if name.startswith('tool-')}
        self.script_owners: dict[str, list[str]] = {}
        for name, fl in self.lists.items():
            for script in fl.scripts:
                self.script_owners.setdefault(script, []).append(name)

    def known(self, flag: str, programs: set[str], scripts: set[str]) -> bool:
        """``flag`` is an option of one of the programs or scripts; ``--opt-*`` stands for any
        option beginning with ``--opt-``."""
        bare = flag.split('=')[0]
        if bare.endswith('*'):
            prefix = bare.rstrip('*')
            match = lambda options: any(o.startswith(prefix) for o in options)  # noqa: E731
        else:
            match = lambda options: bare in options  # noqa: E731
        for script in scripts:
            for owner in self.script_owners.get(script, []):
                if match(self.lists[owner].scripts[script]):
                    return True
        return any(match(self.lists[p].options) for p in programs if p in self.lists)

    def describe(self, programs: set[str], scripts: set[str]) -> str:
        names = sorted(scripts) + sorted(p for p in programs if p in self.lists)
        return ', '.join(names) or 'no program the page names'

    def check(self, text: str, page_programs: set[str]) -> list[Finding]:
        exempt = {flag for match in EXEMPT.finditer(text) for flag in match[1].split()}
        self._exempt = exempt
        findings = []
        for block in blocks(text):
            if block.kind == 'code':
                findings += self._code(block, page_programs | set(self.tools))
                continue
            joined = ' '.join(block.lines)
            flags = [m[1] + (m[2] or '') for m in FLAG.finditer(joined)]
            flags = [f for f in flags if f.rstrip('-*') not in exempt]
            if not flags:
                continue
            scripts = {s for s in SCRIPT.findall(joined) if s in self.script_owners}
            # The programs the text names, and the page's own: a sentence about one program often
            # names another in passing ("ComfyUI has no --subpath").
            programs = mentioned(joined) | set(page_programs)
            for flag in dict.fromkeys(flags):
                if not self.known(flag, programs, scripts):
                    line = block.start + next((i for i, text in enumerate(block.lines) if flag in text), 0)
                    findings.append(Finding(line, f'{flag} is not an option of {self.describe(programs, scripts)} '
                                                  f'(sdbook/data/flags/: the programs\' own option lists)'))
        return findings

    def _code(self, block: Block, fallback: set[str]) -> list[Finding]:
        findings = []
        context: tuple[set[str], set[str]] | None = None  # (programs, scripts) of the command going on
        continued = False
        for offset, line in enumerate(block.lines):
            flags = FLAG.findall(line)
            if not continued and line.strip():
                context = self._command(line, fallback)
            programs, scripts = context
            script_at = min((line.find(s) for s in scripts if s in line), default=-1)
            for match in FLAG.finditer(line):
                flag = match[1] + (match[2] or '')
                if match[1] in self._exempt:
                    continue
                before_script = script_at >= 0 and match.start() < script_at
                if scripts and not before_script:  # after the script's name: that script's options only
                    ok = self.known(flag, set(), scripts)
                else:
                    ok = self.known(flag, programs, set()) or (not scripts and self.known(flag, fallback, set()))
                if not ok:
                    named = self.describe(set(), scripts) if scripts and not before_script else self.describe(programs, set())
                    findings.append(Finding(block.start + offset, f'{flag} is not an option of {named} (sdbook/data/flags/)'))
            continued = line.rstrip().endswith(('\\', '^', '`')) and bool(flags or continued or line.strip())
        return findings

    def _command(self, line: str, fallback: set[str]) -> tuple[set[str], set[str]]:
        scripts = {s for s in SCRIPT.findall(line) if s in self.script_owners}
        programs = mentioned(line)
        match = COMMAND.match(line)
        if match:
            command = Path(match[1].replace('\\', '/')).name.lower().removesuffix('.exe')
            tool = f'tool-{command}'
            if tool in self.lists:
                programs.add(tool)
            if (command in ('python', 'python3', 'py') and match[2] == '-m') or command in ('pip', 'pip3'):
                programs.add('tool-pip')
        if not programs and not scripts:
            return set(fallback), set()
        return programs, scripts


# -- UI labels -------------------------------------------------------------------------------------

QUOTED_WITH_ENGLISH = re.compile(r'「([^」\n]+)」（([A-Za-z][^）\n]*)）')
QUOTED = re.compile(r'「([^」\n]+)」')
LABEL_WITH_GLOSS = re.compile(r'^[^()（）]*[\u3400-\u9fff][^()（）]*\s?\((?=[^)]*[A-Za-z])[^)]+\)$')


@dataclasses.dataclass(frozen=True)
class LabelFile:
    source: str
    labels: dict[str, str]     # English label -> zh_CN label

    @property
    def values(self) -> set[str]:
        return set(self.labels.values())


def load_labels(path: Path | None = None) -> LabelFile:
    path = path or DATA / 'labels' / 'zh_CN.json'
    payload = json.loads(path.read_text(encoding='utf-8'))
    return LabelFile(payload['source'], payload['labels'])


def is_label(quoted: str, label: str) -> bool:
    """The quote is the label, or the label without its own explanation in brackets
    (「以蒙版尺寸重绘」 for 「以蒙版尺寸重绘（仅重绘大图片的局部）」), or its start cut with an ellipsis."""
    if quoted == label:
        return True
    for ellipsis in ('……', '…', '...'):
        if quoted.endswith(ellipsis):
            return label.startswith(quoted[:-len(ellipsis)].rstrip('，, '))
    return label.startswith(quoted) and label[len(quoted):].startswith(('（', '('))


def check_labels(text: str, labels: LabelFile) -> list[Finding]:
    findings = []
    values = labels.values
    for block in blocks(text):
        if block.kind == 'code':
            continue
        for offset, line in enumerate(block.lines):
            cited = set()
            for match in QUOTED_WITH_ENGLISH.finditer(line):
                zh, english = match[1].split(' → ')[-1], match[2].strip().split(' → ')[-1].split(' > ')[-1]
                cited.add(match.start())
                if english in labels.labels and not is_label(zh, labels.labels[english]) and zh not in values:
                    findings.append(Finding(block.start + offset, f'「{zh}」 is not the zh_CN label of "{english}": '
                                            f'the UI shows 「{labels.labels[english]}」 ({labels.source})'))
            for match in QUOTED.finditer(line):
                if match.start() in cited:
                    continue
                label = match[1].split(' → ')[-1]
                if LABEL_WITH_GLOSS.match(label) and label not in values:
                    findings.append(Finding(block.start + offset, f'「{label}」 is quoted as a UI label but zh_CN has no such '
                                            f'label ({labels.source})'))
    return findings


def refresh_labels(source: Path, label: str, target: Path | None = None) -> Path:
    """Write the label list from a localisation's zh_CN.json (English label -> zh_CN label)."""
    data = json.loads(source.read_text(encoding='utf-8'))
    target = target or DATA / 'labels' / 'zh_CN.json'
    payload = {'source': label,
               'refresh': 'python -m sdbook ui-labels refresh <zh_CN.json> --label "<repository, branch and commit>"',
               'labels': {k: v for k, v in sorted(data.items()) if isinstance(v, str)}}
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(payload, ensure_ascii=False, indent=0) + '\n', encoding='utf-8')
    return target
