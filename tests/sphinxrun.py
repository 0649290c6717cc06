"""Run sphinx-build in a separate process, as `make` does, with the book's extensions importable."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

EXT = Path(__file__).resolve().parent.parent / '_ext'
CODE = (f'import sys; sys.path.insert(0, {str(EXT)!r}); '
        'from sphinx.cmd.build import main; sys.exit(main(sys.argv[1:]))')


def sphinx_build(src: Path, out: Path, *options: str, builder: str = 'html', strict: bool = True,
                 cwd: Path | None = None, env: dict | None = None, timeout: int = 600) -> subprocess.CompletedProcess:
    """Build ``src`` into ``out``; strict builds fail on any warning but report them all.

    Output has no colour codes (-N), so tests can read Sphinx's progress lines; it is quiet
    unless ``-v`` is among the options.
    """
    quiet = [] if '-v' in options else ['-q']
    checks = ['-W', '--keep-going'] if strict else []
    return subprocess.run([sys.executable, '-c', CODE, *quiet, '-N', *checks, *options, '-b', builder,
                           str(src), str(out)], cwd=cwd or src, env=env, capture_output=True, text=True,
                          timeout=timeout)
