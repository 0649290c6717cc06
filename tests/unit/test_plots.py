"""Plots from the programs' formulas (sdbook.plots): the numbers behind the curves, the checks
on a plot's parameters, and SVG that can sit inline next to other plots."""

from __future__ import annotations

import re

import numpy as np
import pytest

from sdbook import plots


def test_sd_noise_levels_span_the_published_range():
    # SD 1.x / SDXL: sigma_min 0.0292 and sigma_max 14.6146, as k-diffusion and ComfyUI print them.
    sigmas = plots.sd_sigmas()
    assert len(sigmas) == 1000
    assert sigmas[0] == pytest.approx(0.0292, abs=5e-5) and sigmas[-1] == pytest.approx(14.6146, abs=5e-4)
    assert np.all(np.diff(sigmas) > 0)


@pytest.mark.parametrize('name', plots.SCHEDULES)
@pytest.mark.parametrize('steps', [4, 20, 30])
def test_every_schedule_falls_from_the_top_to_zero_in_the_steps_asked(name, steps):
    values = plots.schedule(name, steps)
    assert values[-1] == 0.0
    assert np.all(np.diff(values) < 0), values
    assert values[0] == pytest.approx(plots.sd_sigmas()[-1], rel=1e-3)
    # Beta may merge two steps that land on the same timestep; the others keep every step.
    assert len(values) == steps + 1 or (name == 'beta' and len(values) <= steps + 1)


def test_karras_spends_more_steps_at_low_noise_than_normal():
    karras, normal = plots.schedule('karras', 20), plots.schedule('normal', 20)
    assert karras[10] < normal[10]


def test_flow_shift_moves_steps_towards_high_noise():
    t = np.array([0.0, 0.5, 1.0])
    assert list(plots.flow_shift(t, 1.0)) == [0.0, 0.5, 1.0]
    assert plots.flow_shift(t, 3.0) == pytest.approx([0.0, 0.75, 1.0])


@pytest.mark.parametrize(('steps', 'denoise', 'run'), [(20, 0.75, 16), (20, 1.0, 20), (20, 0.0, 0), (30, 0.5, 16)])
def test_img2img_runs_denoise_times_steps_plus_one(steps, denoise, run):
    assert plots.img2img_steps(steps, denoise) == run


def test_learning_rate_schedules():
    assert plots.lr_factor('cosine', 50, 1000, 100) == pytest.approx(0.5)          # halfway through warm-up
    assert plots.lr_factor('cosine', 550, 1000, 100) == pytest.approx(0.5)         # halfway through the decay
    assert plots.lr_factor('constant_with_warmup', 999, 1000, 100) == 1.0
    assert plots.lr_factor('cosine_with_restarts', 400, 1000, 100, cycles=3) == pytest.approx(1.0)  # a restart
    with pytest.raises(plots.PlotError, match='unknown learning-rate schedule'):
        plots.lr_factor('linear', 1, 10, 0)


def test_buckets_follow_the_rules_of_sd_scripts():
    resos = plots.bucket_resolutions((1024, 1024), 256, 1024, 64)
    assert (1024, 1024) in resos
    for w, h in resos:
        assert w % 64 == 0 and h % 64 == 0 and min(w, h) >= 256 and max(w, h) <= 1024
        assert w * h <= 1024 * 1024 and (h, w) in resos
    bucket, scaled = plots.select_bucket(resos, 2000, 3000)
    assert min(resos, key=lambda r: abs(r[0] / r[1] - 2 / 3)) == bucket
    assert scaled[0] >= bucket[0] and scaled[1] >= bucket[1]  # scaled to cover, then cropped


def test_tiles_cover_the_image():
    found = plots.tiles(2048, 1536, 512, 512)
    assert len(found) == 4 * 3
    assert max(x + w for x, _, w, _ in found) >= 2048 and max(y + h for _, y, _, h in found) >= 1536


@pytest.mark.parametrize(('spec', 'message'), [
    (plots.Spec('pie', {}, {}), "unknown plot kind 'pie'"),
    (plots.Spec('sigma-schedules', {'steps': 1}, {}), "'steps' must be a whole number from 2 to 150"),
    (plots.Spec('sigma-schedules', {'schedules': ['karras', 'ddim']}, {}), "'schedules' must list some of"),
    (plots.Spec('flow-shift', {'shifts': [0]}, {}), "'shifts' must be a list of numbers from 0.1 to 20"),
    (plots.Spec('bars', {'rows': [['sd15', 4, 8]]}, {}), "row 'sd15' has no text"),
])
def test_bad_parameters_are_refused_with_the_reason(spec, message):
    with pytest.raises(plots.PlotError, match=re.escape(message)):
        plots.check(spec)


def test_svg_follows_the_theme_and_two_plots_share_no_id():
    spec = plots.Spec('flow-shift', {'shifts': [1, 3]}, {'x': '步', 'y': 'σ', 'shift': 'shift = {shift}'})
    first = plots.scoped_ids(plots.render(spec, 'svg').decode(), 'a')
    second = plots.scoped_ids(plots.render(spec, 'svg').decode(), 'b')
    assert first.startswith('<svg') and 'currentColor' in first and plots.INK not in first
    assert re.search(r'<text [^>]*>步</text>', first)  # text stays text, in the page's font
    ids = re.findall(r'\bid="([^"]+)"', first) + re.findall(r'\bid="([^"]+)"', second)
    assert ids and len(ids) == len(set(ids))
    for ref in re.findall(r'(?:href="|url\()#([^")]+)', first):
        assert f'id="{ref}"' in first, ref  # every reference still finds its target


def test_pdf_is_a_pdf_with_the_text_in_it():
    data = plots.render(plots.Spec('denoise-steps', {'steps': 20}, {'x': 'denoise', 'y': 'steps'}), 'pdf')
    assert data.startswith(b'%PDF')


def test_outermost_labels_keep_room_for_a_wider_font_in_the_page():
    """The page sets the SVG's text in its own font: the y tick labels and the axis labels need
    room beyond what they measure here, or a wider font pushes them off the canvas."""
    spec = plots.Spec('bars', {'rows': [['a', 4, 6], ['b', 8, 12]]},
                      {'a': 'SD 3.5 Medium', 'b': 'SDXL family', 'x': 'VRAM (GB)'})
    with plots._drawn(spec) as fig:
        fig.canvas.draw()  # constrained layout places the axes when the figure is drawn
        drawn = fig.get_tightbbox(fig.canvas.get_renderer())  # everything drawn, in inches
        width, height = fig.get_size_inches()
    room = 0.9 * plots.TEXT_ROOM
    assert drawn.x0 >= room and drawn.x1 <= width - room, drawn
    assert drawn.y0 >= room / 2 and drawn.y1 <= height - room / 2, drawn
