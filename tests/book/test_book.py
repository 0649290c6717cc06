"""The real book: both editions in HTML and PDF, built once per run by `make book`."""

from __future__ import annotations

import html
import os
import re
import subprocess
import zlib
from pathlib import Path

import pytest
from pdflayout import pdf_beyond_margins, pdf_hyphenated_names
from PIL import Image
from testvenv import VENV

from sdbook.build import STRICT_ARGS
from sdbook.cjk import HAN_CHAR
from sdbook.editions import EDITIONS as ALL_EDITIONS

ROOT = Path(__file__).resolve().parents[2]
SEED_LINKS = [line.split(' -> ')[-1] for line in (ROOT / 'tests' / 'data' / 'seed_links.txt').read_text().split('\n')
              if line and not line.startswith('#')]
EDITIONS = {code: edition.html_lang for code, edition in ALL_EDITIONS.items()}
CJK = HAN_CHAR
SKIP_PAGES = {'search.html', 'genindex.html'}


def pages(builddir: Path, edition: str) -> dict[str, Path]:
    base = builddir / 'html' / edition
    return {p.relative_to(base).as_posix(): p for p in base.rglob('*.html')
            if '_static' not in p.parts and p.name not in SKIP_PAGES}


def target_of(builddir: Path, page: Path, href: str) -> Path:
    """Where a link leads in the built site: relative to the page, or (the 404 page's links,
    which must work at any address) absolute from the site's root."""
    if href.startswith('/'):
        return (builddir / 'html' / href.lstrip('/')).resolve()
    return (page.parent / href).resolve()


def main_text(page: Path) -> str:
    """The article text of a page, without navigation, scripts and code."""
    text = page.read_text(encoding='utf-8')
    start, end = text.find('<article'), text.rfind('</article>')
    body = text[start:end] if start >= 0 else text
    body = re.sub(r'<(script|style|pre)\b.*?</\1>', ' ', body, flags=re.S)
    return html.unescape(re.sub(r'<[^>]+>', ' ', body))


def test_both_editions_have_the_same_pages(book_builddir):
    zh, en = pages(book_builddir, 'zh_CN'), pages(book_builddir, 'en')
    assert len(zh) >= 40
    assert sorted(zh) == sorted(en)


@pytest.mark.parametrize('edition', EDITIONS)
def test_html_lang_is_right_on_every_page(book_builddir, edition):
    for name, page in pages(book_builddir, edition).items():
        head = page.read_text(encoding='utf-8')[:300]
        assert f'<html lang="{EDITIONS[edition]}"' in head, name


def test_english_edition_is_in_english(book_builddir):
    en_home = (book_builddir / 'html' / 'en' / 'start' / 'index.html').read_text(encoding='utf-8')
    zh_home = (book_builddir / 'html' / 'zh_CN' / 'start' / 'index.html').read_text(encoding='utf-8')
    assert re.search(r'<h1>Start here', en_home)
    assert re.search(r'<h1>起步于此', zh_home)
    # Across the whole English edition, Chinese is the exception (names, quoted UI labels).
    total = cjk = 0
    for page in pages(book_builddir, 'en').values():
        text = main_text(page)
        total += len(text)
        cjk += len(CJK.findall(text))
    assert total > 200_000
    assert cjk / total < 0.03, f'{cjk} Chinese characters in {total}'


@pytest.mark.parametrize('edition', EDITIONS)
def test_switcher_leads_to_the_same_page_in_the_other_edition(book_builddir, edition):
    other = 'en' if edition == 'zh_CN' else 'zh_CN'
    for name, page in pages(book_builddir, edition).items():
        text = page.read_text(encoding='utf-8')
        links = re.findall(r'<a class="sdbook-edition" href="([^"]+)" hreflang="([^"]+)"', text)
        assert [lang for _, lang in links] == [EDITIONS[other]], name
        target = target_of(book_builddir, page, links[0][0])
        assert target == (book_builddir / 'html' / other / name).resolve(), name
        assert target.is_file(), name


@pytest.mark.parametrize('edition', EDITIONS)
def test_every_page_links_its_pdf(book_builddir, edition):
    for name, page in pages(book_builddir, edition).items():
        hrefs = re.findall(r'<a class="sdbook-download" href="([^"]+)"', page.read_text(encoding='utf-8'))
        assert len(hrefs) == 1, name
        target = target_of(book_builddir, page, hrefs[0])
        assert target.name == f'StableDiffusionBook-{edition}.pdf'
        assert target.is_file(), name


@pytest.mark.parametrize('edition', EDITIONS)
def test_404_page_links_only_by_absolute_paths(book_builddir, edition):
    """Served at any address, the 404 page may not use a relative link to a page of the book."""
    text = (book_builddir / 'html' / edition / '404.html').read_text(encoding='utf-8')
    article = text[text.index('<article'):text.index('</article>')]
    hrefs = [h for h in re.findall(r'href="([^"#][^"]*)"', article) if not re.match(r'https?://', h)]
    assert hrefs and all(h.startswith('/') for h in hrefs), hrefs
    for href in hrefs:
        assert (book_builddir / 'html' / href.lstrip('/').split('#')[0]).is_file(), href


def test_root_page_offers_both_editions(book_builddir):
    text = (book_builddir / 'html' / 'index.html').read_text(encoding='utf-8')
    assert 'href="zh_CN/index.html"' in text and 'href="en/index.html"' in text


@pytest.mark.parametrize('edition', EDITIONS)
def test_every_seed_link_is_on_the_home_page(book_builddir, edition):
    text = (book_builddir / 'html' / edition / 'start' / 'index.html').read_text(encoding='utf-8')
    missing = [url for url in SEED_LINKS if f'href="{html.escape(url)}"' not in text]
    assert not missing


def test_conf_refuses_language_without_edition(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != 'SDBOOK_LANG'}
    result = subprocess.run([str(VENV / 'bin' / 'sphinx-build'), '-q', '-c', str(ROOT), '-D', 'language=en',
                             '-b', 'html', str(ROOT / 'source'), str(tmp_path)], capture_output=True, text=True, env=env)
    assert result.returncode != 0
    assert "SDBOOK_LANG selects 'zh_CN'" in result.stderr


# -- PDF ----------------------------------------------------------------------------------


def pdf(builddir: Path, edition: str) -> Path:
    return builddir / 'pdf' / f'StableDiffusionBook-{edition}.pdf'


def pdf_objects(path: Path) -> bytes:
    """The PDF's bytes with every compressed stream inflated (objects live in object streams)."""
    raw = path.read_bytes()
    parts = [raw]
    for match in re.finditer(rb'stream\r?\n', raw):
        start = match.end()
        end = raw.find(b'endstream', start)
        try:
            parts.append(zlib.decompress(raw[start:end]))
        except zlib.error:
            continue
    return b'\n'.join(parts)


@pytest.mark.parametrize('edition', EDITIONS)
def test_pdf_has_chinese_text_bookmarks_and_metadata(book_builddir, edition):
    path = pdf(book_builddir, edition)
    info = subprocess.run(['pdfinfo', str(path)], capture_output=True, text=True, check=True).stdout
    subtitle = ALL_EDITIONS[edition].subtitle
    assert re.search(rf'^Title:\s+StableDiffusionBook: {re.escape(subtitle)}$', info, re.M), info
    assert re.search(rf'^Subject:\s+{re.escape(subtitle)}$', info, re.M), info
    assert int(re.search(r'^Pages:\s+(\d+)', info, re.M)[1]) > 100
    text = subprocess.run(['pdftotext', '-enc', 'UTF-8', str(path), '-'], capture_output=True, text=True, check=True).stdout
    assert len(CJK.findall(text)) > (10_000 if edition == 'zh_CN' else 100)
    # Chinese names of communities survive in the English edition too.
    assert '秋葉' in text
    chapter = r'第\s*1\s*章' if edition == 'zh_CN' else r'Chapter\s+1'
    assert re.search(chapter, text)
    # The table of contents is headed in the edition's language (目录, not "Contents").
    contents = ALL_EDITIONS[edition].contents_name
    first_pages = subprocess.run(['pdftotext', '-enc', 'UTF-8', '-l', '6', str(path), '-'], capture_output=True, text=True,
                                 check=True).stdout
    assert contents in first_pages
    assert edition == 'en' or 'Contents' not in first_pages
    # So are the running footers: 第 5 章, not book.cls's "Chapter 5." (footers repeat on every page).
    assert edition == 'en' or len(re.findall(r'Chapter \d+\.', text)) < 5
    raw = pdf_objects(path)
    assert b'/Outlines' in raw and raw.count(b'/Title') > 50  # bookmarks, one per section
    lang = b'zh-CN' if edition == 'zh_CN' else b'en'
    assert b'/Lang (' + lang + b')' in raw or b'/Lang(' + lang + b')' in raw


@pytest.mark.parametrize('edition', EDITIONS)
def test_pdf_embeds_every_font_and_misses_no_glyph(book_builddir, edition):
    fonts = subprocess.run(['pdffonts', str(pdf(book_builddir, edition))], capture_output=True, text=True, check=True).stdout
    rows = fonts.strip().split('\n')[2:]
    assert rows
    for row in rows:
        columns = row.split()
        assert columns[-5] == 'yes', row  # the "emb" column
    log = (book_builddir / 'latex' / edition / f'StableDiffusionBook-{edition}.log').read_text(encoding='utf-8', errors='replace')
    assert 'Missing character' not in log


def test_english_edition_is_the_same_without_the_myst_parser_cache(book_builddir, tmp_path):
    """sdbook.ext.mystcache only makes the build faster: every page is the same byte for byte."""
    env = dict(os.environ, SDBOOK_LANG='en', SDBOOK_MYSTCACHE='0', SDBOOK_SEARCH='pagefind')
    version = re.search(r'StableDiffusionBook-en-([^ ]+?)\.epub', ' '.join(p.name for p in (book_builddir / 'html' / 'downloads').iterdir()))[1]
    env['SDBOOK_VERSION'] = version
    out = tmp_path / 'en'
    result = subprocess.run([str(VENV / 'bin' / 'sphinx-build'), '-c', str(ROOT), *STRICT_ARGS, '-j', 'auto', '-q',
                             '-b', 'html', str(ROOT / 'source'), str(out)], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    built = book_builddir / 'html' / 'en'
    plain = {p.relative_to(out): p.read_bytes() for p in out.rglob('*.html') if 'pagefind' not in p.parts}
    cached = {p.relative_to(built): p.read_bytes() for p in built.rglob('*.html') if 'pagefind' not in p.parts}
    assert sorted(plain) == sorted(cached)
    assert [str(name) for name in plain if plain[name] != cached[name]] == []


# -- Figures -------------------------------------------------------------------------------


@pytest.mark.parametrize('edition', EDITIONS)
def test_book_has_figures_each_with_a_caption_and_a_description(book_builddir, edition):
    figures = []
    for name, path in pages(book_builddir, edition).items():
        text = path.read_text(encoding='utf-8')
        figures += [(name, f) for f in re.findall(r'<figure class="[^"]*sdbook-figure.*?</figure>', text, re.S)]
    assert len(figures) >= 30, len(figures)
    for name, figure in figures:
        assert re.search(r'<figcaption>.*?<span class="caption-text">[^<]+', figure, re.S), name
        described = re.search(r'<desc id="[^"]+">([^<]+)</desc>', figure) or re.search(r'<svg role="img" aria-label="([^"]+)"', figure)
        assert described and described[1].strip(), name
        if edition == 'en':  # the English edition's figures speak English
            texts = ' '.join(re.findall(r'<text[^>]*>([^<]*)</text>', figure)) + described[1]
            assert not CJK.search(texts), (name, CJK.findall(texts)[:10])
            assert '\u2013-' not in texts and '–listen' not in texts


@pytest.mark.parametrize('edition', EDITIONS)
def test_pdf_draws_the_figures(book_builddir, edition):
    tex = (book_builddir / 'latex' / edition / f'StableDiffusionBook-{edition}.tex').read_text(encoding='utf-8')
    diagrams = tex.count(r'\begin{tikzpicture}')
    plots = re.findall(r'\\includegraphics\[width=0\.9\\linewidth\]\{(sdbook-plot-[0-9a-f]+\.pdf)\}', tex)
    assert diagrams + len(plots) >= 30
    for name in plots:
        assert (book_builddir / 'latex' / edition / name).read_bytes().startswith(b'%PDF')


@pytest.mark.parametrize('edition', EDITIONS)
def test_pdf_numbers_each_figure_once_with_its_chapter(book_builddir, edition):
    # The counter restarts at each chapter; without the chapter in the number, "Fig. 1" recurs.
    text = subprocess.run(['pdftotext', '-enc', 'UTF-8', str(pdf(book_builddir, edition)), '-'], capture_output=True,
                          text=True, check=True).stdout
    label = 'Fig.' if edition == 'en' else '图'
    numbers = re.findall(rf'^\s*{re.escape(label)} ([0-9.]+):', text, re.M)
    assert len(numbers) >= 30, len(numbers)
    assert all(re.fullmatch(r'\d+\.\d+', n) for n in numbers), [n for n in numbers if '.' not in n][:5]
    assert len(set(numbers)) == len(numbers), sorted(n for n in numbers if numbers.count(n) > 1)


@pytest.mark.parametrize('edition', EDITIONS)
def test_pdf_keeps_every_word_inside_the_margins(book_builddir, edition):
    # Long file names, options and URLs in text, tables and code blocks break at the margin.
    beyond = pdf_beyond_margins(pdf(book_builddir, edition))
    assert not beyond, '\n'.join(f'page {w.page}: {w.text!r} reaches x={w.x_max:.0f}' for w in beyond[:20])


@pytest.mark.parametrize('edition', EDITIONS)
def test_pdf_never_hyphenates_a_program_name(book_builddir, edition):
    # "Checkpoint-LoaderSimple" or "learn-ing_rate" reads as a different name.
    tex = book_builddir / 'latex' / edition / f'StableDiffusionBook-{edition}.tex'
    split = pdf_hyphenated_names(pdf(book_builddir, edition), tex)
    assert not split, '\n'.join(f'page {page}: {text}' for page, text in split[:20])


SCREENSHOT_DIR = ROOT / 'source' / 'images' / 'screenshots'
# One picture per screenshot, or a pair: `name.png` for the Chinese edition and `name.en.png`,
# which Sphinx puts in its place in the English edition (figure_language_filename).
SCREENSHOTS = sorted(p for p in SCREENSHOT_DIR.glob('*.png') if not p.name.endswith('.en.png'))


def screenshot_for(shot: Path, edition: str) -> Path:
    own = shot.with_name(f'{shot.stem}.{edition}{shot.suffix}')
    return own if own.exists() else shot


@pytest.mark.parametrize('edition', EDITIONS)
def test_screenshots_are_shown_with_alt_text_in_the_editions_language(book_builddir, edition):
    assert SCREENSHOTS, 'tools/screenshots.py writes source/images/screenshots/'
    expected = {screenshot_for(shot, edition).name for shot in SCREENSHOTS}
    shown = {}
    for page in pages(book_builddir, edition).values():
        for tag in re.findall(r'<img [^>]*>', page.read_text(encoding='utf-8')):
            name = re.search(r'src="[^"]*/([^/"]+)"', tag)
            if name and name[1].startswith(tuple(shot.stem for shot in SCREENSHOTS)):
                shown[name[1]] = html.unescape(re.search(r'alt="([^"]*)"', tag)[1])
    assert set(shown) == expected
    for name, alt in shown.items():
        assert len(alt) > 40, name
        assert (HAN_CHAR.search(alt) is None) == (edition == 'en'), (name, alt)


@pytest.mark.parametrize('edition', EDITIONS)
def test_pdf_prints_the_screenshots(book_builddir, edition):
    listing = subprocess.run(['pdfimages', '-list', str(pdf(book_builddir, edition))], capture_output=True, text=True,
                             check=True).stdout
    sizes = {tuple(map(int, line.split()[3:5])) for line in listing.splitlines()[2:]}
    tex = (book_builddir / 'latex' / edition / f'StableDiffusionBook-{edition}.tex').read_text(encoding='utf-8')
    included = set(re.findall(r'\\sphinxincludegraphics(?:\[[^]]*\])?\{\{([^{}]+)\}(\.\w+)\}', tex))
    for shot in SCREENSHOTS:
        picture = screenshot_for(shot, edition)
        assert (picture.stem, picture.suffix) in included, (picture.name, sorted(included))
        with Image.open(picture) as image:
            assert image.size in sizes, (shot.name, sorted(sizes))
