"""Member writes leave the cache fresh, and member data is cached file by file: after a write the
next member command reads no member file, one changed file is the only one read again, and what
is served equals a read with no cache at all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lmhtx_cli.members import loading
from lmhtx_cli.store import cache

ADD = ("petitions", "add", "Đề nghị hỗ trợ vốn lưu động.", "--member", "thang-thuy", "--topic", "vốn", "--on", "20/11/2024")


@pytest.fixture
def parsed(monkeypatch) -> list[str]:
    """The member files read from disk or from a new text (not from a cache entry), in order; each
    command starts with nothing in memory, as a new process would."""
    seen: list[str] = []
    real = loading.read_doc

    def counting(path, root, overrides=None, track_depth=3):
        seen.append(Path(path).relative_to(root).as_posix())
        return real(path, root, overrides, track_depth)

    monkeypatch.setattr(loading, "read_doc", counting)
    monkeypatch.setattr(cache, "RACY_NS", 0)  # the copied files are not "still changing"
    return seen


def _fresh_run(lmhtx, parsed: list[str], *args: str, root: Path):
    loading._in_memory.clear()
    parsed.clear()
    run = lmhtx(*args, root=root)
    assert run.code == 0, run.out + run.err
    return run


def _cold(lmhtx, monkeypatch, *args: str, root: Path) -> str:
    monkeypatch.setenv("LMHTX_NO_CACHE", "1")
    loading._in_memory.clear()
    run = lmhtx(*args, root=root)
    monkeypatch.delenv("LMHTX_NO_CACHE")
    return run.out


def test_after_a_member_write_the_next_read_parses_no_member_file(lmhtx, office, parsed, monkeypatch):
    _fresh_run(lmhtx, parsed, "members", "list", root=office)
    assert "members/members.yaml" in parsed  # the first read fills the cache

    _fresh_run(lmhtx, parsed, *ADD, root=office)
    assert parsed == ["members/petitions/2024.yaml"]  # the new text only: the unchanged files come from their entries

    listed = _fresh_run(lmhtx, parsed, "petitions", "list", "--year", "2024", "-f", "json", root=office)
    assert parsed == []
    assert "Đề nghị hỗ trợ vốn lưu động." in listed.out
    assert json.loads(listed.out) == json.loads(_cold(lmhtx, monkeypatch, "petitions", "list", "--year", "2024", "-f", "json", root=office))

    validated = _fresh_run(lmhtx, parsed, "validate", root=office)
    assert validated.out == _cold(lmhtx, monkeypatch, "validate", root=office)


@pytest.mark.parametrize(
    "command",
    [
        ("petitions", "mark", "kn-2024-01", "answered", "--answer", "Đã trả lời bằng văn bản.", "--on", "25/11/2024"),
        ("meetings", "mark", "2024-q4", "done", "--on", "20/11/2024"),
        ("members", "move", "thang-thuy", "--area", "thuy-nguyen", "--on", "01/11/2024"),
    ],
    ids=["petitions-mark", "meetings-mark", "members-move"],
)
def test_every_member_write_refreshes_the_cache(lmhtx, office, parsed, monkeypatch, command):
    _fresh_run(lmhtx, parsed, "members", "list", root=office)
    parsed.clear()
    loading._in_memory.clear()
    run = lmhtx(*command, root=office)
    assert run.code == 0, run.out + run.err
    assert len(parsed) == 1  # the file written, checked as its new text

    shown = _fresh_run(lmhtx, parsed, "members", "show", "thang-thuy", "-f", "json", root=office)
    assert parsed == []
    assert json.loads(shown.out) == json.loads(_cold(lmhtx, monkeypatch, "members", "show", "thang-thuy", "-f", "json", root=office))


def _whole_entries(root: Path) -> set[Path]:
    key = cache.folder_key(root)
    return set(cache.cache_folder().glob(f"{key}-members-vi.pickle")) | set(cache.cache_folder().glob(f"{key}-problems-members-vi.pickle"))


def test_one_changed_file_is_the_only_one_read_again(lmhtx, office, parsed, monkeypatch):
    _fresh_run(lmhtx, parsed, "members", "list", root=office)
    petitions = office / "members/petitions/2024.yaml"
    petitions.write_text(petitions.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # an edit by hand

    listed = _fresh_run(lmhtx, parsed, "petitions", "list", "--year", "2024", "-f", "json", root=office)
    assert parsed == ["members/petitions/2024.yaml"]
    assert json.loads(listed.out) == json.loads(_cold(lmhtx, monkeypatch, "petitions", "list", "--year", "2024", "-f", "json", root=office))


def test_a_corrupt_file_entry_is_never_served(lmhtx, office, parsed, monkeypatch):
    _fresh_run(lmhtx, parsed, "members", "list", root=office)
    [entry] = cache.cache_folder().glob(f"{cache.folder_key(office)}-members-file-members.yaml-vi.pickle")
    raw = bytearray(entry.read_bytes())
    raw[-20] ^= 0xFF  # one byte of the payload: its checksum no longer holds
    entry.write_bytes(bytes(raw))
    for whole in _whole_entries(office):
        whole.unlink()

    shown = _fresh_run(lmhtx, parsed, "members", "show", "thang-thuy", "-f", "json", root=office)
    assert parsed == ["members/members.yaml"]  # read again from the file, not from the damaged entry
    assert json.loads(shown.out) == json.loads(_cold(lmhtx, monkeypatch, "members", "show", "thang-thuy", "-f", "json", root=office))


def test_validate_from_file_entries_says_what_a_cold_run_says(lmhtx, tmp_path, parsed, monkeypatch):
    import shutil

    root = tmp_path / "broken"
    shutil.copytree(Path(__file__).parents[1] / "data" / "members_broken", root)
    cold = _cold(lmhtx, monkeypatch, "validate", root=root)
    assert "[schema]" in cold and "[fee]" in cold
    loading._in_memory.clear()
    lmhtx("validate", root=root)  # fills the cache
    fees = root / "members/fees/2030.yaml"
    fees.write_text(fees.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    loading._in_memory.clear()
    parsed.clear()
    again = lmhtx("validate", root=root)
    assert parsed == ["members/fees/2030.yaml"]
    assert again.out == cold and again.code == 1


def test_import_members_refreshes_the_cache(lmhtx, office, parsed, monkeypatch, tmp_path):
    from tests.members.test_register import AREAS_2025, ROWS, _csv

    areas = office / "members/areas.yaml"
    areas.write_text(areas.read_text(encoding="utf-8").replace("    valid_from: 2024\n", "    valid_from: 2024\n    valid_until: 2024\n") + AREAS_2025, encoding="utf-8")
    _fresh_run(lmhtx, parsed, "members", "list", root=office)
    _fresh_run(lmhtx, parsed, "import", "members", str(_csv(tmp_path / "ds.csv", ROWS)), "--on", "15/01/2026", root=office)
    assert parsed == ["members/members.yaml"]

    words = ("members", "list", "-f", "json", "--as-of", "2026-01-15")
    listed = _fresh_run(lmhtx, parsed, *words, root=office)
    assert parsed == []
    assert "htx-nong-nghiep-vinh-am" in listed.out
    assert json.loads(listed.out) == json.loads(_cold(lmhtx, monkeypatch, *words, root=office))


def test_a_plan_changed_during_a_write_is_not_cached_as_checked(lmhtx, office, parsed, monkeypatch):
    """The units a write checks against are read before its lock: a plan.yaml changed meanwhile
    (here: the unit a petition names renamed) leaves no entry, and the next validate says so."""
    from lmhtx_cli.workspace import dataset

    real = dataset.Workspace.plan_units

    def then_renamed(self):
        units = real(self)
        plan = office / "plans/2024/plan.yaml"
        plan.write_text(plan.read_text(encoding="utf-8").replace("code: kttv", "code: kttv-moi"), encoding="utf-8")
        return units

    monkeypatch.setattr(dataset.Workspace, "plan_units", then_renamed)
    _fresh_run(lmhtx, parsed, *ADD, root=office)
    validated = lmhtx("validate", root=office)
    assert validated.out == _cold(lmhtx, monkeypatch, "validate", root=office)
    assert '"kttv"' in validated.out
