"""Profile one edition's HTML build, serial, with the options the Makefile uses.

    .venv/bin/python bench/profile_build.py en [--out prof.out] [--builddir DIR] [--top 40]

Runs ``sphinx-build`` in this process under cProfile with a CPU-time clock (so other jobs on a
shared machine do not count), ``-j 1`` (a parallel build's workers would escape the profiler),
and prints the functions with the largest cumulative CPU time. The build folder is emptied first
unless ``--keep-output`` is given (then the build is incremental: touch a page before it). Pagefind
runs as a child process: its time shows as ``subprocess.run`` here.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('edition')
    parser.add_argument('--builddir', type=Path, default=Path('/tmp/sdbook-profile'))
    parser.add_argument('--out', type=Path, help='where to keep the profile (pstats format)')
    parser.add_argument('--top', type=int, default=40)
    parser.add_argument('--keep-output', action='store_true', help='do not empty the build folder first')
    args = parser.parse_args()

    from sphinx.cmd.build import build_main

    from sdbook.build import STRICT_ARGS
    from sdbook.editions import release_version

    os.environ['SDBOOK_LANG'] = args.edition
    os.environ.setdefault('SDBOOK_VERSION', release_version(ROOT))
    builddir = args.builddir / args.edition
    if not args.keep_output:
        shutil.rmtree(builddir, ignore_errors=True)
    argv = ['-c', str(ROOT), '-d', str(builddir / 'doctrees'), *STRICT_ARGS, '-j', '1', '-q',
            '-b', 'html', str(ROOT / 'source'), str(builddir / 'html')]
    os.chdir(ROOT)
    profile = cProfile.Profile(time.process_time)
    children = os.times()
    start = time.perf_counter()
    status = profile.runcall(build_main, argv)
    wall = time.perf_counter() - start
    after = os.times()
    child_cpu = (after.children_user - children.children_user) + (after.children_system - children.children_system)
    if status:
        sys.exit(f'sphinx-build failed ({status})')
    stats = pstats.Stats(profile)
    if args.out:
        stats.dump_stats(args.out)
    print(f'{args.edition}: {wall:.1f} s wall under the profiler, {stats.total_tt:.1f} s CPU in this process, '
          f'{child_cpu:.1f} s CPU in child processes (Pagefind, git)')
    stats.sort_stats('cumulative').print_stats(args.top)


if __name__ == '__main__':
    main()
