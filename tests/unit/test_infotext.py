"""Generation parameters written as WebUI infotext: order, quoting, read-back, every refused value."""

from __future__ import annotations

import json

import pytest
from cardsample import GOOD, GOOD_LINE, WEBUI_PARAM
from cardsample import params as _params

from sdbook.infotext import PARAMETER_KEYS, CardError, parse_parameters


def _read_back(line: str) -> dict[str, str]:
    """The parameters line as the WebUI parses it."""
    pairs = {}
    for key, value in WEBUI_PARAM.findall(line):
        pairs[key] = json.loads(value) if value.startswith('"') and value.endswith('"') else value
    return pairs


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
