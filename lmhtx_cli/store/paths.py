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


# -- looking at folders: the only place the tool lists or tests paths ---------------------------
def exists(path: Path) -> bool:
    return path.exists()


def is_folder(path: Path) -> bool:
    return path.is_dir()


def entries(folder: Path) -> list[Path]:
    """Everything in a folder, by name; nothing when it is not a readable folder."""
    try:
        return sorted(folder.iterdir())
    except OSError:
        return []


def files_in(folder: Path, suffixes: tuple[str, ...] = (".yaml", ".yml")) -> list[Path]:
    """The files of a folder with one of `suffixes`, by name (folders and hidden files left out)."""
    return [p for p in entries(folder) if p.suffix in suffixes and not p.name.startswith(".") and p.is_file()]


def holds_yaml(folder: Path) -> bool:
    return bool(files_in(folder))


def folder_shown(folder: Path, root: Path) -> str:
    """A folder as the user sees it: relative to the data root with a trailing slash, else as given."""
    try:
        return folder.resolve().relative_to(root.resolve()).as_posix() + "/"
    except (ValueError, OSError):
        return str(folder)
