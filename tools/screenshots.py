"""Screenshots of the programs the book explains, taken from a running copy and annotated.

    python tools/screenshots.py --comfyui http://127.0.0.1:8188

Start ComfyUI first (no model is needed for the interface: `python main.py --cpu`), with
a fresh user folder so the default workflow loads. The script opens it in headless Chromium
(Debian's /usr/bin/chromium, driven by Playwright from requirements.txt), fits the default
workflow to the window, reads where each node is drawn from the page's own graph, puts a
numbered marker on each (and on the Run button), and writes a palette PNG to source/images/screenshots/. The
numbers carry no words, so one picture serves both editions; the page explains them in a
list under the figure, which is translated like any text. `make book` uses the stored PNG
and never needs ComfyUI.
"""

from __future__ import annotations

import argparse
import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / 'source' / 'images' / 'screenshots'
CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
                 '--disable-component-update', '--disable-sync', '--no-first-run']
VIEWPORT = {'width': 1440, 'height': 810}
# The default workflow's nodes in the order the page's list explains them.
DEFAULT_GRAPH_ORDER = ['CheckpointLoaderSimple', 'CLIPTextEncode', 'CLIPTextEncode', 'EmptyLatentImage',
                       'KSampler', 'VAEDecode', 'SaveImage']
MARKER = (232, 80, 40)
FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'

NODE_BOXES_JS = '''() => {
  const canvas = window.app.canvas, ds = canvas.ds, rect = canvas.canvas.getBoundingClientRect();
  const title = window.LiteGraph ? window.LiteGraph.NODE_TITLE_HEIGHT : 30;
  return (window.app.graph._nodes || []).map(n => ({
    type: n.type,
    x: rect.left + (n.pos[0] + ds.offset[0]) * ds.scale,
    y: rect.top + (n.pos[1] - title + ds.offset[1]) * ds.scale,
    w: n.size[0] * ds.scale, h: (n.size[1] + title) * ds.scale}));
}'''


def open_default_workflow(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_function('() => window.app && window.app.graph && (window.app.graph._nodes || []).length >= 7',
                           timeout=120_000)
    page.wait_for_timeout(2000)  # the first frames after load still move the canvas
    for close in page.locator('.p-dialog-close-button').all():  # what's-new or template dialogs
        close.click()
    page.keyboard.press('Escape')
    page.evaluate('''() => {
      const minimap = document.querySelector('.litegraph-minimap, .minimap-main-container');
      if (minimap) minimap.style.display = 'none';
      window.app.canvas.ds.scale = 1; window.app.graph.setDirtyCanvas(true, true);
    }''')
    page.mouse.click(VIEWPORT['width'] // 2, 60)  # focus the canvas, then "." fits the graph
    page.locator('canvas#graph-canvas').focus()
    page.keyboard.press('.')
    page.wait_for_timeout(800)


def numbered(shot: bytes, boxes: list[dict], order: list[str]) -> Image.Image:
    image = Image.open(io.BytesIO(shot)).convert('RGB')
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 20)
    # Two nodes of one type (the prompts) are numbered top first: the positive prompt is above.
    remaining = sorted(boxes, key=lambda b: b['y'])
    for number, node_type in enumerate(order, start=1):
        box = next(b for b in remaining if b['type'] == node_type)
        remaining.remove(box)
        mark(draw, font, box, number)
    return image


def mark(draw: ImageDraw.ImageDraw, font: ImageFont.FreeTypeFont, box: dict, number: int, beside: bool = False) -> None:
    """A box round the element and its number on the top-left corner (or left of it, at the window's top edge)."""
    draw.rectangle([box['x'] - 3, box['y'] - 3, box['x'] + box['w'] + 3, box['y'] + box['h'] + 3], outline=MARKER, width=3)
    r = 15
    cx, cy = (box['x'] - r - 8, box['y'] + box['h'] / 2) if beside else (box['x'] + 4, box['y'] - 4)
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=MARKER, outline='white', width=2)
    draw.text((cx, cy), str(number), fill='white', font=font, anchor='mm')


def save_png(image: Image.Image, name: str) -> Path:
    path = OUT / name
    path.parent.mkdir(parents=True, exist_ok=True)
    # A 128-colour palette keeps the interface's flat colours and text sharp at a fifth of the size.
    image.quantize(colors=128, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(path, optimize=True)
    return path


def comfyui_default_graph(page: Page, url: str) -> Path:
    open_default_workflow(page, url)
    boxes = page.evaluate(NODE_BOXES_JS)
    run = page.get_by_role('button', name='Run', exact=True).first.bounding_box()
    image = numbered(page.screenshot(), boxes, DEFAULT_GRAPH_ORDER)
    mark(ImageDraw.Draw(image), ImageFont.truetype(FONT, 20),
         {'x': run['x'], 'y': run['y'], 'w': run['width'], 'h': run['height']}, len(DEFAULT_GRAPH_ORDER) + 1,
         beside=True)
    return save_png(image, 'comfyui-default-graph.png')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--comfyui', required=True, metavar='URL', help='a running ComfyUI, e.g. http://127.0.0.1:8188')
    args = parser.parse_args()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path='/usr/bin/chromium', args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=VIEWPORT)
        path = comfyui_default_graph(page, args.comfyui)
        browser.close()
    print(f'{path.relative_to(ROOT)}: {path.stat().st_size // 1024} KB')


if __name__ == '__main__':
    main()
