"""A task added to the adopted programme carries the day it was added (`plan add --on`, default
today): a report for an earlier day leaves it out, so adding a task later does not change it."""

from __future__ import annotations

import json

import pytest


def report_ids(lmhtx, root, *args: str) -> list[str]:
    run = lmhtx("report", *args, "-f", "json", root=root)
    assert run.code == 0, run.err
    return [t["id"] for unit in json.loads(run.out)["units"] for t in unit["tasks"]]


def test_a_task_added_later_is_not_in_a_report_for_an_earlier_day(lmhtx, small_root, monkeypatch):
    monkeypatch.setenv("LMHTX_TODAY", "2030-03-10")
    before = lmhtx("report", "quarter", "I", "--as-of", "28/02/2030", "-f", "md", root=small_root).out
    run = lmhtx("plan", "add", "--month", "1", "--unit", "quy", "Rà soát hồ sơ vay (dữ liệu mẫu).", root=small_root)
    assert run.code == 0, run.err
    assert "      added: 2030-03-10\n" in (small_root / "plans/2030/01.yaml").read_text(encoding="utf-8")
    assert lmhtx("report", "quarter", "I", "--as-of", "28/02/2030", "-f", "md", root=small_root).out == before
    assert "01-quy-b1w" not in report_ids(lmhtx, small_root, "quarter", "I", "--as-of", "09/03/2030")
    assert "01-quy-b1w" in report_ids(lmhtx, small_root, "quarter", "I", "--as-of", "10/03/2030")
    digest = json.loads(lmhtx("digest", "--month", "2030-01", "--as-of", "31/01/2030", "-f", "json", root=small_root).out)
    assert "01-quy-b1w" not in json.dumps(digest)


def test_the_day_added_can_be_given_and_is_shown(lmhtx, small_root, monkeypatch):
    monkeypatch.setenv("LMHTX_TODAY", "2030-03-10")
    assert lmhtx("plan", "add", "-m", "2", "-u", "vp", "Việc bổ sung (dữ liệu mẫu).", "--on", "05/02/2030", root=small_root).code == 0
    shown = json.loads(lmhtx("plan", "show", "02-vp-ycv", "-f", "json", root=small_root).out)
    assert shown["added"] == "2030-02-05"
    assert "Bổ sung ngày: 05/02/2030" in lmhtx("plan", "show", "02-vp-ycv", root=small_root).out
    assert "02-vp-ycv" in report_ids(lmhtx, small_root, "month", "2", "--as-of", "05/02/2030")
    assert "02-vp-ycv" not in report_ids(lmhtx, small_root, "month", "2", "--as-of", "04/02/2030")
    listed = json.loads(lmhtx("plan", "show", "-m", "1", "-f", "json", root=small_root).out)
    assert all(task["added"] is None for task in listed)  # the adopted programme's tasks


def test_a_change_dated_before_the_task_was_added_is_a_warning(english, lmhtx, small_root):
    assert lmhtx("plan", "add", "-m", "2", "-u", "vp", "Việc bổ sung (dữ liệu mẫu).", "--on", "05/02/2030", root=small_root).code == 0
    assert lmhtx("plan", "mark", "02-vp-ycv", "in_progress", "--on", "01/02/2030", root=small_root).code == 0
    run = lmhtx("validate", root=small_root)
    assert run.code == 0, run.out
    assert "this change is dated 01/02/2030, before the task was added (05/02/2030)" in run.out and "[added]" in run.out


@pytest.mark.parametrize(
    "args, option",
    [
        (["plan", "add", "-m", "2", "-u", "vp", "Việc.", "--on", "31/02/2030"], "--on"),
        (["plan", "mark", "01-vp-2", "done", "--on", "hôm qua"], "--on"),
        (["report", "h1", "--as-of", "2030-13-01"], "--as-of"),
        (["report", "h1", "--doc-date", "00/01/2030"], "--doc-date"),
        (["digest", "--month", "2030-01", "--as-of", "1/1/30"], "--as-of"),
    ],
)
def test_a_day_that_is_not_one_is_a_usage_error_naming_the_option(english, lmhtx, small_root, args, option):
    before = {p.name: p.read_bytes() for p in (small_root / "plans/2030").iterdir()}
    run = lmhtx(*args, root=small_root)
    assert run.code == 2
    assert f"Invalid value for '{option}'" in run.err and "Traceback" not in run.err
    assert {p.name: p.read_bytes() for p in (small_root / "plans/2030").iterdir()} == before


@pytest.mark.parametrize("args", [["plan", "add", "-m", "2", "-u", "vp", "Việc (dữ liệu mẫu)."]])  # plan mark: tests/cli/test_plan_unmark.py
def test_a_change_dated_after_today_is_recorded_with_a_warning(english, lmhtx, small_root, monkeypatch, args):
    monkeypatch.setenv("LMHTX_TODAY", "2030-03-10")
    run = lmhtx(*args, "--on", "01/02/2203", root=small_root)
    assert run.code == 0, run.err
    assert "warning: --on 01/02/2203 is after today (10/03/2030); reports count the change from that day" in run.err


def test_a_change_dated_today_has_no_warning(english, lmhtx, small_root, monkeypatch):
    monkeypatch.setenv("LMHTX_TODAY", "2030-03-10")
    run = lmhtx("plan", "add", "-m", "2", "-u", "vp", "Việc (dữ liệu mẫu).", "--on", "10/03/2030", root=small_root)
    assert run.code == 0 and run.err == ""
