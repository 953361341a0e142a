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
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import zlib
from pathlib import Path

from lmhtx_cli.errors import UserError
from lmhtx_cli.i18n import _
from lmhtx_cli.store.durable import sync_folder, write_new
from lmhtx_cli.store.lock import STATE_FOLDER, data_lock, state_folder
from lmhtx_cli.store.paths import display_path
from lmhtx_cli.store.reading import Refused, check_inside, read_regular
from lmhtx_cli.store.writeback import _pause_for_fault_tests, _replace, current_bytes, write_target

MANIFEST = "manifest.json"


def journal_folder(root: Path) -> Path:
    return root / STATE_FOLDER / "journal"


def _stamp(data: bytes | None) -> list | None:
    return None if data is None else [len(data), zlib.crc32(data)]


def commit(root: Path, changes: list[tuple[Path, bytes, bytes | None, str]]) -> None:
    """Write every (path, new bytes, old bytes or None, shown name) or, after a crash, none or
    all of them once the next command has run. The caller holds the lock."""
    folder = journal_folder(root)
    state_folder(root)
    for path, _new, _old, name in changes:
        write_target(path, name)  # a read-only file or a device refuses the change before anything is written
    if folder.exists():  # the caller recovered under the lock: what is left is ours to clear
        shutil.rmtree(folder, ignore_errors=True)
    entries = []
    try:
        folder.mkdir()
        for number, (path, new, old, _name) in enumerate(changes):
            data_name = f"{number}.new"
            write_new(folder / data_name, new)
            entries.append({"target": display_path(path, root), "data": data_name, "old": _stamp(old), "new": _stamp(new)})
        _pause_for_fault_tests("LMHTX_TEST_HOLD_JOURNAL")
        write_new(folder / (MANIFEST + ".tmp"), json.dumps({"files": entries}, ensure_ascii=False).encode("utf-8"))
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
            _replace(path, new, name)
            done.append((path, old, name))
    except UserError:
        _undo(done, folder)
        raise
    _remove(folder)


def _undo(done: list[tuple[Path, bytes | None, str]], folder: Path) -> None:
    """A file of the change could not be written (a full disk): put back those already written,
    so that nothing was changed; if even that fails, the journal stays for the next command."""
    try:
        for path, old, name in reversed(done):
            if old is None:
                os.unlink(path)
            else:
                _replace(path, old, name)
    except (UserError, OSError):
        raise UserError(_("the change was written in part; the next lmhtx command finishes it from its journal"), f"{STATE_FOLDER}/journal/") from None
    _remove(folder)


def _remove(folder: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(folder / MANIFEST)  # first: a journal without its manifest is an incomplete one
    shutil.rmtree(folder, ignore_errors=True)


def pending(root: Path) -> bool:
    """Whether an interrupted change waits (one stat: every command asks)."""
    return os.path.isdir(journal_folder(root))


def finish_interrupted(root: Path) -> None:
    """Take the lock and finish or discard an interrupted change (the next command after a kill)."""
    with data_lock(root):
        recover(root)


def recover(root: Path) -> list[str]:
    """Under the lock: roll a complete journal forward, discard an incomplete one. Returns the
    files written."""
    folder = journal_folder(root)
    if not folder.is_dir():
        return []
    try:
        manifest = json.loads(read_regular(folder / MANIFEST, 1024 * 1024))
        entries = manifest["files"]
    except FileNotFoundError:
        _remove(folder)  # incomplete: it never got as far as renaming a file
        return []
    except (Refused, ValueError, KeyError, TypeError):
        _remove(folder)  # a manifest is renamed into place whole; one that does not read was not ours
        return []
    damaged = UserError(_("an interrupted change cannot be finished: its journal is damaged; compare the files it names with {folder} and remove that folder").format(folder=folder), f"{STATE_FOLDER}/journal/")
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
        plan.append((target, new, name))
    for target, new, name in plan:
        _replace(target, new, name)
    _remove(folder)
    return [name for _target, _new, name in plan]


def _entry_text(root: Path, folder: Path, entry: object) -> bytes | None:
    """The new text an entry of the manifest names, when the entry is one lmhtx writes: a data
    file of this folder (no absolute path, no "..", no link out of it) and a file of the journal."""
    if not isinstance(entry, dict):
        return None
    name, data_name = entry.get("target"), entry.get("data")
    if not isinstance(name, str) or not isinstance(data_name, str) or not name or not data_name:
        return None
    if os.path.isabs(name) or ".." in Path(name).parts or "/" in data_name or "\\" in data_name or data_name.startswith("."):
        return None
    try:
        check_inside((root / name).parent, root)
    except Refused:
        return None
    return current_bytes(folder / data_name)
