"""Two people record progress on two branches; git merges them without a conflict."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import REPO
from tests.gitutil import git, init_repo


@pytest.fixture
def office(tmp_path):
    root = tmp_path / "office"
    shutil.copytree(REPO / "plans", root / "plans")
    init_repo(root)
    return root


@pytest.mark.parametrize(
    "first, second",
    [
        ("05-quy-1", "05-quy-2"),  # neighbours in the same month and unit
        ("05-quy-2", "05-quy-1"),
        ("05-ttdt-6", "05-quy-1"),  # the last task of one unit and the first of the next
        ("05-quy-1", "05-quy-3"),
    ],
)
def test_marks_of_different_tasks_on_two_branches_merge_cleanly(lmhtx, office, first, second):
    git(office, "checkout", "-q", "-b", "lan")
    assert lmhtx("plan", "mark", first, "done", "--note", "Lan ghi", "--by", "Lan", root=office).code == 0
    git(office, "commit", "-qam", f"{first} done")
    git(office, "checkout", "-q", "main")
    git(office, "checkout", "-q", "-b", "minh")
    assert lmhtx("plan", "mark", second, "in_progress", "--note", "Minh ghi", "--by", "Minh", root=office).code == 0
    assert lmhtx("plan", "mark", second, "done", "--on", "30/11/2026", "--by", "Minh", root=office).code == 0
    git(office, "commit", "-qam", f"{second} done")
    git(office, "checkout", "-q", "main")
    git(office, "merge", "-q", "--no-edit", "lan")
    merged = git(office, "merge", "--no-edit", "minh", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert lmhtx("validate", root=office).code == 0
    tasks = {t["id"]: t for t in json.loads(lmhtx("plan", "show", "--year", "2024", "-m", "5", "-f", "json", root=office).out)}
    assert tasks[first]["history"] == [{"on": "2026-11-24", "status": "done", "by": "Lan", "note": "Lan ghi"}]
    assert [h["status"] for h in tasks[second]["history"]] == ["in_progress", "done"]


def test_a_mark_is_a_small_readable_diff(lmhtx, office):
    lmhtx("plan", "mark", "05-quy-2", "done", "--on", "20/05/2024", "--ref", "Số 66/KH-LMHTX", "--by", "Lan", root=office)
    diff = git(office, "diff", "-U0").stdout
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == [
        "-      status: planned",
        "+      status: done",
        "+      history:",
        "+        - on: 2024-05-20",
        "+          status: done",
        '+          by: "Lan"',
        '+          ref: "Số 66/KH-LMHTX"',
    ]
