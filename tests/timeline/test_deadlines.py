"""Due dates, the four ways a task stands against them, and the report's cut-off (issue 21).

The data (tests/data/deadlines) is a small 2031 programme with tasks done before, on and after
their deadlines, some with their own `due`, a task cancelled before the report among next month's
tasks, and `report_cutoff_day: 14` in settings.yaml. Every output must give the same four counts.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import DATA

FOUR = ("done_on_time", "done_late", "open_in_time", "open_overdue")
# 14/05/2031, the cut-off day of May: 05-vp-1 done on 12/05, due 10/05 (late); 05-vp-2 in progress
# (due 31/05); 05-vp-3 due 08/05, still planned (overdue); 05-quy-1 planned; 05-quy-2 done on its
# own due day (on time); 05-quy-3 cancelled (none of the four).
MAY = {"vp": (0, 1, 1, 1), "quy": (1, 0, 1, 0)}


@pytest.fixture
def office(tmp_path, monkeypatch) -> Path:
    root = tmp_path / "data"
    shutil.copytree(DATA / "deadlines", root)
    monkeypatch.setenv("LMHTX_TODAY", "2031-07-01")
    monkeypatch.setenv("LMHTX_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    return root


def four(counts: dict) -> tuple[int, ...]:
    return tuple(counts[key] for key in FOUR)


def test_a_month_report_counts_each_task_four_ways_as_of_the_cutoff_day(lmhtx, office):
    run = lmhtx("report", "month", "5", "--year", "2031", "-f", "json", root=office)
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert data["as_of"] == "2031-05-14"  # report_cutoff_day: 14 of the period's last month
    assert data["data_window"] == {"from": "2031-04-15", "to": "2031-05-14"}
    assert {u["code"]: four(u["counts"]) for u in data["units"]} == MAY
    assert four(data["total"]) == (1, 1, 2, 1)
    for counts in [u["counts"] for u in data["units"]] + [data["total"]]:
        assert sum(four(counts)) == counts["total"] - counts["postponed"] - counts["cancelled"]
    vp = {t["id"]: t for t in data["units"][0]["tasks"]}
    assert vp["05-vp-1"]["due"] == "2031-05-10" and vp["05-vp-1"]["standing"] == "done_late"
    assert vp["05-vp-3"]["overdue"] is True  # its own due date passed, though its month has not


def _markdown_total(text: str) -> tuple[int, ...]:
    table = text[text.index("### Theo thời hạn") :]
    row = next(line for line in table.splitlines() if line.startswith("| **Tổng cộng**"))
    return tuple(int(cell) for cell in re.findall(r"\*\*(\d+)\*\*", row))


def _terminal_total(text: str) -> tuple[int, ...]:
    table = text[text.index("Theo thời hạn") :]
    row = next(line for line in table.splitlines() if line.strip().startswith("Tổng cộng"))
    return tuple(int(cell) for cell in row.split()[2:])


def test_every_output_gives_the_same_four_counts(lmhtx, office, tmp_path):
    args = ("report", "month", "5", "--year", "2031")
    report = json.loads(lmhtx(*args, "-f", "json", root=office).out)
    expected = four(report["total"])
    assert _markdown_total(lmhtx(*args, "-f", "md", root=office).out) == expected
    assert _terminal_total(lmhtx(*args, root=office).out) == expected
    digest = json.loads(lmhtx("digest", "--month", "2031-05", "--as-of", "14/05/2031", "-f", "json", root=office).out)
    assert {u["code"]: four(u) for u in digest["totals"]} == MAY and four(digest["total"]) == expected
    digest_text = lmhtx("digest", "--month", "2031-05", "--as-of", "14/05/2031", "-f", "text", root=office).out
    assert "1 hoàn thành đúng hạn, 1 hoàn thành quá hạn, 2 đang thực hiện trong hạn, 1 quá hạn chưa hoàn thành" in " ".join(digest_text.split())


def test_the_dashboard_writes_the_report_figures_it_shows(lmhtx, office, tmp_path):
    site = tmp_path / "site"
    run = lmhtx("site", "--year", "2031", "--as-of", "30/06/2031", "--output", str(site), root=office)
    assert run.code == 0, run.err
    figures = json.loads((site / "data.json").read_text(encoding="utf-8"))
    for key, period in (("so_far", ["h1"]), ("year", ["year"])):
        report = json.loads(lmhtx("report", *period, "--year", "2031", "--as-of", "30/06/2031", "-f", "json", root=office).out)
        assert [(u["code"], u["counts"]) for u in figures[key]["units"]] == [(u["code"], u["counts"]) for u in report["units"]]
        assert figures[key]["total"] == report["total"]
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "Hoàn thành đúng hạn" in index and "Quá hạn chưa hoàn thành" in index


def test_the_report_states_its_data_window_in_both_languages(lmhtx, office):
    vi = lmhtx("report", "month", "5", "--year", "2031", "-f", "md", root=office).out
    assert "Số liệu tính từ ngày 15/04/2031 đến ngày 14/05/2031." in vi
    en = lmhtx("report", "month", "5", "--year", "2031", "-f", "md", "--lang", "en", root=office).out
    assert "Figures from 15/04/2031 to 14/05/2031." in en
    h1 = json.loads(lmhtx("report", "h1", "--year", "2031", "-f", "json", root=office).out)
    assert h1["data_window"] == {"from": "2030-12-15", "to": "2031-06-14"}


def test_without_a_cutoff_day_the_report_counts_to_the_period_end(lmhtx, office):
    settings = office / "settings.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("report_cutoff_day: 14\n", ""), encoding="utf-8")
    data = json.loads(lmhtx("report", "month", "5", "--year", "2031", "-f", "json", root=office).out)
    assert data["as_of"] == "2031-05-31" and data["data_window"] == {"from": "2031-05-01", "to": "2031-05-31"}
    assert four(data["total"]) == (1, 1, 2, 1)  # on 31/05, their due day, May's open tasks are still in time


def test_as_of_and_doc_date_still_choose_the_day(lmhtx, office):
    data = json.loads(lmhtx("report", "month", "5", "--year", "2031", "--as-of", "20/05/2031", "-f", "json", root=office).out)
    assert data["as_of"] == "2031-05-20" and data["data_window"]["to"] == "2031-05-20"
    signed = json.loads(lmhtx("report", "month", "5", "--year", "2031", "--doc-date", "16/05/2031", "-f", "json", root=office).out)
    assert signed["as_of"] == "2031-05-16"


@pytest.mark.parametrize("value", ["0", "29", "mười bốn"])
def test_a_bad_cutoff_day_is_a_located_error(english, lmhtx, office, value):
    settings = office / "settings.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("report_cutoff_day: 14", f"report_cutoff_day: {value}"), encoding="utf-8")
    run = lmhtx("report", "month", "5", "--year", "2031", root=office)
    assert run.code != 0 and "Traceback" not in run.err
    assert "settings.yaml:4:" in run.err and "report_cutoff_day" in run.err
    check = lmhtx("validate", root=office)
    assert check.code != 0 and "settings.yaml:4:" in check.out + check.err


def test_next_month_lists_only_what_is_still_to_do_with_its_status(lmhtx, office):
    data = json.loads(lmhtx("report", "month", "5", "--year", "2031", "-f", "json", root=office).out)
    listed = {t["id"]: t["status"] for u in data["upcoming"] for t in u["tasks"]}
    assert listed == {"06-vp-1": "planned", "06-quy-1": "in_progress"}  # 06-vp-2 cancelled, 06-quy-2 done before
    markdown = lmhtx("report", "month", "5", "--year", "2031", "-f", "md", root=office).out
    upcoming = markdown[markdown.index("## IV.") :]
    assert "06-vp-2" not in upcoming and "`06-quy-1` Thẩm định hồ sơ vay. — **đang thực hiện**" in upcoming
    digest = json.loads(lmhtx("digest", "--month", "2031-05", "--as-of", "14/05/2031", "-f", "json", root=office).out)
    assert {t["id"] for u in digest["upcoming"] for t in u["tasks"]} == {"06-vp-1", "06-quy-1"}


def test_plan_show_gives_each_task_its_due_date(lmhtx, office):
    records = json.loads(lmhtx("plan", "show", "--year", "2031", "--month", "5", "-f", "json", root=office).out)
    due = {r["id"]: r["due"] for r in records}
    assert due["05-vp-1"] == "2031-05-10" and due["05-vp-2"] == "2031-05-31"  # its own, else its month's last day
    text = lmhtx("plan", "show", "--year", "2031", "--month", "5", root=office).out
    assert "hạn 10/05/2031" in text and "hạn 31/05/2031" not in text  # in text only when set
    one = lmhtx("plan", "show", "05-vp-1", "--year", "2031", root=office).out
    assert re.search(r"Thời hạn:\s+10/05/2031", one)


def test_the_dashboard_and_the_half_year_report_agree_on_every_unit(lmhtx, then, tmp_path):
    """05-vp-1 was postponed to July on 20/05/2024: on 30/06 the half-year report counts it
    (postponed); the dashboard's figures so far used to lose it (its continuation is in July)."""
    site = tmp_path / "site"
    assert lmhtx("site", "--year", "2024", "--as-of", "30/06/2024", "--output", str(site), root=then).code == 0
    figures = json.loads((site / "data.json").read_text(encoding="utf-8"))
    report = json.loads(lmhtx("report", "h1", "--year", "2024", "--as-of", "30/06/2024", "-f", "json", root=then).out)
    assert {u["code"]: u["counts"] for u in figures["so_far"]["units"]} == {u["code"]: u["counts"] for u in report["units"]}
    assert next(u for u in figures["so_far"]["units"] if u["code"] == "vp")["counts"]["total"] == 20


def test_postponed_to_months_read_07_2031_in_prose(lmhtx, office):
    assert lmhtx("plan", "mark", "05-quy-1", "postponed", "--to", "2031-07", "--on", "10/05/2031", "--by", "Lan", root=office).code == 0
    outputs = [
        lmhtx("report", "month", "5", "--year", "2031", "-f", "md", root=office).out,
        lmhtx("report", "month", "5", "--year", "2031", root=office).out,
        lmhtx("digest", "--month", "2031-05", "--as-of", "14/05/2031", root=office).out,
        lmhtx("digest", "--month", "2031-05", "--as-of", "14/05/2031", "-f", "text", root=office).out,
        lmhtx("plan", "show", "05-quy-1", "--year", "2031", root=office).out,
    ]
    for text in outputs:
        assert "07/2031" in text and "2031-07" not in text, text
    data = json.loads(lmhtx("report", "month", "5", "--year", "2031", "-f", "json", root=office).out)
    task = next(t for u in data["units"] for t in u["tasks"] if t["id"] == "05-quy-1")
    assert task["to"] == "2031-07" and task["to_text"] == "07/2031"  # JSON keeps the data's form beside the prose


def test_a_problem_elsewhere_in_the_settings_does_not_stop_a_report(lmhtx, office):
    settings = office / "settings.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace('symbol: "LMHTX"', "symbol: [1, 2]"), encoding="utf-8")
    assert lmhtx("validate", root=office).code == 1  # validate names it
    data = json.loads(lmhtx("report", "month", "5", "--year", "2031", "-f", "json", root=office).out)
    assert data["as_of"] == "2031-05-14"  # the cut-off day is still read
