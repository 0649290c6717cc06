"""Capture and annotate the book's screenshots of ComfyUI (source/images/screenshots/*.png).

Each screenshot is taken from a real, running ComfyUI in headless Chromium; numbered callouts
are then drawn on it at positions read from the page (the DOM, and the node graph through
ComfyUI's ``app`` object). The numbers are explained in a numbered list under each figure (a plain
MyST ``{figure}`` whose caption and ``:alt:`` are translated), so one image serves both editions. The PNGs are committed: ``make book`` never
needs ComfyUI.

Start ComfyUI first (a CPU-only machine is enough: no model is loaded), with ComfyUI-Manager
installed, then run from the top of the repository. The stored pictures show ComfyUI v0.3.64
(frontend 1.27.10) with ComfyUI-Manager 3.41 cloned into ``custom_nodes/``; ComfyUI imports
torchvision at start-up, so torch and torchvision must be a matching pair from one index
(``pip install -r requirements.txt`` in the ComfyUI folder gives one).

    $ python main.py --cpu --listen 127.0.0.1 --port 8188      # in the ComfyUI folder
    $ .venv/bin/python tools/screenshots.py                       # all screenshots
    $ .venv/bin/python tools/screenshots.py --url http://127.0.0.1:8188 default-graph

``--url`` (or the environment variable ``COMFYUI_URL``) names the server, ``--out`` the folder.
The script changes three of the server's user settings (minimap and canvas info hidden, English
locale) so that every run looks the same. It prints each file's size: keep them under 150 KB.
"""

from __future__ import annotations

import argparse
import io
import os
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / 'source' / 'images' / 'screenshots'
CHROMIUM = '/usr/bin/chromium'
FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--no-first-run']
VIEWPORT = {'width': 1280, 'height': 800}
FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'
ACCENT = (255, 45, 149)   # no colour of ComfyUI's dark theme or its link types comes near it
SETTINGS = {'Comfy.Minimap.Visible': False, 'Comfy.Graph.CanvasInfo': False, 'Comfy.Locale': 'en'}


@dataclass
class Callout:
    number: int
    box: tuple[float, float, float, float]   # x, y, width, height in CSS pixels


# -- The page ---------------------------------------------------------------------------


def open_comfyui(page: Page, url: str) -> None:
    page.goto(url, wait_until='networkidle')
    page.wait_for_function('() => window.app && app.graph && app.graph._nodes.length > 0')
    page.evaluate('async (s) => { for (const [k, v] of Object.entries(s)) await app.extensionManager.setting.set(k, v) }',
                  SETTINGS)
    page.wait_for_timeout(1500)
    close_toasts(page)


def close_toasts(page: Page) -> None:
    """Notices that come and go (ComfyUI-Manager's start-up alerts) would hide part of the UI."""
    for button in page.locator('.p-toast-close-button').all():
        if button.is_visible():
            button.click()
    page.wait_for_timeout(400)


def box_of(page: Page, selector: str) -> tuple[float, float, float, float]:
    box = page.locator(selector).first.bounding_box()
    if box is None:
        raise SystemExit(f'screenshots: nothing visible matches {selector!r}: has the ComfyUI frontend changed?')
    return box['x'], box['y'], box['width'], box['height']


# The default graph's nodes in screen pixels, fitted into the canvas with a margin. The two CLIP
# Text Encode nodes are told apart by the KSampler input their output is linked to.
GRAPH_NODES = """(margin) => {
  const c = app.canvas, nodes = app.graph._nodes, title = LiteGraph.NODE_TITLE_HEIGHT;
  const x0 = Math.min(...nodes.map(n => n.pos[0])), y0 = Math.min(...nodes.map(n => n.pos[1] - title));
  const x1 = Math.max(...nodes.map(n => n.pos[0] + n.size[0])), y1 = Math.max(...nodes.map(n => n.pos[1] + n.size[1]));
  const rect = c.canvas.getBoundingClientRect();
  const scale = Math.min((rect.width - 2 * margin) / (x1 - x0), (rect.height - 2 * margin - 60) / (y1 - y0), 1);
  c.ds.scale = scale;
  c.ds.offset = [(rect.width - (x1 - x0) * scale) / 2 / scale - x0, (rect.height - 60 - (y1 - y0) * scale) / 2 / scale - y0 + 60 / scale];
  c.setDirty(true, true);
  const role = n => {
    if (n.type !== 'CLIPTextEncode') return n.type;
    const link = app.graph.links[n.outputs[0].links[0]];
    const target = app.graph.getNodeById(link.target_id);
    return 'CLIPTextEncode:' + target.inputs[link.target_slot].name;
  };
  return nodes.map(n => {
    const [x, y] = c.ds.convertOffsetToCanvas([n.pos[0], n.pos[1] - title]);
    return {role: role(n), box: [x + rect.left, y + rect.top, n.size[0] * scale, (n.size[1] + title) * scale]};
  });
}"""

NODE_ORDER = ['CheckpointLoaderSimple', 'CLIPTextEncode:positive', 'CLIPTextEncode:negative', 'EmptyLatentImage',
              'KSampler', 'VAEDecode', 'SaveImage']


def shot_default_graph(page: Page) -> list[Callout]:
    """The text-to-image workflow as a new browser loads it, every node numbered, then the Run button."""
    nodes = {n['role']: n['box'] for n in page.evaluate(GRAPH_NODES, 24)}
    missing = set(NODE_ORDER) - set(nodes)
    if missing:
        raise SystemExit(f'screenshots: the default workflow has no {", ".join(sorted(missing))} node')
    page.wait_for_timeout(500)
    callouts = [Callout(i, tuple(nodes[role])) for i, role in enumerate(NODE_ORDER, 1)]
    callouts.append(Callout(len(callouts) + 1, box_of(page, 'button:has-text("Run")')))
    return callouts


def shot_manager(page: Page) -> list[Callout]:
    """ComfyUI-Manager's main menu, opened from its button in the top bar."""
    button = box_of(page, 'button:has-text("Manager")')
    page.locator('button:has-text("Manager")').first.click()
    page.wait_for_selector('text=Custom Nodes Manager')
    page.wait_for_timeout(1500)
    close_toasts(page)
    labels = ['Custom Nodes Manager', 'Install Missing Custom Nodes', 'Model Manager', 'Update All', 'Update ComfyUI', 'Restart']
    callouts = [Callout(1, button)]
    for number, label in enumerate(labels, 2):
        callouts.append(Callout(number, box_of(page, f'button:text-is("{label}")')))
    return callouts


def shot_templates(page: Page) -> list[Callout]:
    """The template browser, opened from the sidebar's Templates button."""
    sidebar = box_of(page, '.templates-tab-button')
    page.locator('.templates-tab-button').click()
    page.wait_for_selector('text=Image Generation')
    page.wait_for_timeout(2500)   # thumbnails
    close_toasts(page)
    return [Callout(1, sidebar),
            Callout(2, box_of(page, '.p-dialog :text-is("Image")')),
            Callout(3, box_of(page, '.p-dialog input[placeholder^="Search"]')),
            Callout(4, box_of(page, '.p-dialog .template-card:has-text("Image Generation")'))]


def shot_settings_locale(page: Page) -> list[Callout]:
    """The settings dialog at the Comfy category, where Locale switches the UI to Chinese."""
    page.evaluate("() => app.extensionManager.command.execute('Comfy.ShowSettingsDialog')")
    page.locator('.p-dialog :text-is("Comfy")').first.click()
    group = '.p-dialog .setting-group:has(h3:text-is("Locale"))'
    page.wait_for_timeout(800)
    close_toasts(page)
    return [Callout(1, box_of(page, '.p-dialog :text-is("Comfy")')),
            Callout(2, box_of(page, group)),
            Callout(3, box_of(page, f'{group} .p-select'))]


# name: (what to do, viewport, whether the picture holds photographs: they are dithered)
SHOTS = {
    'comfyui-default-graph': (shot_default_graph, {'width': 1440, 'height': 800}, False),
    'comfyui-manager-menu': (shot_manager, VIEWPORT, False),
    'comfyui-templates': (shot_templates, VIEWPORT, True),
    'comfyui-settings-locale': (shot_settings_locale, VIEWPORT, False),
}


# -- The picture ------------------------------------------------------------------------


def annotate(png: bytes, callouts: list[Callout], scale: float) -> Image.Image:
    """Outline each box and set its number in a circle on the box's top-left corner (moved
    inside the picture where the corner is at an edge)."""
    image = Image.open(io.BytesIO(png)).convert('RGB')
    draw = ImageDraw.Draw(image)
    radius, pad = round(13 * scale), round(4 * scale)
    font = ImageFont.truetype(FONT, round(15 * scale))
    for callout in callouts:
        x, y, w, h = (v * scale for v in callout.box)
        x, y, w, h = x - pad, y - pad, w + 2 * pad, h + 2 * pad   # the outline clears what it marks
        draw.rounded_rectangle((x, y, x + w, y + h), radius=round(5 * scale), outline=ACCENT, width=round(3 * scale))
        cx = min(max(x - pad, radius + 2), image.width - radius - 2)
        cy = min(max(y - pad, radius + 2), image.height - radius - 2)
        draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=ACCENT, outline='white', width=round(2 * scale))
        draw.text((cx, cy), str(callout.number), fill='white', font=font, anchor='mm')
    return image


def save_optimised(image: Image.Image, path: Path, photos: bool) -> int:
    """A 256-colour PNG: the flat colours of a UI lose nothing visible in a palette, and the file
    is a fraction of the full-colour one. Photographs in the picture are dithered, or they band."""
    dither = Image.Dither.FLOYDSTEINBERG if photos else Image.Dither.NONE
    quantised = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=dither)
    path.parent.mkdir(parents=True, exist_ok=True)
    quantised.save(path, optimize=True)
    return path.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('names', nargs='*', metavar='NAME', help=f'any of {", ".join(SHOTS)} (default: all)')
    parser.add_argument('--url', default=os.environ.get('COMFYUI_URL', 'http://127.0.0.1:8188'))
    parser.add_argument('--out', type=Path, default=OUT)
    parser.add_argument('--scale', type=float, default=1, help='device pixels per CSS pixel (default 1)')
    args = parser.parse_args()
    unknown = set(args.names) - set(SHOTS)
    if unknown:
        parser.error(f'no such screenshot: {", ".join(sorted(unknown))}')
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for name in args.names or SHOTS:
            take, viewport, photos = SHOTS[name]
            page = browser.new_page(viewport=viewport, device_scale_factor=args.scale)
            open_comfyui(page, args.url)
            callouts = take(page)
            image = annotate(page.screenshot(), callouts, args.scale)
            size = save_optimised(image, args.out / f'{name}.png', photos)
            print(f'{args.out / name}.png: {image.width}×{image.height}, {size / 1024:.0f} KB')
            page.close()
        browser.close()


if __name__ == '__main__':
    main()
