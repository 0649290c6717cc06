"""What a reader types, in the words the book uses: the search page's query rewriting.

``source/_data/search-terms.yaml`` holds, per edition, ``aliases`` (a reader's word → the
book's words: 爆显存 → 显存不足, 炼丹 → 训练) and ``fillers`` (question words that no page
contains and that would otherwise each have to match: 怎么, 吗, 哪个). The search page
rewrites every query with them before Pagefind ranks it; the input keeps what was typed.
Plain Python, no Sphinx; problems carry the file and line.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from sdbook.yamlfile import Problem, YamlFile, scalar

FIELDS = ('aliases', 'fillers')


def load(path: Path, edition: str, display: Path | None = None) -> tuple[dict, list[Problem]]:
    """The edition's rewriting rules ({'aliases': {...}, 'fillers': [...]}) and the problems found."""
    data = YamlFile(path, display)
    out: dict = {'aliases': {}, 'fillers': []}
    if data.root is None:
        return out, data.problems
    editions = data.mapping(data.root, 'the file')
    if editions is None:
        return out, data.problems
    if edition not in editions:
        data.problem(data.root, f'no entry for the edition {edition!r}')
        return out, data.problems
    fields = data.mapping(editions[edition][1], f'edition {edition!r}')
    for name, (key_node, value) in (fields or {}).items():
        if name not in FIELDS:
            data.problem(key_node, f"unknown field {name!r}; expected: {', '.join(FIELDS)}")
        elif name == 'fillers':
            out['fillers'] = sorted(data.words(value, 'fillers') or (), key=len, reverse=True)
        else:
            for alias_key, alias_value in (data.mapping(value, 'aliases') or {}).values():
                word = data.text(alias_key, 'alias')
                if not isinstance(alias_value, yaml.ScalarNode):
                    data.problem(alias_value, f'alias {scalar(alias_key)!r} must map to the words of the book')
                    continue
                target = data.text(alias_value, str(word))
                if word and target:
                    out['aliases'][word] = target
    return out, data.problems
