"""One computation for every output (reports/figures.py): on random histories — marks, postponements
across months, cancellations, tasks added later — the report in JSON, Markdown and the terminal,
the digest and the dashboard's data.json give the same numbers, and the four ways a task stands
add up to the tasks that are neither postponed nor cancelled."""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from lmhtx_cli.cli import app
from tests.conftest import DATA

FOUR = ("done_on_time", "done_late", "open_in_time", "open_overdue")
AS_OF = "30/06/2030"  # the months begun are January to June: the dashboard's "so far" is the half-year
TASKS = ["01-vp-1", "01-vp-2", "01-ttdt-1", "01-quy-1", "02-ttht-1", "02-quy-1", "05-quy-1"]
UNITS = ["vp", "ttht", "ttdt", "quy"]
LATER = [f"{month:02d}-{unit}-{n}" for month in range(2, 13) for unit in UNITS for n in (1, 2)]  # continuations and additions, once made

days = st.dates(min_value=__import__("datetime").date(2030, 1, 1), max_value=__import__("datetime").date(2030, 12, 31))
task_ids = st.one_of(st.sampled_from(TASKS), st.sampled_from(LATER))
mark = st.tuples(st.just("mark"), task_ids, st.sampled_from(["done", "in_progress", "planned", "cancelled"]), days)
postpone = st.tuples(st.just("postpone"), task_ids, st.integers(2, 12), days)
add = st.tuples(st.just("add"), st.sampled_from(UNITS), st.integers(1, 12), days)
history = st.lists(st.one_of(mark, postpone, add), min_size=1, max_size=10)


def _argv(event) -> list[str]:
    kind, what, value, day = event
    on = day.strftime("%d/%m/%Y")
    if kind == "mark":
        return ["plan", "mark", what, value, "--on", on, "--by", "Lan"] + (["--note", "Không làm nữa"] if value == "cancelled" else [])
    if kind == "postpone":
        return ["plan", "mark", what, "postponed", "--to", f"2030-{value:02d}", "--on", on, "--by", "Lan"]
    return ["plan", "add", "--year", "2030", "--month", str(value), "--unit", what, "Nhiệm vụ bổ sung (dữ liệu mẫu).", "--on", on]


def _four(counts: dict) -> tuple[int, ...]:
    return tuple(counts[key] for key in FOUR)


def _by_unit(units: list[dict]) -> dict[str, dict]:
    return {unit["code"]: {key: value for key, value in unit["counts"].items() if key != "rate_text"} for unit in units}


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(events=history, month=st.integers(1, 6))
def test_every_output_gives_the_same_numbers_on_random_histories(monkeypatch, events, month):
    monkeypatch.setenv("LMHTX_NO_CACHE", "1")
    monkeypatch.setenv("LMHTX_TODAY", "2031-01-10")
    monkeypatch.setenv("LMHTX_LANG", "vi")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    runner = CliRunner()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "data"
        shutil.copytree(DATA / "small", root)

        def run(*args: str) -> str:
            result = runner.invoke(app, ["--root", str(root), *args])
            assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
            return result.stdout if result.exit_code == 0 else ""

        for event in events:
            run(*_argv(event))  # a refused change (a date before the last one, a task already moved) is fine
        reports = {}
        for name, period in (("month", ["month", str(month)]), ("h1", ["h1"]), ("year", ["year"])):
            data = json.loads(run("report", *period, "--year", "2030", "--as-of", AS_OF, "-f", "json"))
            reports[name] = data
            for counts in [u["counts"] for u in data["units"]] + [data["total"]]:
                assert sum(_four(counts)) == counts["total"] - counts["postponed"] - counts["cancelled"]
            for key in ("total",) + FOUR:
                assert data["total"][key] == sum(u["counts"][key] for u in data["units"])
            assert all(task["status"] in ("planned", "in_progress") for unit in data["upcoming"] for task in unit["tasks"])
            markdown = run("report", *period, "--year", "2030", "--as-of", AS_OF, "-f", "md")
            row = next(line for line in markdown[markdown.index("### Theo thời hạn") :].splitlines() if line.startswith("| **Tổng cộng**"))
            assert tuple(int(n) for n in re.findall(r"\*\*(\d+)\*\*", row)) == _four(data["total"])
            terminal = run("report", *period, "--year", "2030", "--as-of", AS_OF)
            row = next(line for line in terminal[terminal.index("Theo thời hạn") :].splitlines() if line.strip().startswith("Tổng cộng"))
            assert tuple(int(n) for n in row.split()[2:]) == _four(data["total"])
        digest = json.loads(run("digest", "--month", f"2030-{month:02d}", "--as-of", AS_OF, "-f", "json"))
        month_units = {u["code"]: _four(u["counts"]) for u in reports["month"]["units"]}
        assert {u["code"]: _four(u) for u in digest["totals"]} == month_units
        assert _four(digest["total"]) == _four(reports["month"]["total"])

        from lmhtx_cli.dates import parse_day
        from lmhtx_cli.render.site import site_figures
        from lmhtx_cli.reports.dashboard import build_dashboard
        from lmhtx_cli.workspace.dataset import Workspace

        programme, _problems = Workspace(str(root)).programme(2030)
        figures = json.loads(json.dumps(site_figures(build_dashboard(programme, parse_day(AS_OF)), "vi")))
        assert _by_unit(figures["so_far"]["units"]) == _by_unit(reports["h1"]["units"])
        assert _by_unit(figures["year"]["units"]) == _by_unit(reports["year"]["units"])
