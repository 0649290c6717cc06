"""The built book in a real browser: Debian's headless Chromium driven by Playwright.

The site `make book` produced (the ``book_builddir`` fixture) is served on 127.0.0.1 by
``http.server`` in a thread. These tests read what a reader sees: the language switcher, the
search results, the downloads, every request a page makes, and dark mode.
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
import zipfile
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

CHROMIUM = shutil.which('chromium') or '/usr/bin/chromium'
if not Path(CHROMIUM).exists():
    pytest.skip('Chromium is not installed (`make browser` installs Debian\'s chromium)', allow_module_level=True)

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402

from sdbook.editions import EDITIONS as ALL_EDITIONS  # noqa: E402

ARTIFACTS = Path(__file__).resolve().parents[1] / 'artifacts'
FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--no-first-run']
EDITIONS = {code: edition.html_lang for code, edition in ALL_EDITIONS.items()}
CONTENT_TYPES = {'.pdf': 'application/pdf', '.epub': 'application/epub+zip', '.zip': 'application/zip'}

# WCAG 2.x contrast of an element's text against the background it is painted on.
CONTRAST_JS = """
(els) => {
  const parse = c => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const lum = ([r, g, b]) => {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const over = ([r, g, b, a], base) =>
    [r * a + base[0] * (1 - a), g * a + base[1] * (1 - a), b * a + base[2] * (1 - a)];
  const background = el => { const layers = [];
    for (let e = el; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; } }
    let base = [255, 255, 255];
    for (let i = layers.length - 1; i >= 0; i--) base = over(layers[i], base);
    return base; };
  return els.filter(el => el.offsetParent !== null && el.textContent.trim()).map(el => {
    const fg = parse(getComputedStyle(el).color); const bg = background(el);
    const a = lum(over(fg, bg)), b = lum(bg);
    return {text: el.textContent.trim().slice(0, 40), ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)};
  });
}
"""


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **CONTENT_TYPES}

    def log_message(self, *args):
        pass


@pytest.fixture(scope='module')
def site(book_builddir) -> str:
    server = http.server.ThreadingHTTPServer(
        ('127.0.0.1', 0), functools.partial(_Handler, directory=str(book_builddir / 'html')))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f'http://127.0.0.1:{server.server_address[1]}'
    server.shutdown()


@pytest.fixture(scope='module')
def browser() -> Browser:
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, site) -> Page:
    context = browser.new_context(viewport={'width': 1280, 'height': 900}, locale='en-US')
    page = context.new_page()
    page.requests = []
    page.on('request', lambda request: page.requests.append(request.url))
    yield page
    context.close()


def foreign(urls: list[str]) -> list[str]:
    return [url for url in urls if urlsplit(url).scheme not in ('data', 'blob', 'about')
            and urlsplit(url).hostname != '127.0.0.1']


@pytest.mark.parametrize('edition, other', [(a, b) for a in EDITIONS for b in EDITIONS if a != b])
def test_switcher_keeps_the_page_and_works_from_the_keyboard(page, site, edition, other):
    page.goto(f'{site}/{edition}/install/webui.html')
    link = page.locator(f'.sdbook-editions a.sdbook-edition[hreflang="{EDITIONS[other]}"]')
    link.focus()
    page.keyboard.press('Enter')
    page.wait_for_url(f'{site}/{other}/install/webui.html')
    assert page.locator('html').get_attribute('lang') == EDITIONS[other]


@pytest.mark.parametrize('edition, query, expected', [
    ('zh_CN', '显存不足', {'config/errors', 'install/errors', 'config/performance'}),
    ('zh_CN', '局部重绘', {'paint/img2img'}),
    ('en', 'out of memory', {'config/errors', 'install/errors', 'config/performance', 'config/gpu'}),
    ('en', 'negative prompt', {'paint/prompts', 'paint/txt2img'}),
    # Readers' words and questions (source/_data/search-terms.yaml rewrites them).
    ('zh_CN', '高清修复', {'paint/txt2img', 'config/parameters'}),
    ('zh_CN', 'A卡能用吗', {'config/gpu', 'prepare/hardware'}),
    ('zh_CN', '炼丹', {'train/index', 'train/lora'}),
    ('en', 'hires fix', {'paint/txt2img', 'config/parameters'}),
])
def test_search_from_the_keyboard_finds_the_page(page, site, edition, query, expected):
    page.goto(f'{site}/{edition}/index.html')
    page.keyboard.press('Control+k')                      # the theme's search dialog
    field = page.locator('#pst-search-dialog input[name="q"]')
    field.wait_for(state='visible')
    field.fill(query)
    field.press('Enter')
    page.wait_for_url(re.compile(r'/search\.html\?q='))
    page.locator('a.pagefind-ui__result-link').first.wait_for(timeout=15_000)
    hrefs = page.eval_on_selector_all('a.pagefind-ui__result-link', 'els => els.map(e => e.href)')
    names = [re.sub(r'^/' + edition + r'/|\.html$', '', urlsplit(h).path) for h in hrefs]
    assert all(urlsplit(h).path.startswith(f'/{edition}/') for h in hrefs), 'results from another edition'
    assert expected & set(names[:3]), f'{query!r}: {names}'
    assert page.locator('#sdbook-search input').input_value() == query  # rewritten for the index, not in the box
    assert not foreign(page.requests)


def test_search_lists_only_pages_of_its_own_language(page, site):
    page.goto(f'{site}/en/search.html?q={quote("LoRA")}')
    page.locator('a.pagefind-ui__result-link').first.wait_for(timeout=15_000)
    hrefs = page.eval_on_selector_all('a.pagefind-ui__result-link', 'els => els.map(e => e.href)')
    assert hrefs and all('/en/' in h for h in hrefs)


@pytest.mark.parametrize('edition', EDITIONS)
def test_download_links_answer_with_the_right_files(page, site, edition):
    page.goto(f'{site}/{edition}/start/index.html')
    links = page.locator('.sdbook-downloads a')
    hrefs = links.evaluate_all('els => els.map(e => e.href)')
    assert [Path(urlsplit(h).path).suffix for h in hrefs] == ['.pdf', '.epub', '.zip']
    for href in hrefs:
        response = page.request.get(href)
        suffix = Path(urlsplit(href).path).suffix
        assert response.status == 200, href
        assert response.headers['content-type'] == CONTENT_TYPES[suffix], href
        body = response.body()
        if suffix == '.pdf':
            assert body.startswith(b'%PDF-')
        else:
            assert body.startswith(b'PK')
        if suffix == '.epub':
            assert body[30:58] == b'mimetypeapplication/epub+zip'


@pytest.mark.parametrize('edition', EDITIONS)
def test_offline_archive_holds_the_edition_with_its_search_index(book_builddir, edition):
    archives = list((book_builddir / 'html' / 'downloads').glob(f'StableDiffusionBook-{edition}-*-html.zip'))
    assert len(archives) == 1
    names = set(zipfile.ZipFile(archives[0]).namelist())
    assert {f'{edition}/index.html', f'{edition}/search.html', f'{edition}/pagefind/pagefind.js'} <= names


def test_no_request_leaves_the_machine(page, site):
    for path in ['/index.html', '/zh_CN/index.html', '/en/index.html', '/en/install/webui.html',
                 '/zh_CN/config/parameters.html', f'/zh_CN/search.html?q={quote("采样器")}', '/en/404.html']:
        page.goto(site + path)
        page.wait_for_load_state('networkidle')
    assert page.requests and not foreign(page.requests)


def test_copy_button_leaves_out_the_prompts(browser, site):
    context = browser.new_context(permissions=['clipboard-read', 'clipboard-write'])
    page = context.new_page()
    page.goto(f'{site}/en/install/webui.html')
    block = page.locator('div.highlight:has(span.gp)').first
    block.hover()
    block.locator('button.copybtn').click()
    copied = page.evaluate('navigator.clipboard.readText()')
    context.close()
    assert copied.strip()
    assert not [line for line in copied.splitlines() if line.startswith(('$ ', '>>> '))], copied


@pytest.mark.parametrize('theme', ['light', 'dark'])
def test_link_table_and_custom_elements_are_readable(browser, site, theme):
    context = browser.new_context(viewport={'width': 1280, 'height': 900}, color_scheme=theme)
    page = context.new_page()
    page.add_init_script(f'localStorage.setItem("theme", "{theme}")')
    checked = []
    for path in ['/en/start/index.html', '/en/config/parameters.html', '/zh_CN/install/index.html', '/en/index.html']:
        page.goto(site + path)
        assert page.locator('html').get_attribute('data-theme') == theme
        selector = ('table.sdbook-linktable a, table.sdbook-linktable td, .sdbook-platform, .sdbook-link-status, '
                    '.sdbook-editions a, .sdbook-editions span, .sdbook-gencard dt, .sdbook-gencard-hint, '
                    '.sdbook-flow li, .sdbook-untranslated, .sdbook-translation-notice p, .sdbook-search')
        checked += page.locator(selector).evaluate_all(CONTRAST_JS)
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(f'{site}/en/start/index.html')
    table = page.locator('table.sdbook-linktable').first
    table.scroll_into_view_if_needed()
    table.screenshot(path=str(ARTIFACTS / f'linktable-{theme}.png'))
    context.close()
    assert len(checked) > 20
    low = [item for item in checked if item['ratio'] < 4.5]
    assert not low, low[:10]


def test_theme_icons_render_without_fontawesome_js(page, site):
    """The book drops the theme's fontawesome.js (1.5 MB): its icons must still come from the web fonts."""
    page.goto(f'{site}/en/install/webui.html')
    page.wait_for_load_state('networkidle')
    assert not [url for url in page.requests if 'fontawesome.js' in url]
    icons = page.locator('.article-header-buttons i.fa-brands, .article-header-buttons i.fa-solid, '
                         '.theme-switch-button i').evaluate_all(
        'els => els.filter(e => e.offsetParent !== null).map(e => [getComputedStyle(e, "::before").content,'
        ' getComputedStyle(e).fontFamily, e.getBoundingClientRect().width])')
    assert icons
    for content, family, width in icons:
        assert content not in ('none', 'normal', '""') and 'Font Awesome' in family and width > 0, icons


@pytest.mark.parametrize('locale, edition', [('zh-CN', 'zh_CN'), ('en-US', 'en')])
def test_root_page_sends_the_reader_to_their_language(browser, site, locale, edition):
    context = browser.new_context(locale=locale)
    page = context.new_page()
    page.goto(f'{site}/index.html')
    page.wait_for_url(f'{site}/{edition}/index.html')
    context.close()


@pytest.mark.parametrize('edition', EDITIONS)
def test_no_page_scrolls_sideways_on_a_phone(browser, site, book_builddir, edition):
    """390 px wide (a common phone): long paths, URLs and options wrap; wide tables and
    figures scroll inside their own box, never the page."""
    context = browser.new_context(viewport={'width': 390, 'height': 844})
    page = context.new_page()
    base = book_builddir / 'html'
    wide = []
    for path in sorted((base / edition).rglob('*.html')):
        if {'_static', 'pagefind'} & set(path.parts):
            continue
        page.goto(f'{site}/{path.relative_to(base).as_posix()}')
        width = page.evaluate('document.documentElement.scrollWidth')
        if width > 391:
            wide.append((path.relative_to(base).as_posix(), width))
    context.close()
    assert wide == []


def _axe_script() -> str:
    from importlib.resources import files

    return (files('axe_playwright_python') / 'axe.min.js').read_text(encoding='utf-8')


# Pages with every kind of element the book has (tabs, link tables, figures, cards, search).
DARK_PAGES = ['index.html', 'search.html', 'install/network.html', 'install/webui.html', 'train/merging.html',
              'config/parameters.html', 'reference/links.html', 'paint/practical.html']


@pytest.mark.parametrize('edition', EDITIONS)
def test_no_serious_accessibility_violation(browser, site, book_builddir, edition):
    """axe-core on every page in the light theme, and on pages of every kind in the dark one:
    no serious or critical violation."""
    axe = _axe_script()
    context = browser.new_context(viewport={'width': 1280, 'height': 900})
    page = context.new_page()
    base = book_builddir / 'html'
    pages = [(p.relative_to(base / edition).as_posix(), 'light') for p in sorted((base / edition).rglob('*.html'))
             if not {'_static', 'pagefind'} & set(p.parts)]
    pages += [(name, 'dark') for name in DARK_PAGES]
    found = []
    for name, theme in pages:
        page.goto(f'{site}/{edition}/{name}')
        if theme == 'dark':
            page.evaluate("document.documentElement.dataset.theme = 'dark'")
            page.wait_for_timeout(400)  # the theme's colour transitions
        page.add_script_tag(content=axe)
        violations = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                                   ".filter(v => ['serious', 'critical'].includes(v.impact))"
                                   ".map(v => v.id + ': ' + v.nodes[0].target.join(' '))")
        found += [f'{name} ({theme}) {v}' for v in violations]
    context.close()
    assert found == []
