"""The only code that changes data files.

It edits the exact lines of the values it changes (found through the YAML marks) and inserts new
lines next to the task it touches, so comments, order, quoting and blank lines stay byte for byte
and `git diff` shows only what changed. Every write happens under a lock, is checked against the
bytes read, validated in memory before anything is written, and lands by rename.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lmhtx_cli.errors import UserError
from lmhtx_cli.store.emit import quote
from lmhtx_cli.store.paths import display_path
from lmhtx_cli.store.yamlio import YamlDoc, decode, parse

LOCK_TIMEOUT_SECONDS = 30.0


@dataclass
class TextFile:
    """A data file read for editing: its exact bytes, its line ends, and its parsed positions."""

    path: Path
    name: str
    original: bytes | None  # None: the file does not exist yet
    bom: str = ""
    newline: str = "\n"
    lines: list[str] = field(default_factory=list)
    ends_with_newline: bool = True
    doc: YamlDoc | None = None
    _replacements: list[tuple[int, int, int, str]] = field(default_factory=list)
    _insertions: list[tuple[int, int, list[str]]] = field(default_factory=list)
    _settled_edits: bool = False

    @classmethod
    def read(cls, path: Path, root: Path) -> TextFile:
        name = display_path(path, root)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return cls(path, name, None)
        except OSError as exc:
            raise UserError(f"cannot read the file: {exc.strerror or exc}", name) from None
        text, problems = decode(raw, name)
        if text is None:
            raise UserError(problems[0].message, name, problems[0].line, problems[0].column)
        original_text = raw.decode("utf-8-sig")
        newline = "\r\n" if "\r\n" in original_text else "\n"
        body = original_text.replace("\r\n", "\n")
        file = cls(path, name, raw, "\ufeff" if raw.startswith(b"\xef\xbb\xbf") else "", newline)
        file.ends_with_newline = body.endswith("\n")
        file.lines = body.split("\n")
        if file.ends_with_newline:
            file.lines.pop()
        file.doc = parse(text, name)
        if file.doc.problems and any(p.level == "error" for p in file.doc.problems):
            first = next(p for p in file.doc.problems if p.level == "error")
            raise UserError(f"{first.message} [{first.code}]; fix it before recording progress", name, first.line, first.column)
        return file

    @classmethod
    def new(cls, path: Path, root: Path, text: str) -> TextFile:
        file = cls(path, display_path(path, root), None)
        file.lines = text.rstrip("\n").split("\n")
        file.doc = parse(text, file.name)
        return file

    # -- edits, applied together by text() ----------------------------------------------------
    def replace(self, line: int, start_column: int, end_column: int, new: str) -> None:
        """Replace characters [start_column, end_column) of a 1-based line."""
        self._replacements.append((line, start_column, end_column, new))

    def insert_after(self, line: int, new_lines: list[str]) -> None:
        self._insertions.append((line, len(self._insertions), new_lines))

    def edited_lines(self) -> list[str]:
        lines = list(self.lines)
        for line, start, end, new in sorted(self._replacements, reverse=True):
            current = lines[line - 1]
            lines[line - 1] = current[: start - 1] + new + current[end - 1 :]
        for line, _order, new_lines in sorted(self._insertions, key=lambda item: (-item[0], -item[1])):
            lines[line:line] = new_lines
        return lines

    def text(self) -> str:
        """The new file as it will be written: same BOM and line ends as the original."""
        body = self.newline.join(self.edited_lines())
        if self.ends_with_newline:
            body += self.newline
        return self.bom + body

    def plain_text(self) -> str:
        return "\n".join(self.edited_lines()) + "\n"

    def settle(self) -> None:
        """Fold pending edits into the text and re-read positions, so a further edit of the same
        file (a second task marked in one command) finds its lines where they now are."""
        if not (self._replacements or self._insertions):
            return
        self.lines = self.edited_lines()
        self._replacements.clear()
        self._insertions.clear()
        self._settled_edits = True
        self.doc = parse(self.plain_text(), self.name)

    @property
    def changed(self) -> bool:
        return bool(self._replacements or self._insertions or self._settled_edits) or self.original is None


# -- locking and atomic writes ----------------------------------------------------------------
def _lock_path(root: Path) -> Path:
    from lmhtx_cli.store.cache import folder_key

    return Path(tempfile.gettempdir()) / f"lmhtx-{folder_key(root)}.lock"


@contextlib.contextmanager
def data_lock(root: Path) -> Iterator[None]:
    """One writer at a time per data folder; others wait (up to 30 s) instead of clobbering."""
    import fcntl

    with open(_lock_path(root), "a+b") as handle:
        deadline = time.monotonic() + LOCK_TIMEOUT_SECONDS
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise UserError("another lmhtx has been writing this data for 30 s; try again later") from None
                time.sleep(0.02)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def write_atomically(file: TextFile) -> None:
    """Write an edited data file, unless it changed on disk since it was read."""
    if _current_bytes(file.path) != file.original:
        raise UserError("the file changed on disk while lmhtx was working; nothing was written, run the command again", file.name)
    _replace(file.path, file.text().encode("utf-8"), file.name)


def write_text_atomically(path: Path, text: str) -> None:
    """A whole generated file (a report, a schema, a new plan file), ending in one newline."""
    _replace(path, (text.rstrip("\n") + "\n").encode("utf-8"), str(path))


def write_bytes_atomically(path: Path, data: bytes) -> None:
    """A generated binary file (a Word report)."""
    _replace(path, data, str(path))


def _replace(path: Path, data: bytes, name: str) -> None:
    """Write beside the file, then rename over it, so a crash leaves the old or the new file."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.lmhtx-tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(temporary, os.stat(path).st_mode & 0o7777)
        _pause_for_fault_tests()
        os.replace(temporary, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise UserError(f"cannot write the file: {exc.strerror or exc}; nothing was changed", name) from None
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    _sync_folder(path.parent)


def _current_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _pause_for_fault_tests() -> None:
    """LMHTX_TEST_HOLD_WRITE=seconds holds a write between the temporary file and the rename,
    so the test suite can kill a process half way through a write."""
    hold = os.environ.get("LMHTX_TEST_HOLD_WRITE")
    if hold:
        time.sleep(float(hold))


def remove_stale_temporaries(folder: Path) -> None:
    for leftover in [*folder.glob(".*.lmhtx-tmp"), *folder.glob("*/.*.lmhtx-tmp")]:
        match = re.search(r"\.(\d+)\.lmhtx-tmp$", leftover.name)
        if match and not _process_alive(int(match.group(1))):
            with contextlib.suppress(OSError):
                leftover.unlink()


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
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
        lines.append(f"{prefix}{key}: {_scalar(key, value)}")
    return lines


PLAIN_KEYS = ("id", "status", "to", "continued_as", "continues", "thread")


def _scalar(key: str, value: object) -> str:
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
