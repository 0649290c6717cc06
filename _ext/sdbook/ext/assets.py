"""What the book's extensions bring besides Python: stylesheets, templates and LaTeX packages.

Each extension calls these helpers from its ``setup()`` with its own files (kept in
``static/``, ``templates/`` and ``latex/`` next to this module):

* ``add_stylesheet``: the extension's CSS; the stylesheets of all loaded extensions are joined
  into one ``_static/sdbook.css`` (one request per page however many extensions there are);
* ``add_templates``: the extension's Jinja templates join the template search path;
* ``add_latex_package``: the extension's ``.sty`` is copied next to the ``.tex`` and loaded.
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

HERE = Path(__file__).resolve().parent
STATIC = HERE / 'static'
TEMPLATES = HERE / 'templates'
LATEX = HERE / 'latex'
BUNDLE = 'sdbook.css'


def _registry(app: Sphinx) -> dict[str, list]:
    if not hasattr(app, 'sdbook_assets'):
        app.sdbook_assets = {'css': ['base.css'], 'templates': [], 'latex': [], 'static': []}
        app.connect('config-inited', _add_paths, priority=100)
    return app.sdbook_assets


def add_stylesheet(app: Sphinx, name: str) -> None:
    css = _registry(app)['css']
    if name not in css:
        css.append(name)


def add_static_folder(app: Sphinx, folder: str) -> None:
    """Copy the files of ``static/<folder>`` into the site's ``_static`` (scripts, for instance)."""
    static = _registry(app)['static']
    if folder not in static:
        static.append(folder)


def add_templates(app: Sphinx) -> None:
    """Put the extensions' template folder on the search path (once, whoever asks first)."""
    _registry(app)['templates'] = [str(TEMPLATES)]


def add_latex_package(app: Sphinx, name: str) -> None:
    latex = _registry(app)['latex']
    if name not in latex:
        latex.append(name)
        app.add_latex_package(name)


def _add_paths(app: Sphinx, config: Config) -> None:
    registry = app.sdbook_assets
    for folder in registry['templates']:
        if folder not in config.templates_path:
            config.templates_path.append(folder)
    for folder in registry['static']:
        path = str(STATIC / folder)
        if path not in config.html_static_path:
            config.html_static_path.append(path)
    for name in registry['latex']:
        path = str(LATEX / f'{name}.sty')
        if path not in config.latex_additional_files:
            config.latex_additional_files.append(path)
    if len(registry['css']) > 1:  # more than the shared colours
        _write_stylesheet(app, config)


def _bundle_folder(app: Sphinx) -> Path:
    """Beside the doctrees, unless they are inside the output folder (plain ``sphinx-build``
    without ``-d``): Sphinx refuses a static folder inside its output."""
    doctrees, outdir = Path(app.doctreedir).resolve(), Path(app.outdir).resolve()
    if doctrees.is_relative_to(outdir):
        digest = hashlib.sha256(str(outdir).encode()).hexdigest()[:12]
        return Path(tempfile.gettempdir()) / f'sdbook-static-{digest}'
    return doctrees / 'sdbook-static'


def _write_stylesheet(app: Sphinx, config: Config) -> None:
    folder = _bundle_folder(app)
    folder.mkdir(parents=True, exist_ok=True)
    parts = [(STATIC / name).read_text(encoding='utf-8').rstrip() + '\n' for name in app.sdbook_assets['css']]
    bundle = folder / BUNDLE
    text = '\n'.join(parts)
    if not bundle.exists() or bundle.read_text(encoding='utf-8') != text:
        bundle.write_text(text, encoding='utf-8')
    if str(folder) not in config.html_static_path:
        config.html_static_path.append(str(folder))
    app.add_css_file(BUNDLE, priority=900)  # after the theme's and the other extensions' styles
