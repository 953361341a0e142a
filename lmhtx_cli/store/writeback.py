"""The only code that changes data files.

It edits the exact lines of the values it changes (found through the YAML marks) and inserts new
lines next to the task it touches, so comments, order, quoting, blank lines and every line's own
line end stay byte for byte and `git diff` shows only what changed. Lines are counted as the YAML
reader counts them (`yamlio.split_lines`), so a position the reader gives is the line edited.
Every write happens under the data folder's lock (`lock.py`), is checked against the bytes read,
validated in memory before anything is written, and lands by rename; a change of several files
goes through a journal (`journal.py`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path

from lmhtx_cli.errors import UserError
from lmhtx_cli.i18n import _
from lmhtx_cli.store.cache import note_bytes
from lmhtx_cli.store.durable import sync_folder
from lmhtx_cli.store.emit import quote
from lmhtx_cli.store.lock import LOCK_TIMEOUT_SECONDS, data_lock  # noqa: F401  (the lock's old home)
from lmhtx_cli.store.paths import display_path
from lmhtx_cli.store.reading import Refused, read_regular
from lmhtx_cli.store.yamlio import MAX_FILE_BYTES, YamlDoc, decode, parse, split_lines

_NEWLINES = ("\n", "\r\n", "\r")


@dataclass
class TextFile:
    """A data file read for editing: its exact bytes, each line's own end, and its parsed positions."""

    path: Path
    name: str
    original: bytes | None  # None: the file does not exist yet
    bom: str = ""
    newline: str = "\n"  # the file's most common line end, for the lines the tool adds
    lines: list[str] = field(default_factory=list)  # each line's text, without its end
    ends: list[str] = field(default_factory=list)  # each line's own end ("" for a last line without one)
    _doc: YamlDoc | None = None
    _doc_stale: bool = False
    _replacements: list[tuple[int, int, int, str]] = field(default_factory=list)
    _insertions: list[tuple[int, int, list[str]]] = field(default_factory=list)
    _removals: list[tuple[int, int]] = field(default_factory=list)  # (first, last) lines, 1-based
    _settled_edits: bool = False

    @classmethod
    def read(cls, path: Path, root: Path) -> TextFile:
        name = display_path(path, root)
        try:
            raw = read_regular(path, MAX_FILE_BYTES, inside=root)
        except FileNotFoundError:
            return cls(path, name, None)
        except Refused as refused:
            raise UserError(refused.message, name) from None
        text, problems = decode(raw, name)
        if text is None:
            raise UserError(problems[0].message, name, problems[0].line, problems[0].column)
        note_bytes(path, raw)
        file = cls(path, name, raw, "\ufeff" if raw.startswith(b"\xef\xbb\xbf") else "")
        file.lines, file.ends = split_lines(raw.decode("utf-8-sig"))
        file.newline = _most_common_newline(file.ends)
        file.doc = _parse_for_edits(text, name)
        if file.doc.problems and any(p.level == "error" for p in file.doc.problems):
            first = next(p for p in file.doc.problems if p.level == "error")
            raise UserError(_("{problem} [{code}]; fix it before recording progress").format(problem=_(first.message), code=first.code), name, first.line, first.column)
        return file

    @classmethod
    def new(cls, path: Path, root: Path, text: str) -> TextFile:
        file = cls(path, display_path(path, root), None)
        file.lines, file.ends = split_lines(text)
        file.doc = _parse_for_edits(text, file.name)
        return file

    # -- edits, applied together by text() ----------------------------------------------------
    def replace(self, line: int, start_column: int, end_column: int, new: str) -> None:
        """Replace characters [start_column, end_column) of a 1-based line."""
        self._replacements.append((line, start_column, end_column, new))

    def insert_after(self, line: int, new_lines: list[str]) -> None:
        self._insertions.append((line, len(self._insertions), new_lines))

    def remove_lines(self, first: int, last: int) -> None:
        """Remove lines first..last (1-based, with their line ends)."""
        self._removals.append((first, last))

    def _edited(self) -> tuple[list[str], list[str]]:
        """The lines and line ends with the pending edits made. Added lines end like the line
        they follow (or with the file's usual end when it ends in U+2028 and the like); a last
        line without a line end keeps having none."""
        lines, ends = list(self.lines), list(self.ends)
        for line, start, end, new in sorted(self._replacements, reverse=True):
            current = lines[line - 1]
            lines[line - 1] = current[: start - 1] + new + current[end - 1 :]
        gone = {n for first, last in self._removals for n in range(first, last + 1)}
        lines = [_GONE if n in gone else text for n, text in enumerate(lines, 1)]
        for line, _order, new_lines in sorted(self._insertions, key=lambda item: (-item[0], -item[1])):
            if not new_lines:
                continue
            before = ends[line - 1] if line >= 1 else ""
            newline = before if before in _NEWLINES else self.newline
            added_ends = [newline] * len(new_lines)
            if line >= 1 and before == "":  # after a last line that has no line end
                ends[line - 1] = newline
                added_ends[-1] = ""
            lines[line:line] = new_lines
            ends[line:line] = added_ends
        if gone:
            kept = [(text, end) for text, end in zip(lines, ends) if text is not _GONE]
            lines, ends = [text for text, _end in kept], [end for _text, end in kept]
        return lines, ends

    def edited_lines(self) -> list[str]:
        return self._edited()[0]

    def text(self) -> str:
        """The new file as it will be written: same BOM and line ends as the original."""
        return self.bom + self.plain_text()

    def plain_text(self) -> str:
        """The new text without its byte-order mark (what is checked before it is written)."""
        lines, ends = self._edited()
        return "".join(line + end for line, end in zip(lines, ends))

    def settle(self) -> None:
        """Fold pending edits into the text and re-read positions, so a further edit of the same
        file (a second task marked in one command) finds its lines where they now are."""
        if not (self._replacements or self._insertions or self._removals):
            return
        self.lines, self.ends = self._edited()
        self._replacements.clear()
        self._insertions.clear()
        self._removals.clear()
        self._settled_edits = True
        self._doc, self._doc_stale = None, True  # positions are read again when a further edit asks for them

    @property
    def doc(self) -> YamlDoc | None:
        if self._doc_stale:
            self._doc_stale = False
            self._doc = _parse_for_edits(self.plain_text(), self.name)
        return self._doc

    @doc.setter
    def doc(self, doc: YamlDoc | None) -> None:
        self._doc = doc
        self._doc_stale = False

    @property
    def changed(self) -> bool:
        return bool(self._replacements or self._insertions or self._removals or self._settled_edits) or self.original is None


_GONE = "\0removed"  # a removed line, until the edited lines are put together (compared by identity)
EDIT_FULLY_BELOW = 1024 * 1024  # characters: a larger file keeps records' positions, and finds the rest when edited


def _parse_for_edits(text: str, name: str) -> YamlDoc:
    """Every position of a usual file; a huge one keeps its records' positions only (a few hundred
    bytes each) and reads the record it edits again, so that memory stays bounded."""
    return parse(text, name, None if len(text) < EDIT_FULLY_BELOW else 3)


def _most_common_newline(ends: list[str]) -> str:
    counts = {newline: ends.count(newline) for newline in _NEWLINES}
    best = max(_NEWLINES, key=lambda newline: counts[newline])
    return best if counts[best] else "\n"


# -- atomic writes ------------------------------------------------------------------------------
def check_unchanged(file: TextFile) -> None:
    """Refuse to write a data file that changed on disk since it was read."""
    if current_bytes(file.path) != file.original:
        raise UserError(_("the file changed on disk while lmhtx was working; nothing was written, run the command again"), file.name)


def write_atomically(file: TextFile, root: Path | None = None) -> None:
    """Write an edited data file, unless it changed on disk since it was read."""
    check_unchanged(file)
    _replace(file.path, file.text().encode("utf-8"), file.name, root)


def write_text_atomically(path: Path, text: str, root: Path | None = None, option: str | None = None) -> None:
    """A whole generated file (a report, a schema, a new plan file), ending in one newline.
    `root`: the data folder (its rules apply inside it); `option`: the output option that named
    the file (`--output`), which never replaces a data file."""
    _replace(path, (text.rstrip("\n") + "\n").encode("utf-8"), str(path), root, option)


def write_bytes_atomically(path: Path, data: bytes, root: Path | None = None, option: str | None = None) -> None:
    """A generated binary file (a Word report)."""
    _replace(path, data, str(path), root, option)


def write_target(path: Path, name: str, root: Path | None = None, option: str | None = None) -> Path:
    """Where writing `path` lands: the path itself, or the regular file a symbolic link leads to
    (inside the data folder, a link must stay in it; see `targets.py` for every folder on the way).

    A rename over a device, a FIFO or a link would replace it with a plain file (and a link's
    target would keep its old text), so they are refused or followed; a file without a write
    permission is refused rather than silently replaced (checked on the mode bits, so that the
    check holds even for root, whom the system lets write anything)."""
    from lmhtx_cli.store.targets import checked_target, output_target, target_status

    target = output_target(root, path, option) if option else checked_target(root, path, name)
    info = target_status(target, name, follow=True)
    if info is None:
        return target
    if not _writable(info):
        raise UserError(_("the file is read-only; it is not replaced (make it writable first)"), name)
    return target


def _writable(info: os.stat_result) -> bool:
    """Whether the mode bits let this user write the file (root: the owner's bit)."""
    mode = info.st_mode
    geteuid = getattr(os, "geteuid", None)
    if geteuid is None:  # Windows: the read-only attribute clears every write bit
        return bool(mode & stat.S_IWUSR)
    uid = geteuid()
    if uid == 0 or uid == info.st_uid:
        return bool(mode & stat.S_IWUSR)
    if info.st_gid == os.getegid() or info.st_gid in os.getgroups():
        return bool(mode & stat.S_IWGRP)
    return bool(mode & stat.S_IWOTH)


def temporary_beside(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.lmhtx-tmp")


TEMPORARIES = "tmp"  # <root>/.lmhtx/tmp/: a data file's new text before its rename (git ignores it)


def temporary_for(target: Path, root: Path | None) -> Path:
    """Where a file's new text is written before its rename: in the data folder, the tool's own
    folder `.lmhtx/tmp/` (ignored by git, so that a killed write never shows in `git status`);
    elsewhere, a hidden file beside the target."""
    if root is not None:
        real_root = os.path.realpath(root)
        if os.path.realpath(target.parent).startswith(real_root.rstrip(os.sep) + os.sep) or os.path.realpath(target.parent) == real_root:
            from lmhtx_cli.store.lock import state_folder

            try:
                folder = state_folder(root) / TEMPORARIES
                with contextlib.suppress(FileExistsError):
                    os.mkdir(folder)
                usable = stat.S_ISDIR(os.lstat(folder).st_mode)
            except (UserError, OSError):  # a data folder where .lmhtx/ cannot be made: beside the file
                usable = False
            if usable:
                remove_stale_temporaries(folder)
                return folder / f"{os.getpid()}.{target.name}.lmhtx-tmp"
    _remove_dead_beside(target)
    return temporary_beside(target)


def _remove_dead_beside(target: Path) -> None:
    """What a killed write of this very file left beside it (an --output outside the data folder)."""
    import glob

    for leftover in target.parent.glob(f".{glob.escape(target.name)}.*.lmhtx-tmp"):
        match = re.search(r"\.(\d+)\.lmhtx-tmp$", leftover.name)
        if match and not _process_alive(int(match.group(1))) and not leftover.is_dir():
            with contextlib.suppress(OSError):
                leftover.unlink()


def check_size(data: bytes, name: str) -> None:
    """A data file is never written larger than the reader reads (it would lock every command out)."""
    if len(data) > MAX_FILE_BYTES:
        from lmhtx_cli.store.reading import megabytes

        raise UserError(
            _("the new text would be {size} MB, and data files are read only up to {limit} MB; nothing was written: shorten the note, or move old records to another file").format(
                size=megabytes(len(data), MAX_FILE_BYTES), limit=megabytes(MAX_FILE_BYTES)
            ),
            name,
        )


def _replace(path: Path, data: bytes, name: str, root: Path | None = None, option: str | None = None) -> None:
    """Write beside the file, then rename over it, so a crash leaves the old or the new file."""
    target = write_target(path, name, root, option)
    if root is not None and option is None:
        check_size(data, name)
    from lmhtx_cli.store.targets import open_parent

    parent = open_parent(root, target, name) if root is not None else None
    try:
        _write_and_rename(path, target, data, name, root, parent)
    finally:
        if parent is not None:
            os.close(parent)


def _write_and_rename(path: Path, target: Path, data: bytes, name: str, root: Path | None, parent: int | None) -> None:
    """The new bytes into a temporary file, synced, then renamed over the target (into the open
    folder `parent` when there is one)."""
    if parent is None:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(_("cannot write the file: {reason}; nothing was changed").format(reason=exc.strerror or exc), name) from None
    temporary = temporary_for(target, root)
    try:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)  # a dead process's leftover of this very name
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0), 0o666)
        with open(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(temporary, os.stat(target).st_mode & 0o7777)
        _pause_for_fault_tests()
        try:
            if parent is None:
                os.replace(temporary, target)
            else:
                os.replace(temporary, target.name, dst_dir_fd=parent)
        except OSError as exc:
            if exc.errno != errno.EXDEV:
                raise
            os.unlink(temporary)  # the data folder spans two file systems: beside the file, then
            temporary = temporary_beside(target)
            _replace_beside(temporary, target, data)
        note_bytes(path, data)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise UserError(_("cannot write the file: {reason}; nothing was changed").format(reason=exc.strerror or exc), name) from None
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    sync_folder(target.parent)


def _replace_beside(temporary: Path, target: Path, data: bytes) -> None:
    from lmhtx_cli.store.durable import write_new

    with contextlib.suppress(FileNotFoundError):
        os.unlink(temporary)
    write_new(temporary, data, 0o666)
    with contextlib.suppress(FileNotFoundError):
        os.chmod(temporary, os.stat(target).st_mode & 0o7777)
    os.replace(temporary, target)


def current_bytes(path: Path) -> bytes | None:
    """A data file's bytes as they are now (None when it does not exist); refused files are errors."""
    try:
        return read_regular(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        return None
    except Refused as refused:
        raise UserError(refused.message, str(path)) from None


def _pause_for_fault_tests(variable: str = "LMHTX_TEST_HOLD_WRITE") -> None:
    """LMHTX_TEST_HOLD_WRITE=seconds holds a write between the temporary file and the rename
    (LMHTX_TEST_HOLD_BETWEEN: between two files of one change; LMHTX_TEST_HOLD_JOURNAL: before
    the journal is complete), so the test suite can kill a process half way through a write."""
    hold = os.environ.get(variable)
    if hold:
        time.sleep(float(hold))


def remove_stale_temporaries(folder: Path) -> None:
    """Temporary files of processes that no longer run: beside the files of `folder` and its
    folders, and in the tool's own `.lmhtx/tmp/` (named by process id first). A folder that is a
    link is left alone: nothing is removed outside the data folder."""
    try:
        if not stat.S_ISDIR(os.lstat(folder).st_mode):
            return
    except OSError:
        return
    for leftover in [*folder.glob(".*.lmhtx-tmp"), *folder.glob("*/.*.lmhtx-tmp"), *folder.glob("[0-9]*.lmhtx-tmp*")]:
        match = re.search(r"\.(\d+)\.lmhtx-tmp$", leftover.name) or re.match(r"(\d+)\.", leftover.name)
        if match and not _process_alive(int(match.group(1))):
            if leftover.is_dir() and not leftover.is_symlink():
                import shutil

                shutil.rmtree(leftover, ignore_errors=True)
            with contextlib.suppress(OSError):
                leftover.unlink()


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:  # pragma: no cover - Windows
        return True
    return True


# -- YAML text for new values -----------------------------------------------------------------
_NEEDS_QUOTES = re.compile(r"^[0-9._-]*$|^(true|false|yes|no|on|off|null|~)$", re.IGNORECASE)


def plain_or_quoted(value: str) -> str:
    """Ids and codes stay plain when YAML reads them back as the same text; else they are quoted."""
    if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", value) and not _NEEDS_QUOTES.match(value):
        return value
    return quote(value)


def mapping_lines(record: dict, indent: int, dash: bool) -> list[str]:
    """A flat mapping as block YAML lines; `dash` starts it as a list item."""
    lines = []
    for _i, (key, value) in enumerate(record.items()):
        if value is None:
            continue
        prefix = " " * (indent - 2) + "- " if dash and not lines else " " * indent
        lines.append(f"{prefix}{key}: {scalar_text(key, value)}")
    return lines


PLAIN_KEYS = ("id", "status", "to", "continued_as", "continues", "thread")


def scalar_text(key: str, value: object) -> str:
    """A value as written in a data file: dates ISO, ids and codes plain when they read back the same, other text quoted."""
    import datetime as dt

    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if key in PLAIN_KEYS:
        return plain_or_quoted(str(value))
    return quote(str(value))
