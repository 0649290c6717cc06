"""Reading the book's YAML data files strictly, with the file and line of every problem.

The link data and the glossary share these rules: the file must be UTF-8 and valid YAML, a
key may be given only once in a mapping, and a field meant to hold text must hold a
non-empty string (not a list, a mapping or nothing). Plain Python, no Sphinx.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import yaml

# libyaml's parser (in PyYAML's wheels) reads the link data about ten times faster; the
# node tree, with its line marks, is the same.
FAST_LOADER = getattr(yaml, 'CSafeLoader', yaml.SafeLoader)


@dataclasses.dataclass(frozen=True)
class Problem:
    """One thing wrong with a data file, where it is and what it is."""

    path: Path
    line: int  # 1-based
    message: str

    def __str__(self) -> str:
        return f'{self.path}:{self.line}: {self.message}'


def line_of(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def scalar(node: yaml.Node) -> str | None:
    """The text of a scalar node; None for a list or mapping."""
    if isinstance(node, yaml.ScalarNode):
        return str(node.value)
    return None


class YamlFile:
    """One data file: its parsed node tree and the problems found while reading it."""

    def __init__(self, path: Path, display: Path | None = None):
        self.path = path
        self.display = display or path
        self.problems: list[Problem] = []
        self.root: yaml.Node | None = self._compose()

    def problem(self, where: yaml.Node | int, message: str) -> None:
        line = where if isinstance(where, int) else line_of(where)
        self.problems.append(Problem(self.display, line, message))

    def _compose(self) -> yaml.Node | None:
        try:
            text = self.path.read_text(encoding='utf-8')
        except UnicodeDecodeError as exc:
            self.problem(1, f'not valid UTF-8 ({exc.reason} at byte {exc.start})')
            return None
        except OSError as exc:
            self.problem(1, f'cannot be read: {exc.strerror or exc}')
            return None
        try:
            root = yaml.compose(text, Loader=FAST_LOADER)
        except yaml.YAMLError:
            # libyaml words its errors differently: read again with the Python parser, whose
            # message (and line) is the one the book reports.
            try:
                root = yaml.compose(text, Loader=yaml.SafeLoader)
            except yaml.YAMLError as exc:
                return self._syntax_error(exc)
        if root is None:
            self.problem(1, 'the file is empty')
        return root

    def _syntax_error(self, exc: yaml.YAMLError) -> None:
        mark = getattr(exc, 'problem_mark', None) or getattr(exc, 'context_mark', None)
        what = getattr(exc, 'problem', None) or str(exc)
        self.problem(mark.line + 1 if mark else 1, f'YAML syntax error: {what}')

    def mapping(self, node: yaml.Node, what: str) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
        """The fields of a mapping node by name; a key given twice is a problem (the first one counts)."""
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f'{what} must be a mapping')
            return None
        fields: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            key = scalar(key_node)
            if key in fields:
                self.problem(key_node, f'field {key!r} is given twice')
                continue
            fields[key] = (key_node, value_node)
        return fields

    def text(self, node: yaml.Node, name: str) -> str | None:
        """A field that must be a non-empty string; None (and a problem) otherwise."""
        value = scalar(node)
        if value is None or not value.strip():
            self.problem(node, f'field {name!r} must be a non-empty string')
            return None
        return value.strip()

    def words(self, node: yaml.Node, name: str, what: str = 'a list of words') -> tuple[str, ...] | None:
        """A field that must be a list of non-empty strings."""
        if not isinstance(node, yaml.SequenceNode) or not all(
            isinstance(item, yaml.ScalarNode) and str(item.value).strip() for item in node.value
        ):
            self.problem(node, f'{name!r} must be {what}')
            return None
        return tuple(str(item.value).strip() for item in node.value)
