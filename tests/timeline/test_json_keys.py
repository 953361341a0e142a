"""Scripts keep working: every --format json output keeps the shape and keys it had (fields may be
added, none renamed, moved or wrapped). The sets below are the keys of the outputs as they were
before the timeline work; each output must still hold them, with the same kind of value."""

from __future__ import annotations

import json

import pytest

from lmhtx_cli.plan.status import STATUSES
from tests.conftest import DATA

TASK = {"id", "year", "month", "unit", "unit_name", "text", "status", "thread", "continues", "history", "file", "line"}
HISTORY = {"on", "status"}
COUNTS = {"total", "planned", "carried_over", "done", "in_progress", "not_started", "postponed", "cancelled", "overdue", "rate", "rate_text"}
LINE = {"id", "month", "year", "unit", "text", "status", "status_label", "overdue", "carried_over", "continues", "date", "date_text", "note", "ref", "to", "continued_as", "by"}
REPORT = {"kind", "year", "months", "period", "as_of", "as_of_text", "title", "units", "total", "grid", "upcoming_period", "upcoming", "lang", "members"}
REPORT_UNIT = {"code", "name", "counts", "tasks", "shortfalls"}
UPCOMING_TASK = {"id", "month", "year", "text", "status"}
DIGEST = {"year", "month", "period", "as_of", "as_of_text", "has_plan", "title", "due", "overdue", "next_period", "upcoming", "totals", "lang", "members"}
MEMBER_PART = {"meetings", "open_petitions", "overdue_count", "fees"}
MEMBER_MEETING = {"id", "when", "area", "status", "status_label", "sample"}
MEMBER_PETITION = {"id", "member", "topic", "text", "status_label", "unit", "forwarded_to", "due_text", "overdue", "sample"}
MEMBER_FEES = {"year", "due", "paid", "rate", "rate_text", "line"}
FEES = {"year", "due", "paid", "rate", "fees", "not_billed"}
FEE_LINE = {"member", "due", "paid", "date", "state", "sample"}
MEMBER = {"id", "name", "kind", "area", "clubs", "joined", "active", "sample", "fee_year", "fee", "note", "file", "line"}
MEETING = {"id", "year", "quarter", "date", "area", "area_name", "format", "themes", "lead_unit", "invited", "attendees", "status", "minutes", "note", "sample", "history", "file", "line"}
PETITION = {"id", "year", "member", "member_name", "meeting", "topic", "text", "unit", "forwarded_to", "due", "status", "overdue", "answer", "received", "forwarded", "answered", "resolved", "sample", "file", "line"}
THREAD = {"code", "name", "months", "units", "counts", "steps"}
STEP = {"id", "month", "unit", "status", "overdue", "text"}
UNIT = {"code", "name", "name_en", "aliases"}
PROBLEM = {"file", "line", "column", "level", "code", "message"}


def out(lmhtx, *args, root):
    run = lmhtx(*args, root=root)
    assert run.code in (0, 1), run.err
    return json.loads(run.out)


def has(record: dict, keys: set[str]) -> None:
    assert isinstance(record, dict) and keys <= set(record), sorted(keys - set(record))


def test_plan_show_is_a_list_of_tasks_with_their_keys(lmhtx, later):
    tasks = out(lmhtx, "plan", "show", "--year", "2024", "-f", "json", root=later)
    assert isinstance(tasks, list) and len(tasks) >= 356
    for task in tasks:
        has(task, TASK)
        assert task["status"] in STATUSES and isinstance(task["history"], list)
        assert isinstance(task["year"], int) and isinstance(task["month"], int) and (task["continues"] is None or isinstance(task["continues"], str))
        for entry in task["history"]:
            has(entry, HISTORY)
    chained = next(t for t in tasks if t["id"] == "08-vp-hyz")
    assert chained["continues"] == "07-vp-pzw" and chained["status"] == "planned"
    assert [h["status"] for h in next(t for t in tasks if t["id"] == "06-quy-1")["history"]] == ["in_progress", "done"]


def test_plan_show_of_one_task_is_that_task(lmhtx, later):
    task = out(lmhtx, "plan", "show", "07-vp-pzw", "--year", "2024", "-f", "json", root=later)
    has(task, TASK)
    assert (task["id"], task["status"], task["continues"]) == ("07-vp-pzw", "postponed", "05-vp-1")


def test_report_and_digest_keep_their_shape(lmhtx, later):
    report = out(lmhtx, "report", "h1", "--year", "2024", "--as-of", "30/09/2024", "-f", "json", root=later)
    has(report, REPORT)
    has(report["total"], COUNTS)
    for unit in report["units"]:
        has(unit, REPORT_UNIT)
        has(unit["counts"], COUNTS)
        for line in unit["tasks"] + unit["shortfalls"]:
            has(line, LINE)
            assert line["status"] in STATUSES
    for unit in report["upcoming"]:
        for task in unit["tasks"]:
            has(task, UPCOMING_TASK)
    has(report["members"], MEMBER_PART)
    has(report["members"]["fees"], MEMBER_FEES)
    for meeting in report["members"]["meetings"]:
        has(meeting, MEMBER_MEETING)
    digest = out(lmhtx, "digest", "--month", "2024-11", "--as-of", "30/11/2024", "-f", "json", root=later)
    has(digest, DIGEST)
    for group in digest["due"] + digest["overdue"]:
        for line in group["tasks"]:
            has(line, LINE)
    assert digest["members"]["open_petitions"]
    for petition in digest["members"]["open_petitions"]:
        has(petition, MEMBER_PETITION)


def test_member_outputs_keep_their_shape(lmhtx, later):
    fees = out(lmhtx, "fees", "--year", "2024", "-f", "json", root=later)
    has(fees, FEES)
    for line in fees["fees"]:
        has(line, FEE_LINE)
    members = out(lmhtx, "members", "list", "-f", "json", root=later)
    assert isinstance(members, list) and members
    for member in members:
        has(member, MEMBER)
    has(out(lmhtx, "members", "show", "thang-thuy", "-f", "json", root=later), MEMBER)
    meetings = out(lmhtx, "meetings", "list", "--year", "2024", "-f", "json", root=later)
    for meeting in meetings:
        has(meeting, MEETING)
    assert next(m for m in meetings if m["id"] == "2024-q2")["status"] == "done"
    has(out(lmhtx, "meetings", "show", "2024-q3", "-f", "json", root=later), MEETING)
    petitions = out(lmhtx, "petitions", "list", "-f", "json", root=later)
    assert [p["status"] for p in petitions] == ["forwarded", "answered", "answered"]
    for petition in petitions:
        has(petition, PETITION)


def test_other_json_outputs_keep_their_shape(lmhtx, later):
    threads = out(lmhtx, "plan", "threads", "--year", "2024", "-f", "json", root=later)
    for thread in threads:
        has(thread, THREAD)
        for step in thread["steps"]:
            has(step, STEP)
    has(out(lmhtx, "plan", "thread", "rau", "--year", "2024", "-f", "json", root=later), THREAD)
    for unit in out(lmhtx, "units", "--year", "2024", "-f", "json", root=later):
        has(unit, UNIT)
    problems = out(lmhtx, "validate", "-f", "json", root=DATA / "broken")
    assert isinstance(problems, list) and problems
    for problem in problems:
        has(problem, PROBLEM)


@pytest.mark.parametrize("command", [["plan", "show", "-f", "json"], ["plan", "show", "01-vp-1", "-f", "json"]])
def test_statuses_stay_english_codes_in_every_language(lmhtx, small_root, command):
    for lang in ("vi", "en"):
        data = out(lmhtx, *command, "--lang", lang, root=small_root)
        for task in data if isinstance(data, list) else [data]:
            assert task["status"] in STATUSES and all(h["status"] in STATUSES for h in task["history"])
