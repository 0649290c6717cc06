"""Generation-parameter cards: the WebUI infotext, and the card in HTML, LaTeX, catalogs and bad input."""

from __future__ import annotations

import html as html_lib
import json
import re
import subprocess
from pathlib import Path

import pytest

from infotext import PARAMETER_KEYS, CardError, parse_parameters
from sphinxrun import sphinx_build

# The options of a typical card (what a page writes after ``:name:``).
GOOD = {
    'prompt': '1girl, rain, city street',
    'steps': '28',
    'sampler': 'DPM++ 2M',
    'schedule': 'Karras',
    'cfg': '6.5',
    'seed': '1234567890',
    'size': '1216x832',
    'model': 'x',
}
GOOD_LINE = 'Steps: 28, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 6.5, Seed: 1234567890, Size: 1216x832, Model: x'

# How the WebUI reads the last line back ("Read generation parameters"): `Key: value` pairs
# split at commas, a value in double quotes read as JSON.
WEBUI_PARAM = re.compile(r'\s*(\w[\w \-/]+):\s*("(?:\\.|[^\\"])+"|[^,]*)(?:,|$)')


def _params(**changes: str | None) -> dict[str, str]:
    """GOOD with some options changed (a value of None removes the option)."""
    options = dict(GOOD)
    for name, value in changes.items():
        name = name.replace('_', '-')
        if value is None:
            options.pop(name, None)
        else:
            options[name] = value
    return options


def _options(**changes: str | None) -> str:
    """GOOD (with changes) as the option lines of a card."""
    return '\n'.join(f':{name}: {value}' for name, value in _params(**changes).items())


def _book(tmp_path: Path, card: str) -> Path:
    """A one-page book whose only card has the given options; the fence is on line 5."""
    src = tmp_path / 'src'
    src.mkdir()
    (src / 'conf.py').write_text("extensions = ['myst_parser', 'sdbook_cards']\nlanguage = 'zh_CN'\n", encoding='utf-8')
    (src / 'index.md').write_text(f'# 测试\n\n一段正文。\n\n```{{gencard}} 卡片\n{card}\n```\n', encoding='utf-8')
    return src


def _build(src: Path) -> subprocess.CompletedProcess:
    return sphinx_build(src, src / '_out')


def _read_back(line: str) -> dict[str, str]:
    """The parameters line as the WebUI parses it."""
    pairs = {}
    for key, value in WEBUI_PARAM.findall(line):
        pairs[key] = json.loads(value) if value.startswith('"') and value.endswith('"') else value
    return pairs


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


# -- The infotext ---------------------------------------------------------------------------

def test_infotext_is_prompt_negative_then_parameters():
    params = parse_parameters(_params(negative='lowres, blurry'))
    assert params.infotext() == f'1girl, rain, city street\nNegative prompt: lowres, blurry\n{GOOD_LINE}'


def test_infotext_has_no_negative_line_without_a_negative_prompt():
    assert parse_parameters(GOOD).infotext() == f'1girl, rain, city street\n{GOOD_LINE}'
    # An empty option is the same as none.
    assert parse_parameters(_params(negative='')).infotext() == f'1girl, rain, city street\n{GOOD_LINE}'


def test_optional_keys_follow_the_webui_order_not_the_page_order():
    # Written on the page in reverse order; the WebUI puts VAE after Model, then the
    # denoising strength, clip skip, and the hires settings last.
    extra = {'hires-upscaler': 'Latent', 'hires-steps': '10', 'hires-upscale': '2', 'clip-skip': '2',
             'denoising': '0.5', 'vae': 'sdxl_vae'}
    options = {**extra, **GOOD}
    line = parse_parameters(options).infotext().splitlines()[-1]
    keys = [key for key, _ in WEBUI_PARAM.findall(line)]
    assert keys == ['Steps', 'Sampler', 'Schedule type', 'CFG scale', 'Seed', 'Size', 'Model',
                    'VAE', 'Denoising strength', 'Clip skip', 'Hires upscale', 'Hires steps', 'Hires upscaler']
    assert line == GOOD_LINE + ', VAE: sdxl_vae, Denoising strength: 0.5, Clip skip: 2, Hires upscale: 2, Hires steps: 10, Hires upscaler: Latent'


def test_numbers_are_normalised():
    params = parse_parameters(_params(steps=' 28 ', cfg='7.0', denoising='0.50', seed='-1'))
    assert params.value('steps') == '28'
    assert params.value('cfg') == '7'
    assert params.value('denoising') == '0.5'
    assert params.value('seed') == '-1'  # the WebUI's "random seed"


def test_last_line_reads_back_as_the_webui_reads_it():
    options = _params(negative='lowres, (worst quality:1.4)', vae='sdxl_vae', denoising='0.35', clip_skip='2',
                      hires_upscale='1.5', hires_steps='15', hires_upscaler='R-ESRGAN 4x+ Anime6B')
    params = parse_parameters(options)
    prompt, negative, line = params.infotext().splitlines()
    assert prompt == options['prompt']
    assert negative == f"Negative prompt: {options['negative']}"
    # Every option comes back under its WebUI key with the value the page gave.
    assert _read_back(line) == {PARAMETER_KEYS[name]: value for name, value in options.items() if name in PARAMETER_KEYS}
    assert len(_read_back(line)) == 13


def test_values_with_commas_or_colons_are_quoted_so_they_read_back_whole():
    params = parse_parameters(_params(model='flux1-dev:fp8', hires_upscaler='4x-UltraSharp, v2', hires_upscale='2'))
    line = params.infotext().splitlines()[-1]
    assert 'Model: "flux1-dev:fp8"' in line and 'Hires upscaler: "4x-UltraSharp, v2"' in line
    back = _read_back(line)
    assert back['Model'] == 'flux1-dev:fp8'
    assert back['Hires upscaler'] == '4x-UltraSharp, v2'
    assert back['Seed'] == '1234567890'


def test_limits_are_inclusive():
    params = parse_parameters(_params(steps='150', seed='4294967295', size='64x4096', cfg='30', denoising='0',
                                      clip_skip='12', hires_steps='0', hires_upscale='4'))
    assert dict(params.parameters) == {**dict(parse_parameters(GOOD).parameters), 'steps': '150', 'seed': '4294967295',
                                       'size': '64x4096', 'cfg': '30', 'denoising': '0', 'clip-skip': '12',
                                       'hires-steps': '0', 'hires-upscale': '4'}
    assert parse_parameters(_params(steps='1', cfg='1', denoising='1', seed='-1')).value('denoising') == '1'


# -- Every error the module defines ----------------------------------------------------------

ALL_OPTIONS = ('prompt, negative, steps, sampler, schedule, cfg, seed, size, model, vae, denoising, '
               'clip-skip, hires-upscale, hires-steps, hires-upscaler')

ERRORS = {
    'unknown parameter': (_params(colour='red'), f"unknown parameter 'colour'; expected one of: {ALL_OPTIONS}"),
    'missing seed': (_params(seed=None), "missing the required parameter 'seed'"),
    'missing sampler': (_params(sampler=None), "missing the required parameter 'sampler'"),
    'blank prompt': (_params(prompt='   '), "missing the required parameter 'prompt'"),
    'steps not a number': (_params(steps='many'), "'steps' must be a whole number, not 'many'"),
    'steps not whole': (_params(steps='2.5'), "'steps' must be a whole number, not '2.5'"),
    'steps zero': (_params(steps='0'), "'steps' must be between 1 and 150, not 0"),
    'steps too many': (_params(steps='151'), "'steps' must be between 1 and 150, not 151"),
    'cfg not a number': (_params(cfg='high'), "'cfg' must be a number, not 'high'"),
    'cfg too low': (_params(cfg='0.5'), "'cfg' must be between 1 and 30, not 0.5"),
    'cfg too high': (_params(cfg='31'), "'cfg' must be between 1 and 30, not 31"),
    'cfg nan': (_params(cfg='nan'), "'cfg' must be between 1 and 30, not nan"),
    'size with star': (_params(size='832*1216'), "'size' must look like 832x1216 (width x height), not '832*1216'"),
    'size without height': (_params(size='832x'), "'size' must look like 832x1216 (width x height), not '832x'"),
    'size not multiple of 8': (_params(size='830x1216'), "'size' sides must be multiples of 8 between 64 and 4096, not '830x1216'"),
    'size too small': (_params(size='32x32'), "'size' sides must be multiples of 8 between 64 and 4096, not '32x32'"),
    'size too large': (_params(size='832x8192'), "'size' sides must be multiples of 8 between 64 and 4096, not '832x8192'"),
    'seed too large': (_params(seed='4294967296'), "'seed' must be between -1 and 4294967295, not 4294967296"),
    'seed below -1': (_params(seed='-2'), "'seed' must be between -1 and 4294967295, not -2"),
    'multi-line prompt': (_params(prompt='1girl\nrain'), "'prompt' must fit on one line"),
    'multi-line negative': (_params(negative='lowres\nblurry'), "'negative' must fit on one line"),
    'multi-line model': (_params(model='a\nb'), "'model' must fit on one line"),
    'blank negative': (_params(negative='   '), "'negative' is empty"),
    'empty model': (_params(model=''), "'model' is empty"),
    'denoising above 1': (_params(denoising='1.5'), "'denoising' must be between 0 and 1, not 1.5"),
    'denoising below 0': (_params(denoising='-0.1'), "'denoising' must be between 0 and 1, not -0.1"),
    'clip skip too large': (_params(clip_skip='13'), "'clip-skip' must be between 1 and 12, not 13"),
    'hires upscale too large': (_params(hires_upscale='5'), "'hires-upscale' must be between 1 and 4, not 5"),
    'hires steps negative': (_params(hires_steps='-1'), "'hires-steps' must be between 0 and 150, not -1"),
}


@pytest.mark.parametrize('case', ERRORS)
def test_bad_parameter_is_refused_with_a_precise_message(case):
    options, message = ERRORS[case]
    with pytest.raises(CardError) as info:
        parse_parameters(options)
    assert str(info.value) == message


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
    assert fields == ['模型', '尺寸', '采样器', '调度类型', '迭代步数', '提示词引导系数（CFG）', '随机种子', '高清修复放大倍数']
    assert '<dd class="field-even"><p><code class="docutils literal notranslate"><span class="pre">6.5</span></code></p>' in first
    # Only the options given are shown: the second card has no model, schedule or hires field.
    assert re.findall(r'<dt class="field-\w+">(.*?)<span', second) == ['尺寸', '采样器', '迭代步数', '提示词引导系数（CFG）', '随机种子']
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
def test_bad_card_fails_the_build_with_page_and_line(tmp_path, case):
    card, expected = BUILD_CASES[case]
    src = _book(tmp_path, card)
    result = _build(src)
    assert result.returncode != 0
    assert f'{src}/{expected}' in result.stderr.splitlines(), result.stderr
    # Never half a card: the rest of the page is there, the card is not.
    page = (src / '_out' / 'index.html').read_text(encoding='utf-8')
    assert '一段正文。' in page
    assert 'sdbook-gencard' not in page and 'Steps:' not in page


def test_unknown_option_is_refused_by_the_parser_on_its_own_line(tmp_path):
    # MyST checks options against the directive's option_spec before the directive runs.
    src = _book(tmp_path, _options(colour='red'))
    result = _build(src)
    assert result.returncode != 0
    allowed = sorted(GOOD) + ['clip-skip', 'denoising', 'hires-steps', 'hires-upscale', 'hires-upscaler', 'negative', 'vae']
    line = 5 + len(GOOD) + 1  # the fence, the eight good options, then `:colour:`
    expected = (f"{src}/index.md:{line}: WARNING: 'gencard': Unknown option key: 'colour' "
                f"(allowed: {sorted(allowed)!r}) [myst.directive_option]")
    assert expected in result.stderr.splitlines(), result.stderr


def test_good_card_builds_cleanly(tmp_path):
    src = _book(tmp_path, _options())
    result = _build(src)
    assert result.returncode == 0, result.stderr
    page = (src / '_out' / 'index.html').read_text(encoding='utf-8')
    assert _infotext_blocks(page) == [f'1girl, rain, city street\n{GOOD_LINE}\n']
