"""Load the book's glossary (``source/_data/glossary.yaml``): one term per entry.

The glossary is the single source of term translations: the glossary page renders it, and
the translation checker reads it to see that each term is translated the same way.
Plain Python, no Sphinx; problems carry the file and line.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import yaml

from linkdata import Problem

FIELDS = ('zh', 'en', 'en_alt', 'explain', 'see')
REQUIRED = ('zh', 'en', 'explain')


@dataclasses.dataclass(frozen=True)
class Term:
    zh: str
    en: str
    explain: str
    line: int
    en_alt: tuple[str, ...] = ()
    see: str = ''

    @property
    def anchor(self) -> str:
        slug = re.sub(r'[^a-z0-9]+', '-', self.en.lower()).strip('-')
        return f'term-{slug or "x"}'

    @property
    def english_forms(self) -> tuple[str, ...]:
        return (self.en, *self.en_alt)


def load_glossary(path: Path, display: Path | None = None) -> tuple[list[Term], list[Problem]]:
    shown = display or path
    problems: list[Problem] = []
    try:
        root = yaml.compose(path.read_text(encoding='utf-8'), Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, 'problem_mark', None)
        return [], [Problem(shown, mark.line + 1 if mark else 1, f'YAML syntax error: {getattr(exc, "problem", exc)}')]
    except (OSError, UnicodeDecodeError) as exc:
        return [], [Problem(shown, 1, f'cannot read the glossary: {exc}')]
    if not isinstance(root, yaml.SequenceNode):
        return [], [Problem(shown, root.start_mark.line + 1 if root else 1, 'the glossary must be a list of terms')]
    terms: list[Term] = []
    seen_zh: dict[str, int] = {}
    for item in root.value:
        line = item.start_mark.line + 1
        if not isinstance(item, yaml.MappingNode):
            problems.append(Problem(shown, line, 'a term must be a mapping'))
            continue
        values: dict[str, object] = {}
        bad = False
        for key_node, value_node in item.value:
            key = key_node.value
            if key not in FIELDS:
                problems.append(Problem(shown, key_node.start_mark.line + 1, f"unknown field {key!r}; expected one of: {', '.join(FIELDS)}"))
                bad = True
            elif key == 'en_alt':
                if not isinstance(value_node, yaml.SequenceNode):
                    problems.append(Problem(shown, value_node.start_mark.line + 1, "'en_alt' must be a list"))
                    bad = True
                else:
                    values[key] = tuple(str(v.value).strip() for v in value_node.value)
            elif not isinstance(value_node, yaml.ScalarNode) or not str(value_node.value).strip():
                problems.append(Problem(shown, value_node.start_mark.line + 1, f'field {key!r} must be a non-empty string'))
                bad = True
            else:
                values[key] = str(value_node.value).strip()
        for key in REQUIRED:
            if key not in values and not bad:
                problems.append(Problem(shown, line, f'term is missing the required field {key!r}'))
                bad = True
        if bad:
            continue
        if values['zh'] in seen_zh:
            problems.append(Problem(shown, line, f"the term {values['zh']!r} is already defined at line {seen_zh[values['zh']]}"))
            continue
        seen_zh[values['zh']] = line
        terms.append(Term(line=line, **values))
    return (terms if not problems else []), problems
