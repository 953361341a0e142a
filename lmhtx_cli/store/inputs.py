"""Documents the user names on the command line (a programme to import, a template), read as
bounded bytes; no YAML here, so reading a template does not load the YAML library."""

from __future__ import annotations

from pathlib import Path

from lmhtx_cli.errors import UserError
from lmhtx_cli.i18n import _
from lmhtx_cli.store.reading import Refused, read_regular

MAX_INPUT_BYTES = 50 * 1024 * 1024


def read_input(path: Path, limit: int = MAX_INPUT_BYTES) -> bytes:
    """A document the user gives (a programme to import, a units file): a regular file of at
    most `limit` bytes, refused with a clear message otherwise (a folder, a FIFO, a device), and
    read without waiting on a pipe."""
    try:
        return read_regular(path, limit)
    except FileNotFoundError:
        raise UserError(_("no such file: {path}").format(path=path)) from None
    except Refused as refused:
        if refused.code == "too-large":
            raise UserError(_("the file is larger than {limit} MB, the limit for a document").format(limit=limit // (1024 * 1024)), str(path)) from None
        raise UserError(refused.message, str(path)) from None
