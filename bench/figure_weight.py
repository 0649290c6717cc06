"""What the figures add to each page: inline SVG (diagrams and plots) and image files.

    .venv/bin/python bench/figure_weight.py --site _build/html [--budget-kb 300]

Reads the built pages of both editions (no browser: figures are inline or plain <img>), and
prints, per page with figures, the bytes of its inline <svg> elements and of the image files it
shows, and the total against the budget. Exits non-zero when a page is over the budget.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

SVG = re.compile(r'<svg\b.*?</svg>', re.S)
IMG_SRC = re.compile(r'<img\b[^>]*\bsrc="([^"]+)"')


def figure_bytes(page: Path) -> tuple[int, int, int]:
    """(inline SVG bytes, image bytes, number of figures) of one built page."""
    text = page.read_text(encoding='utf-8')
    article = text[text.find('<article'):] if '<article' in text else text
    svgs = [m.group(0) for m in SVG.finditer(article) if 'sdbook-figure' in article[max(0, m.start() - 300):m.start()]]
    images = [(page.parent / src).resolve() for src in IMG_SRC.findall(article) if not src.startswith(('http', 'data:'))]
    image_bytes = sum(p.stat().st_size for p in images if p.is_file())
    return sum(len(s.encode()) for s in svgs), image_bytes, len(svgs) + len(images)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--site', type=Path, default=Path('_build/html'))
    parser.add_argument('--budget-kb', type=int, default=300)
    args = parser.parse_args()
    over = 0
    print('| Page | Figures | Inline SVG | Images | Total |\n| --- | ---: | ---: | ---: | ---: |')
    for edition in ('zh_CN', 'en'):
        for page in sorted((args.site / edition).rglob('*.html')):
            svg, images, count = figure_bytes(page)
            if not count:
                continue
            total = (svg + images) // 1024
            over += total > args.budget_kb
            flag = ' **over budget**' if total > args.budget_kb else ''
            print(f'| {edition}/{page.relative_to(args.site / edition)} | {count} | {svg // 1024} KB | '
                  f'{images // 1024} KB | {total} KB{flag} |')
    print(f'\nbudget: {args.budget_kb} KB of figures per page; {over} page(s) over')
    return 1 if over else 0


if __name__ == '__main__':
    sys.exit(main())
