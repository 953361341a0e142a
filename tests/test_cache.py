"""The cache of validated data: used when files are unchanged, never when they changed."""

from __future__ import annotations

import json

from lmhtx_cli.store import cache


def test_an_edit_is_seen_at_once(lmhtx, small_root):
    first = json.loads(lmhtx("plan", "show", "05-quy-1", "-f", "json", root=small_root).out)
    assert first["text"].startswith("Triển khai thu hồi vốn")
    month = small_root / "plans/2030/05.yaml"
    month.write_text(month.read_text(encoding="utf-8").replace("Triển khai thu hồi vốn", "Đẩy mạnh thu hồi vốn"), encoding="utf-8")
    again = json.loads(lmhtx("plan", "show", "05-quy-1", "-f", "json", root=small_root).out)
    assert again["text"].startswith("Đẩy mạnh thu hồi vốn")


def test_a_new_error_is_reported_even_when_everything_was_cached(lmhtx, small_root):
    assert lmhtx("validate", root=small_root).code == 0
    assert lmhtx("validate", root=small_root).code == 0
    month = small_root / "plans/2030/02.yaml"
    month.write_text(month.read_text(encoding="utf-8").replace("status: planned", "status: plannd"), encoding="utf-8")
    run = lmhtx("validate", root=small_root)
    assert run.code == 1 and 'không có trạng thái "plannd"' in run.out


def test_a_corrupt_or_foreign_cache_entry_is_ignored(lmhtx, small_root):
    lmhtx("plan", "show", root=small_root)
    folder = cache.cache_folder()
    entries = list(folder.glob("*-plan-2030-vi.pickle"))  # one entry per language: messages are in it
    assert entries
    for entry in entries:
        entry.write_bytes(b"not a pickle")
    run = lmhtx("plan", "show", "-f", "csv", root=small_root)
    assert run.code == 0 and "05-quy-1" in run.out


def test_another_version_does_not_trust_the_entry(small_root, monkeypatch):
    paths = cache.folder_files(small_root / "plans/2030")
    for path in paths:  # the files just copied change "now": the entry vouches for the bytes read
        cache.note_bytes(path, path.read_bytes())
    cache.store(small_root, "probe", cache.signature(paths), "value")
    assert cache.load(small_root, "probe", cache.signature(paths)) == "value"
    monkeypatch.setattr(cache, "__version__", "0.0.0-other")
    assert cache.load(small_root, "probe", cache.signature(paths)) is None


def test_no_cache_folder_means_no_cache(lmhtx, small_root, monkeypatch):
    monkeypatch.delenv("LMHTX_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.delenv("HOME", raising=False)
    assert cache.cache_folder() is None
    assert lmhtx("plan", "show", root=small_root).code == 0
