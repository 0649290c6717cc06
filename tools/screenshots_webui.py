"""Capture a tab of a running Stable Diffusion WebUI (AUTOMATIC1111 or Forge).

The WebUI must already be running and reachable at --url. On a CPU-only machine
without model weights, start AUTOMATIC1111 v1.10.x from its checkout with, e.g.::

    GRADIO_ANALYTICS_ENABLED=False HF_HUB_OFFLINE=1 python launch.py \\
        --skip-python-version-check --skip-torch-cuda-test \\
        --skip-prepare-environment --skip-install --skip-version-check \\
        --no-download-sd-model --skip-load-model-at-start \\
        --use-cpu all --precision full --no-half \\
        --server-name 127.0.0.1 --port 7861

The UI language comes from the WebUI's own setting: put
``{"localization": "zh_CN"}`` (or ``"None"`` for English) in its config.json
before starting it; the zh_CN strings come from the
stable-diffusion-webui-localization-zh_CN extension in extensions/.
Chinese labels only render if a CJK font is installed (Debian: fonts-noto-cjk).

The stored pictures (source/images/screenshots/) show A1111 v1.10.1 (82a973c) and Forge
(lllyasviel, dfdcbab), each without a model, with the zh_CN localisation at 6b69340; the
English edition's copy of each has ``.en`` before the suffix (Sphinx's
``figure_language_filename`` picks it), so the page names one file::

    python tools/screenshots_webui.py --url http://127.0.0.1:7861 --locale zh-CN --expect-text 生成 \\
        --mark "#setting_sd_model_checkpoint" --mark "#txt2img_prompt_container" --mark "#txt2img_settings" \\
        --mark "#txt2img_generate" --mark "#txt2img_results" \\
        --out source/images/screenshots/a1111-txt2img.png
    python tools/screenshots_webui.py --url http://127.0.0.1:7861 --locale en-US --expect-text Generate \\
        (the same --mark options) --out source/images/screenshots/a1111-txt2img.en.png

Forge's pictures mark ``#forge_ui_preset``, ``.model_selection``,
``#quicksettings .gradio-dropdown:has-text("VAE / Text Encoder")``, ``#quicksettings .gradio-slider``
and ``#txt2img_script_container .gradio-accordion`` (its top row has few element ids). Run it
from the top of the repository: the callouts are drawn by tools/screenshots.py's ``annotate``.

The WebUI's Python packages: its requirements_versions.txt with torch and torchvision as a
matching pair, and setuptools 80.9 (newer ones have no pkg_resources, which
pytorch_lightning 1.9 imports); Forge also needs joblib. ``--skip-prepare-environment`` means
the folders under repositories/ (and OpenAI's CLIP package) must be in place beforehand,
at the commits modules/launch_utils.py names.

Each --out is written from one capture; the suffix picks the format:
``.webp`` (lossy, --webp-quality), ``.png`` (palette-quantised, --png-colors)
or ``.raw.png`` (the unmodified screenshot).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import shutil
import sys
from pathlib import Path

from PIL import Image
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import sync_playwright
from screenshots import (  # tools/screenshots.py: the same callouts as on the ComfyUI pictures
    Callout,
    annotate,
)


def parse_viewport(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT, got {text!r}") from None
    return width, height


def find_chromium(explicit: str | None) -> str | None:
    if explicit:
        return explicit
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None  # fall back to a browser installed by `playwright install`


def open_tab(page, tab: str, timeout_ms: int) -> None:
    """Select the tab whose panel has id ``tab_<tab>`` and wait until it is shown."""
    panel = page.locator(f"#tab_{tab}")
    panel.wait_for(state="attached", timeout=timeout_ms)
    if not panel.is_visible():
        index = page.evaluate(
            """(id) => {
                const panel = document.querySelector('#' + id)
                    || document.querySelector('gradio-app').shadowRoot.querySelector('#' + id);
                return [...panel.parentElement.querySelectorAll(':scope > .tabitem')].indexOf(panel);
            }""",
            f"tab_{tab}",
        )
        page.locator("#tabs > .tab-nav > button").nth(index).click()
    panel.wait_for(state="visible", timeout=timeout_ms)
    page.locator(f"#{tab}_generate").wait_for(state="visible", timeout=timeout_ms)


def marked_boxes(page, selectors: list[str]) -> list[Callout]:
    """A numbered callout on each element, in the order given (1, 2, ...)."""
    callouts = []
    for number, selector in enumerate(selectors, start=1):
        box = page.locator(selector).filter(visible=True).first.bounding_box()
        if box is None:
            raise SystemExit(f"screenshots_webui: nothing visible matches {selector!r}: has the WebUI changed?")
        callouts.append(Callout(number, (box["x"], box["y"], box["width"], box["height"])))
    return callouts


def save(png_bytes: bytes, callouts: list[Callout], scale: float, out: Path, webp_quality: int, png_colors: int) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    name = out.name.lower()
    if name.endswith(".raw.png"):
        out.write_bytes(png_bytes)
        return
    image = annotate(png_bytes, callouts, scale) if callouts else Image.open(io.BytesIO(png_bytes)).convert("RGB")
    if name.endswith(".webp"):
        image.save(out, "WEBP", quality=webp_quality, method=6)
    elif name.endswith(".png"):
        image.quantize(colors=png_colors, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
            out, "PNG", optimize=True
        )
    else:
        raise SystemExit(f"unsupported output format: {out}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:7861", help="WebUI address")
    parser.add_argument("--out", action="append", type=Path, required=True,
                        help="output file (.webp, .png or .raw.png); may be repeated")
    parser.add_argument("--viewport", type=parse_viewport, default=(1440, 900), help="WIDTHxHEIGHT")
    parser.add_argument("--scale", type=float, default=1.0, help="device scale factor")
    parser.add_argument("--tab", default="txt2img", help="tab id without the tab_ prefix")
    parser.add_argument("--mark", action="append", default=[], metavar="SELECTOR",
                        help="draw numbered callout 1, 2, ... around the first visible match; may be repeated")
    parser.add_argument("--expect-text", help="wait until this text is on the page (e.g. a translated label)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for the UI")
    parser.add_argument("--settle", type=float, default=0.5, help="seconds to wait after the UI is ready")
    parser.add_argument("--webp-quality", type=int, default=80)
    parser.add_argument("--png-colors", type=int, default=256, help="palette size; fewer colours turn anti-aliased text into the callout colour")
    parser.add_argument("--locale", help="browser locale, e.g. zh-CN (also steers the CJK font fallback)")
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM"), help="browser executable")
    args = parser.parse_args(argv)

    timeout_ms = int(args.timeout * 1000)
    width, height = args.viewport
    with sync_playwright() as pw:
        browser = pw.chromium.launch(headless=True, executable_path=find_chromium(args.chromium))
        try:
            page = browser.new_page(
                viewport={"width": width, "height": height}, device_scale_factor=args.scale, locale=args.locale
            )
            page.goto(args.url, wait_until="domcontentloaded", timeout=timeout_ms)
            open_tab(page, args.tab, timeout_ms)
            if args.expect_text:
                label = page.get_by_text(args.expect_text, exact=True).filter(visible=True).first
                label.wait_for(state="visible", timeout=timeout_ms)
            # Gradio 4 (Forge) keeps a request open, so the network may never go idle.
            with contextlib.suppress(PlaywrightTimeoutError):
                page.wait_for_load_state("networkidle", timeout=min(timeout_ms, 10_000))
            page.evaluate("document.fonts.ready.then(() => true)")
            page.mouse.move(0, 0)
            page.wait_for_timeout(args.settle * 1000)
            png_bytes = page.screenshot(type="png")
            callouts = marked_boxes(page, args.mark)
        finally:
            browser.close()

    for out in args.out:
        save(png_bytes, callouts, args.scale, out, args.webp_quality, args.png_colors)
        print(f"{out}\t{out.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
