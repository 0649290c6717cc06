"""The translators' workflow on a small book: nothing is lost, broken translations are caught,
readers see what is not translated yet. Templates come from an in-process gettext build; the
catalog tools (``sdbook.intl``) run in-process on the book's ``locale/``."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from sdbook.catalogs import read_catalog, write_if_changed
from sdbook.intl import check as intl_check
from sdbook.intl import update as intl_update
from sdbook.project import Project

ROOTS = Path(__file__).resolve().parents[1] / 'roots'


class Result:
    def __init__(self, returncode: int, stdout: str, stderr: str):
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


@pytest.fixture
def book(tmp_path: Path) -> Path:
    src = tmp_path / 'book'
    shutil.copytree(ROOTS / 'test-intl', src)
    return src


@pytest.fixture
def update(make_app, capsys):
    """`make gettext` then `make intl-update` on the book, in-process."""
    def run(book: Path) -> Result:
        builddir = book / '_gettext'
        shutil.rmtree(builddir, ignore_errors=True)  # templates of removed pages must not linger
        app = make_app('gettext', srcdir=book, builddir=builddir)
        app.build()
        app.cleanup()  # the next application of the test starts from a clean global state
        pot = Path(app.outdir)
        capsys.readouterr()
        code = intl_update.update(_project(book), 'en', pot, [])
        out = capsys.readouterr()
        return Result(code, out.out, out.err)
    return run


@pytest.fixture
def check(capsys):
    def run(book: Path, *docnames: str) -> Result:
        capsys.readouterr()
        code = intl_check.main(_project(book), 'en', list(docnames), glossary=book / 'none.yaml')
        out = capsys.readouterr()
        return Result(code, out.out, out.err)
    return run


def _project(book: Path) -> Project:
    return Project(book, source_dir=book, locale_dir=book / 'locale')


def po(book: Path, docname: str) -> str:
    return (book / 'locale' / 'en' / 'LC_MESSAGES' / f'{docname}.po').read_text(encoding='utf-8')


# -- Nothing is lost ----------------------------------------------------------------------


def test_update_creates_catalogs_and_keeps_translations(book, update):
    result = update(book)
    assert result.returncode == 0, result.stderr
    text = po(book, 'index')
    assert 'msgstr "Home"' in text
    assert 'The second paragraph explains what `--medvram` does.' in text
    assert (book / 'locale' / 'en' / 'LC_MESSAGES' / 'page.po').exists()


def test_translator_note_in_the_source_reaches_the_catalog(book, update):
    update(book)
    text = po(book, 'page')
    assert '#. 「炼丹」是社区对训练模型的戏称，译作 training 即可。\nmsgid "炼丹需要耐心。"' in text


def test_second_update_changes_nothing(book, update):
    update(book)
    before = {p: p.read_bytes() for p in (book / 'locale').rglob('*.po')}
    result = update(book)
    assert 'intl update: 0 catalog(s) changed' in result.stdout
    assert {p: p.read_bytes() for p in (book / 'locale').rglob('*.po')} == before


def test_changed_paragraph_keeps_its_translation_as_fuzzy(book, update):
    update(book)
    page = book / 'index.md'
    page.write_text(page.read_text(encoding='utf-8').replace('参数的作用', '参数的作用和代价'), encoding='utf-8')
    update(book)
    text = po(book, 'index')
    entry = text[text.index('#, fuzzy'):]
    assert entry.startswith('#, fuzzy\nmsgid "第二段讲 `--medvram` 参数的作用和代价。"')
    assert 'msgstr "The second paragraph explains what `--medvram` does."' in entry


def test_removed_paragraph_stays_as_obsolete(book, update):
    update(book)
    page = book / 'index.md'
    page.write_text(page.read_text(encoding='utf-8').replace('第三段会被删除。\n', ''), encoding='utf-8')
    update(book)
    text = po(book, 'index')
    assert '#~ msgid "第三段会被删除。"' in text
    assert '#~ msgstr "The third paragraph will be removed."' in text


def test_paragraph_that_comes_back_is_live_once_with_its_translation(book, update, check):
    update(book)
    page = book / 'index.md'
    original = page.read_text(encoding='utf-8')
    page.write_text(original.replace('第三段会被删除。\n', ''), encoding='utf-8')
    update(book)
    page.write_text(original, encoding='utf-8')
    update(book)
    text = po(book, 'index')
    assert '#~ msgid "第三段会被删除。"' not in text
    assert 'msgid "第三段会被删除。"\nmsgstr "The third paragraph will be removed."' in text
    assert check(book, 'index').returncode == 0


def test_exact_translation_elsewhere_replaces_a_fuzzy_guess(book, update):
    update(book)
    _translate(book, 'page', '它有两段。', 'A guess')
    path = book / 'locale' / 'en' / 'LC_MESSAGES' / 'page.po'
    path.write_text(path.read_text(encoding='utf-8').replace('msgid "它有两段。"', '#, fuzzy\nmsgid "它有两段。"'),
                    encoding='utf-8')
    index = book / 'locale' / 'en' / 'LC_MESSAGES' / 'index.po'
    index.write_text(index.read_text(encoding='utf-8') + '\n#~ msgid "它有两段。"\n#~ msgstr "It has two paragraphs."\n',
                     encoding='utf-8')
    update(book)
    assert re.search(r'(?<!fuzzy\n)msgid "它有两段。"\nmsgstr "It has two paragraphs."', po(book, 'page'))


def test_moved_page_takes_its_translations_along(book, update):
    update(book)
    (book / 'index.md').rename(book / 'home.md')
    conf = book / 'conf.py'
    conf.write_text(conf.read_text(encoding='utf-8') + "root_doc = 'home'\n", encoding='utf-8')
    result = update(book)
    assert result.returncode == 0, result.stderr
    moved = po(book, 'home')
    assert re.search(r'msgid "首页"\nmsgstr "Home"', moved)
    assert '#, fuzzy' not in moved
    # The old catalog is removed only because every translation lives on in the new one.
    assert not (book / 'locale' / 'en' / 'LC_MESSAGES' / 'index.po').exists()
    assert 'removed locale/en/LC_MESSAGES/index.po' in result.stdout or 'index.po' in result.stdout


def test_orphan_catalog_with_unique_translations_is_kept(book, update):
    update(book)
    extra = book / 'locale' / 'en' / 'LC_MESSAGES' / 'gone.po'
    extra.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
                     'msgid "只在这里"\nmsgstr "Only here"\n', encoding='utf-8')
    result = update(book)
    assert extra.exists()
    assert "gone.po:1: warning: no page 'gone' any more; 1 translation(s) exist only here" in result.stderr


# -- Broken translations are caught -------------------------------------------------------


def _translate(book: Path, docname: str, msgid: str, msgstr: str) -> None:
    """Set one translation the way a PO editor would."""
    path = book / 'locale' / 'en' / 'LC_MESSAGES' / f'{docname}.po'
    catalog = read_catalog(path)
    assert catalog.get(msgid) is not None, msgid
    catalog.get(msgid).string = msgstr
    write_if_changed(path, catalog)


def _line_of(book: Path, docname: str, msgid: str) -> int:
    return read_catalog(book / 'locale' / 'en' / 'LC_MESSAGES' / f'{docname}.po').get(msgid).lineno


def test_clean_catalog_passes_the_check(book, update, check):
    update(book)
    result = check(book, 'index')
    assert result.returncode == 0, result.stdout


def test_changed_link_target_is_an_error_with_file_and_line(book, update, check):
    update(book)
    msgid = '第一段介绍本书，参见 [官网](https://example.org/home)。'
    _translate(book, 'index', msgid, 'The first paragraph; see [the website](https://example.org/elsewhere).')
    result = check(book, 'index')
    assert result.returncode == 1
    line = _line_of(book, 'index', msgid)
    assert (f'index.po:{line}: error: link target differs: missing https://example.org/home; '
            'unexpected https://example.org/elsewhere') in result.stdout


def test_dropped_inline_code_is_an_error(book, update, check):
    update(book)
    msgid = '第二段讲 `--medvram` 参数的作用。'
    _translate(book, 'index', msgid, 'The second paragraph explains the medvram option.')
    result = check(book, 'index')
    assert result.returncode == 1
    line = _line_of(book, 'index', msgid)
    assert f'index.po:{line}: error: inline code differs: missing --medvram' in result.stdout


def test_untranslated_page_is_an_error_unless_in_progress(book, update, check):
    update(book)
    result = check(book, 'page')
    assert result.returncode == 1
    assert "error: untranslated: '另一页'" in result.stdout
    (book / 'locale' / 'en' / 'IN_PROGRESS').write_text('page\n', encoding='utf-8')
    assert check(book, 'page').returncode == 0


def test_chinese_left_in_a_translation_is_an_error(book, update, check):
    update(book)
    _translate(book, 'index', '首页', 'Home 首页')
    result = check(book, 'index')
    assert result.returncode == 1
    assert 'error: Chinese left in the translation: 首页' in result.stdout


def test_catalog_that_does_not_compile_is_an_error(book, update, check):
    update(book)
    path = book / 'locale' / 'en' / 'LC_MESSAGES' / 'index.po'
    path.write_text(path.read_text(encoding='utf-8') + '\nmsgid "未闭合\nmsgstr ""\n', encoding='utf-8')
    result = check(book, 'index')
    assert result.returncode == 1
    assert re.search(r'index\.po:\d+: error: ', result.stdout)


# -- Readers see the state ----------------------------------------------------------------


def test_english_build_marks_untranslated_page_and_not_complete_one(book, update, make_app):
    update(book)
    app = make_app('html', srcdir=book, confoverrides={'language': 'en'}, freshenv=True)
    app.build()
    assert app.warning.getvalue() == ''
    home = (Path(app.outdir) / 'index.html').read_text(encoding='utf-8')
    page = (Path(app.outdir) / 'page.html').read_text(encoding='utf-8')
    assert 'sdbook-translation-notice' not in home
    assert 'sdbook-untranslated' not in home
    assert 'sdbook-translation-notice' in page
    assert '0% of this page is translated' in page
    assert 'https://example.org/book/blob/main/locale/en/LC_MESSAGES/page.po' in page
    assert re.search(r'<p class="sdbook-untranslated" lang="zh-CN">这一页还没有人翻译。</p>', page)
