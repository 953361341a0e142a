"""Reading a file only when it is one: a regular file, of bounded size, inside the data folder.

A plain read of a FIFO waits for ever for a writer, a device (/dev/zero) never ends, a symbolic
link may lead out of the data folder (and show another file's text in a message), and a folder
named like a file cannot be read at all. Each is refused here, with the file's name, before a
byte is read: the file is opened without waiting (O_NONBLOCK) and checked on the open descriptor
(fstat), so it cannot be swapped between the check and the read.
"""

from __future__ import annotations

import os
import stat
from functools import lru_cache
from pathlib import Path

from lmhtx_cli.i18n import _


class Refused(Exception):
    """The file cannot be read as data; `code` names the kind of refusal, `message` says why."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words."""
    if stat.S_ISDIR(mode):
        return _("a folder")
    if stat.S_ISFIFO(mode):
        return _("a named pipe (FIFO)")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    return _("not a regular file")


def not_a_file(mode: int) -> Refused:
    return Refused("not-a-file", _("this is {kind}, not a file; only regular files are read").format(kind=kind_of(mode)))


@lru_cache(maxsize=64)
def _real_folder(folder: str) -> str:
    return os.path.realpath(folder)


def check_inside(path: Path, folder: Path) -> None:
    """Refuse a path that leads (through a symbolic link) out of `folder`."""
    real = os.path.realpath(path)
    base = _real_folder(str(folder))
    if real != base and not real.startswith(base.rstrip(os.sep) + os.sep):
        raise Refused("outside", _("this is a link that leads out of the data folder (to {target}); it is not read").format(target=real))


def read_regular(path: Path, limit: int, inside: Path | None = None) -> bytes:
    """The bytes of a regular file of at most `limit` bytes. FileNotFoundError when there is no
    such file; `Refused` for anything else that is not a readable regular file (inside `inside`)."""
    if inside is not None:
        check_inside(path, inside)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise Refused("unreadable", _("cannot read the file: {reason}").format(reason=exc.strerror or exc)) from None
    if not stat.S_ISREG(info.st_mode):
        raise not_a_file(info.st_mode)
    if info.st_size > limit:
        raise too_large(info.st_size, limit)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise Refused("unreadable", _("cannot read the file: {reason}").format(reason=exc.strerror or exc)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):  # swapped for something else since the check above
            raise not_a_file(info.st_mode)
        chunks = []
        total = 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # grew while being read
                raise too_large(total, limit)
        return b"".join(chunks)
    except OSError as exc:
        raise Refused("unreadable", _("cannot read the file: {reason}").format(reason=exc.strerror or exc)) from None
    finally:
        os.close(fd)


def megabytes(size: int, limit: int | None = None) -> str:
    """A size in MB with at most one decimal; a size over `limit` is never shown as the limit."""
    mib = 1024 * 1024
    tenths = size * 10 // mib
    if limit is not None and size > limit and tenths * mib <= limit * 10:
        tenths = -(-size * 10 // mib)  # rounded up: 10 MB and one byte is "10.1 MB"
    return f"{tenths // 10}" if tenths % 10 == 0 else f"{tenths // 10}.{tenths % 10}"


def too_large(size: int, limit: int) -> Refused:
    return Refused("too-large", _("the file is {size} MB; data files are limited to {limit} MB").format(size=megabytes(size, limit), limit=megabytes(limit)))
