"""A meeting's date and a petition's due date changed by a later mark are written in that mark's
history entry, not over the record's own: a report for an earlier day reads the date that stood
then, whenever it is run."""

from __future__ import annotations

import json


def run_on(lmhtx, monkeypatch, root, today: str, *args: str):
    monkeypatch.setenv("LMHTX_TODAY", today)
    result = lmhtx(*args, root=root)
    assert result.code == 0, result.err
    return result.out


def test_a_meeting_held_in_a_later_quarter_leaves_earlier_reports_as_they_were(lmhtx, office, monkeypatch):
    h1 = ("report", "h1", "--year", "2024", "--as-of", "30/06/2024", "-f", "json")
    before = run_on(lmhtx, monkeypatch, office, "2024-07-01", *h1)
    run_on(lmhtx, monkeypatch, office, "2024-07-05", "meetings", "mark", "2024-q1", "done", "--date", "05/07/2024", "--by", "Lan")
    assert run_on(lmhtx, monkeypatch, office, "2026-11-24", *h1) == before
    meetings = {m["id"]: m for m in json.loads(before)["members"]["meetings"]}
    assert meetings["2024-q1"]["status"] == "planned" and meetings["2024-q1"]["when"] == "Quý I/2024"
    q3 = json.loads(run_on(lmhtx, monkeypatch, office, "2026-11-24", "report", "quarter", "III", "--year", "2024", "--as-of", "30/09/2024", "-f", "json"))
    held = {m["id"]: m for m in q3["members"]["meetings"]}
    assert held["2024-q1"]["status"] == "done" and held["2024-q1"]["when"] == "05/07/2024"  # counted in the quarter it was held
    shown = json.loads(run_on(lmhtx, monkeypatch, office, "2026-11-24", "meetings", "show", "2024-q1", "-f", "json"))
    assert (shown["date"], shown["planned_date"], shown["history"][-1]["date"]) == ("2024-07-05", None, "2024-07-05")
    assert "ngoài Quý I/2024 đã dự kiến" in lmhtx("validate", root=office).out  # a warning: check the date


def test_a_due_date_moved_later_leaves_earlier_overdue_counts_as_they_were(lmhtx, office, monkeypatch):
    run_on(lmhtx, monkeypatch, office, "2024-12-01", "petitions", "add", "Đề nghị hỗ trợ vốn (dữ liệu mẫu).", "--member", "thang-thuy", "--topic", "vốn", "--unit", "quy", "--due", "10/12/2024")
    listed = json.loads(run_on(lmhtx, monkeypatch, office, "2024-12-01", "petitions", "list", "--year", "2024", "-f", "json"))
    new_id = listed[-1]["id"]
    digest = ("digest", "--month", "2024-12", "--as-of", "12/12/2024", "-f", "json")
    before = run_on(lmhtx, monkeypatch, office, "2024-12-12", *digest)
    overdue = [p["id"] for p in json.loads(before)["members"]["open_petitions"] if p["overdue"]]
    assert new_id in overdue
    run_on(lmhtx, monkeypatch, office, "2024-12-15", "petitions", "mark", new_id, "forwarded", "--forwarded-to", "Sở Tài chính", "--due", "31/12/2024", "--by", "Lan")
    assert run_on(lmhtx, monkeypatch, office, "2026-11-24", *digest) == before
    now = json.loads(run_on(lmhtx, monkeypatch, office, "2024-12-20", "petitions", "list", "--year", "2024", "--as-of", "20/12/2024", "-f", "json"))
    record = next(p for p in now if p["id"] == new_id)
    assert (record["due"], record["overdue"]) == ("2024-12-31", False)
    assert record["history"][-1]["due"] == "2024-12-31"


def test_a_member_who_joined_later_is_not_missing_from_an_earlier_fee_list(lmhtx, office, monkeypatch):
    fees = ("fees", "--year", "2024", "--as-of", "31/12/2024", "-f", "json")
    before = json.loads(run_on(lmhtx, monkeypatch, office, "2025-01-05", *fees))
    members = office / "members/members.yaml"
    joined_later = '  - id: mau-moi-2026\n    name: "HTX Mới (mẫu)"\n    kind: htx\n    area: tien-lang\n    clubs: []\n    joined: {joined}\n    sample: true\n'
    text = members.read_text(encoding="utf-8")
    members.write_text(text + joined_later.format(joined="2026-03-02"), encoding="utf-8")
    after = json.loads(run_on(lmhtx, monkeypatch, office, "2026-11-24", *fees))
    assert after["not_billed"] == before["not_billed"]
    members.write_text(text + joined_later.format(joined="2024-03-02"), encoding="utf-8")  # a member by then: missing
    assert json.loads(run_on(lmhtx, monkeypatch, office, "2026-11-24", *fees))["not_billed"] == before["not_billed"] + ["mau-moi-2026"]
