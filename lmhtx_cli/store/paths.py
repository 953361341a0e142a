"""Where the data lives: --root, else $LMHTX_ROOT, else the nearest folder above holding plans/."""

from __future__ import annotations

import os
import re
from pathlib import Path

from lmhtx_cli.errors import UserError

YEAR_DIR = re.compile(r"^\d{4}$")
MONTH_FILE = re.compile(r"^(\d{2})\.ya?ml$")


def find_root(explicit: str | os.PathLike | None = None, cwd: Path | None = None) -> Path:
    if explicit:
        root = Path(explicit).expanduser()
        if not (root / "plans").is_dir():
            raise UserError(f"no plans/ folder in {root} (given by --root)")
        return root
    env = os.environ.get("LMHTX_ROOT")
    if env:
        root = Path(env).expanduser()
        if not (root / "plans").is_dir():
            raise UserError(f"no plans/ folder in {root} (given by LMHTX_ROOT)")
        return root
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "plans").is_dir():
            return folder
    raise UserError(f"no plans/ folder in {here} or any folder above it; use --root DIR or set LMHTX_ROOT")


def plan_years(root: Path) -> list[int]:
    plans = root / "plans"
    return sorted(int(p.name) for p in plans.iterdir() if p.is_dir() and YEAR_DIR.match(p.name))


def display_path(path: Path, root: Path) -> str:
    """Paths in messages are relative to the data root, as a user sees them in git."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
