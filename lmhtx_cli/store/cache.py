"""A cache of validated data, so a command does not re-read and re-check files that did not change.

Entries live in the user's cache folder ($LMHTX_CACHE_DIR, else $XDG_CACHE_HOME/lmhtx, else
~/.cache/lmhtx), one per data folder and subject, and hold the signature of the files they were
built from: path, size, modification time and inode of every file in the folders concerned, and
the tool's version. Any difference, an unreadable or corrupt entry, or LMHTX_NO_CACHE=1 means the
files are read again; the cache is never required and never trusted across versions.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import zlib
from pathlib import Path

from lmhtx_cli import __version__

FORMAT = 1
Signature = tuple


def cache_folder() -> Path | None:
    if os.environ.get("LMHTX_NO_CACHE"):
        return None
    explicit = os.environ.get("LMHTX_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or (os.path.join(os.environ["HOME"], ".cache") if os.environ.get("HOME") else None)
    return Path(base) / "lmhtx" if base else None


def signature(paths: list[Path]) -> Signature:
    """What the files are now: (name, size, mtime, inode) of each, in a stable order."""
    entries = []
    for path in sorted(paths):
        try:
            stat = path.stat()
        except OSError:
            entries.append((str(path), -1, -1, -1))
            continue
        entries.append((str(path), stat.st_size, stat.st_mtime_ns, stat.st_ino))
    return (__version__, FORMAT, code_stamp(), tuple(entries))


_CODE_STAMP: tuple | None = None


def code_stamp() -> tuple:
    """The tool's own files as they are: a changed source file (a developer's edit, an upgrade
    that kept the version number) invalidates every entry."""
    global _CODE_STAMP
    if _CODE_STAMP is None:
        package = Path(__file__).parents[1]
        stamps = []
        for folder in (package, *(p for p in package.iterdir() if p.is_dir() and not p.name.startswith("__"))):
            with contextlib.suppress(OSError):
                for entry in os.scandir(folder):
                    if entry.name.endswith((".py", ".json")):
                        stat = entry.stat()
                        stamps.append((folder.name, entry.name, stat.st_size, stat.st_mtime_ns))
        _CODE_STAMP = tuple(sorted(stamps))
    return _CODE_STAMP


def folder_files(folder: Path, suffixes: tuple[str, ...] = (".yaml", ".yml")) -> list[Path]:
    try:
        return [p for p in folder.iterdir() if p.suffix in suffixes and p.is_file()]
    except OSError:
        return []


def folder_key(root: Path) -> str:
    """A short name for a data folder, for its cache entries and its lock file."""
    where = str(root.resolve()).encode("utf-8")
    return f"{zlib.crc32(where):08x}{zlib.adler32(where):08x}"  # zlib is built in; hashlib costs ~5 ms to import


def _entry_path(root: Path, subject: str) -> Path | None:
    folder = cache_folder()
    if folder is None:
        return None
    return folder / f"{folder_key(root)}-{subject}.pickle"


def load(root: Path, subject: str, expected: Signature):
    path = _entry_path(root, subject)
    if path is None:
        return None
    try:
        with open(path, "rb") as handle:
            stored_signature, value = pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError, IndexError):
        return None
    return value if stored_signature == expected else None


def cached(root: Path, subject: str, built_from: Signature, compute, use: bool = True):
    """The entry built from exactly these files, else `compute()` (stored for the next run)."""
    value = load(root, subject, built_from) if use else None
    if value is None:
        value = compute()
        if use:
            store(root, subject, built_from, value)
    return value


def store(root: Path, subject: str, built_from: Signature, value) -> None:
    path = _entry_path(root, subject)
    if path is None:
        return
    with contextlib.suppress(OSError, pickle.PicklingError, TypeError, AttributeError):
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}")
        with open(temporary, "wb") as handle:
            pickle.dump((built_from, value), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
