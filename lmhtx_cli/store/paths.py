"""Where the data lives: --root, else $LMHTX_ROOT, else the nearest folder above holding plans/."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from lmhtx_cli.errors import Problem, UserError
from lmhtx_cli.i18n import _

# Names are matched with the ASCII digits 0-9 only: `\d` also matches "２０２４" (full-width) or
# "٢٠٢٤", which int() reads as 2024 but the file system does not.
YEAR_DIR = re.compile(r"^[0-9]{4}$")
MONTH_FILE = re.compile(r"^(0[1-9]|1[0-2])\.ya?ml$")
FIRST_YEAR, LAST_YEAR = 1900, 2999
_DIGITS = re.compile(r"^\d+$")  # any script's digits: a name meant as a number


def find_root(explicit: str | os.PathLike | None = None, cwd: Path | None = None) -> Path:
    if explicit:
        root = Path(explicit).expanduser()
        if not (root / "plans").is_dir():
            raise UserError(_("no plans/ folder in {folder} (given by --root)").format(folder=root))
        return root
    env = os.environ.get("LMHTX_ROOT")
    if env:
        root = Path(env).expanduser()
        if not (root / "plans").is_dir():
            raise UserError(_("no plans/ folder in {folder} (given by LMHTX_ROOT)").format(folder=root))
        return root
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "plans").is_dir():
            return folder
    raise UserError(_("no plans/ folder in {folder} or any folder above it; use --root DIR or set LMHTX_ROOT").format(folder=here))


def is_year_name(name: str) -> bool:
    """A year folder's (or a yearly file's stem's) name: four digits 0-9, 1900 to 2999."""
    return bool(YEAR_DIR.match(name)) and FIRST_YEAR <= int(name) <= LAST_YEAR


def change_interrupted(root: Path) -> bool:
    """Whether a change of several files was interrupted (its journal is there): one stat, so
    that every command can ask before it reads anything (`journal.py` finishes it)."""
    return os.path.lexists(os.path.join(root, ".lmhtx", "journal"))  # a link too: refused, never followed


def plan_years(root: Path) -> list[int]:
    return sorted(int(p.name) for p in entries(root / "plans") if is_year_name(p.name) and is_folder(p))


def looks_like_a_number(name: str) -> bool:
    """A name made of digits (of any script), so meant as a year or a month."""
    return bool(_DIGITS.match(name.strip()))


def layout_problems(root: Path) -> list[Problem]:
    """Folders of plans/ that are meant as years but are not read as one ("0000", "２０２４", "24")."""
    problems = []
    for path in entries(root / "plans"):
        if looks_like_a_number(path.name) and not is_year_name(path.name) and is_folder(path):
            problems.append(
                Problem(
                    display_path(path, root) + "/",
                    1,
                    1,
                    "error",
                    "bad-year-folder",
                    _("a year folder is named with the four digits 0-9 of a year from {first} to {last} (like 2024); this one is not read").format(first=FIRST_YEAR, last=LAST_YEAR),
                )
            )
    return problems


def display_path(path: Path, root: Path) -> str:
    """Paths in messages are relative to the data root, as a user sees them in git."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


# -- looking at folders: the only place the tool lists or tests paths ---------------------------
def exists(path: Path) -> bool:
    try:
        os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as exc:
        if isinstance(exc, PermissionError):
            raise _unreadable(path.parent, exc) from None
        return False  # a link that loops, a name too long: nothing there to read
    return True


def is_folder(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as exc:
        if isinstance(exc, PermissionError):
            raise _unreadable(path.parent, exc) from None
        return False


def entries(folder: Path) -> list[Path]:
    """Everything in a folder, by name; nothing when there is no such folder. A folder that is
    there but cannot be read is a clear error, not an empty folder."""
    try:
        return sorted(folder.iterdir())
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as exc:
        raise _unreadable(folder, exc) from None


def _unreadable(folder: Path, exc: OSError) -> UserError:
    return UserError(_("cannot read the folder: {reason}").format(reason=exc.strerror or exc), str(folder) + "/")


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
