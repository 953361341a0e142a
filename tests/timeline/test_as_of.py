"""--as-of means one date everywhere: tasks, meetings, petitions and fees, in every format, and a
report for a past date is the same bytes whenever it is run and whatever was recorded since."""

from __future__ import annotations

import json

import docx
import pytest

from tests.timeline.conftest import DAY

PAST_OUTPUTS = {
    "h1-md": ["report", "h1", "--year", "2024", "--as-of", DAY, "-f", "md"],
    "h1-json": ["report", "h1", "--year", "2024", "--as-of", DAY, "-f", "json"],
    "h1-term": ["report", "h1", "--year", "2024", "--as-of", DAY],
    "q2-json-en": ["report", "quarter", "II", "--year", "2024", "--as-of", DAY, "-f", "json", "--lang", "en"],
    "month6-md": ["report", "month", "6", "--year", "2024", "--as-of", DAY, "-f", "md"],
    "digest-md": ["digest", "--month", "2024-06", "--as-of", DAY],
    "digest-json": ["digest", "--month", "2024-06", "--as-of", DAY, "-f", "json"],
    "digest-text": ["digest", "--month", "2024-06", "--as-of", DAY, "-f", "text"],
    "threads-json": ["plan", "threads", "--year", "2024", "--as-of", DAY, "-f", "json"],
    "fees-json": ["fees", "--year", "2024", "--as-of", DAY, "-f", "json"],
    "petitions-json": ["petitions", "list", "--as-of", DAY, "-f", "json"],
}


def _clean(text: str) -> str:
    return text


@pytest.mark.parametrize("name", PAST_OUTPUTS)
def test_a_past_date_gives_the_same_bytes_before_and_after_later_changes(lmhtx, monkeypatch, then, later, name):
    args = PAST_OUTPUTS[name]
    monkeypatch.setenv("LMHTX_TODAY", "2024-07-01")  # run the day after, on the files as they were
    before = lmhtx(*args, root=then)
    monkeypatch.setenv("LMHTX_TODAY", "2026-11-24")  # run much later, on the files with everything since
    after = lmhtx(*args, root=later)
    assert before.code == 0 and after.code == 0, (before.err, after.err)
    if name == "petitions-json":  # the records name their file line, which later petitions move
        assert json.loads(before.out) == [] == json.loads(after.out)
        return
    assert before.out == after.out


@pytest.mark.parametrize("name", ["h1-md", "h1-json", "digest-md", "digest-json"])
def test_the_clock_does_not_change_a_past_report(lmhtx, monkeypatch, later, name):
    outputs = []
    for today in ("2024-07-01", "2025-03-15", "2026-11-24"):
        monkeypatch.setenv("LMHTX_TODAY", today)
        run = lmhtx(*PAST_OUTPUTS[name], root=later)
        assert run.code == 0, run.err
        outputs.append(run.out)
    assert outputs[0] == outputs[1] == outputs[2]


def test_fees_paid_after_the_as_of_date_are_not_counted(lmhtx, later):
    h1 = json.loads(lmhtx("report", "h1", "--year", "2024", "--as-of", DAY, "-f", "json", root=later).out)
    assert h1["members"]["fees"] | {"line": ""} == {"year": 2024, "due": 10_500_000, "paid": 0, "rate": 0.0, "rate_text": "0%", "line": ""}
    nine = json.loads(lmhtx("report", "9m", "--year", "2024", "--as-of", "30/09/2024", "-f", "json", root=later).out)
    assert nine["members"]["fees"]["paid"] == 5_000_000
    july = json.loads(lmhtx("report", "month", "7", "--year", "2024", "--as-of", "31/07/2024", "-f", "json", root=later).out)
    assert july["members"]["fees"]["paid"] == 2_000_000
    md = lmhtx("report", "h1", "--year", "2024", "--as-of", DAY, "-f", "md", root=later).out
    assert "đã thu 0 / 10.500.000 đồng (0%)" in md
    fees = json.loads(lmhtx("fees", "--year", "2024", "--as-of", "10/08/2024", "-f", "json", root=later).out)
    assert (fees["paid"], fees["as_of"]) == (3_000_000, "2024-08-10")
    assert [(f["member"], f["paid"], f["state"]) for f in fees["fees"]][:2] == [("mau-rau-an-lao", 2_000_000, "paid"), ("mau-dien-tien-lang", 1_000_000, "partial")]
    assert json.loads(lmhtx("fees", "--year", "2024", "-f", "json", root=later).out)["paid"] == 5_000_000


def test_a_petition_answered_later_is_open_and_not_labelled_answered(lmhtx, later):
    data = json.loads(lmhtx("digest", "--month", "2024-11", "--as-of", "30/11/2024", "-f", "json", root=later).out)
    kn3 = next(p for p in data["members"]["open_petitions"] if p["id"] == "kn-2024-03")
    assert (kn3["status"], kn3["status_label"], kn3["forwarded_to"]) == ("received", "đã tiếp nhận", None)
    md = lmhtx("digest", "--month", "2024-11", "--as-of", "30/11/2024", root=later).out
    line = next(l for l in md.splitlines() if "kn-2024-03" in l)
    assert "đã tiếp nhận" in line and "đã trả lời" not in line and "Sở Công Thương" not in line
    december = json.loads(lmhtx("digest", "--month", "2024-12", "--as-of", "31/12/2024", "-f", "json", root=later).out)
    assert "kn-2024-03" not in [p["id"] for p in december["members"]["open_petitions"]]
    assert [p["id"] for p in december["members"]["answered_petitions"]] == ["kn-2024-03"]
    listed = json.loads(lmhtx("petitions", "list", "--as-of", "03/12/2024", "-f", "json", root=later).out)
    kn3 = next(p for p in listed if p["id"] == "kn-2024-03")
    assert (kn3["status"], kn3["answered"], kn3["answer"]) == ("forwarded", None, None)
    assert [p["id"] for p in json.loads(lmhtx("petitions", "list", "--as-of", "01/09/2024", "-f", "json", root=later).out)] == []


def test_a_meeting_is_held_from_the_day_it_was_recorded(lmhtx, later):
    def q2(as_of: str) -> dict:
        data = json.loads(lmhtx("report", "quarter", "II", "--year", "2024", "--as-of", as_of, "-f", "json", root=later).out)
        return next(m for m in data["members"]["meetings"] if m["id"] == "2024-q2") | {"held": data["members"]["meetings_held"]}

    assert (q2("13/06/2024")["status"], q2("13/06/2024")["held"]) == ("planned", 0)
    assert (q2(DAY)["status"], q2(DAY)["status_label"], q2(DAY)["held"]) == ("done", "đã tổ chức", 1)
    q3 = json.loads(lmhtx("report", "quarter", "III", "--year", "2024", "--as-of", "15/09/2024", "-f", "json", root=later).out)
    assert [m["status"] for m in q3["members"]["meetings"] if m["id"] == "2024-q3"] == ["planned"]


def test_doc_date_is_the_default_as_of_and_a_later_as_of_is_refused(lmhtx, later, tmp_path):
    target = tmp_path / "thang-5.docx"
    run = lmhtx("report", "month", "5", "--year", "2024", "-f", "docx", "-o", str(target), "--doc-number", "12", "--doc-date", "03/06/2024", root=later)
    assert run.code == 0, run.err
    text = [p.text for p in docx.Document(str(target)).paragraphs]
    assert "Số liệu tính đến ngày 03/06/2024." in text
    signed = lmhtx("report", "month", "5", "--year", "2024", "-f", "json", "--doc-date", "03/06/2024", root=later).out
    assert signed == lmhtx("report", "month", "5", "--year", "2024", "-f", "json", "--as-of", "03/06/2024", root=later).out
    assert json.loads(signed)["as_of"] == "2024-06-03"
    earlier = lmhtx("report", "month", "5", "--year", "2024", "-f", "json", "--as-of", "31/05/2024", "--doc-date", "03/06/2024", root=later)
    assert earlier.code == 0 and json.loads(earlier.out)["as_of"] == "2024-05-31"
    digest = json.loads(lmhtx("digest", "--month", "2024-05", "-f", "json", "--doc-date", "03/06/2024", root=later).out)
    assert digest["as_of"] == "2024-06-03"


@pytest.mark.parametrize("command", [["report", "month", "5", "--year", "2024", "-f", "md"], ["digest", "--month", "2024-05"]])
def test_an_as_of_after_the_doc_date_is_refused(english, lmhtx, later, command, tmp_path):
    run = lmhtx(*command, "--as-of", "04/06/2024", "--doc-date", "03/06/2024", root=later)
    assert run.code == 2
    assert run.err == "lmhtx: error: --as-of 04/06/2024 is after --doc-date 03/06/2024: a document cannot count what happens after it is signed\n"


def test_a_mark_after_the_doc_date_is_not_counted_in_the_word_report(lmhtx, later, tmp_path):
    """06-khth-1 was done on 05/07/2024: a report signed on 01/07/2024 does not count it."""
    for signed, done in (("01/07/2024", 0), ("06/07/2024", 1)):
        data = json.loads(lmhtx("report", "month", "6", "--year", "2024", "-f", "json", "--doc-date", signed, root=later).out)
        khth = next(u for u in data["units"] if u["code"] == "khth")
        assert khth["counts"]["done"] == done
