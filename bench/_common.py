"""Shared by the build benchmarks: a copy of the book, timed `make` runs, statistics, results.

Every benchmark works on a copy of the tree in its own temporary folder (sources, catalogs,
extensions, tools, the Makefile and conf.py; the shared ``.venv`` is used in place), so edits and
build output never touch the working tree. Wall time and the CPU time of the child processes are
both recorded: on a busy machine the wall time moves with other people's jobs, the CPU time much
less. Results go to ``bench/results/<name>.json`` (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / 'bench' / 'results'
# The venv the copies build with: the checkout's .venv, or another one (a worktree has none of its own).
VENV = Path(os.environ.get('SDBOOK_BENCH_VENV') or ROOT / '.venv')
TREE_PARTS = ('conf.py', 'Makefile', 'requirements.txt', 'pyproject.toml', 'source', 'locale', '_ext', 'tools', '.git')


def arguments(description: str, runs: int) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument('--runs', type=int, default=runs, help=f'repetitions of each measurement (default {runs})')
    parser.add_argument('--keep', action='store_true', help='keep the temporary copy (its path is printed)')
    return parser.parse_args()


def copy_tree(dest: Path) -> Path:
    """The book as it is now, in ``dest``; compiled catalogs and caches left behind."""
    dest.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns('__pycache__', '*.mo', '*.po.tmp', '*.egg-info')
    for part in TREE_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=ignore, symlinks=True)
        elif src.exists():
            shutil.copy2(src, dest / part)
    # Older than the venv's stamp: `make` never reinstalls the shared venv from a benchmark.
    os.utime(dest / 'requirements.txt', (0, 0))
    os.utime(dest / 'pyproject.toml', (0, 0))
    return dest


class Workspace:
    """A temporary copy of the book with its build folder inside."""

    def __init__(self, name: str, keep: bool = False):
        self.base = Path(tempfile.mkdtemp(prefix=f'sdbook-bench-{name}-'))
        self.tree = copy_tree(self.base / 'tree')
        self.builddir = self.base / '_build'
        self.keep = keep

    def make(self, *targets: str, sphinxopts: str | None = None, builddir: Path | None = None) -> Timed:
        args = ['make', '--no-print-directory', *targets, f'BUILDDIR={builddir or self.builddir}', f'VENV={VENV}']
        if sphinxopts is not None:
            args.append(f'SPHINXOPTS={sphinxopts}')
        return timed(args, cwd=self.tree)

    def clean(self) -> None:
        shutil.rmtree(self.builddir, ignore_errors=True)

    def close(self) -> None:
        if self.keep:
            print(f'kept {self.base}')
        else:
            shutil.rmtree(self.base, ignore_errors=True)


class Timed:
    def __init__(self, args, returncode, wall, cpu, stdout, stderr):
        self.args, self.returncode, self.wall, self.cpu = args, returncode, wall, cpu
        self.stdout, self.stderr = stdout, stderr

    def check(self) -> Timed:
        if self.returncode:
            sys.exit(f'failed ({self.returncode}): {" ".join(map(str, self.args))}\n{self.stdout[-3000:]}\n{self.stderr[-3000:]}')
        return self


def timed(args: list[str], cwd: Path) -> Timed:
    """Run a command; wall time, and user+system CPU time of everything it started."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timed(args, proc.returncode, wall, cpu, proc.stdout, proc.stderr)


def summary(values: list[float]) -> dict:
    """Median and spread (min, max, max-min) of repeated measurements, in seconds."""
    return {
        'runs': len(values),
        'median': round(statistics.median(values), 2),
        'min': round(min(values), 2),
        'max': round(max(values), 2),
        'spread': round(max(values) - min(values), 2),
        'values': [round(v, 2) for v in values],
    }


def ratio(a: dict, b: dict) -> float:
    return round(a['median'] / b['median'], 3) if b['median'] else float('nan')


def machine() -> dict:
    return {
        'cores': os.cpu_count(),
        'load_average': [round(x, 2) for x in os.getloadavg()],
        'python': platform.python_version(),
        'platform': platform.platform(),
        'when_utc': time.strftime('%Y-%m-%d %H:%M', time.gmtime()),
    }


def save(name: str, data: dict) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    data = {'benchmark': name, 'machine_at_start': data.pop('machine_at_start', None),
            'machine_at_end': machine(), **data}
    path = RESULTS / f'{name}.json'
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + '\n', encoding='utf-8')
    print(f'wrote {path.relative_to(ROOT)}')
    return path


def html_mtimes(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob('*.html')}
