"""Every write of several files is whole or not at all, whatever stops it: kill -9, Ctrl-C
(SIGINT) or SIGTERM, at several points. What the killed process leaves is finished or removed by
the next command, temporaries included, and never shows in `git status`."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.gitutil import git, init_repo
from tests.store.processes import run_tool as _run
from tests.store.processes import start_tool as _start
from tests.store.processes import tool_env as _env

SIGNALS = [signal.SIGKILL, signal.SIGINT, signal.SIGTERM]
IDS = ["kill-9", "ctrl-c", "sigterm"]


def _stop_when(process: subprocess.Popen, ready, what: str, sig: int) -> None:
    deadline = time.monotonic() + 60
    while not ready():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, f"never reached: {what}"
        time.sleep(0.01)
    process.send_signal(sig)
    process.communicate(timeout=60)


@pytest.fixture
def office(tmp_path) -> Path:
    """The 2024 data in a git repository, committed: `git status` shows whatever a write leaves."""
    root = tmp_path / "office"
    shutil.copytree(REPO / "plans", root / "plans")
    init_repo(root)
    return root


def _year(root: Path, year: int) -> dict[str, bytes]:
    folder = root / "plans" / str(year)
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())} if folder.is_dir() else {}


def _clean(root: Path) -> str:
    return git(root, "status", "--porcelain", "--untracked-files=all").stdout


def _document(tmp_path: Path) -> Path:
    source = tmp_path / "programme.txt"
    source.write_text("CHƯƠNG TRÌNH\nCông tác năm 2024\nTháng 1\n1. Văn phòng:\n- Việc mới của tháng một.\nTháng 2\n1. Văn phòng:\n- Việc mới của tháng hai.\n", encoding="utf-8")
    return source


def _half_replaced(root: Path, before: dict[str, bytes]):
    return lambda: sum(data != before.get(name) for name, data in _year(root, 2024).items()) >= 1


@pytest.mark.parametrize("sig", SIGNALS, ids=IDS)
def test_an_import_over_a_year_stopped_half_way_is_finished_by_the_next_command(office, tmp_path, sig):
    before = _year(office, 2024)
    source = _document(tmp_path)
    process = _start(office, "import", "programme", str(source), "--year", "2024", "--force", LMHTX_TEST_HOLD_BETWEEN="60")
    _stop_when(process, _half_replaced(office, before), "the first file replaced", sig)
    assert _clean(office) != ""  # half way: some files are new, the others old
    shown = _run(office, "plan", "show", "--year", "2024", "-f", "json")  # any command finishes it first
    assert shown.returncode == 0, shown.stderr
    assert "Việc mới của tháng một" in shown.stdout and "Việc mới của tháng hai" in shown.stdout
    after = _year(office, 2024)
    assert all(data != before[name] for name, data in after.items() if name in before)  # every file is the new one
    assert _run(office, "validate").returncode == 0
    assert not (office / ".lmhtx/journal").exists() and not list((office / "plans").rglob(".*lmhtx*"))


@pytest.mark.parametrize("sig", SIGNALS, ids=IDS)
def test_an_import_stopped_before_the_year_is_complete_leaves_the_old_year(office, tmp_path, sig):
    before = _year(office, 2024)
    process = _start(office, "import", "programme", str(_document(tmp_path)), "--year", "2024", "--force", LMHTX_TEST_HOLD_JOURNAL="60")
    _stop_when(process, lambda: (office / ".lmhtx/journal/1.new").exists(), "the journal", sig)
    assert _year(office, 2024) == before and _clean(office) == ""
    assert _run(office, "plan", "show", "--year", "2024").returncode == 0
    assert _year(office, 2024) == before and not (office / ".lmhtx/journal").exists()


@pytest.mark.parametrize("sig", SIGNALS, ids=IDS)
def test_a_new_year_over_a_draft_stopped_half_way_is_whole_after_the_next_command(office, sig):
    assert _run(office, "plan", "new-year", "2025", "--from", "2024").returncode == 0
    (office / "plans/2025/plan.yaml").write_text((office / "plans/2025/plan.yaml").read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    git(office, "add", "-A")
    git(office, "commit", "-q", "-m", "draft")
    edited = _year(office, 2025)
    process = _start(office, "plan", "new-year", "2025", "--from", "2024", "--min-months", "2", "--force", LMHTX_TEST_HOLD_BETWEEN="60")
    _stop_when(process, lambda: _year(office, 2025) != edited, "the first file replaced", sig)
    assert _run(office, "plan", "show", "--year", "2025").returncode == 0
    after = _year(office, 2025)
    assert b"# edited" not in after["plan.yaml"] and after["05.yaml"] != edited["05.yaml"] and set(after) == set(edited)
    assert _run(office, "validate").returncode == 0
    status = _clean(office)
    assert ".lmhtx" not in status and "lmhtx-tmp" not in status


@pytest.mark.parametrize("sig", SIGNALS, ids=IDS)
def test_a_new_year_folder_stopped_before_its_rename_leaves_nothing_in_git_status(office, sig):
    process = _start(office, "plan", "new-year", "2025", "--from", "2024", LMHTX_TEST_HOLD_WRITE="60")
    _stop_when(process, lambda: bool(list(office.glob(".lmhtx/tmp/*.lmhtx-tmpdir"))), "the staged year", sig)
    assert _clean(office) == "" and not (office / "plans/2025").exists()
    assert _run(office, "plan", "new-year", "2025", "--from", "2024").returncode == 0
    assert not list(office.glob(".lmhtx/tmp/*"))
    assert all(line.startswith("?? plans/2025/") for line in _clean(office).splitlines())
    assert sorted(_year(office, 2025)) == ["01.yaml", "02.yaml", "03.yaml", "04.yaml", "05.yaml", "06.yaml", "07.yaml", "08.yaml", "09.yaml", "10.yaml", "11.yaml", "12.yaml", "plan.yaml"]


# -- a site replacing an earlier one ------------------------------------------------------------
def _site_files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("point", ["between-renames", "before-complete"])
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["kill-9", "sigterm"])
def test_a_site_stopped_while_replacing_an_earlier_one_is_put_right_by_the_next_build(office, tmp_path, point, sig):
    output = tmp_path / "_site"
    assert _run(office, "site", "--output", str(output), "--year", "2024").returncode == 0
    hold = {"between-renames": "LMHTX_TEST_HOLD_BETWEEN", "before-complete": "LMHTX_TEST_HOLD_WRITE"}[point]
    process = _start(office, "site", "--output", str(output), "--year", "2024", **{hold: "60"})
    kind = {"between-renames": ".lmhtx-old", "before-complete": ".lmhtx-fill"}[point]
    _stop_when(process, lambda: any(name.endswith(kind) for name in os.listdir(tmp_path)), kind, sig)
    again = _run(office, "site", "--output", str(output), "--year", "2024")
    assert again.returncode == 0, again.stderr
    assert "index.html" in _site_files(output)
    assert [name for name in os.listdir(tmp_path) if "lmhtx" in name] == []


def test_ctrl_c_between_the_renames_of_a_site_keeps_the_earlier_site(office, tmp_path):
    output = tmp_path / "_site"
    assert _run(office, "site", "--output", str(output), "--year", "2024").returncode == 0
    earlier = _site_files(output)
    process = _start(office, "site", "--output", str(output), "--year", "2024", LMHTX_TEST_HOLD_BETWEEN="60")
    _stop_when(process, lambda: any(name.endswith(".lmhtx-old") for name in os.listdir(tmp_path)), "the first rename", signal.SIGINT)
    assert _site_files(output) == earlier
    assert [name for name in os.listdir(tmp_path) if "lmhtx" in name] == []


@pytest.mark.parametrize("sig", SIGNALS, ids=IDS)
def test_an_init_stopped_half_way_leaves_nothing_the_next_init_does_not_clear(tmp_path, sig):
    target = tmp_path / "office"
    args = ("init", str(target), "--office", "Liên minh Hợp tác xã tỉnh Thử", "--year", "2025")
    process = subprocess.Popen([sys.executable, "-m", "lmhtx_cli", *args], env=_env(LMHTX_TEST_HOLD_WRITE="60"), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _stop_when(process, lambda: any(name.endswith(".lmhtx-fill") for name in os.listdir(tmp_path)), "the staged office", sig)
    assert not target.exists()
    done = subprocess.run([sys.executable, "-m", "lmhtx_cli", *args], env=_env(), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert (target / "plans/2025/plan.yaml").is_file()
    assert [name for name in os.listdir(tmp_path) if "lmhtx" in name] == []


@pytest.mark.parametrize("inside", [False, True], ids=["beside-the-data", "in-the-data-folder"])
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["kill-9", "sigterm"])
def test_a_report_output_stopped_before_its_rename_leaves_nothing_after_the_next_one(office, tmp_path, inside, sig):
    output = (office / "reports" if inside else tmp_path / "out") / "05.md"
    output.parent.mkdir()
    output.write_text("earlier\n", encoding="utf-8")
    if inside:
        git(office, "add", "-A")
        git(office, "commit", "-q", "-m", "reports")
    args = ("report", "month", "5", "--year", "2024", "-f", "md", "--output", str(output))
    temporaries = (lambda: list(office.glob(".lmhtx/tmp/*05.md*"))) if inside else (lambda: list(output.parent.glob(".05.md.*")))
    process = _start(office, *args, LMHTX_TEST_HOLD_WRITE="60")
    _stop_when(process, lambda: bool(temporaries()), "the temporary file", sig)
    assert output.read_text(encoding="utf-8") == "earlier\n"
    if inside:
        assert _clean(office) == ""  # the temporary sits in .lmhtx/, which git ignores
    assert _run(office, *args).returncode == 0
    assert temporaries() == [] and output.read_text(encoding="utf-8") != "earlier\n"


def test_a_planted_link_at_the_tools_temporary_folder_is_never_followed(office, tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()  # a process id that no longer runs: its leftovers would be removed
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    names = [f"{dead.pid}.keep.lmhtx-tmp", f"{dead.pid}.keep.lmhtx-tmpdir"]
    (elsewhere / names[0]).write_text("keep\n", encoding="utf-8")
    (elsewhere / names[1]).mkdir()
    (office / ".lmhtx").mkdir()
    (office / ".lmhtx/tmp").symlink_to(elsewhere)
    run = _run(office, "plan", "mark", "05-vp-1", "done", "--year", "2024", "--by", "Lan")
    assert run.returncode == 0, run.stderr
    assert sorted(os.listdir(elsewhere)) == sorted(names)


@pytest.mark.parametrize("point", ["between-renames", "before-complete"])
def test_a_site_in_the_data_folder_stopped_half_way_never_shows_in_git_status(office, point):
    output = office / "_site"
    assert _run(office, "site", "--output", str(output), "--year", "2024").returncode == 0
    git(office, "add", "-A")
    git(office, "commit", "-q", "-m", "site")
    earlier = _site_files(output)
    hold = {"between-renames": "LMHTX_TEST_HOLD_BETWEEN", "before-complete": "LMHTX_TEST_HOLD_WRITE"}[point]
    kind = {"between-renames": ".lmhtx-old", "before-complete": ".lmhtx-fill"}[point]
    process = _start(office, "site", "--output", str(output), "--year", "2024", **{hold: "60"})
    _stop_when(process, lambda: (office / ".lmhtx/tmp").is_dir() and any(name.endswith(kind) for name in os.listdir(office / ".lmhtx/tmp")), kind, signal.SIGKILL)
    status = _clean(office)
    assert all(line.startswith(" D _site/") for line in status.splitlines())  # at most the site missing until the next build
    assert ".lmhtx/" not in status and "lmhtx-fill" not in status and "lmhtx-old" not in status
    assert _run(office, "site", "--output", str(output), "--year", "2024").returncode == 0
    assert _site_files(output) == earlier  # the same data, the same bytes
    assert _clean(office) == "" and not list((office / ".lmhtx/tmp").iterdir())
