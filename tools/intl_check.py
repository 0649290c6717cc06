"""Check the English catalogs: they compile, keep their markup, are complete, follow the glossary.

    python tools/intl.py check [DOCNAME ...]

Every problem is printed as ``locale/en/LC_MESSAGES/<page>.po:<line>: error|warning: ...``
(the line of the msgid), and any error makes the exit status 1. What is checked:

- the catalog compiles (``msgfmt --check``);
- each translation keeps the MyST markup of its source: link targets, roles and their
  targets, inline code, footnote marks, substitutions, and the number of ``**`` markers;
- no fuzzy or untranslated entry, except in pages listed in ``locale/en/IN_PROGRESS``;
- no Chinese left in a translation, except the proper names in ``locale/en/ALLOWED_CHINESE``;
- glossary terms (``source/_data/glossary.yaml``) are translated as the glossary says
  (reported as warnings: a sentence may rightly paraphrase a term).
"""

from __future__ import annotations

import collections
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from babel.messages.pofile import PoFileError, read_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / '_ext'))

from glossarydata import load_glossary  # noqa: E402

LANG_DIR = ROOT / 'locale' / 'en'
PO_DIR = LANG_DIR / 'LC_MESSAGES'
IN_PROGRESS = LANG_DIR / 'IN_PROGRESS'
ALLOWED_CHINESE = LANG_DIR / 'ALLOWED_CHINESE'
GLOSSARY = ROOT / 'source' / '_data' / 'glossary.yaml'

ROLE = re.compile(r'\{([a-z:-]+)\}`([^`]*)`')
CODE = re.compile(r'(?<![`}])(`+)(?!`)(.+?)(?<!`)\1(?!`)')
LINK_TARGET = re.compile(r'\]\(([^)\s]+)(?:\s+"[^"]*")?\)')
AUTOLINK = re.compile(r'<(https?://[^>\s]+|mailto:[^>\s]+)>')
FOOTNOTE = re.compile(r'\[\^([^\]]+)\]')
SUBSTITUTION = re.compile(r'\{\{\s*([^}]+?)\s*\}\}')
CJK_RUN = re.compile(r'[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff5e]+')


@dataclass(frozen=True)
class Finding:
    path: Path
    line: int
    level: str  # 'error' or 'warning'
    message: str

    def __str__(self) -> str:
        try:
            where = self.path.resolve().relative_to(ROOT).as_posix()
        except ValueError:
            where = str(self.path)
        return f'{where}:{self.line}: {self.level}: {self.message}'


def role_target(role: str, content: str) -> tuple[str, str]:
    """``{ref}`text <label>``` and ``{ref}`label``` both point at ``label``."""
    match = re.search(r'<([^<>]+)>\s*$', content)
    return role, (match[1] if match else content).strip()


DOUBLE_CODE = re.compile(r'``(.+?)``')


def markup(text: str) -> dict[str, collections.Counter]:
    """The pieces of MyST markup a translation must keep, each as a multiset."""
    # ``code`` first: it may show role syntax (``{ref}``) that is not a role.
    double = DOUBLE_CODE.findall(text)
    text = DOUBLE_CODE.sub(' ', text)
    roles = [role_target(r, c) for r, c in ROLE.findall(text)]
    without_roles = ROLE.sub(' ', text)
    return {
        'link target': collections.Counter(LINK_TARGET.findall(without_roles) + AUTOLINK.findall(without_roles)),
        'role': collections.Counter(f'{{{r}}}`{t}`' for r, t in roles),
        'inline code': collections.Counter([m[1] for m in CODE.findall(without_roles)] + double),
        'footnote': collections.Counter(FOOTNOTE.findall(without_roles)),
        'substitution': collections.Counter(SUBSTITUTION.findall(text)),
        'bold marker': collections.Counter({'**': without_roles.count('**')}),
    }


def _placeholder_code(source: collections.Counter, target: collections.Counter) -> None:
    """Inline code with Chinese words is a placeholder (`--port 端口`): its words may be translated.

    Such a span matches a translated span in which each Chinese run became other text.
    """
    for code in [c for c in source if CJK_RUN.search(c)]:
        pattern = re.compile('^' + '.+?'.join(re.escape(part) for part in CJK_RUN.split(code)) + '$')
        for candidate in list(target):
            if candidate not in source and pattern.match(candidate):
                source[code] -= 1
                target[candidate] -= 1
                break
    source += collections.Counter()  # drop counts that reached zero
    target += collections.Counter()


def compare_markup(msgid: str, msgstr: str) -> list[str]:
    source, target = markup(msgid), markup(msgstr)
    _placeholder_code(source['inline code'], target['inline code'])
    problems = []
    for kind in source:
        if source[kind] == target[kind]:
            continue
        if kind == 'bold marker':
            problems.append(f"{source[kind]['**']} '**' in the source but {target[kind]['**']} in the translation")
            continue
        missing = sorted((source[kind] - target[kind]).elements())
        extra = sorted((target[kind] - source[kind]).elements())
        parts = []
        if missing:
            parts.append('missing ' + ', '.join(missing))
        if extra:
            parts.append('unexpected ' + ', '.join(extra))
        problems.append(f'{kind} differs: ' + '; '.join(parts))
    return problems


def read_list(path: Path) -> list[str]:
    if not path.exists():
        return []
    return [line.strip() for line in path.read_text(encoding='utf-8').splitlines()
            if line.strip() and not line.lstrip().startswith('#')]


class Checker:
    def __init__(self, docnames: list[str], lang_dir: Path = LANG_DIR, glossary: Path = GLOSSARY):
        self.findings: list[Finding] = []
        self.po_dir = lang_dir / 'LC_MESSAGES'
        self.allowed_file = lang_dir / ALLOWED_CHINESE.name
        self.in_progress = set(read_list(lang_dir / IN_PROGRESS.name))
        self.allowed = sorted(read_list(self.allowed_file), key=len, reverse=True)
        terms, problems = load_glossary(glossary, glossary) if glossary.exists() else ([], [])
        for problem in problems:
            self.findings.append(Finding(problem.path, problem.line, 'error', problem.message))
        # Longest terms first, so 反向提示词 is matched before 提示词.
        self.terms = sorted(terms, key=lambda t: len(t.zh), reverse=True)
        if docnames:
            self.paths = [self.po_dir / f'{d}.po' for d in docnames]
        else:
            self.paths = sorted(self.po_dir.rglob('*.po'))

    def add(self, path: Path, line: int, level: str, message: str) -> None:
        self.findings.append(Finding(path, line, level, message))

    def run(self) -> list[Finding]:
        for path in self.paths:
            if not path.exists():
                self.add(path, 1, 'error', 'no such catalog')
                continue
            if not self.compiles(path):
                continue
            self.check_catalog(path)
        return self.findings

    def compiles(self, path: Path) -> bool:
        if not self.declares_utf8(path):
            return False
        if shutil.which('msgfmt'):
            result = subprocess.run(['msgfmt', '--check', '-o', '/dev/null', str(path)], capture_output=True, text=True)
            ok = result.returncode == 0
            seen = set()
            for line in result.stderr.splitlines():
                # `file:line: message`, or `file:line:column: message` for an encoding error.
                match = re.match(r'^(.*?):(\d+):(?:\d+:)? (.*)$', line)
                if match and 'warning' not in match[3] and (match[2], match[3]) not in seen:
                    seen.add((match[2], match[3]))
                    self.add(path, int(match[2]), 'error', f'msgfmt: {match[3]}')
            if not ok and not any(f.path == path for f in self.findings):
                self.add(path, 1, 'error', 'msgfmt: ' + (result.stderr.strip() or 'does not compile'))
            if not ok:
                return False
        try:
            with path.open('rb') as handle:
                read_po(handle, abort_invalid=True)
        except (PoFileError, UnicodeDecodeError, LookupError) as exc:
            self.add(path, getattr(exc, 'lineno', 1) or 1, 'error', f'cannot be read: {exc}')
            return False
        return True

    def declares_utf8(self, path: Path) -> bool:
        """The header must say UTF-8: another charset silently garbles every msgid (nothing matches)."""
        for number, line in enumerate(path.read_bytes().splitlines(), 1):
            match = re.match(rb'^"Content-Type: .*charset=([^\\"]*)', line)
            if match:
                charset = match[1].decode('ascii', 'replace').strip()
                if charset.lower().replace('-', '') != 'utf8':
                    self.add(path, number, 'error', f'the header declares charset {charset!r}; '
                             'catalogs are UTF-8 (write "charset=UTF-8" and save the file as UTF-8)')
                    return False
                return True
        return True

    def check_catalog(self, path: Path) -> None:
        docname = path.relative_to(self.po_dir).with_suffix('').as_posix()
        complete_required = docname not in self.in_progress
        with path.open('rb') as handle:
            catalog = read_po(handle)
        for message in catalog:
            if not message.id or not isinstance(message.id, str):
                continue
            line = message.lineno or 1
            if message.fuzzy:
                if complete_required:
                    self.add(path, line, 'error', 'fuzzy entry: the source changed; update the translation and remove the fuzzy flag')
                continue
            if not message.string:
                if complete_required:
                    self.add(path, line, 'error', f'untranslated: {message.id[:60]!r}')
                continue
            for problem in compare_markup(message.id, message.string):
                self.add(path, line, 'error', problem)
            self.check_chinese(path, line, message.id, message.string)
            self.check_glossary(path, line, message.id, message.string)

    def check_chinese(self, path: Path, line: int, msgid: str, msgstr: str) -> None:
        text = msgstr
        for allowed in self.allowed:
            text = text.replace(allowed, ' ')
        for code in CODE.findall(msgstr):
            if code[1] in msgid:
                text = text.replace(code[1], ' ')
        leftovers = [run for run in CJK_RUN.findall(text) if re.search(r'[\u3400-\u9fff]', run)]
        if leftovers:
            self.add(path, line, 'error', f"Chinese left in the translation: {', '.join(leftovers[:5])} "
                     f'(proper names go in {self.allowed_file.name})')

    def check_glossary(self, path: Path, line: int, msgid: str, msgstr: str) -> None:
        source = CODE.sub(' ', ROLE.sub(' ', DOUBLE_CODE.sub(' ', msgid)))
        lowered = msgstr.lower()
        for term in self.terms:
            if term.zh not in source:
                continue
            source = source.replace(term.zh, ' ')
            if not any(form.lower() in lowered for form in term.english_forms):
                forms = ' / '.join(term.english_forms)
                self.add(path, line, 'warning', f'glossary: {term.zh} should be translated as {forms}')


def main(docnames: list[str], lang_dir: Path = LANG_DIR, glossary: Path = GLOSSARY) -> int:
    findings = Checker(docnames, lang_dir, glossary).run()
    errors = [f for f in findings if f.level == 'error']
    for finding in findings:
        print(finding)
    warnings = len(findings) - len(errors)
    print(f'intl check: {len(errors)} error(s), {warnings} warning(s)', file=sys.stderr)
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
