"""One writer at a time per data folder, whoever runs it.

The lock lives with the data, in `<root>/.lmhtx/lock`, so every user and every session that
writes this folder meets the same lock (a lock in $TMPDIR differs per user and per session). The
folder holds a `.gitignore` of `*`, so git never shows it. The lock itself is the `filelock`
library's (flock on Unix, the native lock on Windows): a killed writer's lock is released by the
system. Beside it, `lock.holder` says who holds it, so a writer that waited in vain can say so.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import socket
import stat
from collections.abc import Iterator
from pathlib import Path

from lmhtx_cli.errors import UserError
from lmhtx_cli.i18n import _

STATE_FOLDER = ".lmhtx"
LOCK_TIMEOUT_SECONDS = 30.0  # LMHTX_LOCK_TIMEOUT=seconds changes it (tests use a short one)


def lock_timeout() -> float:
    try:
        return max(0.0, float(os.environ.get("LMHTX_LOCK_TIMEOUT", "")))
    except ValueError:
        return LOCK_TIMEOUT_SECONDS


def _shared_bits(root: Path) -> int:
    """Group and others may write the tool's own files when they may write the data folder."""
    try:
        return os.stat(root).st_mode & 0o022
    except OSError:
        return 0


def state_folder(root: Path) -> Path:
    """`<root>/.lmhtx/`, created when missing, with a `.gitignore` that hides it from git."""
    folder = root / STATE_FOLDER
    shown = f"{STATE_FOLDER}/"
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        try:
            os.mkdir(folder, 0o755 | _shared_bits(root))
            os.chmod(folder, 0o755 | _shared_bits(root))
        except FileExistsError:
            pass
        except OSError as exc:
            raise UserError(_("cannot create the folder of the lock: {reason}; nothing was changed").format(reason=exc.strerror or exc), shown) from None
        info = os.lstat(folder)
    except OSError as exc:
        raise UserError(_("cannot use the folder of the lock: {reason}; nothing was changed").format(reason=exc.strerror or exc), shown) from None
    if not stat.S_ISDIR(info.st_mode):
        raise UserError(_("this must be the tool's folder (it holds the lock), but it is not a folder; move it away"), shown)
    ignore = folder / ".gitignore"
    if not os.path.lexists(ignore):
        with contextlib.suppress(OSError):
            fd = os.open(ignore, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644 | _shared_bits(root))
            try:
                os.write(fd, b"# lmhtx's lock and journal: never part of the data\n*\n")
            finally:
                os.close(fd)
    return folder


@contextlib.contextmanager
def data_lock(root: Path) -> Iterator[None]:
    """Hold the data folder's lock; wait for it (LMHTX_LOCK_TIMEOUT, 30 s) instead of clobbering."""
    from filelock import FileLock, Timeout  # only writers pay for importing it

    folder = state_folder(root)
    path = folder / "lock"
    _own_lock_file(path, root)
    timeout = lock_timeout()
    lock = FileLock(str(path), timeout=timeout, mode=0o644 | _shared_bits(root))
    try:
        lock.acquire()
    except Timeout:
        raise UserError(
            _("another lmhtx is writing this data ({holder}); waited {seconds} s for the lock {lock}; try again when it has finished").format(holder=_holder(folder), seconds=f"{timeout:g}", lock=path), f"{STATE_FOLDER}/lock"
        ) from None
    except OSError as exc:
        raise UserError(_("cannot take the lock {lock}: {reason}; nothing was changed").format(lock=path, reason=exc.strerror or exc), f"{STATE_FOLDER}/lock") from None
    try:
        _write_holder(folder, root)
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(folder / "lock.holder")
        lock.release()


def _own_lock_file(path: Path, root: Path) -> None:
    """The lock file is a plain file of the tool's folder, created here without following a link:
    a link, a device or a FIFO in its place (committed, planted) is refused, never opened (the
    lock library truncates what it opens)."""
    shown = f"{STATE_FOLDER}/lock"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644 | _shared_bits(root))
        os.close(fd)
        return
    except FileExistsError:
        pass
    except OSError as exc:
        raise UserError(_("cannot take the lock {lock}: {reason}; nothing was changed").format(lock=path, reason=exc.strerror or exc), shown) from None
    info = os.lstat(path)
    if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1:
        from lmhtx_cli.store.reading import kind_of

        kind = _("a symbolic link") if stat.S_ISLNK(info.st_mode) else (kind_of(info.st_mode) if not stat.S_ISREG(info.st_mode) else _("a file with other names (hard links)"))
        raise UserError(_("the lock must be a plain file of the tool, but this is {kind}; it is not opened: remove it, lmhtx makes a new one").format(kind=kind), shown)


def _write_holder(folder: Path, root: Path) -> None:
    """Who holds the lock: process, user, host and since when (read by a writer that waited)."""
    import getpass

    try:
        user = getpass.getuser()
    except (OSError, KeyError, ImportError):
        user = "?"
    text = f"{os.getpid()}\n{user}\n{socket.gethostname()}\n{dt.datetime.now().isoformat(timespec='seconds')}\n"
    temporary = folder / f".lock.holder.{os.getpid()}"
    with contextlib.suppress(OSError):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644 | _shared_bits(root))
        try:
            os.write(fd, text.encode("utf-8", "replace"))
        finally:
            os.close(fd)
        os.replace(temporary, folder / "lock.holder")


def _holder(folder: Path) -> str:
    try:
        fd = os.open(folder / "lock.holder", os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise OSError
            fields = os.read(fd, 1024).decode("utf-8", "replace").split("\n")
        finally:
            os.close(fd)
        pid, user, host, since = (field.strip()[:100] for field in fields[:4])
    except (OSError, ValueError):
        return _("held by a process that did not say who it is")
    return _("held by process {pid} of user {user} on {host} since {since}").format(pid=pid, user=user, host=host, since=since.replace("T", " "))
