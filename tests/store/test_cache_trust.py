"""The cache never serves what the files do not say: edits that keep size and mtime, edits made
while a command runs, damaged entries, entries that would run code, and folders others control."""

from __future__ import annotations

import io
import json
import os
import pickle
import random
import struct
import zlib
from pathlib import Path

import pytest

from lmhtx_cli.store import cache

TEXT = "Triển khai thu hồi vốn"
EDITED = "Tiến hành thu hồi vốn"  # as many bytes in UTF-8


def _text(lmhtx, root: Path) -> str:
    run = lmhtx("plan", "show", "05-quy-1", "-f", "json", root=root)
    assert run.code == 0, run.err
    return json.loads(run.out)["text"]


def _edit_keeping_size_and_times(path: Path, old: str, new: str) -> None:
    assert len(old.encode("utf-8")) == len(new.encode("utf-8"))
    info = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert path.stat().st_size == info.st_size and path.stat().st_mtime_ns == info.st_mtime_ns


@pytest.mark.parametrize("racy_window", [0, cache.RACY_NS], ids=["by-ctime", "by-checksum"])
def test_an_edit_keeping_size_and_mtime_is_seen(lmhtx, small_root, monkeypatch, racy_window):
    from lmhtx_cli.plan import checking

    monkeypatch.setattr(cache, "RACY_NS", racy_window)
    loads = []
    real = checking.load_programme
    monkeypatch.setattr(checking, "load_programme", lambda *a: (loads.append(a), real(*a))[1])
    assert _text(lmhtx, small_root).startswith(TEXT)
    assert _text(lmhtx, small_root).startswith(TEXT)
    assert len(loads) == 1  # the second run was served by the cache
    _edit_keeping_size_and_times(small_root / "plans/2030/05.yaml", TEXT, EDITED)
    assert _text(lmhtx, small_root).startswith(EDITED)
    assert len(loads) == 2


def test_an_edit_made_while_a_command_runs_is_not_cached_as_the_old_text(lmhtx, small_root, monkeypatch):
    from lmhtx_cli.plan import checking

    month = small_root / "plans/2030/05.yaml"
    real_read_year = checking.read_year

    def read_then_someone_edits(*args, **kwargs):
        docs = real_read_year(*args, **kwargs)
        _edit_keeping_size_and_times(month, TEXT, EDITED)
        return docs

    monkeypatch.setattr(checking, "read_year", read_then_someone_edits)
    assert _text(lmhtx, small_root).startswith(TEXT)  # this run read the file before the edit
    monkeypatch.setattr(checking, "read_year", real_read_year)
    assert _text(lmhtx, small_root).startswith(EDITED)


def test_an_error_made_while_validate_runs_is_reported_next_time(lmhtx, small_root, monkeypatch):
    from lmhtx_cli.plan import loading

    month = small_root / "plans/2030/02.yaml"
    real_read_year = loading.read_year

    def read_then_someone_breaks_it(*args, **kwargs):
        docs = real_read_year(*args, **kwargs)
        _edit_keeping_size_and_times(month, "status: planned", "status: plannnd")
        return docs

    from lmhtx_cli.workspace import validation

    monkeypatch.setenv("LMHTX_NO_PARALLEL", "1")
    monkeypatch.setattr(loading, "read_year", read_then_someone_breaks_it)
    assert lmhtx("validate", root=small_root).code == 0
    monkeypatch.setattr(loading, "read_year", real_read_year)
    assert validation  # the pipeline whose result was not kept
    run = lmhtx("validate", root=small_root)
    assert run.code == 1 and "plannnd" in run.out


def _entry(lmhtx, root: Path) -> tuple[Path, tuple, object]:
    lmhtx("plan", "show", root=root)
    (path,) = cache.cache_folder().glob(f"{cache.folder_key(root)}-plan-2030-vi.pickle")
    built_from = cache.signature(cache.folder_files(root / "plans/2030"))
    value = cache.load(root, "plan-2030-vi", built_from)
    assert value is not None
    return path, built_from, value


def test_three_hundred_random_corruptions_are_never_served_as_data(lmhtx, small_root):
    path, built_from, value = _entry(lmhtx, small_root)
    original = path.read_bytes()
    expected = pickle.dumps(value)
    rng = random.Random(20240520)
    served_wrong = refused = identical = 0
    for case in range(300):
        data = bytearray(original)
        kind = case % 5
        if kind == 0:  # flip a few bits anywhere
            for _ in range(rng.randint(1, 4)):
                data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        elif kind == 1:  # cut the entry short
            data = data[: rng.randrange(len(data))]
        elif kind == 2:  # garbage appended
            data += bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
        elif kind == 3:  # a run of bytes overwritten
            start = rng.randrange(len(data))
            data[start : start + rng.randint(1, 32)] = bytes(rng.randrange(256) for _ in range(32))
        else:  # a byte of the header (lengths, checksums, signature)
            data[rng.randrange(min(len(data), 200))] = rng.randrange(256)
        path.write_bytes(bytes(data))
        got = cache.load(small_root, "plan-2030-vi", built_from)
        if got is None:
            refused += 1
        elif pickle.dumps(got) == expected:
            identical += 1
        else:
            served_wrong += 1
    assert served_wrong == 0
    assert refused + identical == 300 and refused > 250


def _sealed(header: bytes, payload: bytes) -> bytes:
    return cache.MAGIC + cache._LAYOUT.pack(len(header), zlib.crc32(header), len(payload), zlib.crc32(payload)) + header + payload


class _Gadget:
    def __init__(self, call):
        self.call = call

    def __reduce__(self):
        return self.call


@pytest.mark.parametrize(
    "call",
    [
        (os.system, ("touch {marker}",)),
        (eval, ("open({marker!r}, 'w')",)),
        (exec, ("open({marker!r}, 'w')",)),
        (__import__, ("os",)),
        (__import__("subprocess").call, (["touch", "{marker}"],)),
    ],
    ids=["os.system", "eval", "exec", "import", "subprocess"],
)
@pytest.mark.parametrize("where", ["payload", "header"])
def test_an_entry_that_would_run_code_is_refused(lmhtx, small_root, tmp_path, call, where):
    path, built_from, _ = _entry(lmhtx, small_root)
    marker = tmp_path / "ran"
    function, arguments = call
    arguments = tuple(a.format(marker=str(marker)) if isinstance(a, str) else ([x.format(marker=str(marker)) for x in a] if isinstance(a, list) else a) for a in arguments)
    gadget = pickle.dumps(_Gadget((function, arguments)), protocol=4)
    header = pickle.dumps((built_from, {}), protocol=4)
    if where == "header":
        header = pickle.dumps((built_from, {"x": _Gadget((function, arguments))}), protocol=4)
        gadget = pickle.dumps([1], protocol=4)
    path.write_bytes(_sealed(header, gadget))
    assert cache.load(small_root, "plan-2030-vi", built_from) is None
    assert not marker.exists()
    run = lmhtx("plan", "show", "05-quy-1", "-f", "json", root=small_root)
    assert run.code == 0 and json.loads(run.out)["text"].startswith(TEXT)
    assert not marker.exists()


def test_the_tools_own_functions_are_not_callable_from_an_entry(lmhtx, small_root, tmp_path):
    from lmhtx_cli.store import writeback

    path, built_from, _ = _entry(lmhtx, small_root)
    target = tmp_path / "written"
    payload = pickle.dumps(_Gadget((writeback.write_text_atomically, (target, "pwned"))), protocol=4)
    path.write_bytes(_sealed(pickle.dumps((built_from, {}), protocol=4), payload))
    assert cache.load(small_root, "plan-2030-vi", built_from) is None
    assert not target.exists()


def test_the_cache_folder_is_private(lmhtx, small_root, tmp_path, monkeypatch):
    folder = tmp_path / "fresh-cache"
    monkeypatch.setenv("LMHTX_CACHE_DIR", str(folder))
    monkeypatch.setattr(cache, "_folder_checked", {})
    assert _text(lmhtx, small_root).startswith(TEXT)
    assert folder.stat().st_mode & 0o777 == 0o700
    assert all(entry.stat().st_mode & 0o077 == 0 for entry in folder.iterdir())
    folder.chmod(0o755)  # made by an older version: narrowed again
    monkeypatch.setattr(cache, "_folder_checked", {})
    assert _text(lmhtx, small_root).startswith(TEXT)
    assert folder.stat().st_mode & 0o777 == 0o700


@pytest.mark.parametrize("how", ["world-writable", "someone-elses", "entry-of-someone-else"])
def test_a_cache_folder_others_control_is_not_trusted(lmhtx, small_root, tmp_path, monkeypatch, how):
    folder = tmp_path / "shared-cache"
    monkeypatch.setenv("LMHTX_CACHE_DIR", str(folder))
    monkeypatch.setattr(cache, "_folder_checked", {})
    path, built_from, value = _entry(lmhtx, small_root)
    # someone plants an entry that says the task reads otherwise
    forged = pickle.loads(pickle.dumps(value))
    programme = forged[0]
    for task in programme.tasks:
        if task.id == "05-quy-1":
            task.text = "FORGED"
    path.write_bytes(_sealed(pickle.dumps((built_from, {}), protocol=4), pickle.dumps(forged, protocol=4)))
    if how == "world-writable":
        folder.chmod(0o777)
    elif how == "someone-elses":
        os.chown(folder, 12345, 12345)
    else:
        os.chown(path, 12345, 12345)
    if os.geteuid() != 0 and how != "world-writable":
        pytest.skip("only root can give a file to someone else")
    monkeypatch.setattr(cache, "_folder_checked", {})
    assert cache.load(small_root, "plan-2030-vi", built_from) is None
    assert _text(lmhtx, small_root).startswith(TEXT)


def test_entries_are_read_with_the_allowed_classes_only():
    buffer = io.BytesIO(pickle.dumps({"a": (1, 2.5, "x", None, True, b"y", {3}, frozenset({4}))}))
    assert cache._SafeUnpickler(buffer).load()["a"][0] == 1
    for forbidden in ("os.system", "builtins.eval", "lmhtx_cli.__main__.x", "lmhtx_cli.store.writeback._replace", "pickle.loads"):
        module, name = forbidden.rsplit(".", 1)
        opcode = b"\x80\x04c" + module.encode() + b"\n" + name.encode() + b"\n."
        with pytest.raises(pickle.UnpicklingError):
            cache._SafeUnpickler(io.BytesIO(opcode)).load()


def test_an_entry_with_a_lying_length_is_refused(lmhtx, small_root):
    path, built_from, _ = _entry(lmhtx, small_root)
    data = bytearray(path.read_bytes())
    header_length, header_crc, payload_length, payload_crc = cache._LAYOUT.unpack_from(data, len(cache.MAGIC))
    struct.pack_into("<IIQI", data, len(cache.MAGIC), header_length, header_crc, payload_length + 10**12, payload_crc)
    path.write_bytes(bytes(data))
    assert cache.load(small_root, "plan-2030-vi", built_from) is None


def test_a_pipe_or_folder_appearing_among_the_data_is_not_hidden_by_the_cache(lmhtx, small_root, english):
    assert lmhtx("validate", root=small_root).code == 0
    assert lmhtx("validate", root=small_root).code == 0  # from the cache
    os.mkfifo(small_root / "plans/2030/06.yaml")
    run = lmhtx("validate", root=small_root)
    assert run.code == 1 and "plans/2030/06.yaml:1:1: error:" in run.out
    (small_root / "plans/2030/06.yaml").unlink()
    (small_root / "plans/2030/07.yaml").mkdir()
    run = lmhtx("validate", root=small_root)
    assert run.code == 1 and "plans/2030/07.yaml:1:1: error:" in run.out
