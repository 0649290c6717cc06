"""The MyST parser kept for the whole build (sdbook.ext.mystcache) gives the same output, byte
for byte, as myst-parser's own, in the translated edition where it matters most."""

from __future__ import annotations

import importlib
import shutil
from pathlib import Path

import pytest

ROOTS = Path(__file__).resolve().parents[1] / 'roots'


def _build(make_app, tmp_path: Path, root: str, cached: bool) -> dict[str, bytes]:
    src = tmp_path / f'{root}-{cached}'
    shutil.copytree(ROOTS / f'test-{root}', src)
    conf = {}
    exec((src / 'conf.py').read_text(encoding='utf-8'), conf)  # the root's own extensions
    extensions = list(conf['extensions']) + (['sdbook.ext.mystcache'] if cached else [])
    app = make_app('html', srcdir=src, confoverrides={'language': 'en', 'extensions': extensions})
    app.build()
    assert app.warning.getvalue() == ''
    out = Path(app.outdir)
    pages = {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob('*.html'))}
    app.cleanup()
    return pages


@pytest.mark.parametrize('root', ['intl', 'linktable', 'gencard', 'glossary', 'flow'])
def test_english_output_is_identical_with_and_without_the_cache(make_app, tmp_path, root):
    plain = _build(make_app, tmp_path, root, cached=False)
    cached = _build(make_app, tmp_path, root, cached=True)
    assert sorted(cached) == sorted(plain)
    assert [name for name in plain if cached[name] != plain[name]] == []


def test_the_cache_is_used_and_holds_one_parser_per_configuration(make_app, tmp_path):
    mystcache = importlib.import_module('sdbook.ext.mystcache')
    mystcache.CachingMystParser._parsers.clear()
    _build(make_app, tmp_path, 'intl', cached=True)
    assert len(mystcache.CachingMystParser._parsers) == 1
