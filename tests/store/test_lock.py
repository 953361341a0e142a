"""One writer at a time, whoever runs it: the lock lives with the data, git never sees it, and a
writer that waits in vain says which lock holds it and who holds it."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lmhtx_cli.errors import UserError
from lmhtx_cli.store import lock
from tests.conftest import REPO

IDS = [f"05-{unit}-{n}" for unit, count in (("vp", 2), ("khth", 4), ("kttv", 4), ("tttt", 5)) for n in range(1, count + 1)]


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LMHTX_ROOT", "LMHTX_LOCK_TIMEOUT")}
    env.update({"LMHTX_TODAY": "2030-06-01", "NO_COLOR": "1", "LMHTX_LANG": "en"}, **extra)
    return env


def _lmhtx(root: Path, *args: str, **extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "lmhtx_cli", "--root", str(root), *args], env=_env(**extra), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _office(tmp_path: Path) -> Path:
    root = tmp_path / "office"
    shutil.copytree(REPO / "plans", root / "plans")
    return root


def test_sixteen_writers_with_two_temporary_folders_lose_no_mark(tmp_path):
    root = _office(tmp_path)
    temporary = [tmp_path / "tmp-a", tmp_path / "tmp-b"]
    for folder in temporary:
        folder.mkdir()
    assert len(IDS) == 15
    ids = IDS + ["05-ttht-1"]
    processes = [_lmhtx(root, "plan", "mark", task_id, "done", "--year", "2024", "--by", f"user {i % 2}", "--note", f"lần {i}", TMPDIR=str(temporary[i % 2])) for i, task_id in enumerate(ids)]
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    shown = subprocess.run([sys.executable, "-m", "lmhtx_cli", "--root", str(root), "plan", "show", "--year", "2024", "-m", "5", "-f", "json"], env=_env(), capture_output=True, text=True)
    tasks = {t["id"]: t for t in json.loads(shown.stdout)}
    for n, task_id in enumerate(ids):
        assert tasks[task_id]["status"] == "done", task_id
        (entry,) = tasks[task_id]["history"]
        assert entry["note"] == f"lần {n}"
    assert (root / ".lmhtx" / "lock").is_file()
    assert not list(temporary[0].iterdir()) and not list(temporary[1].iterdir())  # nothing of the lock in $TMPDIR


def test_git_never_shows_the_lock(tmp_path):
    root = _office(tmp_path)
    git = ["git", "-c", "user.name=T", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q", str(root)], check=True)
    subprocess.run([*git, "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "data"], cwd=root, check=True)
    process = _lmhtx(root, "plan", "mark", "05-vp-1", "done", "--year", "2024", "--by", "Lan")
    assert process.wait(timeout=60) == 0
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=root, capture_output=True, text=True, check=True).stdout
    assert status.splitlines() == [" M plans/2024/05.yaml"]
    assert (root / ".lmhtx" / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"


def _hold_the_lock(root: Path, seconds: str = "3") -> subprocess.Popen:
    holder = _lmhtx(root, "plan", "mark", "05-vp-2", "done", "--year", "2024", "--by", "Lan", LMHTX_TEST_HOLD_WRITE=seconds)
    deadline = time.monotonic() + 30
    while not list(root.glob(".lmhtx/tmp/*.lmhtx-tmp")):
        assert holder.poll() is None, holder.communicate()
        assert time.monotonic() < deadline, "the holder never took the lock"
        time.sleep(0.02)
    return holder


def test_a_writer_that_waits_in_vain_names_the_lock_and_its_holder(tmp_path):
    root = _office(tmp_path)
    holder = _hold_the_lock(root)
    started = time.monotonic()
    waiter = _lmhtx(root, "plan", "mark", "05-vp-1", "done", "--year", "2024", LMHTX_LOCK_TIMEOUT="0.5")
    out, err = waiter.communicate(timeout=60)
    assert waiter.returncode == 2
    assert time.monotonic() - started < 15
    assert err.count("\n") == 1 and "Traceback" not in err
    assert ".lmhtx/lock" in err and str(root / ".lmhtx" / "lock") in err
    assert f"process {holder.pid}" in err and "waited 0.5 s" in err
    assert holder.wait(timeout=60) == 0
    assert b"05-vp-1\n      text" in (root / "plans/2024/05.yaml").read_bytes()  # the waiter wrote nothing
    # once the holder is done, the same command goes through
    assert _lmhtx(root, "plan", "mark", "05-vp-1", "done", "--year", "2024", LMHTX_LOCK_TIMEOUT="0.5").wait(timeout=60) == 0


def test_a_writer_waits_for_the_lock_rather_than_failing(tmp_path):
    root = _office(tmp_path)
    holder = _hold_the_lock(root, "1.5")
    waiter = _lmhtx(root, "plan", "mark", "05-vp-1", "done", "--year", "2024", "--by", "Lan")
    assert waiter.wait(timeout=60) == 0, waiter.communicate()
    assert holder.wait(timeout=60) == 0
    text = (root / "plans/2024/05.yaml").read_text(encoding="utf-8")
    assert text.count("status: done") == 4  # both tasks, each with its history entry


def test_the_lock_waits_thirty_seconds_unless_told_otherwise(monkeypatch):
    monkeypatch.delenv("LMHTX_LOCK_TIMEOUT", raising=False)
    assert lock.lock_timeout() >= 30
    monkeypatch.setenv("LMHTX_LOCK_TIMEOUT", "not a number")
    assert lock.lock_timeout() >= 30
    monkeypatch.setenv("LMHTX_LOCK_TIMEOUT", "2.5")
    assert lock.lock_timeout() == 2.5


def test_the_lock_is_shared_by_the_users_of_a_shared_folder(tmp_path):
    root = _office(tmp_path)
    root.chmod(0o2775)  # a folder the office's group writes
    with lock.data_lock(root):
        mode = (root / ".lmhtx" / "lock").stat().st_mode
        holder = (root / ".lmhtx" / "lock.holder").read_text(encoding="utf-8").split("\n")
    assert mode & stat.S_IWGRP and (root / ".lmhtx").stat().st_mode & stat.S_IWGRP
    assert holder[0] == str(os.getpid())
    assert not (root / ".lmhtx" / "lock.holder").exists()  # said only while it is held


@pytest.mark.parametrize("what", ["file", "link"])
def test_a_state_folder_that_is_not_a_folder_is_a_clear_error(tmp_path, what):
    root = _office(tmp_path)
    if what == "file":
        (root / ".lmhtx").write_text("x", encoding="utf-8")
    else:
        (tmp_path / "elsewhere").mkdir()
        (root / ".lmhtx").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(UserError) as error:
        with lock.data_lock(root):
            pass
    assert error.value.file == ".lmhtx/"
    process = _lmhtx(root, "plan", "mark", "05-vp-1", "done", "--year", "2024")
    out, err = process.communicate(timeout=60)
    assert process.returncode == 2 and ".lmhtx/" in err and "Traceback" not in err
