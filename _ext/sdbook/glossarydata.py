"""Load the book's glossary (``source/_data/glossary.yaml``): one term per entry.

The glossary is the single source of term translations: the glossary page renders it, and
the translation checker reads it to see that each term is translated the same way.
Plain Python, no Sphinx; the YAML rules (UTF-8, no key twice, text fields hold text) are
``sdbook.yamlfile``'s, and every problem carries the file and line.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import yaml

from sdbook.yamlfile import Problem, YamlFile, line_of

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
    """Every term, or no term at all when any problem was found (a glossary is never half-read)."""
    file = YamlFile(path, display)
    if file.root is None:
        return [], file.problems
    if not isinstance(file.root, yaml.SequenceNode):
        file.problem(file.root, 'the glossary must be a list of terms')
        return [], file.problems
    terms: list[Term] = []
    seen_zh: dict[str, int] = {}
    for item in file.root.value:
        line = line_of(item)
        fields = file.mapping(item, 'a term')
        if fields is None:
            continue
        values: dict[str, object] = {}
        bad = False
        for key, (key_node, value_node) in fields.items():
            if key not in FIELDS:
                file.problem(key_node, f"unknown field {key!r}; expected one of: {', '.join(FIELDS)}")
                bad = True
                continue
            if key == 'en_alt':
                value = file.words(value_node, key, 'a list of English forms')
            else:
                value = file.text(value_node, key)
            if value is None:
                bad = True
            else:
                values[key] = value
        for key in REQUIRED:
            if key not in values and not bad:
                file.problem(line, f'term is missing the required field {key!r}')
                bad = True
        if bad:
            continue
        if values['zh'] in seen_zh:
            file.problem(line, f"the term {values['zh']!r} is already defined at line {seen_zh[values['zh']]}")
            continue
        seen_zh[values['zh']] = line
        terms.append(Term(line=line, **values))
    return (terms if not file.problems else []), file.problems
