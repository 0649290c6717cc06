"""In a book: the line saying what each page was checked against, its index, and the build failing
on a page without it, on an option no program has and on a UI label zh_CN does not show."""

from __future__ import annotations

import re

EXTENSIONS = ['myst_parser', 'sdbook.ext.checked', 'sdbook.ext.guards']
CHECKED = '---\nchecked:\n  date: 2026-12-03\n  against:\n    - A1111 WebUI v1.10.1 (82a973c)\n    - ComfyUI v0.3.64\n---\n'
INDEX = CHECKED + '\n(home)=\n# 首页\n\n正文。\n\n```{toctree}\npage\n```\n\n```{checked-index}\n```\n'
PAGE = CHECKED + '\n(page)=\n# 一页\n\n正文。\n'


def test_the_line_under_the_title_names_the_month_and_the_sources(small_book):
    book = small_book({'index.md': INDEX, 'page.md': PAGE}, extensions=EXTENSIONS, sdbook_checked_required=True)
    assert book.problems() == []
    page = book.read('page.html')
    line = re.search(r'<div class="sdbook-checked docutils container">\s*<p>(.*?)</p>', page, re.S)[1]
    assert re.sub(r'<[^>]+>', '', line) == '2026 年 12 月核对，依据：A1111 WebUI v1.10.1 (82a973c)；ComfyUI v0.3.64'
    # Right under the title, before the text.
    assert page.index('<h1>一页') < page.index('sdbook-checked') < page.index('<p>正文。</p>')


def test_the_page_description_is_its_text_not_the_line(small_book):
    book = small_book({'index.md': INDEX, 'page.md': PAGE}, extensions=[*EXTENSIONS, 'sphinxext.opengraph'],
                      ogp_site_url='https://example.org/', ogp_enable_meta_description=True,
                      ogp_social_cards={'enable': False})
    assert book.problems() == []
    page = book.read('page.html')
    assert '<meta name="description" content="正文。" />' in page
    assert '<meta property="og:description" content="正文。" />' in page


def test_the_index_lists_every_page_with_its_check(small_book):
    book = small_book({'index.md': INDEX, 'page.md': PAGE}, extensions=EXTENSIONS, sdbook_checked_required=True)
    table = book.read('index.html').split('sdbook-checked-index')[1].split('</table>')[0]
    rows = re.findall(r'<tr class="row-\w+">(.*?)</tr>', table, re.S)
    cells = [[re.sub(r'<[^>]+>', '', c).strip() for c in re.findall(r'<td>(.*?)</td>', row, re.S)] for row in rows]
    cells = [row for row in cells if row]  # the header row has <th> cells
    assert cells == [['首页', '2026-12-03', 'A1111 WebUI v1.10.1 (82a973c)；ComfyUI v0.3.64'],
                     ['一页', '2026-12-03', 'A1111 WebUI v1.10.1 (82a973c)；ComfyUI v0.3.64']]


def test_a_page_without_the_block_or_with_a_bad_one_fails_the_build(small_book):
    book = small_book({'index.md': INDEX, 'page.md': '(page)=\n# 一页\n\n正文。\n',
                       'bad.md': '---\nchecked:\n  date: 2026/12\n  against: [x]\n---\n# 坏\n',
                       'orphan.md': '---\norphan: true\n---\n# 孤页\n'},
                      extensions=EXTENSIONS, sdbook_checked_required=True)
    assert sorted(book.problems()) == [
        "bad.md: WARNING: document isn't included in any toctree [toc.not_included]",
        "bad.md:1: ERROR: 'checked.date' must be YYYY-MM or YYYY-MM-DD, not '2026/12' [sdbook.checked]",
        "page.md:1: ERROR: the page has no 'checked' block in its front matter: say what its facts were checked "
        'against (see the contributing guide) [sdbook.checked]',
    ]


def test_the_english_edition_writes_the_month_in_english(small_book):
    book = small_book({'index.md': INDEX, 'page.md': PAGE}, extensions=EXTENSIONS, confoverrides={'language': 'en'})
    assert 'Checked in December 2026 against: ' in book.read('page.html')


def test_latex_prints_the_line_in_its_own_environment(small_book):
    book = small_book({'index.md': INDEX, 'page.md': PAGE}, extensions=EXTENSIONS, builder='latex',
                      latex_documents=[('index', 'book.tex', 'Book', 'Tests', 'manual')])
    tex = book.read('book.tex')
    assert r'\usepackage{sdbookchecked}' in tex and (book.out / 'sdbookchecked.sty').is_file()
    assert re.search(r'\\begin\{sphinxuseclass\}\{sdbook-checked\}.*2026 年 12 月核对', tex, re.S)


def test_planted_errors_fail_the_build_with_page_and_line(small_book):
    comfyui_only = PAGE.replace('    - A1111 WebUI v1.10.1 (82a973c)\n', '')
    page = comfyui_only + ('\nComfyUI 显存不够就加 `--medvram`。\n\n```bash\npython main.py --lowvram --fast-fp9\n```\n\n'
                   '拖动「提示词引导系数」（CFG Scale）滑块。\n')
    book = small_book({'index.md': INDEX, 'page.md': page}, extensions=EXTENSIONS)
    assert book.problems() == [
        "page.md:13: ERROR: --medvram is not an option of comfyui (sdbook/data/flags/: the programs' own option lists) "
        '[sdbook.flag]',
        'page.md:16: ERROR: --fast-fp9 is not an option of comfyui, tool-python (sdbook/data/flags/) [sdbook.flag]',
        'page.md:19: ERROR: 「提示词引导系数」 is not the zh_CN label of "CFG Scale": the UI shows '
        '「提示词相关性(CFG Scale/无分类器信息引导规模)」 (dtlnor/stable-diffusion-webui-localization-zh_CN, branch Anne '
        '@6b69340, localizations/zh_CN.json) [sdbook.label]',
    ]
