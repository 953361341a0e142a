"""`lmhtx plan unmark`: a wrong mark taken back from the command line, and a mark dated far
ahead (a typo such as 2204) refused unless confirmed, since it would block every later mark."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import DATA

TODAY = "2026-11-24"  # the tests' clock (conftest)


def _show(lmhtx, root, task_id):
    return json.loads(lmhtx("plan", "show", task_id, "-f", "json", root=root).out)


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted((root / "plans").rglob("*")) if p.is_file()}


@pytest.fixture
def layout_root(tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA / "layout", target)
    return target


# -- a date far ahead -----------------------------------------------------------------------------
@pytest.fixture
def spring_2030(monkeypatch):
    monkeypatch.setenv("LMHTX_TODAY", "2030-03-10")  # the small data's plan year is 2030


@pytest.mark.parametrize("day", ["24/05/2204", "11/03/2031", "2031-12-31"])
def test_a_mark_more_than_a_year_ahead_is_refused_naming_on(lmhtx, small_root, spring_2030, day):
    before = _files(small_root)
    run = lmhtx("plan", "mark", "01-vp-2", "done", "--on", day, root=small_root)
    assert run.code == 2
    assert run.err.startswith("lmhtx: lỗi: --on ") and "quá một năm" in run.err and "--yes" in run.err
    assert len(run.err.splitlines()) == 1
    assert _files(small_root) == before


def test_a_mark_more_than_a_year_ahead_in_english(english, lmhtx, small_root, spring_2030):
    run = lmhtx("plan", "mark", "--month", "1", "--unit", "vp", "done", "--on", "24/05/2204", root=small_root)
    assert run.code == 2
    assert "--on 24/05/2204 is more than a year after today (10/03/2030)" in run.err


@pytest.mark.parametrize("day", ["11/03/2030", "10/03/2031"])
def test_a_mark_within_a_year_ahead_is_recorded_with_a_warning(lmhtx, small_root, spring_2030, day):
    run = lmhtx("plan", "mark", "01-vp-2", "done", "--on", day, root=small_root)
    assert run.code == 0, run.err
    assert "cảnh báo: --on" in run.err
    assert _show(lmhtx, small_root, "01-vp-2")["status"] == "done"


def test_a_mark_far_ahead_is_recorded_with_yes(lmhtx, small_root, spring_2030):
    run = lmhtx("plan", "mark", "01-vp-2", "done", "--on", "24/05/2204", "--yes", root=small_root)
    assert run.code == 0, run.err
    assert _show(lmhtx, small_root, "01-vp-2")["history"][0]["on"] == "2204-05-24"


def test_the_typo_of_the_issue_is_taken_back_and_corrected(lmhtx, small_root, spring_2030):
    before = _files(small_root)
    assert lmhtx("plan", "mark", "01-vp-2", "done", "--on", "24/05/2204", "--yes", root=small_root).code == 0
    blocked = lmhtx("plan", "mark", "01-vp-2", "done", "--on", "24/02/2030", "--note", "sửa", root=small_root)
    assert blocked.code == 2  # a history stays in date order: the typo blocks the correction
    taken = lmhtx("plan", "unmark", "01-vp-2", "--yes", root=small_root)
    assert taken.code == 0, taken.err
    assert "24/05/2204" in taken.out
    assert _files(small_root) == before  # byte for byte
    assert lmhtx("plan", "mark", "01-vp-2", "done", "--on", "24/02/2030", root=small_root).code == 0


# -- taking a mark back ---------------------------------------------------------------------------
def test_unmark_takes_back_the_last_change_only(lmhtx, small_root):
    assert lmhtx("plan", "mark", "01-vp-1", "in_progress", "--on", "2030-02-01", "--by", "Lan", root=small_root).code == 0
    run = lmhtx("plan", "unmark", "01-vp-1", "--yes", root=small_root)
    assert run.code == 0, run.err
    task = _show(lmhtx, small_root, "01-vp-1")
    assert task["status"] == "done" and [h["status"] for h in task["history"]] == ["done"]
    assert lmhtx("validate", "--strict", root=small_root).code == 0


def test_unmark_on_a_date_takes_back_that_change(lmhtx, small_root):
    assert lmhtx("plan", "mark", "01-vp-1", "in_progress", "--on", "2030-02-01", root=small_root).code == 0
    run = lmhtx("plan", "unmark", "01-vp-1", "--on", "20/01/2030", "--yes", root=small_root)
    assert run.code == 0, run.err
    task = _show(lmhtx, small_root, "01-vp-1")
    assert task["status"] == "in_progress" and [h["on"] for h in task["history"]] == ["2030-02-01"]
    assert lmhtx("validate", "--strict", root=small_root).code == 0


def test_unmark_on_a_date_without_a_change_lists_the_dates(lmhtx, small_root):
    before = _files(small_root)
    run = lmhtx("plan", "unmark", "01-vp-1", "--on", "21/01/2030", "--yes", root=small_root)
    assert run.code == 2
    assert "không có thay đổi nào ngày 21/01/2030 (các thay đổi của nó: 20/01/2030)" in run.err
    assert _files(small_root) == before


def test_unmark_of_a_task_without_history_is_refused(lmhtx, small_root):
    run = lmhtx("plan", "unmark", "01-vp-2", "--yes", root=small_root)
    assert run.code == 2 and "01-vp-2 chưa có thay đổi nào" in run.err


def test_unmark_asks_first_and_a_closed_stdin_changes_nothing(lmhtx, small_root):
    assert lmhtx("plan", "mark", "01-vp-2", "done", root=small_root).code == 0
    before = _files(small_root)
    dry = lmhtx("plan", "unmark", "01-vp-2", "--dry-run", root=small_root)
    assert dry.code == 0 and "chạy thử" in dry.out and "hoàn thành → chưa thực hiện" in dry.out
    unanswered = lmhtx("plan", "unmark", "01-vp-2", root=small_root)  # no input: stdin at its end
    assert unanswered.code == 1 and "không có câu trả lời" in unanswered.err and "--yes" in unanswered.err
    assert _files(small_root) == before


def _continuation(lmhtx, root) -> str:
    """The id of the task a postponement of 01-vp-2 into 02/2030 made (its id comes from the task it continues)."""
    tasks = json.loads(lmhtx("plan", "show", "--year", "2030", "--month", "2", "--unit", "vp", "-f", "json", root=root).out)
    return next(t["id"] for t in tasks if t.get("continues") == "01-vp-2")


def test_unmark_of_a_postponement_removes_the_task_it_made(lmhtx, small_root):
    before = _files(small_root)
    assert lmhtx("plan", "mark", "01-vp-2", "postponed", "--to", "2030-02", root=small_root).code == 0
    made = _continuation(lmhtx, small_root)
    assert _show(lmhtx, small_root, made)["continues"] == "01-vp-2"
    run = lmhtx("plan", "unmark", "01-vp-2", "--yes", root=small_root)
    assert run.code == 0, run.err
    assert made in run.out
    assert _files(small_root) == before  # the month keeps its other units; vp's group goes


def test_unmark_of_a_postponement_into_a_new_month_leaves_it_empty(lmhtx, small_root):
    assert lmhtx("plan", "mark", "01-vp-2", "postponed", "--to", "2030-03", root=small_root).code == 0
    assert lmhtx("plan", "unmark", "01-vp-2", "--yes", root=small_root).code == 0
    assert "units: {}\n" in (small_root / "plans/2030/03.yaml").read_text(encoding="utf-8")
    assert lmhtx("validate", "--strict", root=small_root).code == 0
    assert _show(lmhtx, small_root, "01-vp-2")["status"] == "planned"


def test_unmark_of_a_postponement_whose_continuation_moved_on_is_refused(lmhtx, small_root):
    assert lmhtx("plan", "mark", "01-vp-2", "postponed", "--to", "2030-02", root=small_root).code == 0
    made = _continuation(lmhtx, small_root)
    assert lmhtx("plan", "mark", made, "in_progress", root=small_root).code == 0
    before = _files(small_root)
    run = lmhtx("plan", "unmark", "01-vp-2", "--yes", root=small_root)
    assert run.code == 2
    assert made in run.err and f"lmhtx plan unmark {made}" in run.err
    assert _files(small_root) == before
    assert lmhtx("plan", "unmark", made, "--yes", root=small_root).code == 0
    assert lmhtx("plan", "unmark", "01-vp-2", "--yes", root=small_root).code == 0


def test_unmark_restores_odd_layouts_byte_for_byte(lmhtx, layout_root):
    before = _files(layout_root)
    assert lmhtx("plan", "mark", "01-vp-2", "01-quy-1", "01-vp-1", "done", "--on", "2030-01-31", "--by", "Lan", root=layout_root).code == 0
    for task_id in ("01-vp-2", "01-quy-1", "01-vp-1"):
        run = lmhtx("plan", "unmark", task_id, "--yes", root=layout_root)
        assert run.code == 0, run.err
    after = _files(layout_root)
    name = "plans/2030/01.yaml"
    assert after.pop(name) == before.pop(name).replace(b'status: "planned"', b"status: planned")  # mark writes the status plain
    assert after == before
