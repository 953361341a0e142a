"""Documents the user names on the command line (a programme to import, a template), read as
bounded bytes; no YAML here, so reading a template does not load the YAML library."""

from __future__ import annotations

from pathlib import Path

from lmhtx_cli.errors import UserError

MAX_INPUT_BYTES = 50 * 1024 * 1024


def read_input(path: Path, limit: int = MAX_INPUT_BYTES) -> bytes:
    """A document the user gives (a programme to import, a units file): a regular file of at
    most `limit` bytes, refused with a clear message otherwise (a folder, a FIFO, a device)."""
    import stat

    try:
        info = path.stat()
    except FileNotFoundError:
        raise UserError(f"no such file: {path}") from None
    except OSError as exc:
        raise UserError(f"cannot read the file: {exc.strerror or exc}", str(path)) from None
    if not stat.S_ISREG(info.st_mode):
        raise UserError("not a regular file (a folder, a pipe or a device cannot be read as a document)", str(path))
    if info.st_size > limit:
        raise UserError(f"the file is {info.st_size // (1024 * 1024)} MB; documents are limited to {limit // (1024 * 1024)} MB", str(path))
    try:
        with open(path, "rb") as handle:
            return handle.read(limit + 1)[:limit]
    except OSError as exc:
        raise UserError(f"cannot read the file: {exc.strerror or exc}", str(path)) from None
