"""A folder of new files written all together or not at all (an imported year's plan files, a
new year's draft).

In the data folder, under its lock: a new folder is written into `.lmhtx/tmp/` (ignored by git),
each file flushed to disk, and becomes the folder by one rename; a folder that already exists
(an import or a new year with --force) receives its files through the journal, so that a process
killed half way leaves the old year or the new one, never a mix (the next command finishes it).
What a killed process leaves in `.lmhtx/tmp/` is removed by the next write.

Elsewhere (an import's --output outside the data folder), the files are written into a hidden
temporary sibling of the folder, which becomes the folder by one rename; a sibling left by a
killed process is removed by the next write beside it.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import time
from pathlib import Path

from lmhtx_cli.errors import UserError
from lmhtx_cli.i18n import _
from lmhtx_cli.store.durable import sync_folder, write_new
from lmhtx_cli.store.paths import display_path

_SUFFIX = ".lmhtx-tmpdir"


def write_folder(root: Path, target: Path, files: dict[str, str], shown: str) -> None:
    """Write `files` (file name -> text, each ending in one newline) as the folder `target`."""
    from lmhtx_cli.store.targets import checked_target

    target = checked_target(root, target, shown, folder=True)
    for name in files:
        checked_target(root, target / name, shown + name)
    relative = display_path(target, root)
    if relative.startswith("plans/") and not os.path.isabs(relative):
        _write_data_folder(root, target, {name: (text.rstrip("\n") + "\n").encode("utf-8") for name, text in files.items()}, shown)
        return
    _write_elsewhere(target, files, shown)


def _write_data_folder(root: Path, target: Path, files: dict[str, bytes], shown: str) -> None:
    from lmhtx_cli.store import journal
    from lmhtx_cli.store.lock import STATE_FOLDER, data_lock
    from lmhtx_cli.store.writeback import TEMPORARIES, check_size, current_bytes, remove_stale_temporaries, temporary_for

    for name, data in files.items():
        check_size(data, shown + name)
    with data_lock(root):
        journal.recover(root)
        remove_stale_temporaries(root / STATE_FOLDER / TEMPORARIES)
        if _existing_folder(target, files, shown):
            changes = [(target / name, data, current_bytes(target / name), display_path(target / name, root)) for name, data in files.items()]
            journal.commit(root, changes)
            return
        created = _make_parents(target.parent, shown)
        staging = temporary_for(target, root).with_suffix(".lmhtx-tmpdir")
        with _whole_or_nothing(staging, created, shown):
            os.mkdir(staging)
            for name, data in files.items():
                write_new(staging / name, data, 0o666)
            sync_folder(staging)
            _pause_for_fault_tests()
            os.rename(staging, target)
            sync_folder(target.parent)


def _write_elsewhere(target: Path, files: dict[str, str], shown: str) -> None:
    created = _make_parents(target.parent, shown)
    temporary = target.parent / f".{target.name}.{os.getpid()}{_SUFFIX}"
    with _whole_or_nothing(temporary, created, shown):
        _remove_stale_siblings(target.parent)
        existing = _existing_folder(target, files, shown)
        shutil.rmtree(temporary, ignore_errors=True)  # left by an earlier process of the same id
        os.mkdir(temporary)
        for name, text in files.items():
            write_new(temporary / name, (text.rstrip("\n") + "\n").encode("utf-8"), 0o666)
        sync_folder(temporary)
        _pause_for_fault_tests()
        if existing:
            for name in files:
                os.replace(temporary / name, target / name)
            os.rmdir(temporary)
        else:
            os.rename(temporary, target)
        sync_folder(target.parent)


@contextlib.contextmanager
def _whole_or_nothing(staging: Path, created: list[Path], shown: str):
    """A folder written in `staging` and renamed into place, or, on any failure or interruption,
    nothing: the staging folder and the parents made for it removed."""
    try:
        yield
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        _remove_created(created)
        raise UserError(_("cannot write the folder: {reason}; nothing was written").format(reason=exc.strerror or exc), shown) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        _remove_created(created)
        raise


def _make_parents(folder: Path, shown: str) -> list[Path]:
    """Create the missing folders above the target (deepest last) and say which were created."""
    missing = []
    current = folder
    while not os.path.lexists(current):
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    created = []
    try:
        for path in reversed(missing):
            os.mkdir(path)
            created.append(path)
    except OSError as exc:
        _remove_created(created)
        raise UserError(_("cannot write the folder: {reason}; nothing was written").format(reason=exc.strerror or exc), shown) from None
    return created


def _remove_created(created: list[Path]) -> None:
    for path in reversed(created):
        with contextlib.suppress(OSError):
            os.rmdir(path)


def _existing_folder(target: Path, files: dict[str, str], shown: str) -> bool:
    """Whether the target is a folder already; what stands in the way of a file is refused now,
    before anything is written."""
    try:
        info = os.stat(target)
    except FileNotFoundError:
        if os.path.lexists(target):
            raise UserError(_("this is a link to a folder that does not exist; nothing was written"), shown) from None
        return False
    if not stat.S_ISDIR(info.st_mode):
        raise UserError(_("this is a file, not a folder; nothing was written"), shown)
    for name in files:
        try:
            entry = os.lstat(target / name)
        except FileNotFoundError:
            continue
        if not stat.S_ISREG(entry.st_mode):
            raise UserError(_("{name} is not a regular file and would be replaced; nothing was written").format(name=name), shown)
    return True


def _remove_stale_siblings(folder: Path) -> None:
    """Temporary folders left by a process that no longer runs."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        match = re.fullmatch(r"\..+\.(\d+)" + re.escape(_SUFFIX), name)
        if match and not _process_alive(int(match.group(1))):
            shutil.rmtree(folder / name, ignore_errors=True)


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _pause_for_fault_tests() -> None:
    """LMHTX_TEST_HOLD_WRITE=seconds holds the write before the folder is put in place, so the
    test suite can kill a process half way."""
    hold = os.environ.get("LMHTX_TEST_HOLD_WRITE")
    if hold:
        time.sleep(float(hold))
