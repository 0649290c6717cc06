"""Plots computed from the real formulas, drawn with matplotlib for the web (SVG) and the PDF.

Each kind of plot is a function of its parameters (the ``plot`` directive's YAML) and of its
texts (titles, axis labels, legend entries: translated like any other text of the page). The
formulas follow the programs' own code, named in each function. Plain Python and numpy, no
Sphinx; matplotlib is imported only when something is drawn.

In SVG the text stays text, in the page's own font, and the black of axes and labels becomes
``currentColor``, so a plot follows the page's light or dark theme.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import math
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np

PALETTE = ('#2f6fdf', '#e8710a', '#1e9e62', '#d6336c', '#8b5cf6', '#b8860b', '#0891b2')
INK, GRID = '#010101', '#bcbcbc'  # INK becomes currentColor in the SVG
CJK_FONTS = (Path('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'),)


class PlotError(ValueError):
    """A parameter the plot cannot take; the message says which and why."""


@dataclasses.dataclass(frozen=True)
class Spec:
    kind: str
    params: dict
    texts: dict[str, str]


# -- The formulas ---------------------------------------------------------------------------------


def sd_sigmas(linear_start: float = 0.00085, linear_end: float = 0.012, timesteps: int = 1000) -> np.ndarray:
    """The 1,000 noise levels of SD 1.x/SDXL (ComfyUI ModelSamplingDiscrete, "linear" betas)."""
    betas = np.linspace(linear_start ** 0.5, linear_end ** 0.5, timesteps, dtype=np.float64) ** 2
    alphas_cumprod = np.cumprod(1.0 - betas)
    return ((1 - alphas_cumprod) / alphas_cumprod) ** 0.5


def _timestep(sigmas: np.ndarray, sigma: float) -> float:
    return float(np.abs(np.log(sigma) - np.log(sigmas)).argmin())


def _sigma_at(sigmas: np.ndarray, t: float) -> float:
    t = min(max(t, 0.0), len(sigmas) - 1.0)
    low, high = math.floor(t), math.ceil(t)
    w = t - low
    return float(math.exp((1 - w) * math.log(sigmas[low]) + w * math.log(sigmas[high])))


def _beta_ppf(q: np.ndarray, a: float, b: float) -> np.ndarray:
    """Quantiles of the beta distribution (what scipy.stats.beta.ppf gives ComfyUI), by bisection
    on the regularised incomplete beta integral."""
    x = np.linspace(0, 1, 200_001)
    pdf = np.zeros_like(x)
    inner = (x > 0) & (x < 1)
    pdf[inner] = x[inner] ** (a - 1) * (1 - x[inner]) ** (b - 1)
    cdf = np.concatenate([[0.0], np.cumsum((pdf[1:] + pdf[:-1]) / 2 * np.diff(x))])
    cdf /= cdf[-1]
    return np.interp(q, cdf, x)


def schedule(name: str, steps: int, sigmas: np.ndarray | None = None) -> np.ndarray:
    """The noise levels a sampler visits (steps + 1 values, ending at 0), as ComfyUI computes them
    (comfy/samplers.py; karras and exponential from comfy/k_diffusion/sampling.py)."""
    s = sd_sigmas() if sigmas is None else sigmas
    sigma_min, sigma_max = float(s[0]), float(s[-1])
    if name == 'karras':
        rho = 7.0
        ramp = np.linspace(0, 1, steps)
        values = (sigma_max ** (1 / rho) + ramp * (sigma_min ** (1 / rho) - sigma_max ** (1 / rho))) ** rho
    elif name == 'exponential':
        values = np.exp(np.linspace(math.log(sigma_max), math.log(sigma_min), steps))
    elif name in ('normal', 'sgm_uniform'):
        start, end = _timestep(s, sigma_max), _timestep(s, sigma_min)
        ts = np.linspace(start, end, steps + 1)[:-1] if name == 'sgm_uniform' else np.linspace(start, end, steps)
        values = np.array([_sigma_at(s, t) for t in ts])
    elif name == 'simple':
        ss = len(s) / steps
        values = np.array([s[-(1 + int(x * ss))] for x in range(steps)])
    elif name == 'beta':
        ts = np.rint(_beta_ppf(1 - np.linspace(0, 1, steps, endpoint=False), 0.6, 0.6) * (len(s) - 1))
        values = np.array([s[int(t)] for i, t in enumerate(ts) if i == 0 or t != ts[i - 1]])
    else:
        raise PlotError(f"unknown schedule {name!r}; expected one of: {', '.join(SCHEDULES)}")
    return np.append(values, 0.0)


SCHEDULES = ('karras', 'exponential', 'normal', 'sgm_uniform', 'simple', 'beta')


def flow_shift(t: np.ndarray, shift: float) -> np.ndarray:
    """Noise level of a flow model after the time shift (comfy/model_sampling.py time_snr_shift)."""
    return t if shift == 1.0 else shift * t / (1 + (shift - 1) * t)


def img2img_steps(steps: int, denoise: float) -> int:
    """Steps A1111 runs in img2img: int(min(denoise, 0.999) × steps) + 1 (modules/sd_samplers_common.py
    setup_img2img_steps, and the sigma slice in sd_samplers_kdiffusion.py), default settings."""
    return 0 if denoise <= 0 else int(min(denoise, 0.999) * steps) + 1


def lr_factor(name: str, step: int, total: int, warmup: int, cycles: int = 1) -> float:
    """The learning-rate multiplier of diffusers' schedules (src/diffusers/optimization.py), which
    sd-scripts uses: constant_with_warmup, cosine, cosine_with_restarts."""
    if step < warmup:
        return step / max(1, warmup)
    if name == 'constant_with_warmup':
        return 1.0
    progress = (step - warmup) / max(1, total - warmup)
    if name == 'cosine':
        return max(0.0, 0.5 * (1.0 + math.cos(math.pi * 0.5 * 2.0 * progress)))
    if name == 'cosine_with_restarts':
        return 0.0 if progress >= 1.0 else max(0.0, 0.5 * (1.0 + math.cos(math.pi * ((cycles * progress) % 1.0))))
    raise PlotError(f"unknown learning-rate schedule {name!r}; expected constant_with_warmup, cosine, cosine_with_restarts")


def bucket_resolutions(max_reso: tuple[int, int], min_size: int = 256, max_size: int = 1024,
                       divisible: int = 64) -> list[tuple[int, int]]:
    """The bucket sizes of sd-scripts (library/model_util.py make_bucket_resolutions)."""
    max_area = max_reso[0] * max_reso[1]
    resos = {(int(math.sqrt(max_area) // divisible) * divisible,) * 2}
    width = min_size
    while width <= max_size:
        height = min(max_size, int((max_area // width) // divisible) * divisible)
        if height >= min_size:
            resos |= {(width, height), (height, width)}
        width += divisible
    return sorted(resos)


def select_bucket(resos: list[tuple[int, int]], width: int, height: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """The bucket an image lands in, and the size it is scaled to before cropping
    (library/train_util.py BucketManager.select_bucket, upscaling allowed)."""
    aspect = width / height
    reso = min(resos, key=lambda r: abs(r[0] / r[1] - aspect))
    scale = reso[1] / height if aspect > reso[0] / reso[1] else reso[0] / width
    return reso, (int(width * scale + 0.5), int(height * scale + 0.5))


def tiles(width: int, height: int, tile_w: int, tile_h: int) -> list[tuple[int, int, int, int]]:
    """The tiles of Ultimate SD Upscale's linear mode: a grid of tile-sized rectangles from the
    top left, the last row and column reaching past the edge (scripts/ultimate-upscale.py)."""
    cols, rows = math.ceil(width / tile_w), math.ceil(height / tile_h)
    return [(c * tile_w, r * tile_h, tile_w, tile_h) for r in range(rows) for c in range(cols)]


# -- Drawing --------------------------------------------------------------------------------------


def _pyplot():
    import matplotlib

    matplotlib.use('Agg')
    from matplotlib import font_manager
    from matplotlib import pyplot as plt

    for path in CJK_FONTS:
        if path.exists() and not any(f.fname == str(path) for f in font_manager.fontManager.ttflist):
            font_manager.fontManager.addfont(str(path))
    plt.rcParams.update({
        'font.family': ['Noto Sans CJK SC', 'DejaVu Sans'], 'font.size': 10, 'svg.fonttype': 'none',
        'pdf.fonttype': 3, 'axes.edgecolor': INK, 'axes.labelcolor': INK, 'xtick.color': INK, 'ytick.color': INK,
        'text.color': INK, 'axes.prop_cycle': matplotlib.cycler(color=PALETTE), 'axes.grid': True,
        'grid.color': GRID, 'grid.linewidth': 0.6, 'axes.spines.top': False, 'axes.spines.right': False,
        'legend.frameon': False, 'figure.dpi': 100, 'svg.hashsalt': 'sdbook', 'axes.unicode_minus': False,
    })
    return plt


def _text(texts: dict[str, str], key: str, default: str = '') -> str:
    return texts.get(key, default)


def _int(params: dict, name: str, default: int, low: int, high: int) -> int:
    value = params.get(name, default)
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise PlotError(f'{name!r} must be a whole number from {low} to {high}, not {value!r}')
    return value


def _numbers(params: dict, name: str, default: list, low: float, high: float) -> list[float]:
    values = params.get(name, default)
    if not isinstance(values, list) or not values or not all(
            isinstance(v, (int, float)) and not isinstance(v, bool) and low <= v <= high for v in values):
        raise PlotError(f'{name!r} must be a list of numbers from {low:g} to {high:g}, not {values!r}')
    return [float(v) for v in values]


def _whole_steps(ax) -> None:
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))


def draw_sigma_schedules(ax, params: dict, texts: dict[str, str]) -> None:
    steps = _int(params, 'steps', 20, 2, 150)
    names = params.get('schedules', list(SCHEDULES))
    if not isinstance(names, list) or not all(n in SCHEDULES for n in names):
        raise PlotError(f"'schedules' must list some of: {', '.join(SCHEDULES)}")
    markers = 'osD^vP'
    for i, name in enumerate(names):
        values = schedule(name, steps)
        ax.plot(range(len(values) - 1), values[:-1], marker=markers[i % len(markers)], markersize=3.5, linewidth=1.4,
                label=_text(texts, name, name))
    ax.set_yscale('log')
    _whole_steps(ax)
    ax.set_xlabel(_text(texts, 'x', 'step'))
    ax.set_ylabel(_text(texts, 'y', 'σ'))
    ax.legend(ncols=2, fontsize=9)


def draw_flow_shift(ax, params: dict, texts: dict[str, str]) -> None:
    steps = _int(params, 'steps', 20, 2, 150)
    t = np.linspace(1, 0, steps + 1)
    for shift in _numbers(params, 'shifts', [1, 3, 6], 0.1, 20):
        ax.plot(range(steps + 1), flow_shift(t, shift), marker='o', markersize=3, linewidth=1.4,
                label=_text(texts, 'shift', 'shift = {shift}').format(shift=f'{shift:g}'))
    _whole_steps(ax)
    ax.set_xlabel(_text(texts, 'x', 'step'))
    ax.set_ylabel(_text(texts, 'y', 'σ'))
    ax.set_ylim(0, 1.02)
    ax.legend(fontsize=9)


def draw_denoise_steps(ax, params: dict, texts: dict[str, str]) -> None:
    steps = _int(params, 'steps', 20, 2, 150)
    values = _numbers(params, 'denoise', [0.2, 0.35, 0.5, 0.65, 0.75, 0.9, 1.0], 0, 1)
    run = [img2img_steps(steps, d) for d in values]
    bars = ax.bar([f'{d:g}' for d in values], run, color=PALETTE[0])
    ax.bar_label(bars, labels=[str(r) for r in run], padding=2, fontsize=9, color=INK)
    ax.axhline(steps, color=PALETTE[1], linewidth=1.2, linestyle='--')
    ax.text(-0.45, steps * 1.02, _text(texts, 'limit', 'steps = {steps}').format(steps=steps), ha='left', va='bottom',
            fontsize=9, color=PALETTE[1])
    ax.set_xlabel(_text(texts, 'x', 'denoising strength'))
    ax.set_ylabel(_text(texts, 'y', 'steps run'))
    ax.set_ylim(0, steps * 1.18)
    ax.grid(axis='x', visible=False)


def draw_lr_schedules(ax, params: dict, texts: dict[str, str]) -> None:
    total = _int(params, 'steps', 1000, 10, 100_000)
    warmup = _int(params, 'warmup', 100, 0, total - 1)
    cycles = _int(params, 'cycles', 3, 1, 20)
    x = np.arange(total + 1)
    for name in ('constant_with_warmup', 'cosine', 'cosine_with_restarts'):
        ax.plot(x, [lr_factor(name, int(s), total, warmup, cycles) for s in x], linewidth=1.6, label=_text(texts, name, name))
    ax.set_xlabel(_text(texts, 'x', 'step'))
    ax.set_ylabel(_text(texts, 'y', 'learning rate ÷ set value'))
    ax.set_ylim(0, 1.08)
    ax.legend(fontsize=9, loc='lower left')


def draw_buckets(ax, params: dict, texts: dict[str, str]) -> None:
    size = _int(params, 'resolution', 1024, 256, 2048)
    max_size = _int(params, 'max_bucket_reso', 1024, 256, 4096)
    min_size = _int(params, 'min_bucket_reso', 256, 64, 2048)
    step = _int(params, 'bucket_reso_steps', 64, 8, 256)
    resos = bucket_resolutions((size, size), min_size, max_size, step)
    images = params.get('images', [[2, 3], [16, 9]])
    chosen = {select_bucket(resos, int(w) * 1000, int(h) * 1000)[0]: f'{w}:{h}' for w, h in images}
    ax.grid(False)
    for w, h in resos:
        highlighted = (w, h) in chosen
        ax.add_patch(_rect(0, 0, w, h, edge=PALETTE[1] if highlighted else PALETTE[0], width=2.2 if highlighted else 0.6,
                           fill=False, alpha=1.0))
    limit = max(max(r) for r in resos) * 1.12
    for (w, h), ratio in chosen.items():
        right = w > limit * 0.6  # a label near the right edge is set to the left of its corner
        ax.annotate(_text(texts, 'image', '{ratio} → {w}×{h}').format(ratio=ratio, w=w, h=h), (w, h),
                    xytext=(-4 if right else 4, 4), ha='right' if right else 'left', textcoords='offset points',
                    fontsize=9, color=PALETTE[1])
    ax.set_xlim(0, limit)
    ax.set_ylim(limit, 0)
    ax.set_aspect('equal')
    ax.set_xlabel(_text(texts, 'x', 'width (px)'))
    ax.set_ylabel(_text(texts, 'y', 'height (px)'))
    ax.set_title(_text(texts, 'title', '{count} buckets').format(count=len(resos)), fontsize=10)


def draw_tiles(ax, params: dict, texts: dict[str, str]) -> None:
    width = _int(params, 'width', 2048, 64, 16384)
    height = _int(params, 'height', 2048, 64, 16384)
    tile_w = _int(params, 'tile_width', 512, 64, 4096)
    tile_h = _int(params, 'tile_height', tile_w, 64, 4096)
    padding = _int(params, 'padding', 32, 0, 512)
    ax.add_patch(_rect(0, 0, width, height, edge=INK, width=1.8, fill=False))
    for x, y, w, h in tiles(width, height, tile_w, tile_h):
        colour = PALETTE[(x // tile_w + y // tile_h) % 2]  # a checkerboard, so neighbours differ
        ax.add_patch(_rect(x - padding, y - padding, w + 2 * padding, h + 2 * padding, edge=colour,
                           width=0.9, fill=True, alpha=0.12))
        ax.add_patch(_rect(x, y, w, h, edge=colour, width=1.4, fill=False))
    ax.set_xlim(-padding * 2, width + tile_w + padding)
    ax.set_ylim(height + tile_h + padding, -padding * 2)
    ax.set_aspect('equal')
    ax.grid(False)
    count = len(tiles(width, height, tile_w, tile_h))
    ax.set_title(_text(texts, 'title', '{count} tiles').format(count=count, width=width, height=height,
                                                               tile=tile_w, padding=padding), fontsize=10)
    ax.set_xlabel(_text(texts, 'x', 'px'))


def draw_bars(ax, params: dict, texts: dict[str, str]) -> None:
    rows = params.get('rows')
    if not isinstance(rows, list) or not rows:
        raise PlotError("'rows' must list [label key, low, high] for each bar")
    labels, lows, highs = [], [], []
    for row in rows:
        if not (isinstance(row, list) and len(row) == 3 and isinstance(row[0], str)
                and all(isinstance(v, (int, float)) for v in row[1:])):
            raise PlotError(f"each row of 'rows' is [label key, low, high], not {row!r}")
        if row[0] not in texts:
            raise PlotError(f'row {row[0]!r} has no text: add it under texts')
        labels.append(texts[row[0]])
        lows.append(float(row[1]))
        highs.append(float(row[2]))
    y = np.arange(len(rows))[::-1]
    ax.barh(y, lows, color=PALETTE[0], label=_text(texts, 'low', 'minimum'))
    ax.barh(y, np.array(highs) - np.array(lows), left=lows, color=PALETTE[0], alpha=0.35,
            label=_text(texts, 'high', 'comfortable'))
    for yy, high in zip(y, highs, strict=True):
        ax.text(high + 0.3, yy, f'{high:g}', va='center', fontsize=8.5, color=INK)
    ax.set_yticks(y, labels)
    ax.set_xlabel(_text(texts, 'x', 'VRAM (GB)'))
    ax.grid(axis='y', visible=False)
    ax.legend(fontsize=9, loc='lower right')


def _rect(x, y, w, h, edge, width, fill, alpha=1.0):
    from matplotlib.patches import Rectangle

    return Rectangle((x, y), w, h, linewidth=width, edgecolor=edge, facecolor=edge if fill else 'none',
                     alpha=alpha if fill else 1.0)


TEXT_ROOM = 0.16  # inches

KINDS: dict[str, tuple[Callable, tuple[float, float]]] = {
    'sigma-schedules': (draw_sigma_schedules, (6.4, 3.8)),
    'flow-shift': (draw_flow_shift, (6.0, 3.6)),
    'denoise-steps': (draw_denoise_steps, (6.0, 3.4)),
    'lr-schedules': (draw_lr_schedules, (6.4, 3.4)),
    'buckets': (draw_buckets, (5.2, 5.2)),
    'tiles': (draw_tiles, (5.0, 5.0)),
    'bars': (draw_bars, (6.4, 3.8)),
}


def check(spec: Spec) -> None:
    """Raise PlotError for what drawing would refuse. The drawing functions check their
    parameters, so the plot is drawn, but not saved: saving is nine tenths of the cost."""
    with _drawn(spec):
        pass


def render(spec: Spec, fmt: str) -> bytes:
    """The plot as SVG (for HTML) or PDF (for LaTeX)."""
    with _drawn(spec) as fig:
        out = io.BytesIO()
        fig.savefig(out, format=fmt, transparent=True, metadata={'Date': None} if fmt == 'svg' else {'CreationDate': None})
    data = out.getvalue()
    return themed_svg(data.decode('utf-8')).encode('utf-8') if fmt == 'svg' else data


@contextlib.contextmanager
def _drawn(spec: Spec):
    """The figure of a plot, drawn, and closed afterwards."""
    if spec.kind not in KINDS:
        raise PlotError(f"unknown plot kind {spec.kind!r}; expected one of: {', '.join(KINDS)}")
    draw, size = KINDS[spec.kind]
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=size, layout='constrained')
    # The page sets the SVG's text in its own font, which may run wider than the one measured
    # here: the extra margin keeps the outermost labels (y ticks, the y label) inside the canvas.
    fig.get_layout_engine().set(w_pad=TEXT_ROOM, h_pad=TEXT_ROOM / 2)
    try:
        draw(ax, spec.params, spec.texts)
        yield fig
    finally:
        plt.close(fig)


def scoped_ids(svg: str, prefix: str) -> str:
    """The SVG with every id that is referred to (and every reference) prefixed, so that several
    plots inlined in one page never share an id; ids nothing refers to are dropped."""
    for ident in set(re.findall(r'\bid="([^"]+)"', svg)):
        if f'#{ident}' not in svg:
            svg = svg.replace(f' id="{ident}"', '')
            continue
        svg = re.sub(rf'(\bid="|#){re.escape(ident)}(?=[")])', rf'\g<1>{prefix}-{ident}', svg)
    return svg


def themed_svg(svg: str) -> str:
    """Inline-ready SVG: no XML prolog, ink as currentColor, the grid as a theme colour, text
    in the font of the page around it."""
    svg = re.sub(r'^<\?xml[^>]*>\s*(<!DOCTYPE[^>]*>\s*)?', '', svg)
    svg = svg.replace(INK, 'currentColor').replace(GRID, 'var(--sdbook-plot-grid, #bcbcbc)')
    svg = re.sub(r"font-family: [^;\"]*;? ?", '', svg)  # the page's own font (figures.css)
    return re.sub(r'<metadata>.*?</metadata>\s*', '', svg, flags=re.S)
