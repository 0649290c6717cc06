"""Bad input: every mistake an author, a translator or a machine can make fails loudly and exactly.

Each case asserts the exact message (with file and line where one exists), the exit status,
and that no source or translation file was deleted or rewritten (bytes compared before and
after). Small books are built in temporary folders with the reading settings of the real
``conf.py``; where the real book is needed it is a copy of the tree in a temporary folder,
never the working tree.

- source: broken MyST, a missing label, a page in no toctree, a missing image, a duplicated
  label, invalid front matter;
- data: every link-data problem ``_ext/linkdata.py`` defines that ``test_linktable.py`` does
  not already cover, the link-table directive errors it does not cover, and the card errors
  of ``_ext/infotext.py`` that ``test_gencard.py`` checks only without a build;
- catalogs: a syntax error, a wrong charset, broken markup (``tools/intl.py check``), a
  catalog for a page that no longer exists (``tools/intl.py update``);
- environment: no TeX, a build folder that cannot be written, a build killed halfway.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VENV = Path(sys.executable).resolve().parent.parent if (Path(sys.executable).parent / 'sphinx-build').exists() \
    else ROOT / '.venv'
SPHINX_OPTS = ['-W', '--keep-going', '-n', '-q']  # the Makefile's SPHINXOPTS, less -j (tiny books)

# The reading settings of the real conf.py, taken from its literal assignments (not executed:
# conf.py computes values from git and the environment that a small book does not have).
CONF_NAMES = ('myst_enable_extensions', 'myst_heading_anchors', 'myst_footnote_transition', 'nitpicky',
              'root_doc', 'gettext_compact', 'gettext_uuid', 'gettext_location', 'html_search_options',
              'suppress_warnings')


def _real_settings() -> dict[str, object]:
    tree = ast.parse((ROOT / 'conf.py').read_text(encoding='utf-8'))
    values = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if name in CONF_NAMES:
                try:
                    values[name] = ast.literal_eval(node.value)
                except ValueError:
                    pass
    return values


def small_conf(extensions: list[str]) -> str:
    lines = [f'import sys\nsys.path.insert(0, {str(ROOT / "_ext")!r})',
             f'extensions = {extensions!r}', "language = 'zh_CN'", "exclude_patterns = ['_data', '_out', '_doctrees']"]
    lines += [f'{name} = {value!r}' for name, value in _real_settings().items()]
    return '\n'.join(lines) + '\n'


def snapshot(*folders: Path, skip: tuple[str, ...] = ('_out', '_doctrees', '__pycache__')) -> dict[str, bytes]:
    """Every file below the folders (build output aside), by path, with its bytes."""
    files = {}
    for folder in folders:
        for path in sorted(folder.rglob('*')):
            if path.is_file() and not set(path.relative_to(folder).parts) & set(skip) and path.suffix != '.mo':
                files[str(path)] = path.read_bytes()
    return files


def assert_untouched(before: dict[str, bytes], after: dict[str, bytes]) -> None:
    assert sorted(set(before) - set(after)) == [], 'deleted'
    changed = [p for p in before if before[p] != after.get(p)]
    assert changed == [], 'rewritten'


def sphinx(src: Path, *extra: str, builder: str = 'html') -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, '-m', 'sphinx', *SPHINX_OPTS, '-b', builder, *extra,
                           '-d', str(src / '_doctrees'), str(src), str(src / '_out')],
                          cwd=src, capture_output=True, text=True)


def error_lines(result: subprocess.CompletedProcess, src: Path) -> list[str]:
    """Warnings and errors, with the book folder left out of their locations."""
    return [line.replace(f'{src}/', '') for line in result.stderr.splitlines() if ': WARNING: ' in line or ': ERROR: ' in line]


def write(folder: Path, files: dict[str, str | bytes]) -> None:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding='utf-8')


# -- Source: MyST pages ------------------------------------------------------------------

INDEX = '# 首页\n\n正文。\n\n```{toctree}\na\n```\n'
PAGE_A = '(page-a)=\n# 甲\n\n正文。\n'

SOURCE_CASES = {
    'unknown-directive': (
        {'a.md': PAGE_A + '\n```{notadirective}\n内容\n```\n'},
        ["a.md:6: WARNING: Unknown directive type: 'notadirective' [myst.directive_unknown]"]),
    'unknown-role': (
        {'a.md': PAGE_A + '\n见 {reff}`page-a`。\n'},
        ['a.md:6: WARNING: Unknown interpreted text role "reff". [myst.role_unknown]']),
    'bad-directive-options': (
        {'a.md': PAGE_A + '\n```{note}\n:class: [未闭合\n:nonsense: 1\n内容\n```\n'},
        ['a.md:7: WARNING: \'note\': Invalid option value for \'class\': [未闭合: cannot make "[未闭合" into a class name '
         '[myst.directive_option]',
         "a.md:8: WARNING: 'note': Unknown option key: 'nonsense' (allowed: ['class', 'collapsible', 'name']) "
         '[myst.directive_option]']),
    'missing-label': (
        {'a.md': PAGE_A + '\n见 {ref}`nowhere`。\n'},
        ["a.md:6: WARNING: undefined label: 'nowhere' [ref.ref]"]),
    'page-in-no-toctree': (
        {'orphan.md': '# 孤儿\n\n没有目录收录这一页。\n'},
        ["orphan.md: WARNING: document isn't included in any toctree [toc.not_included]"]),
    'missing-image': (
        {'a.md': PAGE_A + '\n![示意图](img/missing.png)\n'},
        ['a.md:6: WARNING: image file not readable: img/missing.png [image.not_readable]']),
    'duplicate-label': (  # the label of a.md given again to a section of index.md (read after a.md)
        {'index.md': INDEX + '\n(page-a)=\n## 再一次\n\n正文。\n'},
        ['index.md:10: WARNING: duplicate label page-a, other instance in a.md']),
    'front-matter-yaml': (
        {'a.md': '---\ntitle: [未闭合\n---\n' + PAGE_A},
        ['a.md:1: WARNING: Malformed YAML [myst.topmatter]']),
    'front-matter-not-mapping': (
        {'a.md': '---\n- 一\n- 二\n---\n' + PAGE_A},
        ["a.md:1: WARNING: YAML is not a dict: <class 'list'> [myst.topmatter]"]),
}


@pytest.mark.parametrize('case', sorted(SOURCE_CASES))
def test_bad_source_fails_the_build_with_page_and_line(tmp_path, case):
    files, expected = SOURCE_CASES[case]
    src = tmp_path / 'src'
    write(src, {'conf.py': small_conf(['myst_parser', 'sphinx_design']), 'index.md': INDEX, 'a.md': PAGE_A, **files})
    before = snapshot(src)
    result = sphinx(src)
    assert result.returncode == 1, result.stderr
    assert error_lines(result, src) == [e.format(src=src) for e in expected], result.stderr
    assert_untouched(before, snapshot(src))


def test_good_small_book_builds_cleanly(tmp_path):
    src = tmp_path / 'src'
    write(src, {'conf.py': small_conf(['myst_parser', 'sphinx_design']), 'index.md': INDEX, 'a.md': PAGE_A})
    result = sphinx(src)
    assert (result.returncode, error_lines(result, src)) == (0, [])


# -- Data: link records and cards ----------------------------------------------------------

def good(p: str, extra: str = '') -> str:
    """A valid data file whose ids and URL are its own (files are checked together)."""
    return (f'categories:\n  - id: {p}-cat\n    title: 分类\nlinks:\n  - id: {p}-ok\n    name: 正常\n'
            f'    url: https://example.org/{p}/ok\n    description: 正常的记录\n    platform: github\n'
            f'    category: {p}-cat\n{extra}')


RECORD_LANGS = 'zh, en, ja, ko, multi'
# case -> (file content, [(line, message)]); the file is _data/links/<case>.yaml
DATA_CASES: dict[str, tuple[str | bytes, list[tuple[int, str]]]] = {
    'not-utf8': (b'links: []\n# \xff\n', [(1, 'not valid UTF-8 (invalid start byte at byte 12)')]),
    'empty': ('# nothing but a comment\n', [(1, 'the file is empty')]),
    'top-level-list': ('- id: a\n- id: b\n', [(1, "the top level must be a mapping with 'categories' and/or 'links'")]),
    'unknown-top-level-key': (good('tk', 'groups: []\n'), [(11, "unknown top-level key 'groups'; expected one of: categories, links")]),
    'categories-not-a-list': ('categories: 全部\n', [(1, "'categories' must be a list")]),
    'links-not-a-list': ('links:\n  id: x\n', [(2, "'links' must be a list")]),
    'category-not-a-mapping': ('categories:\n  - 分类\n', [(2, 'a category must be a mapping')]),
    'record-not-a-mapping': (good('rm', '  - https://example.org/bare\n'), [(11, 'a link record must be a mapping')]),
    'field-given-twice': (good('ft', '    name: 又一个名字\n'), [(11, "field 'name' is given twice")]),
    'category-unknown-field': ('categories:\n  - id: cu-cat\n    title: 分类\n    colour: red\n',
                               [(4, "unknown field 'colour' in a category; expected: id, title")]),
    'category-missing-title': ('categories:\n  - id: cm-cat\n', [(2, "category is missing the required field 'title'")]),
    'category-empty-title': ('categories:\n  - id: ce-cat\n    title: ""\n', [(3, "category field 'title' must be a non-empty string")]),
    'category-bad-id': ('categories:\n  - id: Bad_Cat\n    title: 分类\n',
                        [(2, "category id 'Bad_Cat' must be lowercase ASCII letters, digits and hyphens")]),
    'duplicate-category': (good('dc') + 'categories:\n  - id: dc-cat\n    title: 又一个\n',
                           [(11, "unknown top-level key 'categories'; expected one of: categories, links")]),
    'record-without-id': (good('ri', '  - name: 无编号\n    url: https://example.org/ri/x\n    description: 缺少编号\n'
                                     '    platform: github\n    category: ri-cat\n'),
                          [(11, "record is missing the required field 'id'")]),
    'tags-not-a-list': (good('tg', '    tags: 一个词\n'), [(11, "'tags' must be a list of words")]),
    'bad-id': (good('bi').replace('id: bi-ok', 'id: Bi_OK'), [(5, "id 'Bi_OK' must be lowercase ASCII letters, digits and hyphens")]),
    'url-with-space': (good('us').replace('https://example.org/us/ok', '"https://example.org/us/a b"'),
                       [(7, "URL 'https://example.org/us/a b' contains white space")]),
    'url-without-host': (good('uh').replace('https://example.org/uh/ok', 'https:///uh/ok'),
                         [(7, "URL 'https:///uh/ok' has no host")]),
    'unknown-language': (good('ul', '    lang: fr\n'), [(11, f"unknown language 'fr'; expected one of: {RECORD_LANGS}")]),
}
# Two categories with one id, in one file: the second is refused where it stands.
DATA_CASES['duplicate-category'] = (
    'categories:\n  - id: dc-cat\n    title: 分类\n  - id: dc-cat\n    title: 又一个\n',
    [(4, "duplicate category id 'dc-cat' (first defined at _data/links/duplicate-category.yaml:2)")])

# Pages using the data (the directive's fence is on line 3 of each page).
DIRECTIVE_PAGES = {
    'broken-file': (':file: empty', 'linktable: the data file \'empty\' has errors (reported above); no table is rendered [sdbook.linktable]'),
    'unknown-file': (':file: nothing', "linktable: unknown data file 'nothing' [sdbook.linktable]"),
    'no-match': (':tag: 没有这个标签', 'linktable: the selection matches no link record [sdbook.linktable]'),
}
CARD = ':prompt: 1girl\n:steps: 20\n:sampler: Euler a\n:cfg: 7\n:seed: 1\n:size: 512x512\n'
CARD_PAGES = {  # the card errors test_gencard.py checks only on the module, here through a build
    'card-cfg-word': (CARD.replace(':cfg: 7', ':cfg: high'), "gencard: 'cfg' must be a number, not 'high' [sdbook.gencard]"),
    'card-empty-model': (CARD + ':model:\n', "gencard: 'model' is empty [sdbook.gencard]"),
    'card-steps-zero': (CARD.replace(':steps: 20', ':steps: 0'), "gencard: 'steps' must be between 1 and 150, not 0 [sdbook.gencard]"),
}


@pytest.fixture(scope='module')
def data_book(tmp_path_factory):
    """One book holding every bad data file and every bad page: one build reports them all."""
    src = tmp_path_factory.mktemp('data') / 'src'
    pages = {**{f'{n}.md': f'# {n}\n\n```{{linktable}}\n{o}\n```\n' for n, (o, _) in DIRECTIVE_PAGES.items()},
             **{f'{n}.md': f'# {n}\n\n```{{gencard}} 卡片\n{c}```\n' for n, (c, _) in CARD_PAGES.items()}}
    toctree = '\n'.join(sorted(p[:-3] for p in pages))
    files: dict[str, str | bytes] = {'conf.py': small_conf(['myst_parser', 'sdbook_links', 'sdbook_cards']),
                                     'index.md': f'# 首页\n\n```{{toctree}}\n{toctree}\n```\n', **pages}
    files.update({f'_data/links/{case}.yaml': text for case, (text, _) in DATA_CASES.items()})
    files['_data/links/good.yaml'] = good('gd')
    write(src, files)
    before = snapshot(src)
    result = sphinx(src)
    return src, result, error_lines(result, src), before


@pytest.mark.parametrize('case', sorted(DATA_CASES))
def test_bad_link_data_is_reported_with_file_and_line(data_book, case):
    src, result, lines, _ = data_book
    assert result.returncode == 1
    expected = [f'_data/links/{case}.yaml:{line}: ERROR: {message} [sdbook.linkdata]' for line, message in DATA_CASES[case][1]]
    assert [line for line in lines if line.startswith(f'_data/links/{case}.yaml:')] == expected, result.stderr


@pytest.mark.parametrize('case', sorted(DIRECTIVE_PAGES) + sorted(CARD_PAGES))
def test_bad_table_or_card_is_reported_with_page_and_line(data_book, case):
    src, result, lines, _ = data_book
    assert result.returncode == 1
    message = {**DIRECTIVE_PAGES, **CARD_PAGES}[case][1]
    assert [line for line in lines if line.startswith(f'{case}.md:')] == [f'{case}.md:3: ERROR: {message}'], result.stderr
    page = (src / '_out' / f'{case}.html').read_text(encoding='utf-8')
    assert '<table' not in page and 'sdbook-gencard' not in page  # nothing half-rendered


def test_bad_data_leaves_every_file_as_it_was(data_book):
    src, result, lines, before = data_book
    # Nothing else was reported, and the good file's records still reached the build.
    assert len(lines) == sum(len(v[1]) for v in DATA_CASES.values()) + len(DIRECTIVE_PAGES) + len(CARD_PAGES), result.stderr
    assert_untouched(before, snapshot(src))


# -- Catalogs: tools/intl.py on a copy of the tools ------------------------------------------

PO_HEADER = ('msgid ""\nmsgstr ""\n"Project-Id-Version: StableDiffusionBook edition\\n"\n"Language: en\\n"\n'
             '"MIME-Version: 1.0\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n\n')


def intl_tree(tmp_path: Path, catalogs: dict[str, str | bytes]) -> Path:
    """tools/, _ext/, the glossary and the catalog lists, with these catalogs only."""
    tree = tmp_path / 'book'
    shutil.copytree(ROOT / 'tools', tree / 'tools', ignore=shutil.ignore_patterns('__pycache__'))
    shutil.copytree(ROOT / '_ext', tree / '_ext', ignore=shutil.ignore_patterns('__pycache__', '*.mo'))
    (tree / 'source' / '_data').mkdir(parents=True)
    shutil.copy2(ROOT / 'source' / '_data' / 'glossary.yaml', tree / 'source' / '_data')
    lang = tree / 'locale' / 'en'
    lang.mkdir(parents=True)
    for name in ('IN_PROGRESS', 'ALLOWED_CHINESE'):
        if (ROOT / 'locale' / 'en' / name).exists():
            shutil.copy2(ROOT / 'locale' / 'en' / name, lang)
    write(lang / 'LC_MESSAGES', catalogs)
    return tree


def intl(tree: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, 'tools/intl.py', *args], cwd=tree, capture_output=True, text=True)


GOOD_PO = PO_HEADER + 'msgid "显存"\nmsgstr "VRAM"\n\nmsgid "见 {ref}`install-webui`。"\nmsgstr "See {ref}`install-webui`."\n'
CATALOG_CASES = {
    # The msgstr of line 10 is never closed.
    'syntax-error': (GOOD_PO.replace('msgstr "VRAM"', 'msgstr "VRAM'),
                     ['locale/en/LC_MESSAGES/page.po:11: error: msgfmt: end-of-line within string']),
    # The header says UTF-8, the file was saved as GB18030 (a Windows editor's default): the
    # lines holding Chinese (msgids on 9 and 12) are reported once each.
    'saved-as-gb18030': (GOOD_PO.encode('gb18030'),
                         ['locale/en/LC_MESSAGES/page.po:9: error: msgfmt: invalid multibyte sequence',
                          'locale/en/LC_MESSAGES/page.po:12: error: msgfmt: invalid multibyte sequence']),
    # UTF-8 text under a Latin-1 header: msgfmt accepts it, and every msgid would be garbled.
    'declares-latin1': (GOOD_PO.replace('charset=UTF-8', 'charset=ISO-8859-1'),
                        ['locale/en/LC_MESSAGES/page.po:6: error: the header declares charset \'ISO-8859-1\'; '
                         'catalogs are UTF-8 (write "charset=UTF-8" and save the file as UTF-8)']),
    # The role lost its target: the English page would link nowhere.
    'broken-markup': (GOOD_PO.replace('See {ref}`install-webui`.', 'See {ref}`install`.'),
                      ['locale/en/LC_MESSAGES/page.po:12: error: role differs: missing {ref}`install-webui`; unexpected {ref}`install`']),
    'unbalanced-bold': (GOOD_PO.replace('msgstr "VRAM"', 'msgstr "**VRAM"'),
                        ["locale/en/LC_MESSAGES/page.po:9: error: 0 '**' in the source but 1 in the translation"]),
}


@pytest.mark.parametrize('case', sorted(CATALOG_CASES))
def test_bad_catalog_is_reported_with_file_and_line(tmp_path, case):
    text, expected = CATALOG_CASES[case]
    tree = intl_tree(tmp_path, {'page.po': text})
    before = snapshot(tree / 'locale')
    result = intl(tree, 'check', 'page')
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.splitlines() == expected, result.stdout
    assert result.stderr.splitlines()[-1] == f'intl check: {len(expected)} error(s), 0 warning(s)'
    assert_untouched(before, snapshot(tree / 'locale'))


def test_good_catalog_passes_the_check(tmp_path):
    tree = intl_tree(tmp_path, {'page.po': GOOD_PO})
    result = intl(tree, 'check', 'page')
    assert (result.returncode, result.stdout) == (0, ''), result.stdout + result.stderr


def _pot(po_text: str) -> str:
    """The template an up-to-date `make gettext` would write for a catalog: its msgids."""
    ids = re.findall(r'^msgid (".+")$', po_text, re.M)
    return PO_HEADER + ''.join(f'msgid {i}\nmsgstr ""\n\n' for i in ids)


def test_catalog_of_a_removed_page_is_kept_while_its_translations_exist_nowhere_else(tmp_path):
    kept = PO_HEADER + 'msgid "只在旧页面里的句子。"\nmsgstr "A sentence only the old page had."\n'
    shared = PO_HEADER + 'msgid "显存"\nmsgstr "VRAM"\n'
    tree = intl_tree(tmp_path, {'page.po': GOOD_PO, 'old/moved.po': kept, 'old/shared.po': shared})
    pots = tmp_path / 'gettext'
    write(pots, {'page.pot': _pot(GOOD_PO)})
    result = intl(tree, 'update', '--pot', str(pots))
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "locale/en/LC_MESSAGES/old/moved.po:1: warning: no page 'old/moved' any more; 1 translation(s) exist only "
        'here, so the catalog is kept. Move it to the new page name, then run `make intl-update` again.']
    # Kept byte for byte; the catalog whose one translation lives on in page.po is removed.
    assert (tree / 'locale/en/LC_MESSAGES/old/moved.po').read_text(encoding='utf-8') == kept
    assert not (tree / 'locale/en/LC_MESSAGES/old/shared.po').exists()
    assert "removed locale/en/LC_MESSAGES/old/shared.po: page 'old/shared' is gone" in result.stdout


def test_update_without_templates_changes_nothing(tmp_path):
    tree = intl_tree(tmp_path, {'page.po': GOOD_PO})
    before = snapshot(tree / 'locale')
    (tmp_path / 'empty').mkdir()
    result = intl(tree, 'update', '--pot', str(tmp_path / 'empty'))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f'intl update: no .pot files in {tmp_path / "empty"}; run `make gettext` first']
    assert_untouched(before, snapshot(tree / 'locale'))


# -- Environment: the real book, copied ----------------------------------------------------

TREE_PARTS = ('conf.py', 'Makefile', 'requirements.txt', 'source', 'locale', '_ext', 'tools')


@pytest.fixture(scope='module')
def book(tmp_path_factory) -> Path:
    """A copy of the book (sources, catalogs, extensions, tools), built against the shared .venv."""
    tree = tmp_path_factory.mktemp('book') / 'tree'
    tree.mkdir()
    for part in TREE_PARTS:
        if (ROOT / part).is_dir():
            shutil.copytree(ROOT / part, tree / part, ignore=shutil.ignore_patterns('__pycache__', '*.mo', '*.po.tmp'))
        else:
            shutil.copy2(ROOT / part, tree / part)
    # requirements.txt older than the venv's stamp: make never runs pip from a test.
    os.utime(tree / 'requirements.txt', (0, 0))
    return tree


def no_tex_path(tmp_path: Path) -> str:
    """PATH with every program of this one, except TeX (xelatex, latexmk, kpsewhich)."""
    bin_dir = tmp_path / 'bin-without-tex'
    bin_dir.mkdir()
    for folder in os.environ['PATH'].split(os.pathsep):
        if not Path(folder).is_dir():
            continue
        for program in Path(folder).iterdir():
            name = program.name
            if name in ('xelatex', 'latexmk', 'kpsewhich', 'pdflatex', 'lualatex', 'tex') or name.startswith('xetex'):
                continue
            if not (bin_dir / name).exists() and os.access(program, os.X_OK) and program.is_file():
                (bin_dir / name).symlink_to(program)
    return str(bin_dir)


def make(tree: Path, *targets: str, builddir: Path, env: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(['make', '--no-print-directory', *targets, f'BUILDDIR={builddir}', f'VENV={VENV}'],
                          cwd=tree, env=env or dict(os.environ), capture_output=True, text=True, **kwargs)


@pytest.fixture(scope='module')
def reference_html(book, tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess, str]:
    """`make html` of the copy with TeX out of reach (it needs none)."""
    tmp = tmp_path_factory.mktemp('notex')
    path = no_tex_path(tmp)
    result = make(book, 'html', builddir=tmp / 'build', env=dict(os.environ, PATH=path))
    return tmp / 'build', result, path


def test_pdf_without_tex_prints_the_install_command(book, reference_html):
    before = snapshot(book / 'source', book / 'locale')
    # As an ordinary user (nobody), who cannot install anything. pytest's folders are private to
    # root, so the script and the PATH without TeX sit in a folder of their own that nobody can read.
    public = Path(tempfile.mkdtemp(prefix='sdbook-notex-'))
    try:
        public.chmod(0o755)
        shutil.copy2(book / 'tools' / 'ensure-system.sh', public / 'ensure-system.sh')
        path = no_tex_path(public)
        result = subprocess.run(['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups',
                                 'sh', 'ensure-system.sh', 'pdf'],
                                cwd=public, env={'PATH': path, 'HOME': str(public)}, capture_output=True, text=True)
    finally:
        shutil.rmtree(public)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith('ensure-system: the PDF build needs: xelatex latexmk ')
    packages = re.search(r'^PDF_PACKAGES="(.*)"$', (book / 'tools/ensure-system.sh').read_text(), re.M)[1]
    assert lines[1:] == [f'ensure-system: install it with:  sudo apt-get install --no-install-recommends {packages}']
    assert_untouched(before, snapshot(book / 'source', book / 'locale'))


def test_html_builds_without_tex(book, reference_html):
    build, result, _ = reference_html
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-5000:]
    for edition in ('zh_CN', 'en'):
        assert (build / 'html' / edition / 'index.html').is_file()
    assert 'xelatex' not in result.stderr


def _pages(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob('*.html'))}


def test_build_killed_halfway_is_completed_by_the_next_build(book, reference_html, tmp_path):
    reference, _, _ = reference_html
    before = snapshot(book / 'source', book / 'locale')
    builddir = tmp_path / 'build'
    # -v so the "writing output..." lines show when pages start to be written.
    command = ['make', '--no-print-directory', 'html-zh', f'BUILDDIR={builddir}', f'VENV={VENV}',
               'SPHINXOPTS=-W --keep-going -n -j auto -v']
    proc = subprocess.Popen(command, cwd=book, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)
    written = 0
    for line in proc.stdout:
        if re.match(r'writing output\.\.\. \[\s*\d+%\]', line):
            written += 1
            if written == 3:  # a few pages are out, most are not
                os.killpg(proc.pid, signal.SIGKILL)
                break
    proc.wait()
    proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL, f'the build ended before it could be interrupted ({written} pages)'
    out = builddir / 'html' / 'zh_CN'
    assert not (out / 'searchindex.js').exists() or len(_pages(out)) < len(_pages(reference / 'html' / 'zh_CN'))

    result = make(book, 'html-zh', builddir=builddir)
    assert result.returncode == 0, result.stderr[-5000:]
    # Complete and correct: the same pages, byte for byte, as an uninterrupted build.
    ref = _pages(reference / 'html' / 'zh_CN')
    got = _pages(out)
    assert sorted(got) == sorted(ref)
    assert [name for name in ref if got[name] != ref[name]] == []
    assert (out / 'searchindex.js').is_file()
    assert_untouched(before, snapshot(book / 'source', book / 'locale'))


@pytest.mark.parametrize('how', ['file-in-the-way', 'read-only-mount'])
def test_unwritable_build_folder_is_a_clear_error(book, tmp_path, how):
    before = snapshot(book / 'source', book / 'locale')
    if how == 'file-in-the-way':
        (tmp_path / 'blocker').write_text('not a folder\n')
        builddir = tmp_path / 'blocker' / 'build'
        result = make(book, 'html-zh', builddir=builddir)
        reason = f"mkdir: cannot create directory '{tmp_path}/blocker': Not a directory"
        if reason not in result.stderr:
            reason = f"mkdir: cannot create directory ‘{tmp_path}/blocker’: Not a directory"
    else:
        if shutil.which('unshare') is None or subprocess.run(['unshare', '-m', 'true']).returncode:
            pytest.skip('no mount namespace here')
        builddir = tmp_path / 'ro' / 'build'
        builddir.mkdir(parents=True)
        script = (f'mount --bind {tmp_path}/ro {tmp_path}/ro && mount -o remount,bind,ro {tmp_path}/ro && '
                  f'exec make --no-print-directory html-zh BUILDDIR={builddir} VENV={VENV}')
        result = subprocess.run(['unshare', '-m', 'sh', '-c', script], cwd=book, capture_output=True, text=True)
        reason = None
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    if reason:
        assert reason.replace('‘', "'").replace('’', "'") in [line.replace('‘', "'").replace('’', "'") for line in lines]
    assert f'make: cannot write the build folder {builddir}; choose another with BUILDDIR=...' in lines, result.stderr
    assert 'Traceback' not in result.stderr and 'sphinx-build' not in result.stdout
    assert_untouched(before, snapshot(book / 'source', book / 'locale'))
