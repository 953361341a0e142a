"""The terminal views at 80 and 120 columns, and in a pipe: no line is wider than the terminal
(unless it is one word that cannot be broken), no word of the data is cut, and codes are shown
as the names a person reads (units, areas)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from itertools import takewhile

import pytest
import yaml

from tests.conftest import REPO

WIDTHS = (80, 120)
LONG_NOTE = "Đã gửi báo cáo kết quả thực hiện cho Liên minh HTX Việt Nam, UBND thành phố và các sở, ngành liên quan theo Kế hoạch số 66/KH-LMHTX về chuyển đổi mô hình hoạt động"


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    """The repository's plans and members, with a task whose history holds a long note."""
    root = tmp_path_factory.mktemp("widths")
    shutil.copytree(REPO / "plans", root / "plans")
    shutil.copytree(REPO / "members", root / "members")
    from typer.testing import CliRunner

    from lmhtx_cli.cli import app

    env = {"LMHTX_TODAY": "2024-11-24", "NO_COLOR": "1", "COLUMNS": "80"}
    args = ["--root", str(root), "plan", "mark", "05-quy-1", "in_progress", "--on", "2024-05-20", "--by", "Nguyễn Thị Thu Hương", "--ref", "Số 21/QĐ-QHT", "--note", LONG_NOTE]
    result = CliRunner().invoke(app, args, env=env)
    assert result.exit_code == 0, result.stderr
    return root


def _records(root, folder: str, key: str) -> list[dict]:
    found = []
    for path in sorted((root / "members" / folder).glob("*.yaml")) if folder else [root / "members" / f"{key}.yaml"]:
        found += (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get(key) or []
    return found


def _tasks(root, month: int | None = None) -> list[dict]:
    found = []
    for path in sorted((root / "plans" / "2024").glob("[01]*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        if month is None or doc["month"] == month:
            found += [task for tasks in doc["units"].values() for task in tasks]
    return found


def _units(root) -> dict[str, str]:
    plan = yaml.safe_load((root / "plans" / "2024" / "plan.yaml").read_text(encoding="utf-8"))
    return {u["code"]: u["name"] for u in plan["units"]}


def _fits(out: str, width: int) -> None:
    for line in out.splitlines():
        assert len(line) <= width or len(line.split()) == 1, f"{len(line)} columns > {width}: {line!r}"


def _whole(out: str, texts: list[str]) -> None:
    """Every word of every text is a word of the output: wrapped at spaces, never cut."""
    shown = set(out.split()) | {word.rstrip(":") for word in out.split()}  # "Số 21/QĐ-QHT: <note>"
    cut = sorted({word for text in texts for word in text.split() if word not in shown})
    assert cut == []


@pytest.fixture(params=WIDTHS)
def width(request, monkeypatch):
    monkeypatch.setenv("COLUMNS", str(request.param))
    monkeypatch.setenv("LMHTX_TODAY", "2024-11-24")
    return request.param


def test_plan_show(lmhtx, data, width):
    run = lmhtx("plan", "show", "--year", "2024", "-q", "2", "-s", "planned,in_progress,done", "-g", "tham mưu", root=data)
    assert run.code == 0, run.err
    _fits(run.out, width)
    shown = [t["text"] for t in _tasks(data) if t["id"] in run.out.split()]
    assert len(shown) > 20
    _whole(run.out, shown)


def test_plan_show_one_task_with_its_history(lmhtx, data, width):
    run = lmhtx("plan", "show", "05-quy-1", "--year", "2024", root=data)
    assert run.code == 0, run.err
    _fits(run.out, width)
    task = next(t for t in _tasks(data, 5) if t["id"] == "05-quy-1")
    _whole(run.out, [task["text"], LONG_NOTE, "Nguyễn Thị Thu Hương", "Số 21/QĐ-QHT"])
    lines = run.out.splitlines()
    history = list(takewhile(lambda line: line.startswith("  "), lines[lines.index("Lịch sử:") + 1 :]))
    assert history[0].startswith("  20/05/2024 · đang thực hiện") and len(history) > 1, history
    assert all(line.startswith("    ") for line in history[1:]), history  # wrapped under its own indent


def test_members_list_shows_area_names(lmhtx, data, width):
    run = lmhtx("members", "list", root=data)
    assert run.code == 0, run.err
    _fits(run.out, width)
    members = _records(data, "", "members")
    areas = {a["code"]: a["name"] for a in _records(data, "", "areas")}
    _whole(run.out, [m["name"] for m in members] + [areas[m["area"]] for m in members if m.get("area")])
    assert not any(f" {m['area']} " in f" {line} " for m in members if m.get("area") for line in run.out.splitlines())


def test_meetings_list_shows_the_lead_unit_by_name(lmhtx, data, width):
    run = lmhtx("meetings", "list", "--year", "2024", root=data)
    assert run.code == 0, run.err
    _fits(run.out, width)
    units = _units(data)
    meetings = _records(data, "meetings", "meetings")
    leads = {m["lead_unit"] for m in meetings if m.get("lead_unit")}
    assert leads and all(code not in run.out.split() for code in leads)
    _whole(run.out, [units[code] for code in leads])


def test_petitions_list_shows_the_unit_by_name(lmhtx, data, width):
    run = lmhtx("petitions", "list", "--as-of", "2024-11-24", root=data)
    assert run.code == 0, run.err
    _fits(run.out, width)
    units = _units(data)
    petitions = _records(data, "petitions", "petitions")
    codes = {p["unit"] for p in petitions if p.get("unit")}
    assert codes and all(code not in run.out.split() for code in codes)
    _whole(run.out, [p["text"] for p in petitions] + [units[code] for code in codes])


def test_report_month_in_the_terminal(lmhtx, data, width):
    run = lmhtx("report", "month", "5", "--year", "2024", "--as-of", "2024-05-31", root=data)
    assert run.code == 0, run.err
    _fits(run.out, width)
    _whole(run.out, [t["text"] for t in _tasks(data, 5)] + [LONG_NOTE])
    table = run.out.split("NV nhiệm vụ")[0]  # the units' table, above its legend
    _whole(table, list(_units(data).values()))  # names wrap in their column, never "Phòng Kế hoạ…"
    assert "…" not in table


def test_fees(lmhtx, data, width):
    run = lmhtx("fees", "--year", "2024", root=data)
    assert run.code == 0, run.err
    _fits(run.out, width)
    names = {m["id"]: m["name"] for m in _records(data, "", "members")}
    fees = _records(data, "fees", "fees")
    _whole(run.out, [names[f["member"]] for f in fees])


def test_a_pipe_is_80_columns(data):
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"} | {"LMHTX_TODAY": "2024-11-24", "NO_COLOR": "1"}
    result = subprocess.run([sys.executable, "-m", "lmhtx_cli", "--root", str(data), "plan", "show", "--year", "2024", "-m", "5"], env=env, capture_output=True, timeout=60)
    out = result.stdout.decode("utf-8")
    assert result.returncode == 0, result.stderr
    _fits(out, 80)
    assert max(len(line) for line in out.splitlines()) > 70  # 80 columns, not fewer
    _whole(out, [t["text"] for t in _tasks(data, 5)])
