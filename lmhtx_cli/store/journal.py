"""A change that spans files lands whole or not at all.

A postpone writes two month files (the task's continuation and the task itself). Each file lands
by rename, but a process killed between the two renames would leave one written and not the
other. So a change of several files is first written whole into `<root>/.lmhtx/journal/`: every
new text, synced, then a manifest naming each file with a checksum of its old and new text,
written last and renamed into place (its presence means "complete"). Then each file is renamed
into place and the journal removed.

Whoever takes the lock next (the next write, or the next command when it finds a journal) looks
at a journal left behind: a complete one is rolled forward (each file not yet written is written),
an incomplete one is discarded (nothing was written yet). A file edited by hand since the
interrupted change is never overwritten: that is reported, and the journal kept for a person.

Only a journal this clone began is acted on. A journal that arrives with the data (committed, in
an archive, planted) is refused with a message, never replayed: the journal's `owner` file holds
a random number that the manifest repeats together with the file's device, inode and change time
(in nanoseconds), which a checkout or an unpacked archive cannot reproduce; nothing is replayed
when git tracks anything under `.lmhtx/`; and an entry names only a data file (plans/, members/,
settings.yaml), written through the same checks as every other write (`targets.py`).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import stat
import zlib
from pathlib import Path

from lmhtx_cli.errors import UserError
from lmhtx_cli.i18n import _
from lmhtx_cli.store.durable import sync_folder, write_new
from lmhtx_cli.store.lock import STATE_FOLDER, data_lock, state_folder
from lmhtx_cli.store.paths import display_path
from lmhtx_cli.store.reading import Refused, check_inside, read_regular
from lmhtx_cli.store.writeback import _pause_for_fault_tests, _replace, check_size, current_bytes, write_target

MANIFEST = "manifest.json"
OWNER = "owner"
DATA_TARGETS = ("plans/", "members/")
DATA_FILES = ("settings.yaml", "settings.yml")


def journal_folder(root: Path) -> Path:
    return root / STATE_FOLDER / "journal"


def _stamp(data: bytes | None) -> list | None:
    return None if data is None else [len(data), zlib.crc32(data)]


def commit(root: Path, changes: list[tuple[Path, bytes, bytes | None, str]]) -> None:
    """Write every (path, new bytes, old bytes or None, shown name) or, after a crash, none or
    all of them once the next command has run. The caller holds the lock."""
    folder = journal_folder(root)
    state_folder(root)
    for path, new, _old, name in changes:
        write_target(path, name, root)  # a read-only file, a device or a link out refuses the change before anything is written
        check_size(new, name)
        if not _names_a_data_file(display_path(path, root)):
            raise UserError(_("lmhtx changes several files together only among its data files; this is not one"), name)
    if os.path.lexists(folder):  # the caller recovered under the lock: what is left is ours to clear
        shutil.rmtree(folder, ignore_errors=True)
    entries = []
    try:
        folder.mkdir()
        owner = _own(folder)
        for number, (path, new, old, _name) in enumerate(changes):
            data_name = f"{number}.new"
            write_new(folder / data_name, new)
            entries.append({"target": display_path(path, root), "data": data_name, "old": _stamp(old), "new": _stamp(new)})
        _pause_for_fault_tests("LMHTX_TEST_HOLD_JOURNAL")
        write_new(folder / (MANIFEST + ".tmp"), json.dumps({"owner": owner, "files": entries}, ensure_ascii=False).encode("utf-8"))
        os.replace(folder / (MANIFEST + ".tmp"), folder / MANIFEST)
        sync_folder(folder)
    except OSError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise UserError(_("cannot write the journal of the change: {reason}; nothing was changed").format(reason=exc.strerror or exc), f"{STATE_FOLDER}/journal/") from None
    done: list[tuple[Path, bytes | None, str]] = []
    try:
        for number, (path, new, old, name) in enumerate(changes):
            if number:
                _pause_for_fault_tests("LMHTX_TEST_HOLD_BETWEEN")
            _replace(path, new, name, root)
            done.append((path, old, name))
    except UserError:
        _undo(done, folder, root)
        raise
    _remove(folder)


def _own(folder: Path) -> dict:
    """The journal's proof of being this clone's: a random number in a new file, and that file's
    identity on this disk (device, inode, change time), which no checkout can make again."""
    import secrets  # only when a change spans several files

    nonce = secrets.token_hex(16)
    write_new(folder / OWNER, nonce.encode("ascii"), 0o600)
    info = os.lstat(folder / OWNER)
    return {"nonce": nonce, "dev": info.st_dev, "ino": info.st_ino, "ctime": info.st_ctime_ns}


def _owned(folder: Path, owner: object) -> bool:
    if not isinstance(owner, dict):
        return False
    try:
        info = os.lstat(folder / OWNER)
        if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1:
            return False
        nonce = read_regular(folder / OWNER, 64).decode("ascii")
    except (OSError, Refused, UnicodeDecodeError):
        return False
    return owner.get("nonce") == nonce and [owner.get("dev"), owner.get("ino"), owner.get("ctime")] == [info.st_dev, info.st_ino, info.st_ctime_ns]


def _names_a_data_file(name: str) -> bool:
    return name in DATA_FILES or (name.startswith(DATA_TARGETS) and name.endswith((".yaml", ".yml")))


def _undo(done: list[tuple[Path, bytes | None, str]], folder: Path, root: Path) -> None:
    """A file of the change could not be written (a full disk): put back those already written,
    so that nothing was changed; if even that fails, the journal stays for the next command."""
    try:
        for path, old, name in reversed(done):
            if old is None:
                os.unlink(path)
            else:
                _replace(path, old, name, root)
    except (UserError, OSError):
        raise UserError(_("the change was written in part; the next lmhtx command finishes it from its journal"), f"{STATE_FOLDER}/journal/") from None
    _remove(folder)


def _remove(folder: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(folder / MANIFEST)  # first: a journal without its manifest is an incomplete one
    shutil.rmtree(folder, ignore_errors=True)


def pending(root: Path) -> bool:
    """Whether an interrupted change waits (one stat: every command asks)."""
    return os.path.lexists(journal_folder(root))


def finish_interrupted(root: Path) -> None:
    """Take the lock and finish or discard an interrupted change (the next command after a kill)."""
    with data_lock(root):
        recover(root)


def recover(root: Path) -> list[str]:
    """Under the lock: roll a complete journal forward, discard an incomplete one. Returns the
    files written. A journal this clone did not begin is refused, never acted on."""
    folder = journal_folder(root)
    shown = f"{STATE_FOLDER}/journal/"
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise UserError(_("cannot read the folder: {reason}").format(reason=exc.strerror or exc), shown) from None
    if not stat.S_ISDIR(info.st_mode):
        raise _foreign(_("this is not a folder"), shown)
    from lmhtx_cli.store.gitio import tracked_under

    tracked = tracked_under(root, STATE_FOLDER)
    if tracked:
        raise _foreign(_("git tracks {file}; the tool's folder .lmhtx/ is never part of the data (run git rm -r --cached .lmhtx)").format(file=tracked[0]), shown)
    try:
        manifest = json.loads(read_regular(folder / MANIFEST, 1024 * 1024))
    except FileNotFoundError:
        return _discard_incomplete(folder, shown)
    except (Refused, ValueError):
        raise _foreign(_("its manifest does not read as one lmhtx writes"), shown + MANIFEST) from None
    if not isinstance(manifest, dict) or not _owned(folder, manifest.get("owner")):
        raise _foreign(_("it was not begun by lmhtx in this clone (it came with the data, or was copied)"), shown + MANIFEST)
    entries = manifest.get("files")
    damaged = UserError(_("an interrupted change cannot be finished: its journal is damaged; compare the files it names with {folder} and remove that folder").format(folder=folder), shown)
    plan = []
    for entry in entries if isinstance(entries, list) else [None]:
        new = _entry_text(root, folder, entry)
        if new is None or _stamp(new) != entry.get("new"):
            raise damaged
        name = entry["target"]
        target = root / name
        current = current_bytes(target)
        if current == new:
            continue  # renamed before the interruption
        if _stamp(current) != entry.get("old"):
            raise UserError(_("an interrupted change cannot be finished: this file was edited since; its new text is kept in {folder} ({data}); merge it by hand, then remove that folder").format(folder=folder, data=entry["data"]), name)
        write_target(target, name, root)
        plan.append((target, new, name))
    for target, new, name in plan:
        _replace(target, new, name, root)
    _remove(folder)
    return [name for _target, _new, name in plan]


def _foreign(reason: str, shown: str) -> UserError:
    return UserError(_("a journal of an interrupted change is there, but it is not acted on: {reason}; nothing was written; look at it, then remove the folder .lmhtx/journal/").format(reason=reason), shown)


def _discard_incomplete(folder: Path, shown: str) -> list[str]:
    """A journal without its manifest never got as far as renaming a file: it is removed, when it
    holds only what lmhtx writes there (regular files of its own names)."""
    for entry in os.scandir(folder):
        own_name = entry.name in (OWNER, MANIFEST + ".tmp") or (entry.name.endswith(".new") and entry.name[:-4].isdigit())
        if not own_name or not entry.is_file(follow_symlinks=False):
            raise _foreign(_("it holds {name}, which lmhtx never writes there").format(name=entry.name), shown)
    _remove(folder)
    return []


def _entry_text(root: Path, folder: Path, entry: object) -> bytes | None:
    """The new text an entry of the manifest names, when the entry is one lmhtx writes: a data
    file of this folder (no absolute path, no "..", no link out of it) and a file of the journal."""
    if not isinstance(entry, dict):
        return None
    name, data_name = entry.get("target"), entry.get("data")
    if not isinstance(name, str) or not isinstance(data_name, str) or not name or not data_name:
        return None
    if os.path.isabs(name) or ".." in Path(name).parts or "\\" in name or "/" in data_name or "\\" in data_name or data_name.startswith("."):
        return None
    if not _names_a_data_file(name):
        raise UserError(
            _("an interrupted change cannot be finished: its journal names {file}, which is not a data file (plans/, members/, settings.yaml); nothing was written; remove the folder .lmhtx/journal/").format(file=name),
            f"{STATE_FOLDER}/journal/{MANIFEST}",
        )
    try:
        check_inside((root / name).parent, root)
    except Refused:
        return None
    return current_bytes(folder / data_name)
