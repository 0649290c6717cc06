"""The translators' workflow on a small book: nothing is lost, broken translations are caught,
readers see what is not translated yet. Plus: the real book's catalogs are up to date and clean."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sphinxrun import sphinx_build

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / 'tools' / 'intl.py'
ROOTS = Path(__file__).parent / 'roots'


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True)


def sphinx(src: Path, builder: str, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return sphinx_build(src, out, *extra, builder=builder)


@pytest.fixture
def book(tmp_path: Path) -> Path:
    src = tmp_path / 'book'
    shutil.copytree(ROOTS / 'test-intl', src)
    return src


def update(book: Path) -> subprocess.CompletedProcess:
    pot = book / '_pot'
    shutil.rmtree(pot, ignore_errors=True)
    result = sphinx(book, 'gettext', pot)
    assert result.returncode == 0, result.stderr
    return run(str(TOOLS), '--locale-dir', str(book / 'locale'), '--source-dir', str(book), 'update', '--pot', str(pot))


def po(book: Path, docname: str) -> str:
    return (book / 'locale' / 'en' / 'LC_MESSAGES' / f'{docname}.po').read_text(encoding='utf-8')


def check(book: Path, *docnames: str) -> subprocess.CompletedProcess:
    return run(str(TOOLS), '--locale-dir', str(book / 'locale'), '--glossary', str(book / 'none.yaml'),
               'check', *docnames)


# -- Nothing is lost ----------------------------------------------------------------------


def test_update_creates_catalogs_and_keeps_translations(book):
    result = update(book)
    assert result.returncode == 0, result.stderr
    text = po(book, 'index')
    assert 'msgstr "Home"' in text
    assert 'The second paragraph explains what `--medvram` does.' in text
    assert (book / 'locale' / 'en' / 'LC_MESSAGES' / 'page.po').exists()


def test_translator_note_in_the_source_reaches_the_catalog(book):
    update(book)
    text = po(book, 'page')
    assert '#. 「炼丹」是社区对训练模型的戏称，译作 training 即可。\nmsgid "炼丹需要耐心。"' in text


def test_second_update_changes_nothing(book):
    update(book)
    before = {p: p.read_bytes() for p in (book / 'locale').rglob('*.po')}
    result = update(book)
    assert 'intl update: 0 catalog(s) changed' in result.stdout
    assert {p: p.read_bytes() for p in (book / 'locale').rglob('*.po')} == before


def test_changed_paragraph_keeps_its_translation_as_fuzzy(book):
    update(book)
    page = book / 'index.md'
    page.write_text(page.read_text(encoding='utf-8').replace('参数的作用', '参数的作用和代价'), encoding='utf-8')
    update(book)
    text = po(book, 'index')
    entry = text[text.index('#, fuzzy'):]
    assert entry.startswith('#, fuzzy\nmsgid "第二段讲 `--medvram` 参数的作用和代价。"')
    assert 'msgstr "The second paragraph explains what `--medvram` does."' in entry


def test_removed_paragraph_stays_as_obsolete(book):
    update(book)
    page = book / 'index.md'
    page.write_text(page.read_text(encoding='utf-8').replace('第三段会被删除。\n', ''), encoding='utf-8')
    update(book)
    text = po(book, 'index')
    assert '#~ msgid "第三段会被删除。"' in text
    assert '#~ msgstr "The third paragraph will be removed."' in text


def test_paragraph_that_comes_back_is_live_once_with_its_translation(book):
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


def test_exact_translation_elsewhere_replaces_a_fuzzy_guess(book):
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


def test_moved_page_takes_its_translations_along(book):
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


def test_orphan_catalog_with_unique_translations_is_kept(book):
    update(book)
    extra = book / 'locale' / 'en' / 'LC_MESSAGES' / 'gone.po'
    extra.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
                     'msgid "只在这里"\nmsgstr "Only here"\n', encoding='utf-8')
    result = update(book)
    assert extra.exists()
    assert "gone.po:1: warning: no page 'gone' any more; 1 translation(s) exist only here" in result.stderr


# -- Broken translations are caught -------------------------------------------------------


def _translate(book: Path, docname: str, msgid: str, msgstr: str) -> None:
    """Set one translation the way a PO editor would (babel reads and writes the file)."""
    from babel.messages.pofile import read_po, write_po
    path = book / 'locale' / 'en' / 'LC_MESSAGES' / f'{docname}.po'
    with path.open('rb') as handle:
        catalog = read_po(handle)
    assert catalog.get(msgid) is not None, msgid
    catalog.get(msgid).string = msgstr
    with path.open('wb') as handle:
        write_po(handle, catalog, width=79)


def _line_of(book: Path, docname: str, msgid: str) -> int:
    from babel.messages.pofile import read_po
    with (book / 'locale' / 'en' / 'LC_MESSAGES' / f'{docname}.po').open('rb') as handle:
        return read_po(handle).get(msgid).lineno


def test_clean_catalog_passes_the_check(book):
    update(book)
    result = check(book, 'index')
    assert result.returncode == 0, result.stdout


def test_changed_link_target_is_an_error_with_file_and_line(book):
    update(book)
    msgid = '第一段介绍本书，参见 [官网](https://example.org/home)。'
    _translate(book, 'index', msgid, 'The first paragraph; see [the website](https://example.org/elsewhere).')
    result = check(book, 'index')
    assert result.returncode == 1
    line = _line_of(book, 'index', msgid)
    assert (f'index.po:{line}: error: link target differs: missing https://example.org/home; '
            'unexpected https://example.org/elsewhere') in result.stdout


def test_dropped_inline_code_is_an_error(book):
    update(book)
    msgid = '第二段讲 `--medvram` 参数的作用。'
    _translate(book, 'index', msgid, 'The second paragraph explains the medvram option.')
    result = check(book, 'index')
    assert result.returncode == 1
    line = _line_of(book, 'index', msgid)
    assert f'index.po:{line}: error: inline code differs: missing --medvram' in result.stdout


def test_untranslated_page_is_an_error_unless_in_progress(book):
    update(book)
    result = check(book, 'page')
    assert result.returncode == 1
    assert "error: untranslated: '另一页'" in result.stdout
    (book / 'locale' / 'en' / 'IN_PROGRESS').write_text('page\n', encoding='utf-8')
    assert check(book, 'page').returncode == 0


def test_chinese_left_in_a_translation_is_an_error(book):
    update(book)
    _translate(book, 'index', '首页', 'Home 首页')
    result = check(book, 'index')
    assert result.returncode == 1
    assert 'error: Chinese left in the translation: 首页' in result.stdout


def test_catalog_that_does_not_compile_is_an_error(book):
    update(book)
    path = book / 'locale' / 'en' / 'LC_MESSAGES' / 'index.po'
    path.write_text(path.read_text(encoding='utf-8') + '\nmsgid "未闭合\nmsgstr ""\n', encoding='utf-8')
    result = check(book, 'index')
    assert result.returncode == 1
    assert re.search(r'index\.po:\d+: error: ', result.stdout)


# -- Readers see the state ----------------------------------------------------------------


def test_english_build_marks_untranslated_page_and_not_complete_one(book, tmp_path):
    update(book)
    out = tmp_path / 'html'
    result = sphinx(book, 'html', out, '-D', 'language=en')
    assert result.returncode == 0, result.stderr
    home = (out / 'index.html').read_text(encoding='utf-8')
    page = (out / 'page.html').read_text(encoding='utf-8')
    assert 'sdbook-translation-notice' not in home
    assert 'sdbook-untranslated' not in home
    assert 'sdbook-translation-notice' in page
    assert '0% of this page is translated' in page
    assert 'https://example.org/book/blob/main/locale/en/LC_MESSAGES/page.po' in page
    assert re.search(r'<p class="sdbook-untranslated" lang="zh-CN">这一页还没有人翻译。</p>', page)


# -- The real book --------------------------------------------------------------------------


def test_real_catalogs_are_up_to_date(tmp_path):
    """`make gettext` + `make intl-update` on the committed tree would change nothing."""
    pot = tmp_path / 'gettext'
    build = sphinx_build(ROOT / 'source', pot, '-j', 'auto', '-c', str(ROOT), '-d', str(tmp_path / 'doctrees'),
                         builder='gettext', env={'SDBOOK_LANG': 'zh_CN', 'PATH': '/usr/bin:/bin'})
    assert build.returncode == 0, build.stderr
    locale = tmp_path / 'locale'
    shutil.copytree(ROOT / 'locale', locale, ignore=shutil.ignore_patterns('*.mo'))
    result = run(str(TOOLS), '--locale-dir', str(locale), 'update', '--pot', str(pot))
    assert result.returncode == 0, result.stderr
    assert 'intl update: 0 catalog(s) changed' in result.stdout, result.stdout


def test_real_catalogs_pass_the_check():
    result = run(str(TOOLS), 'check')
    assert result.returncode == 0, result.stdout[-3000:]


def test_notice_and_marking_are_visible_in_a_browser(book, tmp_path):
    """A partly translated page in the book's theme, as a reader sees it (screenshot kept)."""
    chromium = shutil.which('chromium')
    if not chromium:
        pytest.skip('Chromium is not installed (`make browser` installs Debian\'s chromium)')
    from playwright.sync_api import sync_playwright
    conf = book / 'conf.py'
    conf.write_text(conf.read_text(encoding='utf-8') + (
        "html_theme = 'sphinx_book_theme'\n"
        f"html_static_path = [{str(ROOT / 'source' / '_static')!r}]\n"
        "html_css_files = ['sdbook.css']\n"), encoding='utf-8')
    update(book)
    out = tmp_path / 'html'
    assert sphinx(book, 'html', out, '-D', 'language=en').returncode == 0
    artifacts = ROOT / 'tests' / 'artifacts'
    artifacts.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=[
            '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
            '--disable-component-update', '--disable-sync', '--no-first-run'])
        page = browser.new_page(viewport={'width': 1100, 'height': 800})
        page.goto((out / 'page.html').as_uri())
        notice = page.locator('.sdbook-translation-notice')
        assert notice.is_visible()
        assert 'not fully translated' in notice.inner_text()
        marked = page.locator('p.sdbook-untranslated').first
        normal = page.locator('.sdbook-translation-notice p').first
        style = 'el => getComputedStyle(el).backgroundColor'
        assert marked.evaluate(style) != normal.evaluate(style)
        page.screenshot(path=str(artifacts / 'translation-notice.png'), full_page=True)
        browser.close()
