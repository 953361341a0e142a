"""Finding the data: --root, else LMHTX_ROOT, else the nearest folder above holding plans/."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import DATA, REPO


def _run(args, cwd, env_extra=None):
    env = {k: v for k, v in os.environ.items() if k != "LMHTX_ROOT"}
    env.update({"LMHTX_TODAY": "2026-11-24", "NO_COLOR": "1"} | (env_extra or {}))
    return subprocess.run([sys.executable, "-m", "lmhtx_cli", *args], cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8")


def test_the_nearest_folder_holding_plans_is_used(tmp_path):
    run = _run(["units", "-f", "json"], cwd=DATA / "small" / "plans" / "2030")
    assert run.returncode == 0, run.stderr
    assert '"code": "ttdt"' in run.stdout


def test_the_environment_variable_comes_before_the_working_folder():
    run = _run(["plan", "show", "-f", "csv"], cwd=REPO, env_extra={"LMHTX_ROOT": str(DATA / "small")})
    assert "05-quy-1,2030" in run.stdout


def test_the_option_comes_before_the_environment_variable():
    run = _run(["--root", str(REPO), "plan", "show", "-m", "5", "-u", "quy", "-f", "csv"], cwd=REPO, env_extra={"LMHTX_ROOT": str(DATA / "small")})
    assert "05-quy-1,2024" in run.stdout


def test_no_data_anywhere_says_how_to_point_at_it(tmp_path):
    run = _run(["plan", "show"], cwd=tmp_path)
    assert run.returncode == 2
    assert "hãy dùng --root <thư mục> hoặc đặt LMHTX_ROOT" in run.stderr
    assert "Traceback" not in run.stderr


def test_python_dash_m_runs_the_tool():
    run = _run(["--version"], cwd=REPO)
    assert run.returncode == 0 and run.stdout.startswith("lmhtx ")
