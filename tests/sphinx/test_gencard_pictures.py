"""A card's rendered picture in a book: shown beside the card when it matches the card's
parameters, in HTML and in the PDF; the card alone when there is none or it is stale."""

from __future__ import annotations

import io
import re

import pytest
from cardsample import options, params

from sdbook.cardimages import card_id, image_name, parameters_digest
from sdbook.infotext import parse_parameters

PIL = pytest.importorskip('PIL.Image')  # part of the book's requirements (matplotlib needs it too)

EXTENSIONS = ['myst_parser', 'sdbook.ext.cards']
TITLE = '雨夜街头'


def _page(card_options: str, title: str = TITLE) -> str:
    return f'# 测试\n\n一段正文。\n\n```{{gencard}} {title}\n{card_options}\n```\n'


def _picture_name(title: str = TITLE, **changes: str) -> str:
    parsed = parse_parameters(params(**changes))
    return image_name(card_id('index', title, parsed.prompt), parameters_digest(parsed))


def _webp(width: int = 48, height: int = 32) -> bytes:
    buffer = io.BytesIO()
    PIL.new('RGB', (width, height), (200, 40, 40)).save(buffer, 'WEBP')
    return buffer.getvalue()


def _card(page: str) -> str:
    return page[page.index('sdbook-gencard'):page.index('</section>')]


def test_current_picture_is_shown_in_the_card_with_the_title_as_alt(small_book):
    name = _picture_name()
    book = small_book({'index.md': _page(options()), f'_cards/{name}': _webp()}, extensions=EXTENSIONS)
    assert book.problems() == []
    card = _card(book.read('index.html'))
    assert 'sdbook-gencard-with-image' in card
    images = re.findall(r'<img [^>]*>', card)
    assert len(images) == 1
    assert f'src="_images/{name}"' in images[0] and f'alt="{TITLE}"' in images[0]
    # Beside the card's settings: after the title, before the fields, inside the card.
    assert card.index('sdbook-gencard-title') < card.index('<img') < card.index('<dl')
    assert (book.out / '_images' / name).read_bytes() == _webp()


def test_no_picture_means_the_card_alone(small_book):
    book = small_book({'index.md': _page(options())}, extensions=EXTENSIONS)
    assert book.problems() == []
    card = _card(book.read('index.html'))
    assert '<img' not in card and 'sdbook-gencard-with-image' not in card and 'sdbook-gencard-image' not in card
    assert not (book.out / '_images').exists()


def test_stale_picture_is_not_shown_and_does_not_fail_the_build(small_book):
    # Rendered when the card said CFG 7; the card now says 6.5. Stale pictures are an
    # informational message only (see GenCard.picture): the build stays clean.
    stale = _picture_name(cfg='7')
    book = small_book({'index.md': _page(options()), f'_cards/{stale}': _webp()}, extensions=EXTENSIONS)
    assert book.problems() == []
    assert '<img' not in _card(book.read('index.html'))
    assert f'gencard: the picture {stale} was rendered from other parameters and is not shown' in book.app._status.getvalue()


def test_picture_rendered_after_a_build_appears_in_the_next_one(small_book):
    book = small_book({'index.md': _page(options())}, extensions=EXTENSIONS)
    assert '<img' not in _card(book.read('index.html'))
    name = _picture_name()
    again = small_book({f'_cards/{name}': _webp()}, extensions=EXTENSIONS, rebuild=True)
    assert again.reread == ['index']
    assert f'src="_images/{name}"' in _card(again.read('index.html'))


def test_latex_includes_a_jpeg_copy_beside_the_card(small_book):
    name = _picture_name()
    book = small_book({'index.md': _page(options()), f'_cards/{name}': _webp(40, 24)}, extensions=EXTENSIONS,
                      builder='latex', latex_engine='xelatex')
    assert book.problems() == []
    tex = next(book.out.glob('*.tex')).read_text(encoding='utf-8')
    card = tex[tex.index(r'\begin{sphinxuseclass}{sdbook-gencard}'):]
    jpeg = name.replace('.webp', '.jpg')
    assert re.search(r'\\sphinxincludegraphics(\[[^]]*\])?\{\{' + re.escape(jpeg.rsplit('.', 1)[0]) + r'\}\.jpg\}', card), card[:800]
    assert card.index(r'\sphinxincludegraphics') < card.index(r'\begin{sphinxVerbatim}')
    with PIL.open(book.out / jpeg) as picture:
        assert (picture.format, picture.size) == ('JPEG', (40, 24))


def test_english_edition_has_the_translated_title_as_alt(small_book):
    name = _picture_name()
    po = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
          f'msgid "{TITLE}"\nmsgstr "A rainy street at night"\n')
    book = small_book({'index.md': _page(options()), f'_cards/{name}': _webp(), 'locale/en/LC_MESSAGES/index.po': po},
                      extensions=EXTENSIONS, locale_dirs=['locale'], confoverrides={'language': 'en'})
    assert book.problems() == []
    assert 'alt="A rainy street at night"' in _card(book.read('index.html'))


def test_untitled_card_has_a_label_as_alt(small_book):
    name = _picture_name(title='')
    book = small_book({'index.md': _page(options(), title=''), f'_cards/{name}': _webp()}, extensions=EXTENSIONS)
    assert book.problems() == []
    assert 'alt="用这组参数生成的图片"' in _card(book.read('index.html'))


def test_explicit_id_names_the_picture(small_book):
    parsed = parse_parameters(params())
    name = image_name('rainy-street', parameters_digest(parsed))
    book = small_book({'index.md': _page(options() + '\n:id: rainy-street'), f'_cards/{name}': _webp()}, extensions=EXTENSIONS)
    assert book.problems() == []
    assert f'src="_images/{name}"' in book.read('index.html')


def test_two_cards_with_one_id_fail_the_build_at_the_second(small_book):
    card = f'```{{gencard}} 卡片\n{options()}\n:id: same\n```\n\n'
    book = small_book({'index.md': '# 测试\n\n' + card + card}, extensions=EXTENSIONS)
    assert book.problems() == ["index.md:15: ERROR: gencard: the id 'same' is also the id of the card at "
                               "index.md:3; give one of them its own ':id:' [sdbook.gencard]"]


def test_bad_explicit_id_fails_the_build_at_the_card(small_book):
    book = small_book({'index.md': _page(options() + '\n:id: Rainy Street')}, extensions=EXTENSIONS)
    assert book.problems() == ["index.md:5: ERROR: gencard: 'id' must be lowercase letters, digits and single dashes "
                               "(like 'rainy-street'), not 'Rainy Street' [sdbook.gencard]"]
