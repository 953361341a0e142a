"""`lmhtx report` for every period, and `lmhtx digest` as cron runs it.

The data is a copy of the real 2024 programme with progress recorded through the CLI, so the
reports are pinned (golden files) on numbers a user would produce.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lmhtx_cli.cli import app
from tests.conftest import REPO, golden

GOLDEN = Path(__file__).parent / "golden" / "report"

PROGRESS = [
    ["04-quy-1", "done", "--on", "25/04/2024", "--ref", "Số 21/QĐ-QHT", "--by", "Quỹ"],
    ["04-quy-2", "done", "--on", "2024-04-28", "--by", "Quỹ"],
    ["04-quy-3", "in_progress", "--on", "30/04/2024", "--note", "Đã gửi hồ sơ 2 đơn vị"],
    ["04-vp-1", "postponed", "--to", "2024-06", "--on", "29/04/2024", "--note", "Chờ UBND thành phố phê duyệt phương án"],
    ["05-tttt-2", "05-tttt-3", "done", "--on", "31/05/2024"],
    ["05-ttht-5", "cancelled", "--on", "15/05/2024", "--note", "Ban tổ chức hội chợ lùi sang năm sau"],
    ["03-vp-2", "postponed", "--to", "2024-05", "--on", "31/03/2024", "--note", "Chưa bố trí được kinh phí"],
    ["01-ttdt-4", "02-ttdt-4", "done", "--on", "28/02/2024", "--ref", "Số 5/BC-TTĐT"],
    ["06-khth-1", "done", "--on", "2024-07-05", "--note", "Đã tổ chức hội nghị sơ kết"],
]


@pytest.fixture(scope="module")
def office(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("office")
    shutil.copytree(REPO / "plans", root / "plans")
    runner = CliRunner()
    env = {"LMHTX_TODAY": "2024-11-24", "NO_COLOR": "1", "COLUMNS": "80"}
    for args in PROGRESS:
        result = runner.invoke(app, ["--root", str(root), "plan", "mark", *args], env=env)
        assert result.exit_code == 0, result.stderr
    return root


PERIODS = {"month": ["month", "5"], "quarter": ["quarter", "II"], "h1": ["h1"], "9m": ["9m"], "year": ["year"]}


@pytest.mark.parametrize("name", PERIODS)
def test_markdown_report_of_each_period(lmhtx, office, name):
    run = lmhtx("report", *PERIODS[name], "--year", "2024", "--as-of", "15/06/2024", "--format", "md", root=office)
    assert run.code == 0, run.err
    golden(GOLDEN / f"{name}.md", run.out)


def test_the_quarter_counts_add_up(lmhtx, office):
    data = json.loads(lmhtx("report", "quarter", "2", "--year", "2024", "--as-of", "15/06/2024", "-f", "json", root=office).out)
    quy = next(u for u in data["units"] if u["code"] == "quy")
    assert quy["counts"] | {"rate_text": "", "rate": 0} == {
        "total": 11,
        "planned": 11,
        "carried_over": 0,
        "done": 2,
        "in_progress": 1,
        "not_started": 8,
        "postponed": 0,
        "cancelled": 0,
        "overdue": 4,
        "done_on_time": 2,
        "done_late": 0,
        "open_in_time": 5,
        "open_overdue": 4,
        "rate": 0,
        "rate_text": "",
    }
    assert quy["counts"]["rate_text"] == "18,2%"
    vp = next(u for u in data["units"] if u["code"] == "vp")
    # 04-vp-1 moved to June inside the quarter: counted once, through 06-vp-tb7; 05-vp-c38 came from March
    assert [t["id"] for t in vp["tasks"]] == ["04-vp-2", "04-vp-3", "05-vp-1", "05-vp-2", "05-vp-c38", "06-vp-1", "06-vp-2", "06-vp-3", "06-vp-4", "06-vp-tb7"]
    assert vp["counts"]["carried_over"] == 1 and vp["counts"]["planned"] == 9
    assert data["total"]["total"] == sum(u["counts"]["total"] for u in data["units"])
    assert data["upcoming_period"] == "Quý III/2024"


def test_status_is_counted_as_on_the_as_of_date(lmhtx, office):
    before = json.loads(lmhtx("report", "month", "6", "--year", "2024", "--as-of", "30/06/2024", "-f", "json", root=office).out)
    after = json.loads(lmhtx("report", "month", "6", "--year", "2024", "--as-of", "10/07/2024", "-f", "json", root=office).out)
    khth = lambda data: next(u for u in data["units"] if u["code"] == "khth")["counts"]  # noqa: E731
    assert khth(before)["done"] == 0 and khth(after)["done"] == 1
    assert khth(before)["overdue"] == 0 and khth(after)["overdue"] == 4


def test_unit_filter_and_english_labels(lmhtx, office):
    run = lmhtx("report", "month", "4", "--year", "2024", "--unit", "quy", "--as-of", "2024-05-02", "-f", "md", "--lang", "en", root=office)
    assert "# WORK PROGRAMME PROGRESS REPORT" in run.out and "**April 2024**" in run.out
    assert "Cooperative Development Support Fund" in run.out and "Văn phòng" not in run.out and "Office" not in run.out
    assert "| **Total** | **3** | **2** | **1** |" in run.out and "66.7%" in run.out
    assert "25/04/2024; Số 21/QĐ-QHT" in run.out


@pytest.mark.parametrize("name", ["quarter", "year"])
def test_terminal_report_is_plain_text_when_piped(lmhtx, office, name):
    run = lmhtx("report", *PERIODS[name], "--year", "2024", "--as-of", "15/06/2024", root=office)
    assert run.code == 0
    assert "\x1b[" not in run.out
    assert max(len(line) for line in run.out.splitlines()) <= 80
    golden(GOLDEN / f"{name}.term.txt", run.out)


def test_terminal_grid_for_long_periods(lmhtx, office):
    run = lmhtx("report", "h1", "--year", "2024", "--as-of", "15/06/2024", root=office)
    assert "Tỷ lệ hoàn thành theo tháng" in run.out
    assert re.search(r"Trung tâm Đào(?: tạo)?\s+20\s+17\s+0\s+0\s+0\s+0\n", run.out)  # 1 of 5 in January, 1 of 6 in February; the unit by name


def test_output_file_and_template_overrides(lmhtx, office, tmp_path):
    target = tmp_path / "reports" / "q2.md"
    run = lmhtx("report", "quarter", "2", "--year", "2024", "--as-of", "15/06/2024", "-f", "md", "--output", str(target), root=office)
    assert run.code == 0 and run.out == ""
    assert target.read_text(encoding="utf-8").startswith("# BÁO CÁO KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH CÔNG TÁC")
    own = tmp_path / "mine.md.j2"
    own.write_text("{{ r.period }}: {{ r.total.done }}/{{ r.total.total }} ({{ r.total.rate_text }})\n", encoding="utf-8")
    run = lmhtx("report", "quarter", "2", "--year", "2024", "--as-of", "15/06/2024", "-f", "md", "--template", str(own), root=office)
    assert run.out == "Quý II/2024: 4/92 (4,4%)\n"
    (office / "templates").mkdir(exist_ok=True)
    (office / "templates" / "report.md.j2").write_text("Mẫu riêng của văn phòng: {{ r.period }}\n", encoding="utf-8")
    try:
        assert lmhtx("report", "month", "5", "--year", "2024", "-f", "md", root=office).out == "Mẫu riêng của văn phòng: Tháng 5/2024\n"
    finally:
        shutil.rmtree(office / "templates")


def test_a_broken_template_is_a_located_error(lmhtx, office, tmp_path):
    own = tmp_path / "broken.md.j2"
    own.write_text("line one\n{% for x in %}\n", encoding="utf-8")
    run = lmhtx("report", "month", "5", "--year", "2024", "-f", "md", "--template", str(own), root=office)
    assert run.code == 1 and "broken.md.j2:2:1: lỗi: lỗi mẫu:" in run.err  # a problem of the template file (tests/test_templates.py)


@pytest.mark.parametrize("args, message", [(["month"], "month needs its number"), (["week", "3"], 'unknown period "week"'), (["quarter", "5"], "not a quarter"), (["h1", "2"], "h1 takes no number")])
def test_bad_periods(english, lmhtx, office, args, message):
    run = lmhtx("report", *args, root=office)
    assert run.code == 2 and message in run.err


def test_digest_golden_and_reproducible(lmhtx, office):
    first = lmhtx("digest", "--month", "2024-06", "--as-of", "10/06/2024", root=office)
    second = lmhtx("digest", "--month", "2024-06", "--as-of", "10/06/2024", root=office)
    assert first.code == 0 and first.out == second.out
    golden(GOLDEN / "digest-2024-06.md", first.out)
    text = lmhtx("digest", "--month", "2024-06", "--as-of", "10/06/2024", "--format", "text", root=office)
    golden(GOLDEN / "digest-2024-06.txt", text.out)


def test_digest_defaults_to_this_month_by_the_clock(lmhtx, office, monkeypatch):
    monkeypatch.setenv("LMHTX_TODAY", "2024-05-20")
    data = json.loads(lmhtx("digest", "-f", "json", root=office).out)
    assert (data["year"], data["month"], data["as_of"]) == (2024, 5, "2024-05-20")
    assert data["next_period"] == "Tháng 6/2024"


def test_digest_for_a_year_without_a_plan_says_so(lmhtx, office):
    run = lmhtx("digest", "--month", "2026-11", root=office)
    assert run.code == 0 and "Chưa có chương trình công tác năm 2026." in run.out


def _cron(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    """As cron runs it: no terminal, no environment at all but what the line sets."""
    return subprocess.run([sys.executable, "-m", "lmhtx_cli", *args], cwd=cwd, env={"LANG": "C"}, stdin=subprocess.DEVNULL, capture_output=True)


def test_digest_runs_unattended_in_an_empty_environment(office, tmp_path):
    target = tmp_path / "digest.md"
    result = _cron(["--root", str(office), "digest", "--month", "2024-06", "--as-of", "2024-06-10", "--output", str(target)], cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout == b"" and result.stderr == b""
    assert target.read_text(encoding="utf-8") == (GOLDEN / "digest-2024-06.md").read_text(encoding="utf-8")
    assert not list(tmp_path.glob(".*lmhtx-tmp"))


def test_digest_on_data_that_does_not_validate_fails_naming_the_file(office, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(office / "plans", broken / "plans")
    month = broken / "plans/2024/06.yaml"
    month.write_text(month.read_text(encoding="utf-8").replace("status: planned", "status: planed", 1), encoding="utf-8")
    target = tmp_path / "digest.md"
    result = _cron(["--root", str(broken), "digest", "--month", "2024-06", "--output", str(target)], cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.decode("utf-8").startswith("lmhtx: plans/2024/06.yaml:")
    assert 'không có trạng thái "planed"' in result.stderr.decode("utf-8")
    assert not target.exists()


def test_the_readme_crontab_line_runs_as_written(office, tmp_path):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    line = next(l for l in readme.splitlines() if re.match(r"^[0-9*]+ [0-9*]+ [0-9*]+ [0-9*]+ [0-9*]+ ", l))
    command = line.split(None, 5)[5]
    command = command.replace("/srv/lmhtx/.venv/bin/lmhtx", f"{sys.executable} -m lmhtx_cli").replace("/srv/lmhtx", str(office))
    command = command.replace("\\%", "%")  # what cron does before handing the line to the shell
    (office / "digests").mkdir(exist_ok=True)
    result = subprocess.run(["/bin/sh", "-c", command], env={"LANG": "C", "PATH": "/usr/bin:/bin"}, cwd=tmp_path, capture_output=True)
    assert result.returncode == 0, result.stderr.decode()
    written = list((office / "digests").glob("*.md"))
    assert written and written[0].read_text(encoding="utf-8").startswith("# TIN TỔNG HỢP CHƯƠNG TRÌNH CÔNG TÁC")


def test_initiatives(lmhtx, office):
    listing = json.loads(lmhtx("plan", "threads", "--year", "2024", "--as-of", "15/06/2024", "-f", "json", root=office).out)
    assert [t["code"] for t in listing] == ["rau-an-toan", "dai-hoi-7", "cuoc-thi-luat-htx", "hoi-cho-phia-bac", "clb-dich-vu-dien", "clb-thuy-san", "clb-nong-nghiep"]
    rau = listing[0]
    assert rau["counts"]["total"] == 11 and rau["counts"]["done"] == 2 and rau["months"] == [1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12]
    timeline = lmhtx("plan", "thread", "Đề án rau", "--year", "2024", "--as-of", "15/06/2024", root=office)
    assert timeline.code == 0
    golden(GOLDEN / "thread-rau.txt", timeline.out)
    assert lmhtx("plan", "thread", "clb", "--year", "2024", root=office).code == 2  # three clubs: ambiguous


@pytest.mark.parametrize("args", [["report", "month", "5", "--year", "2024", "-f", "md"], ["digest", "--month", "2024-05"], ["schema"]])
def test_an_output_that_cannot_be_written_is_one_clear_line(english, lmhtx, args, tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    target = blocked / "out"
    run = lmhtx(*args, "--output", str(target))
    assert run.code == 2
    assert run.err.startswith("lmhtx: error: ") and "cannot write the file" in run.err and "nothing was changed" in run.err
    assert len(run.err.strip().splitlines()) == 1
