"""No silent mass edits: an empty filter is a usage error, and a mark that changes nothing writes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.yaml"))}


@pytest.mark.parametrize(
    "args, option",
    [
        (["plan", "mark", "--grep", "", "done", "--yes"], "--grep"),
        (["plan", "mark", "--grep", "   ", "done", "--yes"], "--grep"),
        (["plan", "mark", "--unit", " ", "done", "--yes"], "--unit"),
        (["plan", "mark", "--month", "", "done", "--yes"], "--month"),
        (["plan", "mark", "--quarter", "  ", "done", "--yes"], "--quarter"),
        (["plan", "show", "--grep", ""], "--grep"),
        (["plan", "show", "--unit", " "], "--unit"),
        (["plan", "show", "--month", ""], "--month"),
        (["plan", "show", "--status", " "], "--status"),
        (["report", "month", "5", "--year", "2024", "--unit", ""], "--unit"),
        (["digest", "--month", ""], "--month"),
        (["members", "list", "--search", " "], "--search"),
        (["members", "list", "--area", ""], "--area"),
        (["meetings", "list", "--status", ""], "--status"),
        (["petitions", "list", "--member", " "], "--member"),
    ],
)
def test_an_empty_filter_is_a_usage_error_naming_the_option(english, lmhtx, office, args, option):
    before = files(office)
    run = lmhtx(*args, root=office)
    assert run.code == 2
    assert len(run.err.strip().splitlines()) == 1 and f"'{option}'" in run.err and "empty" in run.err
    assert run.out == ""
    assert files(office) == before


def test_the_empty_grep_message_in_vietnamese(lmhtx, office):
    run = lmhtx("plan", "mark", "--grep", "", "done", "--yes", root=office)
    assert run.code == 2 and "'--grep'" in run.err and "giá trị rỗng sẽ chọn tất cả" in run.err


def test_a_mark_that_changes_nothing_says_so_and_writes_nothing(lmhtx, small_root):
    before = files(small_root)
    # 01-vp-1 is done (its history says so); 01-vp-2 is planned
    for args in (["01-vp-1", "done"], ["01-vp-1", "hoàn thành", "--on", "25/01/2030"], ["01-vp-2", "planned"], ["01-vp-1", "done", "--note", "Đã nộp Sở Tài chính"], ["01-vp-1", "done", "--ref", "Số 12/BC-LMHTX"]):
        run = lmhtx("plan", "mark", *args, "--by", "Lan", root=small_root)
        assert run.code == 0, run.err
        assert run.out.startswith(f"Không có gì thay đổi với {args[0]}: đã ở trạng thái"), run.out
        assert "Đã ghi" not in run.out
    assert files(small_root) == before


def test_the_same_status_with_something_new_is_recorded(lmhtx, small_root):
    run = lmhtx("plan", "mark", "01-vp-1", "done", "--on", "2030-02-03", "--ref", "Số 20/BC-LMHTX", "--by", "Lan", root=small_root)
    assert run.code == 0 and "Đã ghi 1 nhiệm vụ" in run.out
    history = json.loads(lmhtx("plan", "show", "01-vp-1", "-f", "json", root=small_root).out)["history"]
    assert [(h["on"], h["status"], h.get("ref")) for h in history] == [("2030-01-20", "done", "Số 12/BC-LMHTX"), ("2030-02-03", "done", "Số 20/BC-LMHTX")]


def test_a_batch_writes_only_the_tasks_it_changes(lmhtx, small_root):
    run = lmhtx("plan", "mark", "01-vp-1", "01-vp-2", "done", "--on", "2030-02-03", "--by", "Lan", root=small_root)
    assert run.code == 0
    assert run.out.startswith("Không có gì thay đổi với 01-vp-1:") and "Đã ghi 1 nhiệm vụ" in run.out
    shown = {t["id"]: t for t in json.loads(lmhtx("plan", "show", "-m", "1", "-u", "vp", "-f", "json", root=small_root).out)}
    assert len(shown["01-vp-1"]["history"]) == 1 and shown["01-vp-2"]["status"] == "done"


def test_a_mark_dated_before_the_last_change_is_refused(english, lmhtx, small_root):
    before = files(small_root)
    run = lmhtx("plan", "mark", "01-vp-1", "in_progress", "--on", "10/01/2030", root=small_root)
    assert run.code == 2
    assert run.err.endswith("lmhtx: error: 01-vp-1: 10/01/2030 is before its last recorded change (20/01/2030); a history stays in date order\n")
    assert files(small_root) == before
    assert lmhtx("plan", "mark", "01-vp-1", "in_progress", "--on", "20/01/2030", "--by", "Lan", root=small_root).code == 0  # the same day is fine
