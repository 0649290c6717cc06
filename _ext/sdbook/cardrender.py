"""From a generation card to the diffusers call that renders it: which pipeline, which
scheduler with which options, which call arguments. Plain Python, no torch.

A card describes a WebUI generation (A1111 or Forge). Every setting that has an honest
counterpart in diffusers is translated; a setting that has none makes the card
unrenderable, with the reason, rather than being approximated without a word. The picture
shows what these settings give in diffusers: close to the WebUI's, never the same pixels (the
WebUI draws its noise differently).

The scheduler classes and their options were read in diffusers 0.39.0
(``src/diffusers/schedulers/``); the clip-skip rule in its Stable Diffusion and SDXL pipelines
(``encode_prompt``) and in the WebUI's ``modules/sd_hijack_clip.py``.
"""

from __future__ import annotations

import dataclasses

from sdbook.cardimages import CardRecord
from sdbook.cardmodels import ModelEntry, Models

# WebUI sampler name -> (diffusers scheduler class, its options, whether the WebUI's sigma
# schedules (Karras, Exponential, Beta) apply to it).
SAMPLERS: dict[str, tuple[str, dict[str, object], bool]] = {
    'Euler a': ('EulerAncestralDiscreteScheduler', {}, False),
    'Euler': ('EulerDiscreteScheduler', {}, True),
    'LMS': ('LMSDiscreteScheduler', {}, True),
    'Heun': ('HeunDiscreteScheduler', {}, True),
    'DPM2': ('KDPM2DiscreteScheduler', {}, True),
    'DPM2 a': ('KDPM2AncestralDiscreteScheduler', {}, True),
    'DPM++ 2M': ('DPMSolverMultistepScheduler', {'algorithm_type': 'dpmsolver++', 'solver_order': 2}, True),
    'DPM++ 2M SDE': ('DPMSolverMultistepScheduler', {'algorithm_type': 'sde-dpmsolver++', 'solver_order': 2}, True),
    'DPM++ 3M SDE': ('DPMSolverMultistepScheduler', {'algorithm_type': 'sde-dpmsolver++', 'solver_order': 3}, True),
    'DPM++ SDE': ('DPMSolverSDEScheduler', {}, True),  # needs the torchsde package
    'UniPC': ('UniPCMultistepScheduler', {}, True),
    'DDIM': ('DDIMScheduler', {}, False),
    'PLMS': ('PNDMScheduler', {'skip_prk_steps': True}, False),
    'LCM': ('LCMScheduler', {}, False),
}
# WebUI schedule type -> the scheduler option that gives the same sigmas.
SIGMA_SCHEDULES = {
    'Karras': 'use_karras_sigmas',
    'Exponential': 'use_exponential_sigmas',
    'Beta': 'use_beta_sigmas',  # needs scipy
}
# No schedule, or "Automatic": the sampler's own default, i.e. the scheduler's default spacing.
DEFAULT_SCHEDULES = (None, 'Automatic')
# FLUX is a flow-matching model: the WebUI's Euler with its Simple schedule is what the
# model's own FlowMatchEulerDiscreteScheduler does.
FLUX_SAMPLERS = ('Euler',)
FLUX_SCHEDULES = (None, 'Automatic', 'Simple')
# Hires fix upscalers that are plain resampling (Pillow does the same); GAN upscalers
# (R-ESRGAN, 4x-UltraSharp) and latent upscaling are other programs' models.
RESAMPLING_UPSCALERS = {'Lanczos': 'LANCZOS', 'Nearest': 'NEAREST'}

PIPELINES = {
    'sd': ('StableDiffusionPipeline', 'StableDiffusionImg2ImgPipeline'),
    'sdxl': ('StableDiffusionXLPipeline', 'StableDiffusionXLImg2ImgPipeline'),
    'flux': ('FluxPipeline', 'FluxImg2ImgPipeline'),
}


class NotRenderable(ValueError):
    """The card has settings diffusers cannot reproduce; ``reasons`` lists each of them."""

    def __init__(self, reasons: list[str]):
        super().__init__('; '.join(reasons))
        self.reasons = reasons


@dataclasses.dataclass(frozen=True)
class SchedulerChoice:
    name: str  # a class of diffusers.schedulers
    options: tuple[tuple[str, object], ...]  # passed to ``from_config`` over the model's own config

    def kwargs(self) -> dict[str, object]:
        return dict(self.options)


@dataclasses.dataclass(frozen=True)
class HiresPass:
    """The WebUI's hires fix: resample the first picture, then img2img over it."""

    width: int
    height: int
    resample: str  # a PIL.Image.Resampling name
    steps: int  # denoising steps the second pass runs
    strength: float

    @property
    def num_inference_steps(self) -> int:
        """diffusers' img2img runs ``int(num_inference_steps * strength)`` steps: the smallest
        count for which that is ``steps``."""
        count = self.steps
        while int(count * self.strength) < self.steps:
            count += 1
        return count


@dataclasses.dataclass(frozen=True)
class RenderPlan:
    card: CardRecord
    family: str
    pipeline: str
    img2img_pipeline: str
    model: ModelEntry
    vae: ModelEntry | None
    scheduler: SchedulerChoice | None  # None: the model's own scheduler
    arguments: tuple[tuple[str, object], ...]  # the pipeline call, less the generator
    seed: int
    hires: HiresPass | None
    notes: tuple[str, ...]  # what the picture renders differently from the WebUI, said plainly

    def call(self) -> dict[str, object]:
        return dict(self.arguments)


def _scheduler(family: str, sampler: str, schedule: str | None, reasons: list[str], notes: list[str]) -> SchedulerChoice | None:
    if family == 'flux':
        if sampler not in FLUX_SAMPLERS or schedule not in FLUX_SCHEDULES:
            reasons.append(f'FLUX cards render with Euler and the Simple schedule only, not {sampler!r} with {schedule!r}')
        return None
    if sampler not in SAMPLERS:
        reasons.append(f'the sampler {sampler!r} has no diffusers scheduler; renderable samplers: {", ".join(SAMPLERS)}')
        return None
    name, options, sigma_schedules = SAMPLERS[sampler]
    options = dict(options)
    if schedule in DEFAULT_SCHEDULES:
        notes.append(f'schedule {schedule or "(none)"!r}: rendered with the default spacing of {name}')
    elif schedule in SIGMA_SCHEDULES and sigma_schedules:
        options[SIGMA_SCHEDULES[schedule]] = True
    else:
        reasons.append(f'the schedule {schedule!r} cannot be used with {sampler!r} in diffusers')
    return SchedulerChoice(name, tuple(sorted(options.items())))


def _clip_skip(family: str, value: str | None, reasons: list[str], notes: list[str]) -> int | None:
    """The WebUI counts the last layer as 1 (Clip skip 1 = no skip, 2 = the penultimate
    layer); diffusers counts the layers skipped (clip_skip=1 = the penultimate layer)."""
    skip = int(value) if value else 1
    if family == 'sd':
        return skip - 1 or None
    if family == 'sdxl':
        # Both take the penultimate layer for SDXL whatever Clip skip says: diffusers by
        # default, the WebUI unless its "sdxl_clip_l_skip" option is on.
        if skip > 2:
            reasons.append(f'Clip skip {skip} on SDXL needs the WebUI option sdxl_clip_l_skip; diffusers has no counterpart')
        elif skip == 2:
            notes.append('Clip skip 2 on SDXL: the penultimate layer, which is what SDXL uses anyway')
        return None
    if skip != 1:
        reasons.append(f'Clip skip {skip}: FLUX has no clip skip')
    return None


def _hires(record: CardRecord, width: int, height: int, reasons: list[str]) -> HiresPass | None:
    params = record.params
    scale = params.value('hires-upscale')
    if scale is None:
        if params.value('denoising') is not None:
            reasons.append('a denoising strength without hires fix is an img2img or inpainting card: its source picture is not in the card')
        for name in ('hires-steps', 'hires-upscaler'):
            if params.value(name) is not None:
                reasons.append(f"'{name}' without 'hires-upscale'")
        return None
    upscaler = params.value('hires-upscaler') or 'Latent'
    if upscaler not in RESAMPLING_UPSCALERS:
        reasons.append(f'the hires upscaler {upscaler!r} is a model diffusers does not have; renderable: {", ".join(RESAMPLING_UPSCALERS)}')
        return None
    strength = float(params.value('denoising') or 0.7)  # the WebUI's default for hires fix
    if strength <= 0:
        reasons.append('hires fix with a denoising strength of 0 changes nothing; leave hires out')
        return None
    # The WebUI rounds the upscaled size down to a multiple of 8.
    factor = float(scale)
    return HiresPass(int(width * factor) // 8 * 8, int(height * factor) // 8 * 8, RESAMPLING_UPSCALERS[upscaler],
                     int(params.value('hires-steps') or 0) or int(params.value('steps')), strength)


def plan(record: CardRecord, models: Models) -> RenderPlan:
    """How to render the card; NotRenderable with every reason if it cannot be."""
    params = record.params
    reasons: list[str] = []
    notes: list[str] = []
    model_name = params.value('model')
    model = models.models.get(model_name) if model_name else None
    if model_name is None:
        raise NotRenderable(["the card names no 'model'"])
    if model is None:
        raise NotRenderable([f'the model {model_name!r} is not in the models file'])
    vae_name = params.value('vae')
    vae = models.vaes.get(vae_name) if vae_name else None
    if vae_name and vae is None:
        reasons.append(f'the VAE {vae_name!r} is not in the models file')
    family = model.family or 'sd'
    scheduler = _scheduler(family, params.value('sampler'), params.value('schedule'), reasons, notes)
    clip_skip = _clip_skip(family, params.value('clip-skip'), reasons, notes)
    seed = int(params.value('seed'))
    if seed == -1:
        reasons.append('seed -1 is a new random seed each time; a picture needs a fixed seed')
    width, height = (int(side) for side in params.value('size').split('x'))
    cfg = float(params.value('cfg'))
    steps = int(params.value('steps'))
    arguments: dict[str, object] = {'prompt': params.prompt, 'num_inference_steps': steps, 'width': width, 'height': height}
    if family == 'flux':
        if width % 16 or height % 16:
            reasons.append(f'FLUX needs sides that are multiples of 16, not {width}x{height}')
        if cfg != 1:
            reasons.append(f'CFG {cfg:g} on FLUX: the WebUI then runs real CFG, which FluxPipeline does differently (true_cfg_scale)')
        # The card has no distilled CFG; the WebUI's and diffusers' default (3.5) is used.
        notes.append('distilled guidance 3.5 (not in the card; the default of Forge and of FluxPipeline)')
        arguments['guidance_scale'] = 3.5
        if params.negative:
            notes.append('the negative prompt has no effect at CFG 1 (as in the WebUI) and is not passed')
    else:
        arguments['guidance_scale'] = cfg
        if params.negative:
            arguments['negative_prompt'] = params.negative
        if clip_skip is not None:
            arguments['clip_skip'] = clip_skip
    if '<lora:' in params.prompt or '<hypernet:' in params.prompt:
        reasons.append('the prompt loads a LoRA or hypernetwork (<lora:...>), which the renderer does not load')
    if any(mark in params.prompt + params.negative for mark in ('(', '[', 'BREAK', ' AND ')):
        notes.append("the WebUI's emphasis syntax ((word:1.2), [word], BREAK, AND) is passed as plain text")
    hires = _hires(record, width, height, reasons)
    if reasons:
        raise NotRenderable(reasons)
    pipeline, img2img = PIPELINES[family]
    return RenderPlan(record, family, pipeline, img2img, model, vae, scheduler, tuple(arguments.items()), seed, hires, tuple(notes))
