"""Load and validate the book's link records (``source/_data/links/*.yaml``).

Plain Python, no Sphinx (the YAML rules are ``sdbook.yamlfile``'s): the extension turns the records into nodes, the tests check this
module on its own. Every problem is reported with the data file and line; a file with any
problem contributes no record at all, so a table is never rendered from half a file.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from sdbook.yamlfile import Problem, YamlFile, line_of, scalar

PLATFORMS = (
    'website', 'github', 'gitlab', 'huggingface', 'civitai', 'bilibili', 'youtube', 'telegram',
    'discord', 'qq', 'reddit', 'forum', 'google-docs', 'tencent-docs', 'notion', 'rentry',
    'yuque', 'arxiv', 'wiki', 'blog',
)
LANGUAGES = ('zh', 'en', 'ja', 'ko', 'multi')
STATUSES = ('ok', 'dead', 'moved')
URL_SCHEMES = ('http', 'https', 'mailto')

REQUIRED_FIELDS = ('id', 'name', 'url', 'description', 'platform', 'category')
OPTIONAL_FIELDS = ('lang', 'tags', 'note', 'archive', 'status')
TOP_LEVEL_KEYS = ('categories', 'links')
CATEGORY_FIELDS = ('id', 'title')

ID_PATTERN = re.compile(r'^[a-z0-9][a-z0-9-]*$')


@dataclasses.dataclass(frozen=True)
class Category:
    id: str
    title: str
    path: Path
    line: int


@dataclasses.dataclass(frozen=True)
class LinkRecord:
    id: str
    name: str
    url: str
    description: str
    platform: str
    category: str
    path: Path
    line: int
    lang: str = ''
    tags: tuple[str, ...] = ()
    note: str = ''
    archive: str = ''
    status: str = 'ok'

    @property
    def file_stem(self) -> str:
        return self.path.stem


@dataclasses.dataclass
class LinkData:
    """Every valid record and category of the book, and every problem found."""

    records: dict[str, LinkRecord] = dataclasses.field(default_factory=dict)
    categories: dict[str, Category] = dataclasses.field(default_factory=dict)
    problems: list[Problem] = dataclasses.field(default_factory=list)
    files: list[Path] = dataclasses.field(default_factory=list)
    broken_files: set[str] = dataclasses.field(default_factory=set)
    root: Path = Path('.')  # the folder the shown paths are relative to

    def select(self, *, ids=(), categories=(), tags=(), files=()) -> list[LinkRecord]:
        """Records matching every given filter; with ``ids`` they come in that order."""
        if ids:
            chosen = [self.records[i] for i in ids]
        else:
            chosen = list(self.records.values())
        if categories:
            chosen = [r for r in chosen if r.category in categories]
        if tags:
            chosen = [r for r in chosen if set(tags) & set(r.tags)]
        if files:
            chosen = [r for r in chosen if r.file_stem in files]
        return chosen


def check_url(url: str) -> str | None:
    """Return why ``url`` is refused, or None when it is acceptable."""
    if not isinstance(url, str) or not url.strip():
        return 'URL is empty'
    if url != url.strip() or any(c.isspace() for c in url):
        return f'URL {url!r} contains white space'
    parts = urlsplit(url)
    if parts.scheme.lower() not in URL_SCHEMES:
        shown = parts.scheme or '(none)'
        return f'URL {url!r} has scheme {shown!r}; only http, https and mailto are allowed'
    if parts.scheme in ('http', 'https') and not parts.netloc:
        return f'URL {url!r} has no host'
    return None


class _FileLoader(YamlFile):
    """Reads one data file into categories and records, collecting problems."""

    def __init__(self, path: Path, display: Path):
        super().__init__(path, display)
        self.categories: list[Category] = []
        self.records: list[LinkRecord] = []

    def load(self) -> None:
        if self.root is None:
            return
        if not isinstance(self.root, yaml.MappingNode):
            self.problem(self.root, "the top level must be a mapping with 'categories' and/or 'links'")
            return
        for key, (key_node, value_node) in self.mapping(self.root, 'the top level').items():
            if key == 'categories':
                self._load_categories(value_node)
            elif key == 'links':
                self._load_links(value_node)
            else:
                self.problem(key_node, f"unknown top-level key {key!r}; expected one of: {', '.join(TOP_LEVEL_KEYS)}")

    def _load_categories(self, node: yaml.Node) -> None:
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, "'categories' must be a list")
            return
        for item in node.value:
            fields = self.mapping(item, 'a category')
            if fields is None:
                continue
            for key, (key_node, _) in fields.items():
                if key not in CATEGORY_FIELDS:
                    self.problem(key_node, f"unknown field {key!r} in a category; expected: id, title")
            values = {}
            for name in CATEGORY_FIELDS:
                if name not in fields:
                    self.problem(item, f'category is missing the required field {name!r}')
                    continue
                value = scalar(fields[name][1])
                if not value or not value.strip():
                    self.problem(fields[name][1], f'category field {name!r} must be a non-empty string')
                    continue
                values[name] = value.strip()
            if len(values) == len(CATEGORY_FIELDS):
                if not ID_PATTERN.match(values['id']):
                    self.problem(fields['id'][1], f"category id {values['id']!r} must be lowercase ASCII letters, digits and hyphens")
                    continue
                self.categories.append(Category(values['id'], values['title'], self.display, line_of(item)))

    def _load_links(self, node: yaml.Node) -> None:
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, "'links' must be a list")
            return
        for item in node.value:
            record = self._load_record(item)
            if record is not None:
                self.records.append(record)

    def _load_record(self, item: yaml.Node) -> LinkRecord | None:
        fields = self.mapping(item, 'a link record')
        if fields is None:
            return None
        ok = True
        known = REQUIRED_FIELDS + OPTIONAL_FIELDS
        for key, (key_node, _) in fields.items():
            if key not in known:
                self.problem(key_node, f"unknown field {key!r}; expected one of: {', '.join(known)}")
                ok = False
        for name in REQUIRED_FIELDS:
            if name not in fields:
                rid = scalar(fields['id'][1]) if 'id' in fields else None
                who = f'record {rid!r}' if rid else 'record'
                self.problem(item, f'{who} is missing the required field {name!r}')
                ok = False
        values: dict[str, object] = {}
        for name, (_, value_node) in fields.items():
            if name not in known:
                continue
            value = self.words(value_node, name) if name == 'tags' else self.text(value_node, name)
            if value is None:
                ok = False
            else:
                values[name] = value
        if not ok:
            return None
        return self._checked(item, fields, values)

    def _checked(self, item, fields, values) -> LinkRecord | None:
        ok = True

        def bad(name, message):
            nonlocal ok
            self.problem(fields[name][1], message)
            ok = False

        if not ID_PATTERN.match(values['id']):
            bad('id', f"id {values['id']!r} must be lowercase ASCII letters, digits and hyphens")
        for name in ('url', 'archive'):
            if name in values and (why := check_url(values[name])):
                bad(name, why)
        if values['platform'] not in PLATFORMS:
            bad('platform', f"unknown platform {values['platform']!r}; expected one of: {', '.join(PLATFORMS)}")
        if 'lang' in values and values['lang'] not in LANGUAGES:
            bad('lang', f"unknown language {values['lang']!r}; expected one of: {', '.join(LANGUAGES)}")
        if 'status' in values and values['status'] not in STATUSES:
            bad('status', f"unknown status {values['status']!r}; expected one of: {', '.join(STATUSES)}")
        if not ok:
            return None
        return LinkRecord(path=self.display, line=line_of(item), **values)


def load_link_data(directory: Path, display_root: Path | None = None) -> LinkData:
    """Read every ``*.yaml`` file of ``directory`` (sorted) and check them together."""
    data = LinkData(root=display_root or Path('.'))
    if not directory.is_dir():
        return data
    loaded: list[_FileLoader] = []
    for path in sorted(directory.glob('*.yaml')):
        display = path.relative_to(display_root) if display_root else path
        loader = _FileLoader(path, display)
        loader.load()
        loaded.append(loader)
        data.files.append(path)

    # Checks across files: ids and URLs are unique in the whole book.
    seen_ids: dict[str, LinkRecord] = {}
    seen_urls: dict[str, LinkRecord] = {}
    seen_categories: dict[str, Category] = {}
    for loader in loaded:
        for cat in loader.categories:
            if (first := seen_categories.get(cat.id)):
                loader.problem(cat.line, f'duplicate category id {cat.id!r} (first defined at {first.path}:{first.line})')
            else:
                seen_categories[cat.id] = cat
        for rec in loader.records:
            if (first := seen_ids.get(rec.id)):
                loader.problem(rec.line, f'duplicate id {rec.id!r} (first defined at {first.path}:{first.line})')
                continue
            key = _url_key(rec.url)
            if (first := seen_urls.get(key)):
                loader.problem(rec.line, f'the URL {rec.url} is already used by {first.id!r} at {first.path}:{first.line}; reuse that record by its id')
                continue
            seen_ids[rec.id] = rec
            seen_urls[key] = rec
    for loader in loaded:
        for rec in loader.records:
            if seen_ids.get(rec.id) is rec and rec.category not in seen_categories:
                loader.problem(rec.line, f'record {rec.id!r} names the unknown category {rec.category!r}')

    for loader in loaded:
        data.problems.extend(loader.problems)
        if loader.problems:
            data.broken_files.add(loader.path.stem)
            continue
        for cat in loader.categories:
            data.categories[cat.id] = cat
        for rec in loader.records:
            data.records[rec.id] = rec
    # A record whose category lives in a broken file cannot be shown correctly either.
    for rid, rec in list(data.records.items()):
        if rec.category not in data.categories:
            del data.records[rid]
    return data


def _url_key(url: str) -> str:
    """Compare URLs the way a reader would: scheme and host case-insensitive, no trailing slash."""
    parts = urlsplit(url)
    path = parts.path.rstrip('/')
    key = f'{parts.scheme.lower()}://{parts.netloc.lower()}{path}'
    if parts.query:
        key += '?' + parts.query
    if parts.fragment:
        key += '#' + parts.fragment
    return key
