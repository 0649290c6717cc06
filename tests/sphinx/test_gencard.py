"""Generation-parameter cards in a book: HTML, LaTeX, catalogs and English; bad cards fail the build."""

from __future__ import annotations

import html as html_lib
import re

import pytest
from cardsample import GOOD, GOOD_LINE
from cardsample import options as _options


def _infotext_blocks(page: str) -> list[str]:
    """The text of each infotext block as the browser (and so the copy button) sees it."""
    blocks = re.findall(r'<div class="sdbook-infotext[^"]*"><div class="highlight"><pre>(.*?)</pre>', page, re.S)
    return [html_lib.unescape(re.sub(r'<[^>]+>', '', block)) for block in blocks]


def _cards(page: str) -> list[str]:
    """The HTML of each card, in page order."""
    start = '<div class="sdbook-gencard docutils container">'
    pieces = page.split(start)[1:]
    return [piece.split('</section>')[0] for piece in pieces]


def _msgids(pot: str) -> list[str]:
    """Every msgid of a catalog, continuation lines joined and escapes undone."""
    unescape = {'n': '\n', 't': '\t'}
    quoted = re.findall(r'^msgid ((?:".*"\n)+)', pot, re.M)
    joined = [''.join(re.findall(r'^"(.*)"$', block, re.M)) for block in quoted]
    return [re.sub(r'\\(.)', lambda m: unescape.get(m[1], m[1]), text) for text in joined]


# -- The card in a book -----------------------------------------------------------------------

CARD_INFOTEXT = ('1girl, <script>alert(1)</script>, rain\n'
                 'Negative prompt: lowres, <b>blurry</b>\n'
                 'Steps: 28, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 6.5, Seed: 1234567890, '
                 'Size: 1216x832, Model: my_model#1 {}%$&~^\\, Hires upscale: 1.5')
PLAIN_INFOTEXT = ('a red bicycle by a stone wall\n'
                  'Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 42, Size: 512x768')


@pytest.mark.sphinx('html', testroot='gencard')
def test_html_card_has_title_fields_and_infotext(app):
    app.build()
    assert app.warning.getvalue() == ''
    page = (app.outdir / 'index.html').read_text(encoding='utf-8')
    cards = _cards(page)
    assert len(cards) == 2
    first, second = cards
    assert '<p class="sdbook-gencard-title"><strong>雨夜街头 {}%$_#&amp;~^\\ 示例</strong></p>' in first
    assert 'sdbook-gencard-title' not in second
    # Labelled fields in reading order, labels in the edition's language, values as code.
    fields = re.findall(r'<dt class="field-\w+">(.*?)<span class="colon">', first)
    assert fields == ['模型', '尺寸', '采样器', '调度类型', '迭代步数', '提示词相关性（CFG）', '随机种子', '高清修复放大倍数']
    assert '<dd class="field-even"><p><code class="docutils literal notranslate"><span class="pre">6.5</span></code></p>' in first
    # Only the options given are shown: the second card has no model, schedule or hires field.
    assert re.findall(r'<dt class="field-\w+">(.*?)<span', second) == ['尺寸', '采样器', '迭代步数', '提示词相关性（CFG）', '随机种子']
    # Fields, then the hint, then the infotext, then the explanation, all inside the card.
    order = [first.index(marker) for marker in ('</dl>', '提示词与参数（粘贴到 WebUI 的提示词框', '<pre>', '<p>这段说明解释了参数的选择。</p>')]
    assert order == sorted(order)
    assert first.rstrip().endswith('<p>这段说明解释了参数的选择。</p>\n</div>')


@pytest.mark.sphinx('html', testroot='gencard')
def test_html_copy_block_holds_exactly_the_infotext(app):
    app.build()
    page = (app.outdir / 'index.html').read_text(encoding='utf-8')
    # sphinx-copybutton copies the text of `div.highlight pre`: it must be the infotext and nothing else.
    assert _infotext_blocks(page) == [CARD_INFOTEXT + '\n', PLAIN_INFOTEXT + '\n']
    assert page.count('sdbook-infotext') == 2


@pytest.mark.sphinx('html', testroot='gencard')
def test_html_escapes_prompts(app):
    app.build()
    page = (app.outdir / 'index.html').read_text(encoding='utf-8')
    assert '1girl, &lt;script&gt;alert(1)&lt;/script&gt;, rain' in page
    assert 'Negative prompt: lowres, &lt;b&gt;blurry&lt;/b&gt;' in page
    assert '<script>alert' not in page and '<b>blurry' not in page


@pytest.mark.sphinx('latex', testroot='gencard', srcdir='gencard-latex')
def test_latex_card_escapes_title_and_values(app):
    app.build()
    tex = (app.outdir / 'gencard.tex').read_text(encoding='utf-8')
    special = r'\{\}\%\$\_\#\&\textasciitilde{}\textasciicircum{}\textbackslash{}'
    assert tex.count(r'\begin{sphinxuseclass}{sdbook-gencard}') == 2
    assert r'\sphinxstylestrong{雨夜街头 ' + special + ' 示例}' in tex
    # The settings run on one line in the PDF: label in bold, then the value.
    assert r'\sphinxstylestrong{迭代步数} \sphinxcode{\sphinxupquote{28}}' in tex
    assert r'\sphinxlineitem' not in tex
    assert r'\sphinxcode{\sphinxupquote{my\_model\#1 \{\}\%\$\&\textasciitilde{}\textasciicircum{}\textbackslash{}}}' in tex
    # The infotext is verbatim: special characters as Pygments escapes, lines unchanged otherwise.
    verbatim = tex[tex.index(r'\begin{sphinxVerbatim}'):tex.index(r'\end{sphinxVerbatim}')]
    assert 'Negative prompt: lowres, \\PYGZlt{}b\\PYGZgt{}blurry\\PYGZlt{}/b\\PYGZgt{}\n' in verbatim
    assert 'Steps: 28, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 6.5, Seed: 1234567890' in verbatim


@pytest.mark.sphinx('gettext', testroot='gencard', srcdir='gencard-gettext')
def test_catalog_has_caption_and_text_not_prompts_or_parameters(app):
    app.build()
    msgids = _msgids((app.outdir / 'index.pot').read_text(encoding='utf-8'))
    assert '雨夜街头 {}%$_#&~^\\ 示例' in msgids
    assert '这段说明解释了参数的选择。' in msgids
    # Code blocks are messages in this root (see its conf.py), so leaving the infotext out is deliberate.
    assert 'webui-user.bat --medvram' in [m.strip() for m in msgids]
    leaked = [m for m in msgids if any(s in m for s in ('1girl', 'bicycle', 'lowres', 'DPM++', 'Euler', '1216x832',
                                                          'my_model', 'Steps', 'Negative prompt', '1234567890'))]
    assert leaked == []
    # Fixed labels come from the extension's own catalog, not the page's.
    assert not [m for m in msgids if '提示词与参数' in m or m in ('迭代步数', 'Steps', 'Seed')]


@pytest.mark.sphinx('html', testroot='gencard', srcdir='gencard-en', confoverrides={'language': 'en'})
def test_english_edition_translates_caption_not_prompt(app):
    app.build()
    page = (app.outdir / 'index.html').read_text(encoding='utf-8')
    assert '<p class="sdbook-gencard-title"><strong>A rainy street at night</strong></p>' in page
    assert '<p>This note explains the choice of settings.</p>' in page
    assert re.findall(r'<dt class="field-\w+">(.*?)<span', _cards(page)[0])[:5] == ['Model', 'Size', 'Sampler', 'Schedule type', 'Steps']
    # The catalog of the root even has an entry for the prompt; the card ignores it.
    assert 'HIJACKED' not in page
    assert _infotext_blocks(page) == [CARD_INFOTEXT + '\n', PLAIN_INFOTEXT + '\n']


# -- Bad cards fail the build, naming page and line -----------------------------------------------

EXTENSIONS = ['myst_parser', 'sdbook.ext.cards']


def _page(card: str) -> dict[str, str]:
    """A one-page book whose only card has the given options; the fence is on line 5."""
    return {'index.md': f'# 测试\n\n一段正文。\n\n```{{gencard}} 卡片\n{card}\n```\n'}


# A YAML options block is the only way to give a prompt over two lines.
TWO_LINE_PROMPT = """---
prompt: |
  1girl,
  rain
steps: 28
sampler: Euler a
cfg: 7
seed: 1
size: 512x512
---"""

# The card's fence is on line 5 of the page (see _book); errors of the card point there.
BUILD_CASES = {
    'missing-seed': (_options(seed=None), "index.md:5: ERROR: gencard: missing the required parameter 'seed' [sdbook.gencard]"),
    'steps-word': (_options(steps='many'), "index.md:5: ERROR: gencard: 'steps' must be a whole number, not 'many' [sdbook.gencard]"),
    'size-star': (_options(size='832*1216'),
                  "index.md:5: ERROR: gencard: 'size' must look like 832x1216 (width x height), not '832*1216' [sdbook.gencard]"),
    'size-odd': (_options(size='830x1216'),
                 "index.md:5: ERROR: gencard: 'size' sides must be multiples of 8 between 64 and 4096, not '830x1216' [sdbook.gencard]"),
    'seed-range': (_options(seed='4294967296'),
                   "index.md:5: ERROR: gencard: 'seed' must be between -1 and 4294967295, not 4294967296 [sdbook.gencard]"),
    'denoising-range': (_options(denoising='1.5'),
                        "index.md:5: ERROR: gencard: 'denoising' must be between 0 and 1, not 1.5 [sdbook.gencard]"),
    'two-line-prompt': (TWO_LINE_PROMPT, "index.md:5: ERROR: gencard: 'prompt' must fit on one line [sdbook.gencard]"),
}


@pytest.mark.parametrize('case', sorted(BUILD_CASES))
def test_bad_card_fails_the_build_with_page_and_line(small_book, case):
    card, expected = BUILD_CASES[case]
    book = small_book(_page(card), extensions=EXTENSIONS)
    assert book.problems() == [expected]
    # Never half a card: the rest of the page is there, the card is not.
    page = book.read('index.html')
    assert '一段正文。' in page
    assert 'sdbook-gencard' not in page and 'Steps:' not in page


def test_unknown_option_is_refused_by_the_parser_on_its_own_line(small_book):
    # MyST checks options against the directive's option_spec before the directive runs.
    book = small_book(_page(_options(colour='red')), extensions=EXTENSIONS)
    allowed = [*sorted(GOOD), 'clip-skip', 'denoising', 'hires-steps', 'hires-upscale', 'hires-upscaler', 'id', 'negative', 'vae']
    line = 5 + len(GOOD) + 1  # the fence, the eight good options, then `:colour:`
    expected = (f"index.md:{line}: WARNING: 'gencard': Unknown option key: 'colour' "
                f"(allowed: {sorted(allowed)!r}) [myst.directive_option]")
    assert expected in book.problems(), book.warnings


def test_good_card_builds_cleanly(small_book):
    book = small_book(_page(_options()), extensions=EXTENSIONS)
    assert book.problems() == []
    page = book.read('index.html')
    assert _infotext_blocks(page) == [f'1girl, rain, city street\n{GOOD_LINE}\n']
