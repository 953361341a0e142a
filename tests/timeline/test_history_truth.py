"""History is the truth: the state on any date comes from one function over a record's history,
and a stored status (or a fee's `paid`) that disagrees is found by validate, never believed."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from lmhtx_cli.members import timeline as member_timeline
from lmhtx_cli.plan.programme import HistoryItem, TaskRow
from lmhtx_cli.plan.timeline import current_status, entry_on, status_on


def task(*entries: tuple[str, str]) -> TaskRow:
    return TaskRow("05-quy-1", 2024, 5, "quy", "Thu hồi vốn.", "planned", history=[HistoryItem(dt.date.fromisoformat(on), status) for on, status in entries])


@pytest.mark.parametrize(
    "entries, day, expected",
    [
        ([], "2024-05-01", "planned"),
        ([("2024-05-10", "in_progress"), ("2024-05-20", "done")], "2024-05-09", "planned"),
        ([("2024-05-10", "in_progress"), ("2024-05-20", "done")], "2024-05-10", "in_progress"),
        ([("2024-05-10", "in_progress"), ("2024-05-20", "done")], "2024-05-31", "done"),
        ([("2024-05-20", "done"), ("2024-05-10", "in_progress")], "2024-05-31", "done"),  # written out of order
        ([("2024-05-20", "in_progress"), ("2024-05-20", "done")], "2024-05-20", "done"),  # one day: the later written
    ],
)
def test_the_status_on_a_date_comes_from_the_history_alone(entries, day, expected):
    row = task(*entries)
    row.status = "cancelled"  # what the file says is not consulted
    assert status_on(row, dt.date.fromisoformat(day)) == expected
    if entries:
        assert current_status(row) == sorted(entries, key=lambda e: e[0])[-1][1]
        assert entry_on(row, dt.date(2024, 5, 1)) is None


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_task_status_that_disagrees_with_its_history_is_found_and_not_believed(english, lmhtx, small_root):
    month = small_root / "plans/2030/01.yaml"
    _replace(month, "      status: done\n      history:", "      status: planned\n      history:")  # 01-vp-1: done on 20/01/2030
    _replace(month, '      text: "Tham mưu công tác tuyển dụng."\n      status: planned', '      text: "Tham mưu công tác tuyển dụng."\n      status: done')  # 01-vp-2: no history
    run = lmhtx("validate", root=small_root)
    assert run.code == 0  # warnings: the files are still usable, and the history decides
    assert 'plans/2030/01.yaml:8:15: warning: status says "planned" but the history says "done" (its last entry, 20/01/2030); reports follow the history [history]' in run.out
    assert 'warning: status says "done" but the history says "planned" (it has no entry); reports follow the history: record the change with `lmhtx plan mark` [history]' in run.out
    shown = {t["id"]: t["status"] for t in json.loads(lmhtx("plan", "show", "-m", "1", "-f", "json", root=small_root).out)}
    assert (shown["01-vp-1"], shown["01-vp-2"]) == ("done", "planned")
    assert [t["id"] for t in json.loads(lmhtx("plan", "show", "--status", "done", "-f", "json", root=small_root).out)] == ["01-vp-1"]
    report = json.loads(lmhtx("report", "month", "1", "--year", "2030", "--as-of", "31/01/2030", "-f", "json", root=small_root).out)
    assert report["total"]["done"] == 1


def test_meeting_petition_and_fee_records_are_checked_against_their_dates(english, lmhtx, office):
    _replace(office / "members/meetings/2024.yaml", "  - id: 2024-q2\n    quarter: 2\n    lead_unit: khth\n    status: planned", "  - id: 2024-q2\n    quarter: 2\n    lead_unit: khth\n    status: done")
    _replace(office / "members/petitions/2024.yaml", "    status: answered\n", "    status: forwarded\n")
    _replace(office / "members/fees/2024.yaml", "    paid: 1000000\n", "    paid: 1500000\n")
    _replace(office / "members/fees/2024.yaml", "    date: 2024-09-20\n", "    date: 2024-09-21\n")
    run = lmhtx("validate", root=office)
    assert run.code == 1
    lines = run.out.splitlines()
    assert 'members/meetings/2024.yaml:16:13: warning: status says "done" but the history says "planned"; reports follow the history: record it with `lmhtx meetings mark` [meeting-history]' in lines
    assert any("members/petitions/2024.yaml:" in l and 'warning: status says "forwarded" but the answered date (05/10/2024) says "answered"; reports follow the dates [petition]' in l for l in lines)
    assert any("members/fees/2024.yaml:" in l and "error: paid says 1.500.000 đồng but the payments add up to 1.000.000 đồng; reports follow the payments [fee]" in l for l in lines)
    assert any("members/fees/2024.yaml:" in l and "warning: date says 21/09/2024 but the last payment is on 20/09/2024 [fee]" in l for l in lines)


def test_payments_on_a_date():
    class Fee:
        due, paid, date, payments = 3_000_000, 0, None, []

    class Payment:
        def __init__(self, on: str, amount: int):
            self.on, self.amount = dt.date.fromisoformat(on), amount

    fee = Fee()
    fee.payments = [Payment("2024-09-01", 1_000_000), Payment("2024-03-01", 500_000)]
    assert member_timeline.paid_on(fee, dt.date(2024, 2, 28)) == 0
    assert member_timeline.paid_on(fee, dt.date(2024, 3, 1)) == 500_000
    assert member_timeline.fee_state_on(fee, dt.date(2024, 6, 30)) == "partial"
    assert member_timeline.paid_in_all(fee) == 1_500_000
    assert member_timeline.last_payment_on(fee, dt.date(2024, 12, 31)) == dt.date(2024, 9, 1)
    legacy = Fee()
    legacy.paid, legacy.date = 3_000_000, dt.date(2024, 7, 15)  # the older form: one payment on its date
    assert member_timeline.fee_state_on(legacy, dt.date(2024, 7, 14)) == "unpaid" and member_timeline.fee_state_on(legacy, dt.date(2024, 7, 15)) == "paid"


def test_a_petition_exists_from_the_day_it_was_received():
    class Petition:
        received, forwarded, answered, resolved, due = dt.date(2024, 9, 12), dt.date(2024, 9, 13), dt.date(2024, 10, 5), None, dt.date(2024, 10, 1)

    p = Petition()
    assert member_timeline.petition_status_on(p, dt.date(2024, 9, 11)) is None
    assert [member_timeline.petition_status_on(p, dt.date(2024, m, d)) for m, d in ((9, 12), (9, 30), (10, 5))] == ["received", "forwarded", "answered"]
    assert member_timeline.is_overdue_on(p, dt.date(2024, 10, 2)) and not member_timeline.is_overdue_on(p, dt.date(2024, 10, 6))
