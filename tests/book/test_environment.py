"""The environment: no TeX, a build folder that cannot be written, a build killed halfway.

Each case runs `make` on a copy of the book in a temporary folder (never the working tree),
with the shared .venv, and checks that no source or translation file changes.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

import pytest
from testvenv import VENV

from sdbook.editions import EDITIONS

ROOT = Path(__file__).resolve().parents[2]


def snapshot(*folders: Path) -> dict[str, bytes]:
    """Every file below the folders (caches and compiled catalogs aside), by path, with its bytes."""
    files = {}
    for folder in folders:
        for path in sorted(folder.rglob('*')):
            if path.is_file() and '__pycache__' not in path.parts and path.suffix != '.mo':
                files[str(path)] = path.read_bytes()
    return files


def assert_untouched(before: dict[str, bytes], after: dict[str, bytes]) -> None:
    assert sorted(set(before) - set(after)) == [], 'deleted'
    changed = [p for p in before if before[p] != after.get(p)]
    assert changed == [], 'rewritten'


TREE_PARTS = ('conf.py', 'Makefile', 'requirements.txt', 'pyproject.toml', 'source', 'locale', '_ext', 'tools')


@pytest.fixture(scope='module')
def book(tmp_path_factory) -> Path:
    """A copy of the book (sources, catalogs, extensions, tools), built against the shared .venv."""
    tree = tmp_path_factory.mktemp('book') / 'tree'
    tree.mkdir()
    for part in TREE_PARTS:
        if (ROOT / part).is_dir():
            shutil.copytree(ROOT / part, tree / part, ignore=shutil.ignore_patterns('__pycache__', '*.mo', '*.po.tmp', '*.egg-info'))
        else:
            shutil.copy2(ROOT / part, tree / part)
    # Older than the venv's stamp: make never runs pip from a test.
    os.utime(tree / 'requirements.txt', (0, 0))
    os.utime(tree / 'pyproject.toml', (0, 0))
    return tree


def no_tex_path(tmp_path: Path) -> str:
    """PATH with every program of this one, except TeX (xelatex, latexmk, kpsewhich)."""
    bin_dir = tmp_path / 'bin-without-tex'
    bin_dir.mkdir()
    for folder in os.environ['PATH'].split(os.pathsep):
        if not Path(folder).is_dir():
            continue
        for program in Path(folder).iterdir():
            name = program.name
            if name in ('xelatex', 'latexmk', 'kpsewhich', 'pdflatex', 'lualatex', 'tex') or name.startswith('xetex'):
                continue
            if not (bin_dir / name).exists() and os.access(program, os.X_OK) and program.is_file():
                (bin_dir / name).symlink_to(program)
    return str(bin_dir)


def make(tree: Path, *targets: str, builddir: Path, env: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(['make', '--no-print-directory', *targets, f'BUILDDIR={builddir}', f'VENV={VENV}'],
                          cwd=tree, env=env or dict(os.environ), capture_output=True, text=True, **kwargs)


@pytest.fixture(scope='module')
def reference_html(book, tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess, str]:
    """`make html` of the copy with TeX out of reach (it needs none)."""
    tmp = tmp_path_factory.mktemp('notex')
    path = no_tex_path(tmp)
    result = make(book, 'html', builddir=tmp / 'build', env=dict(os.environ, PATH=path))
    return tmp / 'build', result, path


def test_pdf_without_tex_prints_the_install_command(book, reference_html):
    before = snapshot(book / 'source', book / 'locale')
    # As an ordinary user (nobody), who cannot install anything. pytest's folders are private to
    # root, so the script and the PATH without TeX sit in a folder of their own that nobody can read.
    public = Path(tempfile.mkdtemp(prefix='sdbook-notex-'))
    try:
        public.chmod(0o755)
        shutil.copy2(book / 'tools' / 'ensure-system.sh', public / 'ensure-system.sh')
        path = no_tex_path(public)
        result = subprocess.run(['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups',
                                 'sh', 'ensure-system.sh', 'pdf'],
                                cwd=public, env={'PATH': path, 'HOME': str(public)}, capture_output=True, text=True)
    finally:
        shutil.rmtree(public)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith('ensure-system: the PDF build needs: xelatex latexmk ')
    packages = re.search(r'^PDF_PACKAGES="(.*)"$', (book / 'tools/ensure-system.sh').read_text(), re.M)[1]
    assert lines[1:] == [f'ensure-system: install it with:  sudo apt-get install --no-install-recommends {packages}']
    assert_untouched(before, snapshot(book / 'source', book / 'locale'))


def test_html_builds_without_tex(book, reference_html):
    build, result, _ = reference_html
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-5000:]
    for edition in EDITIONS:
        assert (build / 'html' / edition / 'index.html').is_file()
    assert 'xelatex' not in result.stderr


def _pages(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob('*.html'))}


def test_build_killed_halfway_is_completed_by_the_next_build(book, reference_html, tmp_path):
    reference, _, _ = reference_html
    before = snapshot(book / 'source', book / 'locale')
    builddir = tmp_path / 'build'
    # -v so the "writing output..." lines show when pages start to be written.
    command = ['make', '--no-print-directory', 'html-zh', f'BUILDDIR={builddir}', f'VENV={VENV}',
               'SPHINXOPTS=-W --keep-going -n -j auto -v']
    proc = subprocess.Popen(command, cwd=book, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)
    written = 0
    for line in proc.stdout:
        if re.match(r'writing output\.\.\. \[\s*\d+%\]', line):
            written += 1
            if written == 3:  # a few pages are out, most are not
                os.killpg(proc.pid, signal.SIGKILL)
                break
    proc.wait()
    proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL, f'the build ended before it could be interrupted ({written} pages)'
    out = builddir / 'html' / 'zh_CN'
    assert not (out / '.sdbook-complete').exists()

    result = make(book, 'html-zh', builddir=builddir)
    assert result.returncode == 0, result.stderr[-5000:]
    # Complete and correct: the same pages, byte for byte, as an uninterrupted build.
    ref = _pages(reference / 'html' / 'zh_CN')
    got = _pages(out)
    assert sorted(got) == sorted(ref)
    assert [name for name in ref if got[name] != ref[name]] == []
    assert (out / '.sdbook-complete').is_file()
    assert_untouched(before, snapshot(book / 'source', book / 'locale'))


@pytest.mark.parametrize('how', ['file-in-the-way', 'read-only-mount'])
def test_unwritable_build_folder_is_a_clear_error(book, tmp_path, how):
    before = snapshot(book / 'source', book / 'locale')
    if how == 'file-in-the-way':
        (tmp_path / 'blocker').write_text('not a folder\n')
        builddir = tmp_path / 'blocker' / 'build'
        result = make(book, 'html-zh', builddir=builddir)
        reason = f"mkdir: cannot create directory '{tmp_path}/blocker': Not a directory"
        if reason not in result.stderr:
            reason = f"mkdir: cannot create directory ‘{tmp_path}/blocker’: Not a directory"
    else:
        if shutil.which('unshare') is None or subprocess.run(['unshare', '-m', 'true']).returncode:
            pytest.skip('no mount namespace here')
        builddir = tmp_path / 'ro' / 'build'
        builddir.mkdir(parents=True)
        script = (f'mount --bind {tmp_path}/ro {tmp_path}/ro && mount -o remount,bind,ro {tmp_path}/ro && '
                  f'exec make --no-print-directory html-zh BUILDDIR={builddir} VENV={VENV}')
        result = subprocess.run(['unshare', '-m', 'sh', '-c', script], cwd=book, capture_output=True, text=True)
        reason = None
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    if reason:
        assert reason.replace('‘', "'").replace('’', "'") in [line.replace('‘', "'").replace('’', "'") for line in lines]
    assert f'make: cannot write the build folder {builddir}; choose another with BUILDDIR=...' in lines, result.stderr
    assert 'Traceback' not in result.stderr and 'sphinx-build' not in result.stdout
    assert_untouched(before, snapshot(book / 'source', book / 'locale'))
