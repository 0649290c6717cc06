"""Running a render plan with diffusers and writing the picture. The only module that needs
torch and diffusers (``requirements-cards.txt``); they are imported when it runs, so the book
builds without them.
"""

from __future__ import annotations

import json
from pathlib import Path

from sdbook.cardrender import RenderPlan

WEBP_QUALITY = 82  # small enough for the repository, with no visible blocks at book sizes
EXIF_IFD = 0x8769
EXIF_USER_COMMENT = 0x9286  # where the WebUI keeps the infotext of a JPEG or WebP


class RenderError(RuntimeError):
    """A model or a package the plan needs could not be loaded or run."""


def _diffusers():
    try:
        import diffusers
        import torch
    except ImportError as exc:
        raise RenderError(f'rendering cards needs the packages of requirements-cards.txt ({exc.name} is missing): '
                          'pip install -r requirements-cards.txt') from None
    return diffusers, torch


class LoadedModel:
    """A pipeline and the scheduler its model came with: every card's scheduler is built from
    that one, so no option of one card's sampler carries over to the next card."""

    def __init__(self, pipeline):
        self.pipeline = pipeline
        self.own_scheduler = pipeline.scheduler


class PipelineCache:
    """One loaded pipeline per model (and VAE), reused by every card that names it."""

    def __init__(self, device: str, dtype: str = 'float32'):
        self.device = device
        self.dtype = dtype
        self._loaded: dict[tuple, object] = {}

    def get(self, plan: RenderPlan) -> LoadedModel:
        key = (plan.pipeline, plan.model.path, plan.vae.path if plan.vae else None)
        if key not in self._loaded:
            self._loaded.clear()  # one model in memory at a time
            self._loaded[key] = self._load(plan)
        return self._loaded[key]

    def _load(self, plan: RenderPlan):
        diffusers, torch = _diffusers()
        dtype = getattr(torch, self.dtype)
        options: dict[str, object] = {'torch_dtype': dtype}
        if plan.vae is not None:
            load_vae = diffusers.AutoencoderKL.from_single_file if plan.vae.single_file else diffusers.AutoencoderKL.from_pretrained
            options['vae'] = load_vae(plan.vae.path, torch_dtype=dtype)
        pipeline_class = getattr(diffusers, plan.pipeline)
        load = pipeline_class.from_single_file if plan.model.single_file else pipeline_class.from_pretrained
        try:
            pipeline = load(plan.model.path, **options)
        except (OSError, ValueError) as exc:
            raise RenderError(f'cannot load the model {plan.model.name!r} from {plan.model.path}: {exc}') from None
        pipeline.set_progress_bar_config(disable=True)
        return LoadedModel(pipeline.to(self.device))


def use_scheduler(model: LoadedModel, plan: RenderPlan) -> None:
    """Put the plan's scheduler on the pipeline, built on the model's own scheduler config."""
    if plan.scheduler is None:
        model.pipeline.scheduler = model.own_scheduler
        return
    diffusers, _ = _diffusers()
    scheduler_class = getattr(diffusers, plan.scheduler.name)
    try:
        model.pipeline.scheduler = scheduler_class.from_config(model.own_scheduler.config, **plan.scheduler.kwargs())
    except ImportError as exc:  # DPM++ SDE needs torchsde, Beta sigmas need scipy
        raise RenderError(f'{plan.scheduler.name} needs another package: {exc}') from None


def render(plan: RenderPlan, model: LoadedModel, device: str):
    """The card's picture as a PIL image."""
    diffusers, torch = _diffusers()
    use_scheduler(model, plan)
    pipeline = model.pipeline
    call = plan.call()
    image = pipeline(**call, generator=torch.Generator(device).manual_seed(plan.seed)).images[0]
    if plan.hires is None:
        return image
    from PIL import Image

    hires = plan.hires
    second = getattr(diffusers, plan.img2img_pipeline).from_pipe(pipeline)
    second.set_progress_bar_config(disable=True)
    upscaled = image.resize((hires.width, hires.height), Image.Resampling[hires.resample])
    for name in ('width', 'height', 'num_inference_steps'):
        call.pop(name)
    return second(**call, image=upscaled, strength=hires.strength, num_inference_steps=hires.num_inference_steps,
                  generator=torch.Generator(device).manual_seed(plan.seed)).images[0]


def save_webp(image, path: Path, infotext: str, notes: tuple[str, ...]) -> None:
    """Write the picture as WebP, the card's infotext in its EXIF user comment (as the WebUI
    stores it) and how it was rendered in its description."""
    from PIL import Image

    exif = Image.Exif()
    exif[0x010E] = json.dumps({'renderer': 'diffusers', 'notes': list(notes)}, ensure_ascii=False)  # ImageDescription
    exif.get_ifd(EXIF_IFD)[EXIF_USER_COMMENT] = b'UNICODE\0' + infotext.encode('utf-16-be')
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix('.tmp')
    image.convert('RGB').save(temporary, 'WEBP', quality=WEBP_QUALITY, method=6, exif=exif)
    temporary.replace(path)  # a half-written picture never carries a current name


def read_infotext(path: Path) -> str:
    """The infotext save_webp wrote into a picture."""
    from PIL import Image

    with Image.open(path) as image:
        comment = image.getexif().get_ifd(EXIF_IFD).get(EXIF_USER_COMMENT, b'')
    return comment[len(b'UNICODE\0'):].decode('utf-16-be') if comment.startswith(b'UNICODE\0') else ''
