"""Writes are atomic, serialized and careful: killed half way, run at once, or racing an editor."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lmhtx_cli.errors import UserError
from lmhtx_cli.store import lock, writeback
from tests.conftest import REPO


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "LMHTX_ROOT"}
    env.update({"LMHTX_TODAY": "2030-06-01", "NO_COLOR": "1"}, **extra)
    return env


def _lmhtx(root: Path, *args: str, **extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "lmhtx_cli", "--root", str(root), *args], env=_env(**extra), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_a_write_killed_half_way_leaves_the_old_file_intact(small_root):
    path = small_root / "plans/2030/01.yaml"
    before = path.read_bytes()
    process = _lmhtx(small_root, "plan", "mark", "01-vp-2", "done", LMHTX_TEST_HOLD_WRITE="30")
    deadline = time.monotonic() + 20
    while not list(small_root.glob(".lmhtx/tmp/*.lmhtx-tmp")):  # in the tool's folder, which git ignores
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the write never started"
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert path.read_bytes() == before
    # the next write clears the dead process's temporary file and succeeds
    finished = _lmhtx(small_root, "plan", "mark", "01-vp-2", "done")
    assert finished.wait() == 0
    assert not list(small_root.glob(".lmhtx/tmp/*")) and not list(path.parent.glob(".*lmhtx*"))
    assert b"status: done" in path.read_bytes()


def test_twenty_marks_at_once_are_serialized_and_all_recorded(tmp_path):
    import shutil

    root = tmp_path / "office"
    shutil.copytree(REPO / "plans", root / "plans")
    ids = [f"05-{unit}-{n}" for unit, count in (("vp", 2), ("khth", 4), ("kttv", 4), ("tttt", 5), ("ttht", 5)) for n in range(1, count + 1)]
    assert len(ids) == 20
    processes = [_lmhtx(root, "plan", "mark", task_id, "done", "--year", "2024", "--note", f"lần {i}") for i, task_id in enumerate(ids)]
    for process in processes:
        assert process.wait(timeout=120) == 0, process.communicate()
    shown = subprocess.run([sys.executable, "-m", "lmhtx_cli", "--root", str(root), "plan", "show", "--year", "2024", "-m", "5", "-f", "json"], env=_env(), capture_output=True, text=True)
    tasks = {t["id"]: t for t in json.loads(shown.stdout)}
    assert all(tasks[i]["status"] == "done" for i in ids)
    for n, task_id in enumerate(ids):
        (entry,) = tasks[task_id]["history"]
        assert (entry["on"], entry["status"], entry["note"]) == ("2030-06-01", "done", f"lần {n}")
    check = subprocess.run([sys.executable, "-m", "lmhtx_cli", "--root", str(root), "validate"], env=_env(), capture_output=True, text=True)
    assert check.returncode == 0, check.stdout


def test_a_file_changed_on_disk_while_working_is_not_overwritten(english, lmhtx, small_root, monkeypatch):
    path = small_root / "plans/2030/01.yaml"

    def someone_edits_the_file() -> None:
        path.write_text(path.read_text(encoding="utf-8") + "# edited in an editor meanwhile\n", encoding="utf-8")

    monkeypatch.setattr(writeback, "current_bytes", lambda p: (someone_edits_the_file(), p.read_bytes())[1])
    run = lmhtx("plan", "mark", "01-vp-2", "done", root=small_root)
    assert run.code == 2
    assert "changed on disk" in run.err and "nothing was written" in run.err
    assert 'text: "Tham mưu công tác tuyển dụng."\n      status: planned\n' in path.read_text(encoding="utf-8")
    assert path.read_text(encoding="utf-8").endswith("# edited in an editor meanwhile\n")


def test_a_disk_that_refuses_the_write_changes_nothing(english, lmhtx, small_root, monkeypatch):
    path = small_root / "plans/2030/01.yaml"
    before = path.read_bytes()

    def full_disk(src, dst, **_dir_fds):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writeback.os, "replace", full_disk)
    run = lmhtx("plan", "mark", "01-vp-2", "done", root=small_root)
    assert run.code == 2
    assert run.err == "lmhtx: error: plans/2030/01.yaml: cannot write the file: No space left on device; nothing was changed\n"
    assert path.read_bytes() == before
    assert not list(path.parent.glob(".*.lmhtx-tmp")) and not list(small_root.glob(".lmhtx/tmp/*"))


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into a read-only folder")
def test_a_read_only_folder_is_a_clear_error(english, lmhtx, small_root):
    folder = small_root / "plans/2030"
    before = (folder / "01.yaml").read_bytes()
    folder.chmod(0o555)
    try:
        run = lmhtx("plan", "mark", "01-vp-2", "done", root=small_root)
    finally:
        folder.chmod(0o755)
    assert run.code == 2 and "cannot write the file" in run.err
    assert (folder / "01.yaml").read_bytes() == before


def test_the_lock_makes_a_second_writer_wait(english, small_root, monkeypatch):
    monkeypatch.setenv("LMHTX_LOCK_TIMEOUT", "0.2")
    holder = _lmhtx(small_root, "plan", "mark", "01-vp-2", "done", LMHTX_TEST_HOLD_WRITE="3")
    deadline = time.monotonic() + 20
    while not list(small_root.glob(".lmhtx/tmp/*.lmhtx-tmp")):
        assert time.monotonic() < deadline
        time.sleep(0.02)
    with pytest.raises(UserError, match="another lmhtx"):
        with lock.data_lock(small_root):
            pass
    assert holder.wait(timeout=30) == 0


def test_the_repository_data_is_untouched_by_the_tests():
    assert b"status: done" not in (REPO / "plans/2024/05.yaml").read_bytes()
