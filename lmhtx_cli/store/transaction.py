"""A transaction: the files one command changes, read under the lock, checked together, written
together. The check is given by the caller (the domain's rules), so this file layer knows nothing
of what the files mean."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lmhtx_cli.errors import DataError, Problem, UserError
from lmhtx_cli.i18n import _
from lmhtx_cli.store import journal
from lmhtx_cli.store.lock import STATE_FOLDER, data_lock
from lmhtx_cli.store.writeback import TEMPORARIES, TextFile, check_unchanged, remove_stale_temporaries, write_atomically

Check = Callable[[dict[Path, str]], list[Problem]]
READ_BOUNDS = ("too-large", "too-deep")  # what the reader refuses a whole file for (yamlio's bounds)


@dataclass
class Transaction:
    root: Path
    files: dict[Path, TextFile] = field(default_factory=dict)

    def file(self, path: Path) -> TextFile:
        """An existing data file, read once per transaction."""
        if path not in self.files:
            file = TextFile.read(path, self.root)
            if file.original is None:
                raise UserError(_("the file does not exist"), file.name)
            self.files[path] = file
        return self.files[path]

    def file_or_new(self, path: Path, text_if_new: Callable[[], str]) -> TextFile:
        """A data file, or a new one holding `text_if_new()` when it does not exist yet."""
        if path not in self.files:
            file = TextFile.read(path, self.root)
            if file.original is None:
                file = TextFile.new(path, self.root, text_if_new())
            self.files[path] = file
        return self.files[path]

    def overrides(self) -> dict[Path, str]:
        """The changed files' new texts, to check them before anything is written."""
        return {path: file.plain_text() for path, file in self.files.items() if file.changed}

    def commit(self, check: Check) -> list[str]:
        """Check the new texts with `check`; write every changed file only if no error is found,
        and all of them or none (through the journal when there are several)."""
        problems = [p for p in check(self.overrides()) if p.level == "error"]
        beyond = [p for p in problems if p.code in READ_BOUNDS]
        if beyond:  # the reader would refuse the file written: every later command, this one's undo included
            first = beyond[0]
            raise UserError(
                _("this change would make the file one that lmhtx no longer reads ({problem}); nothing was written: move old history entries or records to another file first").format(problem=first.message),
                first.file,
                first.line,
                first.column,
            )
        if problems:
            raise DataError(problems)
        changed = [file for file in self.files.values() if file.changed]
        for file in changed:  # every file as it was read, before any is written
            check_unchanged(file)
        if len(changed) == 1:
            write_atomically(changed[0], self.root)
        elif changed:
            journal.commit(self.root, [(file.path, file.text().encode("utf-8"), file.original, file.name) for file in changed])
        return [file.name for file in changed]


@contextlib.contextmanager
def transaction(root: Path) -> Iterator[Transaction]:
    """One writer at a time: the lock, an interrupted change finished or discarded, stale
    temporaries cleared, then a transaction over files read under the lock."""
    with data_lock(root):
        journal.recover(root)
        remove_stale_temporaries(root / "plans")
        remove_stale_temporaries(root / "members")
        remove_stale_temporaries(root / STATE_FOLDER / TEMPORARIES)
        yield Transaction(root)
