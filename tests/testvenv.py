"""The venv the tests run in (``make test VENV=...``), so the builds they start use the same one."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Not resolved: the venv's python is a symlink to the interpreter it was made from.
VENV = Path(sys.executable).parent.parent if (Path(sys.executable).parent / 'sphinx-build').exists() \
    else ROOT / '.venv'
