"""`make book` (everything a reader gets) from an empty build folder.

    .venv/bin/python bench/book.py [--runs N]

Each run, on a copy of the book: a clean `make html` (the reference), then, from an empty build
folder again, `make book`. The ratio says how much the PDFs and other downloads add to the HTML.
"""

from __future__ import annotations

from _common import Workspace, arguments, machine, ratio, save, summary


def main() -> None:
    args = arguments(__doc__, runs=2)
    ws = Workspace('book', keep=args.keep)
    start = machine()
    html_w, html_c, book_w, book_c = [], [], [], []
    try:
        for run in range(args.runs):
            ws.clean()
            html = ws.make('html').check()
            ws.clean()
            book = ws.make('book').check()
            html_w.append(html.wall), html_c.append(html.cpu), book_w.append(book.wall), book_c.append(book.cpu)
            print(f'run {run + 1}/{args.runs}: html {html.wall:.1f} s, book {book.wall:.1f} s wall ({book.cpu:.1f} s CPU)', flush=True)
    finally:
        ws.close()
    ref = {'wall': summary(html_w), 'cpu': summary(html_c)}
    book = {'wall': summary(book_w), 'cpu': summary(book_c)}
    save('book', {
        'machine_at_start': start,
        'commands': {'reference': 'make html (empty build folder)', 'book': 'make book (empty build folder)'},
        'reference_clean_make_html': ref,
        'make_book': book,
        'ratio_to_reference': {'wall': ratio(book['wall'], ref['wall']), 'cpu': ratio(book['cpu'], ref['cpu'])},
    })


if __name__ == '__main__':
    main()
