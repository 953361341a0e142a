"""A whole new folder written at once: a new office's data repository, or a built site.

The files are written into a hidden folder beside the target (`.NAME.PID.lmhtx-fill`; in the
data folder, `.lmhtx/tmp/PID.PATH.lmhtx-fill`, which git ignores), which is renamed `…-new` once
every file is on disk, then into place, so the target holds every file or none. An earlier build
is first renamed `…-old` and removed at the end. A process killed on the way leaves these names, and the next build of the same target puts
things right before it starts: a half-filled folder is removed; a complete new build whose
target is gone is put in place (else the old one is put back); an old build no longer needed is
removed. Paths are relative and checked: nothing lands outside the target, nor in a `.git`
folder, nor through a link (`targets.py`).
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


def _fill(staging: Path, files: dict[str, bytes]) -> Path:
    """The files in a new hidden folder; renamed from -fill to -new once all are on disk."""
    from lmhtx_cli.store.durable import write_new

    staging.mkdir(parents=False)
    for relative, data in sorted(files.items()):
        path = staging.joinpath(*_checked(relative).parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_new(path, data)
    sync_folder(staging)
    _pause("LMHTX_TEST_HOLD_WRITE")
    complete = staging.with_name(staging.name.removesuffix("-fill") + "-new")
    os.replace(staging, complete)
    return complete


def _staging(target: Path, kind: str, pid: int | None = None, root: Path | None = None) -> Path:
    """Where a build of `target` is staged: in the data folder's `.lmhtx/tmp/` (which git ignores)
    when the target is in the data folder, else a hidden folder beside it."""
    folder, template = _staging_template(target, root)
    return folder / template.format(pid=pid or os.getpid(), kind=kind)


def _staging_template(target: Path, root: Path | None) -> tuple[Path, str]:
    folder = _tool_folder(target, root)
    if folder is not None:
        relative = os.path.relpath(target, os.path.realpath(root)).replace(os.sep, "%2F").replace("{", "{{").replace("}", "}}")
        return folder, "{pid}." + relative + ".lmhtx-{kind}"
    return target.parent, "." + target.name.replace("{", "{{").replace("}", "}}") + ".{pid}.lmhtx-{kind}"


def _tool_folder(target: Path, root: Path | None) -> Path | None:
    """`<root>/.lmhtx/tmp/` when `target` is in the data folder `root` (created), else None."""
    import stat

    if root is None:
        return None
    real_root = os.path.realpath(root)
    parent = os.path.realpath(target.parent)
    if parent != real_root and not parent.startswith(real_root.rstrip(os.sep) + os.sep):
        return None
    from lmhtx_cli.store.lock import state_folder
    from lmhtx_cli.store.writeback import TEMPORARIES

    folder = state_folder(root) / TEMPORARIES
    try:
        os.mkdir(folder)
    except FileExistsError:
        pass
    except OSError:
        return None
    return folder if stat.S_ISDIR(os.lstat(folder).st_mode) else None


def _pause(variable: str) -> None:
    """LMHTX_TEST_HOLD_WRITE (before the build is complete) and LMHTX_TEST_HOLD_BETWEEN (between
    the two renames) hold a build, so the test suite can kill it half way."""
    hold = os.environ.get(variable)
    if hold:
        import time

        time.sleep(float(hold))


def _real_folder(path: Path) -> bool:
    """A folder this tool made (never a link, whatever its name says)."""
    import stat

    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def recover_build(target: Path, root: Path | None = None) -> None:
    """Put right what a killed build of `target` left (see the module's note)."""
    import re

    from lmhtx_cli.store.folders import _process_alive

    folder, template = _staging_template(target, root)
    try:
        names = os.listdir(folder)
    except OSError:
        return
    before, after = template.format(pid="\0", kind="\1").split("\0")
    middle, end = after.split("\1")
    pattern = re.compile(re.escape(before) + r"(\d+)" + re.escape(middle) + "(fill|new|old)" + re.escape(end))
    left: dict[int, set[str]] = {}
    for name in names:
        match = pattern.fullmatch(name)
        if match and _real_folder(folder / name) and not _process_alive(int(match.group(1))):
            left.setdefault(int(match.group(1)), set()).add(match.group(2))
    for pid, kinds in left.items():
        fill, new, old = (_staging(target, kind, pid, root) for kind in ("fill", "new", "old"))
        shutil.rmtree(fill, ignore_errors=True)
        if not os.path.lexists(target) and "new" in kinds:
            os.replace(new, target)
        elif not os.path.lexists(target) and "old" in kinds:
            os.replace(old, target)
        shutil.rmtree(new, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)


def create_tree(target: Path, files: dict[str, bytes]) -> Path:
    """A new folder `target` holding `files` (relative POSIX path -> bytes). A target that exists
    must be an empty folder; anything else is refused and nothing is written."""
    from lmhtx_cli.store.targets import checked_target

    target = Path(os.path.abspath(target))
    checked_target(None, target, str(target), folder=True)
    recover_build(target)
    if target.exists() and not target.is_dir():
        raise UserError(_("{path} is a file, not a folder").format(path=target))
    if not is_empty_or_missing(target):
        raise UserError(_("{path} is not empty: give a new or empty folder (nothing was written)").format(path=target))
    for relative in files:
        _checked(relative)
    staging = _staging(target, "fill")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = _fill(staging, files)
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


def check_replaceable(target: Path, marker: str, root: Path | None = None, option: str = "--output") -> bool:
    """Whether `target` holds an earlier build (a folder holding the file `marker`); a file, or a
    folder that is not empty and holds no marker, is someone else's: a UserError. A link, a
    `.git` folder or a data folder of the tool is refused (`targets.output_target`)."""
    from lmhtx_cli.store.targets import output_target

    output_target(root, target, option, folder=True)
    target = Path(os.path.abspath(target))
    recover_build(target, root)
    if target.exists() and not target.is_dir():
        raise UserError(_("{path} is a file, not a folder").format(path=target))
    earlier = not is_empty_or_missing(target)
    if earlier and not holds_file(target, marker):
        raise UserError(_("{path} is not empty and was not written by lmhtx: give a new or empty folder (nothing was written)").format(path=target))
    return earlier


def replace_tree(target: Path, files: dict[str, bytes], marker: str, root: Path | None = None) -> Path:
    """Write `files` as the folder `target`, replacing an earlier build of the same kind (a
    folder holding the file `marker`, which `files` should hold too). A folder that is not
    empty and holds no marker is someone else's: it is refused and left as it is."""
    earlier = check_replaceable(target, marker, root)
    target = Path(os.path.abspath(target))
    for relative in files:
        _checked(relative)
    staging, old = _staging(target, "fill", root=root), _staging(target, "old", root=root)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = _fill(staging, files)
        if earlier:
            os.replace(target, old)
            _pause("LMHTX_TEST_HOLD_BETWEEN")
        os.replace(staging, target)
    except OSError as exc:
        _put_back(target, staging, old, earlier, root)
        raise UserError(_("cannot write {path}: {reason}; nothing was written").format(path=target, reason=exc.strerror or exc)) from None
    except BaseException:  # Ctrl-C: the earlier build stays
        _put_back(target, staging, old, earlier, root)
        raise
    shutil.rmtree(old, ignore_errors=True)
    sync_folder(target.parent)
    return target


def _put_back(target: Path, staging: Path, old: Path, earlier: bool, root: Path | None) -> None:
    shutil.rmtree(staging, ignore_errors=True)
    shutil.rmtree(_staging(target, "new", root=root), ignore_errors=True)
    if earlier and os.path.lexists(old) and not os.path.lexists(target):
        os.replace(old, target)
