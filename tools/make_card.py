"""Draw the book's social card (source/_static/sdbook-card.png, 1200×630) in headless Chromium.

The card is plain HTML and CSS with the system's Noto CJK fonts: no external assets. Run it
again after changing the text below, and commit the PNG:

    .venv/bin/python tools/make_card.py
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / 'source' / '_static' / 'sdbook-card.png'
CHROMIUM = '/usr/bin/chromium'
FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--no-first-run']

CARD = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>
html, body { margin: 0; width: 1200px; height: 630px; }
body { font-family: 'Noto Sans CJK SC', 'Noto Sans', sans-serif; color: #f4f6fb;
  background: radial-gradient(circle at 85% 20%, #5b7cfa 0, transparent 45%),
              radial-gradient(circle at 10% 90%, #c2410c 0, transparent 40%), #101426;
  display: flex; flex-direction: column; justify-content: center; padding: 0 90px; box-sizing: border-box; }
.tag { font-size: 30px; letter-spacing: .12em; color: #aab4d6; text-transform: uppercase; }
h1 { font-size: 92px; margin: 18px 0 26px; font-weight: 700; }
p { font-size: 42px; margin: 6px 0; }
.en { color: #cfd6ee; font-size: 34px; }
.dots { position: absolute; right: 90px; top: 70px; display: grid; grid-template-columns: repeat(4, 26px); gap: 12px; }
.dots i { width: 26px; height: 26px; border-radius: 6px; background: #5b7cfa; opacity: .25; }
.dots i:nth-child(3n) { opacity: .6; } .dots i:nth-child(5n) { opacity: .9; background: #f59e0b; }
</style></head><body>
<div class="tag">Open handbook · 开放手册</div>
<h1>StableDiffusionBook</h1>
<p>Stable Diffusion 绘画与训练中文手册</p>
<p class="en" lang="en">A handbook of Stable Diffusion image generation and training</p>
<div class="dots">""" + '<i></i>' * 16 + """</div>
</body></html>"""


def main() -> None:
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={'width': 1200, 'height': 630})
        page.set_content(CARD)
        page.screenshot(path=str(OUT))
        browser.close()
    print(f'{OUT.relative_to(ROOT)}: {OUT.stat().st_size} bytes')


if __name__ == '__main__':
    main()
