"""A change that spans files is all or nothing: a postpone writes the continuation (another month
file) and the task itself; killed at any point, the next command leaves both written or neither,
and a re-run never adds a second continuation."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from lmhtx_cli.store import writeback
from tests.conftest import REPO
from tests.store.processes import run_tool as _run
from tests.store.processes import start_tool as _start

POSTPONE = ("plan", "mark", "05-vp-1", "postponed", "--to", "2024-07", "--year", "2024", "--by", "Lan", "--on", "2024-05-20")


@pytest.fixture
def office(tmp_path) -> Path:
    root = tmp_path / "office"
    shutil.copytree(REPO / "plans", root / "plans")
    _run(root, "plan", "show", "--year", "2024")  # a warm cache, which must not hide what happens next
    return root


def _kill_when(process: subprocess.Popen, ready, what: str) -> None:
    deadline = time.monotonic() + 60
    while not ready():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, f"never reached: {what}"
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()


def _continuations(root: Path) -> int:
    return (root / "plans/2024/07.yaml").read_text(encoding="utf-8").count("continues: 05-vp-1")


def _task(root: Path, task_id: str) -> dict:
    run = _run(root, "plan", "show", task_id, "--year", "2024", "-f", "json")
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def _changed(root: Path, before: dict[str, bytes]) -> list[str]:
    return [name for name, data in before.items() if (root / name).read_bytes() != data]


def _files(root: Path) -> dict[str, bytes]:
    return {name: (root / name).read_bytes() for name in ("plans/2024/05.yaml", "plans/2024/07.yaml")}


def test_killed_between_the_two_renames_the_next_command_finishes_the_change(office):
    before = _files(office)
    process = _start(office, *POSTPONE, LMHTX_TEST_HOLD_BETWEEN="60")
    _kill_when(process, lambda: _changed(office, before), "the first rename")
    assert len(_changed(office, before)) == 1  # half way: one file written, the other not
    assert (office / ".lmhtx/journal/manifest.json").is_file()
    # the next command, whatever it is, finishes the change before it reads anything
    task = _task(office, "05-vp-1")
    assert task["status"] == "postponed"
    assert task["history"][-1]["continued_as"] == "07-vp-pzw"
    assert _continuations(office) == 1
    assert not (office / ".lmhtx/journal").exists()
    again = _run(office, *POSTPONE)
    assert again.returncode == 2 and _continuations(office) == 1
    assert _run(office, "validate").returncode == 0


def test_killed_before_the_journal_is_complete_nothing_is_written(office):
    july, may = office / "plans/2024/07.yaml", office / "plans/2024/05.yaml"
    before = (july.read_bytes(), may.read_bytes())
    process = _start(office, *POSTPONE, LMHTX_TEST_HOLD_JOURNAL="60")
    _kill_when(process, lambda: (office / ".lmhtx/journal/1.new").exists(), "the journal")
    assert _task(office, "05-vp-1")["status"] == "planned"
    assert (july.read_bytes(), may.read_bytes()) == before
    assert not (office / ".lmhtx/journal").exists()
    # the change can simply be made again, once
    assert _run(office, *POSTPONE).returncode == 0
    assert _continuations(office) == 1 and _task(office, "05-vp-1")["status"] == "postponed"


def test_killed_during_the_first_rename_the_change_is_rolled_forward(office):
    july = office / "plans/2024/07.yaml"
    before = _files(office)
    temporaries = office / ".lmhtx/tmp"
    process = _start(office, *POSTPONE, LMHTX_TEST_HOLD_WRITE="60")
    _kill_when(process, lambda: temporaries.is_dir() and bool(list(temporaries.glob("*.lmhtx-tmp"))), "the first temporary file")
    assert _changed(office, before) == []
    assert not list(july.parent.glob(".*lmhtx*"))  # the temporary is in the tool's own folder, which git ignores
    # a writer finishes it too (under its lock), then does its own change
    assert _run(office, "plan", "mark", "05-vp-2", "done", "--year", "2024", "--by", "Lan").returncode == 0
    assert _continuations(office) == 1
    assert _task(office, "05-vp-1")["status"] == "postponed" and _task(office, "05-vp-2")["status"] == "done"
    assert not list(temporaries.iterdir())


def test_a_file_edited_by_hand_after_a_kill_is_never_overwritten(office):
    before = _files(office)
    process = _start(office, *POSTPONE, LMHTX_TEST_HOLD_BETWEEN="60")
    _kill_when(process, lambda: _changed(office, before), "the first rename")
    (written,) = _changed(office, before)
    (waiting,) = set(before) - {written}
    path = office / waiting
    path.write_bytes(path.read_bytes() + b"# edited by hand meanwhile\n")
    edited = path.read_bytes()
    run = _run(office, "plan", "show", "05-vp-1", "--year", "2024")
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert waiting in run.stderr and "edited since" in run.stderr
    assert path.read_bytes() == edited


def test_a_damaged_or_incomplete_journal_is_discarded(office):
    july = office / "plans/2024/07.yaml"
    before = july.read_bytes()
    journal = office / ".lmhtx/journal"
    journal.mkdir(parents=True)
    (journal / "0.new").write_bytes(b"year: 2024\nmonth: 7\nunits: {}\n")  # no manifest: never complete
    assert _task(office, "05-vp-1")["status"] == "planned"
    assert not journal.exists() and july.read_bytes() == before
    journal.mkdir()
    (journal / "manifest.json").write_bytes(b'{"files": [{"target": "plans/2024/07.yaml", "data": "0.new", "old": null, "new": [1, 2]}]}')
    (journal / "0.new").write_bytes(b"units: {}\n")
    run = _run(office, "plan", "show", "05-vp-1", "--year", "2024")
    assert run.returncode == 2 and "not acted on" in run.stderr  # a manifest this clone did not write
    assert july.read_bytes() == before


def test_a_disk_that_refuses_the_second_file_puts_the_first_back(lmhtx, office, monkeypatch):
    july, may = office / "plans/2024/07.yaml", office / "plans/2024/05.yaml"
    before = (july.read_bytes(), may.read_bytes())
    real_replace = os.replace

    calls = []

    def full_disk_for_the_second_file(src, dst, **dir_fds):
        if str(src).endswith(".lmhtx-tmp"):  # a data file's new text renamed into its folder
            calls.append(Path(dst).name)
        if len(calls) == 2:  # the second file of the change
            raise OSError(28, "No space left on device")
        return real_replace(src, dst, **dir_fds)

    monkeypatch.setattr(writeback.os, "replace", full_disk_for_the_second_file)
    monkeypatch.setenv("LMHTX_TODAY", "2024-05-20")
    run = lmhtx(*POSTPONE, root=office)
    assert run.code == 2 and "No space left on device" in run.err
    assert len(calls) == 3 and calls[0] == calls[2]  # the first file was written, then put back
    assert (july.read_bytes(), may.read_bytes()) == before
    assert not (office / ".lmhtx/journal").exists()


@pytest.mark.parametrize("target", ["../outside.txt", "/tmp/lmhtx-journal-target.txt", "plans/../../outside.txt"], ids=["dot-dot", "absolute", "hidden-dot-dot"])
def test_a_journal_naming_a_file_out_of_the_folder_writes_nothing(office, tmp_path, target):
    outside = tmp_path / "outside.txt"
    outside.write_text("keep\n", encoding="utf-8")
    journal = office / ".lmhtx/journal"
    journal.mkdir(parents=True)
    (journal / "0.new").write_bytes(b"pwned\n")
    (journal / "manifest.json").write_text(f'{{"files": [{{"target": "{target}", "data": "0.new", "old": null, "new": [6, 1]}}]}}', encoding="utf-8")
    run = _run(office, "plan", "show", "05-vp-1", "--year", "2024")
    assert run.returncode == 2 and "not acted on" in run.stderr
    assert outside.read_text(encoding="utf-8") == "keep\n"
    assert not Path("/tmp/lmhtx-journal-target.txt").exists()
