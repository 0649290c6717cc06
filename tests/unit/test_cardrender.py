"""A card mapped to its diffusers call (sdbook.cardrender), its picture's name (sdbook.cardimages)
and the contributor's models file (sdbook.cardmodels): no torch needed."""

from __future__ import annotations

import pytest
from cardsample import params

from sdbook import cardmodels
from sdbook.cardimages import CardRecord, card_id, image_name, image_state, orphans, parameters_digest
from sdbook.cardmodels import ModelEntry, Models, ModelsError
from sdbook.cardrender import NotRenderable, plan
from sdbook.infotext import CardError, parse_parameters

MODELS = Models({'x': ModelEntry('x', '/models/sdxl', 'sdxl'), 'sd15': ModelEntry('sd15', '/models/sd15', 'sd'),
                 'flux1-dev': ModelEntry('flux1-dev', 'black-forest-labs/FLUX.1-dev', 'flux')},
                {'vae-ft-mse': ModelEntry('vae-ft-mse', 'stabilityai/sd-vae-ft-mse')})


def record(**changes: str | None) -> CardRecord:
    parsed = parse_parameters(params(**changes))
    return CardRecord(card_id('page', '标题', parsed.prompt), 'page', 'page.md', 5, '标题', parsed)


# -- Sampler and schedule -> scheduler ----------------------------------------------------------

SCHEDULERS = {
    ('DPM++ 2M', 'Karras'): ('DPMSolverMultistepScheduler', {'algorithm_type': 'dpmsolver++', 'solver_order': 2, 'use_karras_sigmas': True}),
    ('DPM++ 2M', 'Exponential'): ('DPMSolverMultistepScheduler', {'algorithm_type': 'dpmsolver++', 'solver_order': 2, 'use_exponential_sigmas': True}),
    ('DPM++ 2M SDE', 'Karras'): ('DPMSolverMultistepScheduler', {'algorithm_type': 'sde-dpmsolver++', 'solver_order': 2, 'use_karras_sigmas': True}),
    ('DPM++ 3M SDE', 'Exponential'): ('DPMSolverMultistepScheduler', {'algorithm_type': 'sde-dpmsolver++', 'solver_order': 3,
                                                                      'use_exponential_sigmas': True}),
    ('Euler a', None): ('EulerAncestralDiscreteScheduler', {}),
    ('Euler a', 'Automatic'): ('EulerAncestralDiscreteScheduler', {}),
    ('Euler', 'Beta'): ('EulerDiscreteScheduler', {'use_beta_sigmas': True}),
    ('DPM2 a', 'Karras'): ('KDPM2AncestralDiscreteScheduler', {'use_karras_sigmas': True}),
    ('UniPC', None): ('UniPCMultistepScheduler', {}),
    ('DDIM', None): ('DDIMScheduler', {}),
    ('PLMS', None): ('PNDMScheduler', {'skip_prk_steps': True}),
    ('LCM', None): ('LCMScheduler', {}),
}


@pytest.mark.parametrize(('sampler', 'schedule'), sorted(SCHEDULERS, key=str))
def test_each_sampler_name_chooses_its_scheduler(sampler, schedule):
    chosen = plan(record(sampler=sampler, schedule=schedule), MODELS).scheduler
    assert (chosen.name, chosen.kwargs()) == SCHEDULERS[sampler, schedule]


def test_automatic_schedule_is_said_not_hidden():
    assert any("'Automatic'" in note for note in plan(record(sampler='Euler a', schedule='Automatic'), MODELS).notes)


@pytest.mark.parametrize(('sampler', 'schedule', 'reason'), [
    ('Euler a', 'Karras', "the schedule 'Karras' cannot be used with 'Euler a'"),
    ('DPM++ 2M', 'Simple', "the schedule 'Simple' cannot be used with 'DPM++ 2M'"),
    ('DPM++ 2S a', 'Karras', "the sampler 'DPM++ 2S a' has no diffusers scheduler"),
    ('Restart', None, "the sampler 'Restart' has no diffusers scheduler"),
])
def test_sampler_or_schedule_without_counterpart_is_refused(sampler, schedule, reason):
    with pytest.raises(NotRenderable) as caught:
        plan(record(sampler=sampler, schedule=schedule), MODELS)
    assert any(text.startswith(reason) for text in caught.value.reasons), caught.value.reasons


# -- Call arguments ---------------------------------------------------------------------------

def test_sdxl_card_becomes_the_call_of_its_pipeline():
    result = plan(record(negative='lowres'), MODELS)
    assert (result.pipeline, result.seed, result.model.path) == ('StableDiffusionXLPipeline', 1234567890, '/models/sdxl')
    assert result.call() == {'prompt': '1girl, rain, city street', 'negative_prompt': 'lowres', 'num_inference_steps': 28,
                             'guidance_scale': 6.5, 'width': 1216, 'height': 832}


@pytest.mark.parametrize(('webui', 'diffusers'), [(None, None), ('1', None), ('2', 1), ('3', 2)])
def test_clip_skip_counts_from_the_last_layer_in_the_webui(webui, diffusers):
    # The WebUI's Clip skip 2 (the penultimate layer) is diffusers' clip_skip=1.
    call = plan(record(model='sd15', clip_skip=webui), MODELS).call()
    assert call.get('clip_skip') == diffusers


def test_sdxl_clip_skip_2_is_its_default_and_3_is_refused():
    result = plan(record(clip_skip='2'), MODELS)
    assert 'clip_skip' not in result.call() and any('penultimate' in note for note in result.notes)
    with pytest.raises(NotRenderable, match='sdxl_clip_l_skip'):
        plan(record(clip_skip='3'), MODELS)


def test_flux_card_keeps_the_model_scheduler_and_distilled_guidance():
    result = plan(record(model='flux1-dev', sampler='Euler', schedule='Simple', cfg='1', size='1152x896', negative='blurry'), MODELS)
    assert (result.pipeline, result.scheduler) == ('FluxPipeline', None)
    assert result.call() == {'prompt': '1girl, rain, city street', 'num_inference_steps': 28, 'guidance_scale': 3.5, 'width': 1152, 'height': 896}
    with pytest.raises(NotRenderable) as caught:
        plan(record(model='flux1-dev', sampler='DPM++ 2M', cfg='3.5', size='1160x896'), MODELS)
    assert len(caught.value.reasons) == 3  # sampler, sides not multiples of 16, real CFG


def test_hires_fix_with_resampling_is_a_second_img2img_pass():
    hires = plan(record(hires_upscale='1.5', hires_upscaler='Lanczos', hires_steps='15', denoising='0.35'), MODELS).hires
    assert (hires.width, hires.height, hires.resample, hires.steps, hires.strength) == (1824, 1248, 'LANCZOS', 15, 0.35)
    # diffusers' img2img runs int(num_inference_steps * strength) steps: exactly the 15 asked for.
    assert int(hires.num_inference_steps * hires.strength) == 15
    assert plan(record(hires_upscale='2', hires_upscaler='Nearest'), MODELS).hires.steps == 28  # 0 or none: the card's steps


@pytest.mark.parametrize(('changes', 'reason'), [
    ({'hires_upscale': '1.5', 'hires_upscaler': 'R-ESRGAN 4x+'}, "the hires upscaler 'R-ESRGAN 4x+' is a model diffusers does not have"),
    ({'denoising': '0.4'}, 'a denoising strength without hires fix is an img2img or inpainting card'),
    ({'seed': '-1'}, 'seed -1 is a new random seed'),
    ({'prompt': '1girl, <lora:style:0.8>'}, 'the prompt loads a LoRA'),
    ({'model': 'unknown'}, "the model 'unknown' is not in the models file"),
    ({'model': None}, "the card names no 'model'"),
    ({'vae': 'other-vae'}, "the VAE 'other-vae' is not in the models file"),
])
def test_settings_without_counterpart_make_the_card_unrenderable(changes, reason):
    with pytest.raises(NotRenderable) as caught:
        plan(record(**changes), MODELS)
    assert any(text.startswith(reason) for text in caught.value.reasons), caught.value.reasons


# -- Ids, digests and picture files ---------------------------------------------------------------

def test_id_is_page_and_title_hash_or_the_explicit_one():
    prompt = '1girl'
    assert card_id('paint/txt2img', '湖边小屋', prompt) == card_id('paint/txt2img', '湖边小屋', 'another prompt')
    assert card_id('paint/txt2img', '湖边小屋', prompt).startswith('paint-txt2img-')
    assert card_id('paint/txt2img', '湖边小屋', prompt) != card_id('paint/txt2img', '湖边木屋', prompt)
    assert card_id('index', '', 'a') != card_id('index', '', 'b')  # no title: the prompt names it
    assert card_id('index', '湖边小屋', prompt, 'lake-cabin') == 'lake-cabin'
    with pytest.raises(CardError, match="'id' must be lowercase"):
        card_id('index', 'x', prompt, 'Lake Cabin')


def test_digest_follows_normalised_parameters_only():
    assert parameters_digest(parse_parameters(params(cfg='7'))) == parameters_digest(parse_parameters(params(cfg='7.0')))
    assert parameters_digest(parse_parameters(params(cfg='7'))) != parameters_digest(parse_parameters(params(cfg='7.5')))


def test_picture_state_tells_current_stale_and_orphaned(tmp_path):
    for name in (image_name('a', '111111111111'), image_name('a', '222222222222'), image_name('gone', '333333333333')):
        (tmp_path / name).write_bytes(b'')
    state = image_state(tmp_path, 'a', '222222222222')
    assert state.current == tmp_path / 'a.222222222222.webp' and state.stale == (tmp_path / 'a.111111111111.webp',)
    assert image_state(tmp_path, 'a', '999999999999').current is None
    assert orphans(tmp_path, {'a'}) == [tmp_path / 'gone.333333333333.webp']


# -- The models file ----------------------------------------------------------------------------

def test_models_file_names_paths_and_families(tmp_path):
    path = tmp_path / 'cards-models.yaml'
    path.write_text('models:\n  sd_xl_base_1.0: stabilityai/stable-diffusion-xl-base-1.0\n'
                    '  my-mix: {path: /m/mix.safetensors, pipeline: sd}\n  flux1-dev: /m/flux\n'
                    'vaes:\n  vae-ft-mse: stabilityai/sd-vae-ft-mse\n', encoding='utf-8')
    models = cardmodels.load(path)
    assert [(m.name, m.family, m.single_file) for m in models.models.values()] == [
        ('sd_xl_base_1.0', 'sdxl', False), ('my-mix', 'sd', True), ('flux1-dev', 'flux', False)]
    assert models.vaes['vae-ft-mse'].path == 'stabilityai/sd-vae-ft-mse'
    assert cardmodels.load(tmp_path / 'absent.yaml') == Models({}, {})


def test_models_file_without_a_family_says_which_entry(tmp_path):
    path = tmp_path / 'cards-models.yaml'
    path.write_text('models:\n  my-mix: /m/mix\n', encoding='utf-8')
    with pytest.raises(ModelsError, match=r"cards-models.yaml: models.my-mix: say which pipeline the model needs with 'pipeline: '"):
        cardmodels.load(path)
