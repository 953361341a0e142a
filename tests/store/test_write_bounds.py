"""A write never produces what the reader refuses: a file past the reader's size, a list past its
items. The write is refused with the limit and the way out, the data stays as it was, and every
command (the mark that would put it right included) still runs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lmhtx_cli.store.reading import too_large
from tests.conftest import REPO

MB = 1024 * 1024
MARK = ("plan", "mark", "05-vp-1", "done", "--year", "2024", "--by", "Lan", "--on", "20/05/2024")


@pytest.fixture
def office(tmp_path, english, monkeypatch) -> Path:
    monkeypatch.setenv("LMHTX_TODAY", "2024-05-20")
    root = tmp_path / "office"
    shutil.copytree(REPO / "plans", root / "plans")
    return root


def _fill_to(path: Path, size: int) -> None:
    """A comment of Vietnamese letters (three bytes each) that brings the file to about `size` bytes."""
    missing = size - path.stat().st_size - 3
    path.write_bytes(path.read_bytes() + b"# " + ("ộ" * (missing // 3)).encode("utf-8") + b"\n")


@pytest.mark.parametrize("room", [1024, 50 * 1024])
def test_a_note_that_would_take_a_month_file_past_the_size_limit_is_refused(lmhtx, office, room):
    month = office / "plans/2024/05.yaml"
    _fill_to(month, 10 * MB - room)
    before = month.read_bytes()
    run = lmhtx(*MARK, "--note", "Ghi chú dài. " * (room // 8), root=office)
    assert run.code == 2
    assert "plans/2024/05.yaml" in run.err and "10 MB" in run.err and "nothing was written" in run.err and "10.0" not in run.err
    assert month.read_bytes() == before
    assert lmhtx("validate", root=office).code == 0  # still read by every command
    assert lmhtx(*MARK, "--note", "Xong.", root=office).code == 0


def test_a_postpone_whose_second_file_would_be_too_large_writes_neither(lmhtx, office):
    july, may = office / "plans/2024/07.yaml", office / "plans/2024/05.yaml"
    _fill_to(july, 10 * MB - 40)
    before = (july.read_bytes(), may.read_bytes())
    run = lmhtx("plan", "mark", "05-vp-1", "postponed", "--to", "2024-07", "--year", "2024", "--by", "Lan", "--note", "Lùi sang tháng 7 vì chưa đủ hồ sơ. " * 10, root=office)
    assert run.code in (1, 2) and "plans/2024/07.yaml" in run.err
    assert (july.read_bytes(), may.read_bytes()) == before
    assert not (office / ".lmhtx/journal").exists()


@pytest.mark.parametrize(("size", "shown"), [(10 * MB + 1, "10.1 MB"), (int(10.5 * MB), "10.5 MB"), (11 * MB + 3, "11 MB"), (int(10.99 * MB), "10.9 MB"), (25 * MB, "25 MB")])
def test_a_size_over_the_limit_is_never_said_as_the_limit(english, size, shown):
    assert too_large(size, 10 * MB).message == f"the file is {shown}; data files are limited to 10 MB"


def test_validate_says_the_real_size_of_a_file_over_the_limit(lmhtx, office):
    month = office / "plans/2024/05.yaml"
    month.write_bytes(month.read_bytes() + b"# " + b"x" * (MB // 2) + b"\n")
    _fill_to(month, int(10.6 * MB))
    run = lmhtx("validate", root=office)
    assert run.code == 1 and "the file is 10.5 MB; data files are limited to 10 MB" in run.out


def test_a_history_at_the_readers_limit_gets_no_further_entry_and_says_the_way_out(lmhtx, office):
    month = office / "plans/2024/05.yaml"
    text = month.read_text(encoding="utf-8")
    history = "      history:\n" + "        - on: 2024-05-01\n          status: in_progress\n          by: Lan\n" * 5000
    month.write_text(text.replace("      status: planned\n    - id: 05-vp-2", "      status: in_progress\n" + history + "    - id: 05-vp-2", 1), encoding="utf-8")
    assert lmhtx("validate", root=office).code == 0
    before = month.read_bytes()
    run = lmhtx(*MARK, root=office)
    assert run.code == 2 and "plans/2024/05.yaml:" in run.err
    assert "5,000" in run.err and "nothing was written" in run.err and "move old history entries" in run.err
    assert month.read_bytes() == before
    assert lmhtx("validate", root=office).code == 0
    assert lmhtx("plan", "mark", "05-vp-2", "done", "--year", "2024", "--by", "Lan", root=office).code == 0
