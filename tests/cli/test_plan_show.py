"""`lmhtx plan show` as a user types it, against the real 2024 programme and sample data."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from pathlib import Path

import pytest

from tests.conftest import REPO, golden

GOLDEN = Path(__file__).parent / "golden"


def test_what_the_fund_must_do_in_may(lmhtx):
    run = lmhtx("plan", "show", "--month", "5", "--unit", "Quỹ")
    assert run.code == 0
    golden(GOLDEN / "plan_show_may_quy.txt", run.out)
    # this year (2026) has no plan, so the latest one is shown, and the output says so
    assert "Không có chương trình năm 2026; hiển thị năm 2024" in run.out


@pytest.mark.parametrize("typed", ["quy", "QUỸ", "Quy ho tro", "quỹ hỗ trợ phát triển", "Quỹ phát triển HTX", "QUY"])
def test_a_unit_is_found_however_it_is_typed(lmhtx, typed):
    run = lmhtx("plan", "show", "--year", "2024", "-m", "5", "--unit", typed, "-f", "json")
    assert run.code == 0, run.err
    assert [t["id"] for t in json.loads(run.out)] == ["05-quy-1", "05-quy-2", "05-quy-3"]


def test_decomposed_unicode_finds_the_same_unit(lmhtx):
    run = lmhtx("plan", "show", "--year", "2024", "-m", "5", "--unit", unicodedata.normalize("NFD", "Quỹ"), "-f", "json")
    assert [t["unit"] for t in json.loads(run.out)] == ["quy"] * 3


@pytest.mark.parametrize("typed, candidates", [("Trung tâm", ["ttht", "ttdt"]), ("Phòng", ["khth", "kttv", "tttt"]), ("hỗ trợ", ["ttht", "quy"])])
def test_an_ambiguous_unit_is_an_error_listing_the_candidates(english, lmhtx, typed, candidates):
    run = lmhtx("plan", "show", "--year", "2024", "--unit", typed)
    assert run.code == 2
    assert run.out == ""
    assert "ambiguous" in run.err and all(c in run.err for c in candidates)
    assert len(run.err.strip().splitlines()) == 1


def test_an_unknown_unit_is_an_error_listing_the_units(english, lmhtx):
    run = lmhtx("plan", "show", "--year", "2024", "--unit", "Phòng Tài chính")
    assert run.code == 2
    assert 'unknown unit "Phòng Tài chính"' in run.err
    assert "vp (Văn phòng)" in run.err and "quy (Quỹ Hỗ trợ Phát triển HTX)" in run.err


def test_json_has_the_promised_fields(lmhtx):
    run = lmhtx("plan", "show", "--year", "2024", "-m", "1", "-u", "vp", "-f", "json")
    tasks = json.loads(run.out)
    expected = {"id": "01-vp-1", "year": 2024, "month": 1, "unit": "vp", "unit_name": "Văn phòng", "status": "planned", "file": "plans/2024/01.yaml", "line": 7}
    assert {key: tasks[0][key] for key in expected} == expected
    assert tasks[0]["text"].startswith("Đối với công tác của Chi bộ: Tham mưu Nghị quyết")


def test_csv_is_one_row_per_task_with_a_header(lmhtx):
    run = lmhtx("plan", "show", "--year", "2024", "--quarter", "II", "--unit", "quy", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(run.out)))
    assert [r["id"] for r in rows] == ["04-quy-1", "04-quy-2", "04-quy-3", "05-quy-1", "05-quy-2", "05-quy-3", "06-quy-1", "06-quy-2", "06-quy-3", "06-quy-4", "06-quy-5"]
    assert rows[0]["unit_name"] == "Quỹ Hỗ trợ Phát triển HTX"


def test_quarter_in_roman_or_arabic_numerals_means_its_three_months(lmhtx):
    roman = lmhtx("plan", "show", "--year", "2024", "-q", "III", "-f", "json")
    arabic = lmhtx("plan", "show", "--year", "2024", "-q", "3", "-f", "json")
    months = lmhtx("plan", "show", "--year", "2024", "-m", "7-9", "-f", "json")
    assert roman.out == arabic.out == months.out
    assert {t["month"] for t in json.loads(roman.out)} == {7, 8, 9}


def test_grep_ignores_case_and_accents(lmhtx):
    accented = json.loads(lmhtx("plan", "show", "--year", "2024", "--grep", "Bản tin", "-f", "json").out)
    bare = json.loads(lmhtx("plan", "show", "--year", "2024", "--grep", "BAN TIN", "-f", "json").out)
    assert accented == bare
    assert len(accented) == 12 and {t["unit"] for t in accented} == {"tttt"}


def test_markdown_groups_by_month_and_unit(lmhtx):
    run = lmhtx("plan", "show", "--year", "2024", "-q", "1", "-u", "quy", "-f", "md")
    golden(GOLDEN / "plan_show_q1_quy.md", run.out)


def test_the_table_fits_80_columns(lmhtx):
    run = lmhtx("plan", "show", "--year", "2024", "-m", "6")
    assert run.code == 0
    assert max(len(line) for line in run.out.splitlines()) <= 80
    assert "Tháng 6/2024" in run.out and "Trung tâm Đào tạo [ttdt]" in run.out


def test_english_labels(lmhtx):
    run = lmhtx("plan", "show", "--year", "2024", "-m", "5", "-u", "quy", "--lang", "en")
    assert "Work programme 2024" in run.out and "May 2024" in run.out and "planned" in run.out
    assert "Cooperative Development Support Fund [quy]" in run.out


def test_status_filter_sees_the_current_status(lmhtx, small_root):
    done = json.loads(lmhtx("plan", "show", "--status", "done", "-f", "json", root=small_root).out)
    assert [t["id"] for t in done] == ["01-vp-1"]
    vietnamese = json.loads(lmhtx("plan", "show", "--status", "đang thực hiện", "-f", "json", root=small_root).out)
    assert [t["id"] for t in vietnamese] == ["01-ttdt-1"]
    several = json.loads(lmhtx("plan", "show", "--status", "done,cancelled", "-f", "json", root=small_root).out)
    assert [t["id"] for t in several] == ["01-vp-1", "02-quy-1"]


def test_one_task_in_full_with_its_history(lmhtx, small_root):
    run = lmhtx("plan", "show", "01-VP-1", root=small_root)
    assert run.code == 0
    golden(GOLDEN / "plan_show_one_task.txt", run.out)


def test_one_task_as_json(lmhtx):
    run = lmhtx("plan", "show", "05-quy-2", "--year", "2024", "-f", "json")
    assert json.loads(run.out)["text"] == "Sắp xếp, kiện toàn bộ máy của Quỹ."


def test_an_unknown_id_suggests_close_ones(english, lmhtx):
    run = lmhtx("plan", "show", "05-quy-9", "--year", "2024")
    assert run.code == 2
    assert 'no task "05-quy-9"' in run.err and "05-quy-3" in run.err


@pytest.mark.parametrize(
    "args, message",
    [
        (["--month", "13"], '"13" is not a month'),
        (["--month", "may"], '"may" is not a month'),
        (["--quarter", "V"], '"V" is not a quarter'),
        (["--status", "finished"], 'unknown status "finished"'),
        (["--format", "xml"], "'xml' is not one of 'text', 'md', 'json', 'csv'"),
        (["--year", "2023"], "no plan for 2023"),
        (["--year", "abc"], "'--year'"),
        (["--bogus"], "--bogus"),
    ],
)
def test_bad_options_are_one_line_on_stderr_and_a_non_zero_exit(english, lmhtx, args, message):
    run = lmhtx("plan", "show", *args)
    assert run.code == 2
    assert run.out == ""
    assert message in run.err
    assert len(run.err.strip().splitlines()) == 1
    assert "Traceback" not in run.err


def test_the_current_year_is_the_default_when_it_has_a_plan(lmhtx, small_root, monkeypatch):
    monkeypatch.setenv("LMHTX_TODAY", "2030-03-01")
    run = lmhtx("plan", "show", "-m", "1", root=small_root)
    assert "Chương trình công tác năm 2030" in run.out
    assert "Không có chương trình" not in run.out


def test_data_with_errors_stops_plan_show_naming_the_file(english, lmhtx):
    run = lmhtx("plan", "show", root=REPO / "tests/data/broken")
    assert run.code == 1
    assert run.err.startswith("lmhtx: plans/2030/01.yaml:8:15: error: unknown status")
    assert "run `lmhtx validate`" in run.err


def test_no_command_shows_the_help(lmhtx):
    run = lmhtx(root=None)
    assert run.code == 0 and "Usage: " in run.out and "validate" in run.out and "plan" in run.out
    sub = lmhtx("plan")
    assert sub.code == 0 and "show" in sub.out and "mark" in sub.out
