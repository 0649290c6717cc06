"""The whole render path on a CPU: a card on a page, `python -m sdbook cards render` with a tiny
random pipeline (sdbook.cardpipeline), the WebP written, and the next build showing it."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from cardsample import params
from testfiles import small_conf
from tinypipeline import render_packages, save_tiny_sd_pipeline

torch, diffusers, _ = render_packages()

from PIL import Image  # noqa: E402
from sphinx.application import Sphinx  # noqa: E402
from sphinx.util.docutils import docutils_namespace  # noqa: E402

from sdbook import cardpipeline, cardrender, cli  # noqa: E402
from sdbook.cardimages import CardRecord, card_id  # noqa: E402
from sdbook.cardmodels import ModelEntry, Models  # noqa: E402
from sdbook.infotext import parse_parameters  # noqa: E402

TINY = {'model': 'tiny-sd', 'steps': '2', 'size': '64x64', 'seed': '42', 'negative': 'blurry'}


@pytest.fixture(scope='module')
def tiny_model(tmp_path_factory) -> Path:
    return save_tiny_sd_pipeline(tmp_path_factory.mktemp('models') / 'tiny-sd')


@pytest.fixture(scope='module')
def tiny_pipeline(tiny_model):
    return cardpipeline.PipelineCache('cpu').get(_plan(tiny_model))


def _plan(model: Path, **changes: str | None) -> cardrender.RenderPlan:
    parsed = parse_parameters(params(**(TINY | changes)))
    record = CardRecord(card_id('index', '卡片', parsed.prompt), 'index', 'index.md', 1, '卡片', parsed)
    return cardrender.plan(record, Models({'tiny-sd': ModelEntry('tiny-sd', str(model), 'sd')}, {}))


def _pixels(image) -> bytes:
    return image.convert('RGB').tobytes()


def _book(root: Path, model: Path, cfg: str = '6.5') -> Path:
    card = '\n'.join(f':{name}: {value}' for name, value in params(**(TINY | {'cfg': cfg})).items())
    (root / 'source').mkdir(parents=True, exist_ok=True)
    (root / 'conf.py').write_text(small_conf(['myst_parser', 'sdbook.ext.cards']), encoding='utf-8')
    (root / 'source' / 'index.md').write_text(f'# 测试\n\n```{{gencard}} 红猫\n{card}\n```\n', encoding='utf-8')
    (root / 'cards-models.yaml').write_text(f'models:\n  tiny-sd: {{path: "{model}", pipeline: sd}}\n', encoding='utf-8')
    return root


def _build_html(root: Path) -> str:
    warnings = io.StringIO()
    with docutils_namespace():
        app = Sphinx(str(root / 'source'), str(root), str(root / '_build' / 'html'), str(root / '_build' / 'doctrees' / 'html'),
                     'html', status=None, warning=warnings, freshenv=True)
        app.build()
    assert warnings.getvalue() == ''
    return (root / '_build' / 'html' / 'index.html').read_text(encoding='utf-8')


def test_render_command_writes_the_picture_and_the_page_shows_it(tiny_model, tmp_path, capsys):
    root = _book(tmp_path / 'book', tiny_model)
    assert cli.main(['--root', str(root), 'cards', 'render']) == 0
    pictures = sorted((root / 'source' / '_cards').glob('*.webp'))
    assert [p.name.split('.')[0] for p in pictures] == [card_id('index', '红猫', '')]
    with Image.open(pictures[0]) as picture:
        assert (picture.format, picture.size) == ('WEBP', (64, 64))
    parsed = parse_parameters(params(**(TINY | {'cfg': '6.5'})))
    assert cardpipeline.read_infotext(pictures[0]) == parsed.infotext()
    assert capsys.readouterr().out.endswith('1 rendered, 0 current, 0 not renderable\n')
    page = _build_html(root)
    assert re.search(rf'<img alt="红猫" class="sdbook-gencard-picture" src="_images/{re.escape(pictures[0].name)}" />', page)

    # A second run renders nothing; a changed card renders again and drops the stale picture.
    assert cli.main(['--root', str(root), 'cards', 'render']) == 0
    assert capsys.readouterr().out.endswith('0 rendered, 1 current, 0 not renderable\n')
    _book(root, tiny_model, cfg='5')
    assert cli.main(['--root', str(root), 'cards', 'render']) == 0
    renewed = sorted((root / 'source' / '_cards').glob('*.webp'))
    assert len(renewed) == 1 and renewed != pictures


def test_unrenderable_card_asked_for_by_id_fails_with_its_location(tiny_model, tmp_path, capsys):
    root = _book(tmp_path / 'book', tiny_model)
    (root / 'cards-models.yaml').write_text('models: {}\n', encoding='utf-8')
    ident = card_id('index', '红猫', '')
    assert cli.main(['--root', str(root), 'cards', 'render', '--only', ident]) == 1
    assert f"source/index.md:3: {ident}: not rendered: the model 'tiny-sd' is not in the models file" in capsys.readouterr().err


SAMPLER_SCHEDULES = [(sampler, schedule) for sampler, (_, _, sigmas) in sorted(cardrender.SAMPLERS.items())
                     for schedule in ((None, 'Karras', 'Beta') if sigmas else (None,))]


@pytest.mark.parametrize(('sampler', 'schedule'), SAMPLER_SCHEDULES)
def test_each_sampler_gets_its_scheduler_class_and_options(tiny_model, tiny_pipeline, sampler, schedule):
    plan = _plan(tiny_model, sampler=sampler, schedule=schedule)
    cardpipeline.use_scheduler(tiny_pipeline, plan)
    scheduler = tiny_pipeline.pipeline.scheduler
    assert type(scheduler).__name__ == plan.scheduler.name
    for option, value in plan.scheduler.options:  # from_config ignores an unknown option: check each one took
        assert scheduler.config[option] == value
    # Built on the model's own config, not on the previous card's: nothing else carried over.
    assert scheduler.config['beta_schedule'] == 'scaled_linear'
    assert sum(bool(scheduler.config.get(f'use_{kind}_sigmas')) for kind in ('karras', 'exponential', 'beta')) == (schedule is not None)
    image = cardpipeline.render(plan, tiny_pipeline, 'cpu')
    assert image.size == (64, 64)


def test_same_seed_same_picture_other_seed_other_picture(tiny_model, tiny_pipeline):
    first = cardpipeline.render(_plan(tiny_model), tiny_pipeline, 'cpu')
    again = cardpipeline.render(_plan(tiny_model), tiny_pipeline, 'cpu')
    other = cardpipeline.render(_plan(tiny_model, seed='43'), tiny_pipeline, 'cpu')
    assert _pixels(first) == _pixels(again)
    assert _pixels(first) != _pixels(other)


def test_clip_skip_changes_the_picture(tiny_model, tiny_pipeline):
    plain = cardpipeline.render(_plan(tiny_model), tiny_pipeline, 'cpu')
    skipped = cardpipeline.render(_plan(tiny_model, clip_skip='2'), tiny_pipeline, 'cpu')
    assert _plan(tiny_model, clip_skip='2').call()['clip_skip'] == 1
    assert _pixels(plain) != _pixels(skipped)


def test_hires_fix_renders_the_upscaled_size(tiny_model, tiny_pipeline):
    plan = _plan(tiny_model, hires_upscale='1.5', hires_upscaler='Lanczos', hires_steps='2', denoising='0.5')
    assert cardpipeline.render(plan, tiny_pipeline, 'cpu').size == (96, 96)


def test_webp_is_small_and_carries_the_infotext(tiny_model, tiny_pipeline, tmp_path):
    image = cardpipeline.render(_plan(tiny_model), tiny_pipeline, 'cpu')
    target = tmp_path / 'card.webp'
    cardpipeline.save_webp(image, target, 'a red cat\nSteps: 2', ('a note',))
    assert cardpipeline.read_infotext(target) == 'a red cat\nSteps: 2'
    assert target.stat().st_size < 20_000
    assert not list(tmp_path.glob('*.tmp'))
