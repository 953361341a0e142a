"""A cache of validated data, so a command does not re-read and re-check files that did not change.

Entries live in the user's cache folder ($LMHTX_CACHE_DIR, else $XDG_CACHE_HOME/lmhtx, else
~/.cache/lmhtx), one per data folder and subject. The cache never serves what the files do not say:

- An entry is keyed on the signature of the files it was built from: path, size, modification
  and change time (ns) and inode of each (an edit that keeps size and mtime still moves ctime),
  with the tool's version and a stamp of its own code.
- The signature is taken before the files are read and again after the result is computed; an
  entry is stored only when the two agree (an edit made meanwhile is not cached as the old data).
- A file changed within the last seconds may change again without its times moving (their
  resolution is coarse): the entry then also keeps the checksum of the bytes that were read, and
  is used only while the file still holds them.
- Each entry carries a checksum of its bytes; one that fails it is refused. The payload is read
  by an unpickler that builds only the tool's own record classes and dates: an entry cannot run
  code. The folder is kept private (0700); one owned by someone else or writable by all is not used.

Any difference, an unreadable or corrupt entry, or LMHTX_NO_CACHE=1 means the files are read
again; the cache is never required.
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
import struct
import time
import zlib
from pathlib import Path

from lmhtx_cli import __version__

FORMAT = 2
MAGIC = b"LMHTX-CACHE-2\n"
_LAYOUT = struct.Struct("<IIQI")  # header length, header crc32, payload length, payload crc32
MAX_ENTRY_BYTES = 512 * 1024 * 1024
RACY_NS = 2_000_000_000  # a file changed this recently may change again with the same times
Signature = tuple

_taken: dict[int, tuple[Signature, int]] = {}  # id(signature) -> (signature, when it was taken)
_read_checksums: dict[str, tuple[int, int]] = {}  # path -> (size, crc32) of the bytes last read or written
_folder_checked: dict[str, bool] = {}


def cache_folder() -> Path | None:
    found = _folder_and_anchor()
    return found[0] if found else None


def _folder_and_anchor() -> tuple[Path, Path] | None:
    """The cache folder, and the folder above it that must already exist for it to be created:
    a HOME or XDG_CACHE_HOME that is missing, relative or unwritable means no cache, and nothing
    is created (XDG: a relative path is ignored)."""
    if os.environ.get("LMHTX_NO_CACHE"):
        return None
    explicit = os.environ.get("LMHTX_CACHE_DIR")
    if explicit:
        return Path(explicit), Path(explicit).parent
    xdg, home = os.environ.get("XDG_CACHE_HOME", ""), os.environ.get("HOME", "")
    if os.path.isabs(xdg):
        return Path(xdg) / "lmhtx", Path(xdg)
    if os.path.isabs(home):
        return Path(home) / ".cache" / "lmhtx", Path(home)
    return None


def _private(folder: Path, create: bool) -> bool:
    """Whether the folder may hold this user's entries: ours, not writable by others; created
    0700 when missing, narrowed to 0700 when it is ours and wider."""
    key = str(folder)
    if _folder_checked.get(key):
        return True
    try:
        info = os.stat(folder)
    except FileNotFoundError:
        if not create:
            return False
        try:
            _make(folder)
            info = os.stat(folder)
        except OSError:
            return False
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode):
        return False
    geteuid = getattr(os, "geteuid", None)
    if geteuid is not None:
        if info.st_uid != geteuid() or info.st_mode & 0o002:
            return False  # someone else's folder, or anyone's: entries there cannot be trusted
        if info.st_mode & 0o077:
            try:
                os.chmod(folder, 0o700)
            except OSError:
                return False
    _folder_checked[key] = True
    return True


def _make(folder: Path) -> None:
    """Creates the cache folder (and ~/.cache on the way), never its anchor or anything above it."""
    found = _folder_and_anchor()
    top = found[1] if found and found[0] == folder else folder.parent
    if not os.path.isdir(top):
        raise FileNotFoundError(str(top))
    for step in reversed([folder, *folder.parents]):
        if step != top and top in step.parents and not os.path.isdir(step):
            os.mkdir(step, 0o700)


def signature(paths: list[Path]) -> Signature:
    """What the files are now: (name, size, mtime, ctime, inode) of each, in a stable order."""
    entries = []
    for path in sorted(paths):
        try:
            info = os.stat(path)
        except OSError:
            entries.append((str(path), -1, -1, -1, -1))
            continue
        entries.append((str(path), info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino))
    built = (__version__, FORMAT, code_stamp(), tuple(entries))
    _taken[id(built)] = (built, time.time_ns())
    return built


def _same_files_again(built_from: Signature) -> Signature:
    return signature([Path(entry[0]) for entry in built_from[3]])


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
                        info = entry.stat()
                        stamps.append((folder.name, entry.name, info.st_size, info.st_mtime_ns))
        _CODE_STAMP = tuple(sorted(stamps))
    return _CODE_STAMP


def folder_files(folder: Path, suffixes: tuple[str, ...] = (".yaml", ".yml")) -> list[Path]:
    """The data files of a folder as the signature sees them: every name with a data suffix,
    whatever it is (a FIFO or a folder named 05.yaml changes the signature, and is then refused
    by the reader, rather than being skipped by both)."""
    try:
        return [p for p in folder.iterdir() if p.suffix in suffixes]
    except OSError:
        return []


def member_files(root: Path) -> list[Path]:
    """What the member data is built from: the files of members/ and its yearly folders, and each
    plan year's plan.yaml (the units member records refer to)."""
    from lmhtx_cli.store.paths import plan_years

    folder = root / "members"
    paths = folder_files(folder)
    for sub in ("fees", "meetings", "petitions"):
        paths += folder_files(folder / sub)
    paths += [root / "plans" / str(year) / "plan.yaml" for year in plan_years(root)]
    return paths


def folder_key(root: Path) -> str:
    """A short name for a data folder, for its cache entries."""
    where = str(root.resolve()).encode("utf-8")
    return f"{zlib.crc32(where):08x}{zlib.adler32(where):08x}"  # zlib is built in; hashlib costs ~5 ms to import


def note_bytes(path: Path, data: bytes) -> None:
    """The bytes of a data file as read (or written) by this process: what a result is built from."""
    _read_checksums[str(path)] = (len(data), zlib.crc32(data))


def still_as_read(paths: list[Path]) -> bool:
    """Whether each file still holds the bytes this process read from it (a result worked out
    earlier in the command may be stored under the files' signature as they are now)."""
    return all(_read_checksums.get(str(path)) is not None and _file_stamp(str(path)) == _read_checksums[str(path)] for path in paths)


def _entry_path(root: Path, subject: str, create: bool = False) -> Path | None:
    folder = cache_folder()
    if folder is None or not _private(folder, create):
        return None
    return folder / f"{folder_key(root)}-{subject}.pickle"


# -- reading an entry ---------------------------------------------------------------------------
def load(root: Path, subject: str, expected: Signature):
    path = _entry_path(root, subject)
    if path is None:
        return None
    raw = _read_entry(path)
    if raw is None:
        return None
    parts = _split(raw)
    if parts is None:
        return None
    header, payload = parts
    try:
        stored_signature, checksums = _SafeUnpickler(io.BytesIO(header), allow_classes=False).load()
    except Exception:  # noqa: BLE001 - a damaged entry can raise anything while being read
        return None
    if stored_signature != expected or not isinstance(checksums, dict):
        return None
    for name, stamp in checksums.items():  # files that were still changing when the entry was made
        if _file_stamp(name) != stamp:
            return None
        _read_checksums[name] = stamp  # read just now: what a result built on this entry is built from
    try:
        return _SafeUnpickler(io.BytesIO(payload)).load()
    except Exception:  # noqa: BLE001
        return None


def _read_entry(path: Path) -> bytes | None:
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY_BYTES:
            return None
        geteuid = getattr(os, "geteuid", None)
        if geteuid is not None and (info.st_uid != geteuid() or info.st_mode & 0o022):
            return None  # planted by someone else, or writable by them
        chunks, total = [], 0
        while total <= info.st_size:
            chunk = os.read(fd, max(info.st_size - total + 1, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(fd)


def _split(raw: bytes) -> tuple[bytes, bytes] | None:
    """The entry's header and payload, when both pass their checksums."""
    start = len(MAGIC) + _LAYOUT.size
    if len(raw) < start or not raw.startswith(MAGIC):
        return None
    header_length, header_crc, payload_length, payload_crc = _LAYOUT.unpack_from(raw, len(MAGIC))
    if start + header_length + payload_length != len(raw):
        return None
    header = raw[start : start + header_length]
    payload = raw[start + header_length :]
    if zlib.crc32(header) != header_crc or zlib.crc32(payload) != payload_crc:
        return None
    return header, payload


def _file_stamp(name: str) -> tuple[int, int] | None:
    from lmhtx_cli.store.reading import Refused, read_regular

    try:
        data = read_regular(Path(name), 64 * 1024 * 1024)
    except (OSError, Refused):
        return None
    return (len(data), zlib.crc32(data))


# A parsed file's tables of positions (a dict and a set that find a position not kept by reading
# the file again): rebuilt as a plain dict or set and a back-reference, they run no code.
_CONTAINERS = {("lmhtx_cli.store.yamlio", "_Positions"), ("lmhtx_cli.store.yamlio", "_FlowPaths")}


def _flow_paths(items=()):
    """A set of paths as pickled (a set subclass is rebuilt from its items)."""
    from lmhtx_cli.store.yamlio import _FlowPaths

    built = _FlowPaths()
    set.update(built, items)
    return built


def _allowed_class(module: str, name: str):
    """The classes an entry may build: the tool's own records (dataclasses, named tuples,
    pydantic models, simple namespaces), dates, and nothing that runs code when called."""
    if module == "datetime" and name in ("date", "datetime", "timedelta"):
        import datetime

        return getattr(datetime, name)
    if module in ("builtins", "__builtin__") and name in ("set", "frozenset"):
        return {"set": set, "frozenset": frozenset}[name]
    if (module, name) in _CONTAINERS:
        from lmhtx_cli.store import yamlio

        return yamlio._Positions if name == "_Positions" else _flow_paths
    if not module.startswith("lmhtx_cli.") or module.endswith("__main__") or module.startswith("lmhtx_cli.cli") or "." in name:
        return None
    import importlib

    try:
        found = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None
    if not isinstance(found, type) or found.__module__ != module:
        return None
    import dataclasses
    import enum
    import types

    if dataclasses.is_dataclass(found) or issubclass(found, (types.SimpleNamespace, enum.Enum)) or (issubclass(found, tuple) and hasattr(found, "_fields")):
        return found
    if any(base.__module__.startswith("pydantic") and base.__name__ == "BaseModel" for base in found.__mro__):
        return found
    return None


def _unpickler_class():
    import pickle

    class SafeUnpickler(pickle.Unpickler):
        def __init__(self, stream, allow_classes: bool = True):
            super().__init__(stream)
            self.allow_classes = allow_classes

        def find_class(self, module: str, name: str):
            found = _allowed_class(module, name) if self.allow_classes else None
            if found is None:
                raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a cache entry")
            return found

        def persistent_load(self, pid):
            raise pickle.UnpicklingError("persistent ids are not allowed in a cache entry")

    return SafeUnpickler


class _LazyUnpickler:
    """pickle is imported when an entry is read, not when the module is."""

    _class = None

    def __new__(cls, stream, allow_classes: bool = True):
        if cls._class is None:
            cls._class = _unpickler_class()
        return cls._class(stream, allow_classes)


_SafeUnpickler = _LazyUnpickler


# -- writing an entry ---------------------------------------------------------------------------
def cached(root: Path, subject: str, built_from: Signature, compute, use: bool = True):
    """The entry built from exactly these files, else `compute()` (stored for the next run when
    the files did not change while it ran)."""
    value = load(root, subject, built_from) if use else None
    if value is None:
        value = compute()
        if use:
            store(root, subject, built_from, value)
    return value


def store(root: Path, subject: str, built_from: Signature, value) -> None:
    """Keep `value` as built from the files of `built_from`, unless they changed since it was
    taken, or a file changed so recently that the bytes this process read are not known."""
    if _same_files_again(built_from) != built_from:
        return  # edited while the result was computed: that result may hold the old text
    taken = _taken.get(id(built_from), (None, time.time_ns()))
    since = (taken[1] if taken[0] is built_from else time.time_ns()) - RACY_NS
    checksums = {}
    for name, size, _mtime, ctime, _ino in built_from[3]:
        if size >= 0 and (ctime >= since or _mtime >= since):
            read = _read_checksums.get(name)
            if read is None or read[0] != size:
                return  # changing now, and not read by this process: nothing to vouch for the result
            checksums[name] = read
    path = _entry_path(root, subject, create=True)
    if path is None:
        return
    import pickle

    try:
        header = pickle.dumps((built_from, checksums), protocol=pickle.HIGHEST_PROTOCOL)
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return
    data = MAGIC + _LAYOUT.pack(len(header), zlib.crc32(header), len(payload), zlib.crc32(payload)) + header + payload
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    with contextlib.suppress(OSError):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0), 0o600)
        with open(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
