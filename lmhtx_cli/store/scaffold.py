"""A whole new folder written at once: a new office's data repository, or a built site.

The files are written into a hidden folder beside the target and renamed into place, so the
target holds every file or none. Paths are relative and checked: nothing lands outside the target.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path, PurePosixPath

from lmhtx_cli.errors import UserError
from lmhtx_cli.i18n import _
from lmhtx_cli.store.durable import sync_folder


def is_empty_or_missing(folder: Path) -> bool:
    try:
        return not any(folder.iterdir())
    except FileNotFoundError:
        return True
    except NotADirectoryError:
        return False
    except OSError:
        return False


def holds_file(folder: Path, name: str) -> bool:
    return (folder / name).is_file()


def _checked(relative: str) -> PurePosixPath:
    """A file's path inside the tree; an absolute path, `..`, or an empty part is refused."""
    path = PurePosixPath(relative)
    if any(part in ("", ".", "..") for part in relative.split("/")) or "\\" in relative or "\0" in relative:
        raise UserError(_("refusing to write {path}: not a plain path inside the output folder").format(path=relative))
    return path


def _fill(staging: Path, files: dict[str, bytes]) -> None:
    staging.mkdir(parents=False)
    for relative, data in sorted(files.items()):
        path = staging.joinpath(*_checked(relative).parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())


def _staging(target: Path, kind: str) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}.lmhtx-{kind}")


def create_tree(target: Path, files: dict[str, bytes]) -> Path:
    """A new folder `target` holding `files` (relative POSIX path -> bytes). A target that exists
    must be an empty folder; anything else is refused and nothing is written."""
    target = Path(os.path.abspath(target))
    if target.exists() and not target.is_dir():
        raise UserError(_("{path} is a file, not a folder").format(path=target))
    if not is_empty_or_missing(target):
        raise UserError(_("{path} is not empty: give a new or empty folder (nothing was written)").format(path=target))
    for relative in files:
        _checked(relative)
    staging = _staging(target, "new")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _fill(staging, files)
        os.replace(staging, target)  # onto a missing or empty folder: the tree appears whole
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if not is_empty_or_missing(target):
            raise UserError(_("{path} is not empty: give a new or empty folder (nothing was written)").format(path=target)) from None
        raise UserError(_("cannot write {path}: {reason}; nothing was written").format(path=target, reason=exc.strerror or exc)) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    sync_folder(target.parent)
    return target


def check_replaceable(target: Path, marker: str) -> bool:
    """Whether `target` holds an earlier build (a folder holding the file `marker`); a file, or a
    folder that is not empty and holds no marker, is someone else's: a UserError."""
    target = Path(os.path.abspath(target))
    if target.exists() and not target.is_dir():
        raise UserError(_("{path} is a file, not a folder").format(path=target))
    earlier = not is_empty_or_missing(target)
    if earlier and not holds_file(target, marker):
        raise UserError(_("{path} is not empty and was not written by lmhtx: give a new or empty folder (nothing was written)").format(path=target))
    return earlier


def replace_tree(target: Path, files: dict[str, bytes], marker: str) -> Path:
    """Write `files` as the folder `target`, replacing an earlier build of the same kind (a
    folder holding the file `marker`, which `files` should hold too). A folder that is not
    empty and holds no marker is someone else's: it is refused and left as it is."""
    earlier = check_replaceable(target, marker)
    target = Path(os.path.abspath(target))
    for relative in files:
        _checked(relative)
    staging, old = _staging(target, "new"), _staging(target, "old")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _fill(staging, files)
        if earlier:
            os.replace(target, old)
        os.replace(staging, target)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if earlier and old.exists() and not target.exists():
            os.replace(old, target)
        raise UserError(_("cannot write {path}: {reason}; nothing was written").format(path=target, reason=exc.strerror or exc)) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    shutil.rmtree(old, ignore_errors=True)
    sync_folder(target.parent)
    return target
