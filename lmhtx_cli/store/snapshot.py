"""A data set as it was at a git commit, laid out in a private temporary folder for the time of
one computation (`lmhtx verify`), then removed. The work tree and the index are never touched."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from lmhtx_cli.store.scaffold import _checked


@contextlib.contextmanager
def private_tree(files: dict[str, bytes]) -> Iterator[Path]:
    """A new folder only this user can read (0700), holding `files` (relative paths, checked: no
    `..`, nothing absolute), removed when the block ends, whatever happens in it."""
    folder = Path(tempfile.mkdtemp(prefix="lmhtx-verify-"))
    try:
        (folder / "plans").mkdir()  # a data root even when the commit has no plan
        for name, data in sorted(files.items()):
            target = folder.joinpath(*_checked(name).parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0), 0o600)
            with open(fd, "wb") as handle:
                handle.write(data)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def read_report_file(path: Path, limit: int = 64 * 1024 * 1024) -> bytes:
    """The bytes of a report to verify (Markdown, JSON or Word), refused when it is not a regular
    file or is larger than `limit`."""
    import stat

    from lmhtx_cli.errors import UserError
    from lmhtx_cli.i18n import _

    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # a folder, a pipe, a device: not a report
            raise UserError(_("not a file"), str(path))
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise UserError(_("no such file"), str(path)) from None
    except OSError as exc:
        raise UserError(_("cannot read the file: {reason}").format(reason=exc.strerror or exc), str(path)) from None
    if len(data) > limit:
        raise UserError(_("the file is larger than {limit} MB: not a report written by lmhtx").format(limit=limit // (1024 * 1024)), str(path))
    return data
