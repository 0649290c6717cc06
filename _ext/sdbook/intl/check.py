"""Check a translated edition's catalogs: they compile, keep their markup, are complete, follow the glossary.

Every problem is printed as ``locale/<lang>/LC_MESSAGES/<page>.po:<line>: error|warning: ...``
(the line of the msgid), and any error makes the exit status 1. What is checked:

- the catalog compiles (``msgfmt --check``) and declares UTF-8;
- each translation keeps the MyST markup of its source (``sdbook.markup``);
- no fuzzy or untranslated entry, except in pages listed in ``locale/<lang>/IN_PROGRESS``;
- no Chinese left in a translation, except the proper names in ``locale/<lang>/ALLOWED_CHINESE``;
- glossary terms are translated as the glossary says (warnings: a sentence may rightly
  paraphrase a term). A translator comment ``# glossary: <term> <why>`` on an entry exempts
  that one term in that one entry, where the Chinese word means something else (标签 as a UI
  label, not a prompt tag); an exemption that no longer applies is reported in turn.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from babel.messages.pofile import PoFileError

from sdbook.catalogs import docname_of, messages, read_catalog
from sdbook.cjk import CJK_RUN, has_han
from sdbook.glossarydata import Term, load_glossary
from sdbook.markup import compare, markup
from sdbook.project import Project

IN_PROGRESS = 'IN_PROGRESS'
ALLOWED_CHINESE = 'ALLOWED_CHINESE'
# A translator comment (``# ...``), which PO editors show and catalog updates keep.
EXEMPTION = re.compile(r'^glossary:\s*(.*)$')
# A diagram label's line break, written ``\n``, separates words like a space.
WORD_BREAK = re.compile(r'(?:\\n|\s)+')


@dataclasses.dataclass(frozen=True)
class Finding:
    where: str
    line: int
    level: str  # 'error' or 'warning'
    message: str

    def __str__(self) -> str:
        return f'{self.where}:{self.line}: {self.level}: {self.message}'


def read_list(path: Path) -> list[str]:
    if not path.exists():
        return []
    return [line.strip() for line in path.read_text(encoding='utf-8').splitlines()
            if line.strip() and not line.lstrip().startswith('#')]


def _code_spans(text: str) -> list[str]:
    return list(markup(text)['inline code'])


class Checker:
    def __init__(self, project: Project, language: str, docnames: list[str], glossary: Path | None = None):
        self.project = project
        self.findings: list[Finding] = []
        self.po_dir = project.po_dir(language)
        lang_dir = project.language_dir(language)
        self.allowed_name = ALLOWED_CHINESE
        self.in_progress = set(read_list(lang_dir / IN_PROGRESS))
        self.allowed = sorted(read_list(lang_dir / ALLOWED_CHINESE), key=len, reverse=True)
        glossary = glossary or project.glossary
        terms, problems = load_glossary(glossary, glossary) if glossary.exists() else ([], [])
        for problem in problems:
            self.findings.append(Finding(project.shown(problem.path), problem.line, 'error', problem.message))
        # Longest terms first, so 反向提示词 is matched before 提示词.
        self.terms: list[Term] = sorted(terms, key=lambda t: len(t.zh), reverse=True)
        if docnames:
            self.paths = [self.po_dir / f'{d}.po' for d in docnames]
        else:
            self.paths = sorted(self.po_dir.rglob('*.po'))

    def add(self, path: Path, line: int, level: str, message: str) -> None:
        self.findings.append(Finding(self.project.shown(path), line, level, message))

    def run(self) -> list[Finding]:
        for path in self.paths:
            if not path.exists():
                self.add(path, 1, 'error', 'no such catalog')
                continue
            if self.compiles(path):
                self.check_catalog(path)
        return self.findings

    def compiles(self, path: Path) -> bool:
        if not self.declares_utf8(path):
            return False
        if shutil.which('msgfmt'):
            result = subprocess.run(['msgfmt', '--check', '-o', '/dev/null', str(path)], capture_output=True, text=True)
            before = len(self.findings)
            seen = set()
            for line in result.stderr.splitlines():
                # `file:line: message`, or `file:line:column: message` for an encoding error.
                match = re.match(r'^(.*?):(\d+):(?:\d+:)? (.*)$', line)
                if match and 'warning' not in match[3] and (match[2], match[3]) not in seen:
                    seen.add((match[2], match[3]))
                    self.add(path, int(match[2]), 'error', f'msgfmt: {match[3]}')
            if result.returncode:
                if len(self.findings) == before:
                    self.add(path, 1, 'error', 'msgfmt: ' + (result.stderr.strip() or 'does not compile'))
                return False
        try:
            read_catalog(path, strict=True)
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
        complete_required = docname_of(path, self.po_dir) not in self.in_progress
        for message in messages(read_catalog(path)):
            line = message.lineno or 1
            if message.fuzzy:
                if complete_required:
                    self.add(path, line, 'error', 'fuzzy entry: the source changed; update the translation and remove the fuzzy flag')
                continue
            if not message.string:
                if complete_required:
                    self.add(path, line, 'error', f'untranslated: {message.id[:60]!r}')
                continue
            for problem in compare(message.id, message.string):
                self.add(path, line, 'error', problem)
            self.check_chinese(path, line, message.id, message.string)
            self.check_glossary(path, line, message.id, message.string, message.user_comments)

    def check_chinese(self, path: Path, line: int, msgid: str, msgstr: str) -> None:
        text = msgstr
        for allowed in self.allowed:
            text = text.replace(allowed, ' ')
        for code in _code_spans(msgstr):
            if code in msgid:  # quoted from the source: a label or an error message
                text = text.replace(code, ' ')
        leftovers = [run for run in CJK_RUN.findall(text) if has_han(run)]
        if leftovers:
            self.add(path, line, 'error', f"Chinese left in the translation: {', '.join(leftovers[:5])} "
                     f'(proper names go in {self.allowed_name})')

    def check_glossary(self, path: Path, line: int, msgid: str, msgstr: str, comments: Sequence[str] = ()) -> None:
        exempt = self.exemptions(path, line, comments)
        source = _without_code_and_roles(msgid)
        lowered = WORD_BREAK.sub(' ', msgstr).lower()
        for term in self.terms:
            if term.zh not in source:
                continue
            source = source.replace(term.zh, ' ')
            used = [form for form in term.english_forms if form.lower() in lowered]
            if term.zh in exempt:
                if used:
                    self.add(path, line, 'warning', f'glossary: the exemption for {term.zh} is not needed: '
                             f'the translation says {used[0]}; remove the comment')
                exempt.discard(term.zh)
            elif not used:
                forms = ' / '.join(term.english_forms)
                self.add(path, line, 'warning', f'glossary: {term.zh} should be translated as {forms}')
        for zh in sorted(exempt):
            self.add(path, line, 'warning', f'glossary: the exemption for {zh} is stale: '
                     'the source of this entry does not use it; remove the comment')

    def exemptions(self, path: Path, line: int, comments: Sequence[str]) -> set[str]:
        """The glossary terms this entry's ``# glossary: <term> <why>`` comments exempt."""
        exempt = set()
        for comment in comments:
            match = EXEMPTION.match(comment.strip())
            if not match:
                continue
            text = match[1]
            # Longest first (反向提示词 before 提示词); the term ends where a word would (v 预测 has a space).
            term = next((t for t in self.terms if re.match(re.escape(t.zh) + r'(?!\w)', text)), None)
            if term is None:
                self.add(path, line, 'warning', f'glossary: the exemption {text[:40]!r} names no term of the glossary')
            elif not text[len(term.zh):].strip(' :：-—'):
                self.add(path, line, 'warning', f'glossary: the exemption for {term.zh} does not say why')
            else:
                exempt.add(term.zh)
        return exempt


def _without_code_and_roles(text: str) -> str:
    """The prose of a message: inline code and roles (labels, not words) taken out."""
    for piece in markup(text)['inline code']:
        text = text.replace(f'`{piece}`', ' ')
    return re.sub(r'\{[a-z:-]+\}`[^`]*`', ' ', text)


def main(project: Project, language: str, docnames: list[str], glossary: Path | None = None) -> int:
    findings = Checker(project, language, docnames, glossary).run()
    errors = [f for f in findings if f.level == 'error']
    for finding in findings:
        print(finding)
    print(f'intl check: {len(errors)} error(s), {len(findings) - len(errors)} warning(s)', file=sys.stderr)
    return 1 if errors else 0
