"""Random progress on two branches, merged by git with the driver: the result always validates
and holds every task and every history entry of both sides, or, where the two sides took
decisions on one task that cannot both stand (postponed on one, changed later or postponed
elsewhere on the other), git stops with markers around those tasks only, each with its reason."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.conftest import DATA
from tests.gitutil import git, init_repo

TASKS = ["01-vp-1", "01-vp-2", "01-ttdt-1", "01-quy-1", "02-ttht-1", "05-quy-1"]
STATUSES = ["in_progress", "done", "planned", "cancelled"]
UNITS = ["vp", "ttht", "ttdt", "quy"]

mark = st.tuples(st.just("mark"), st.sampled_from(TASKS), st.sampled_from(STATUSES))
add = st.tuples(st.just("add"), st.sampled_from([1, 2, 5]), st.sampled_from(UNITS))
postpone = st.tuples(st.just("postpone"), st.sampled_from(TASKS), st.sampled_from([6, 8]))
steps = st.lists(st.one_of(mark, add, postpone), min_size=1, max_size=4)


def _tasks(lmhtx, root) -> dict[str, dict]:
    shown = lmhtx("plan", "show", "--year", "2030", "-f", "json", root=root)
    assert shown.code == 0, shown.err
    return {t["id"]: t for t in json.loads(shown.out)}


def _play(lmhtx, root, name: str, moves, first_day: int) -> None:
    git(root, "checkout", "-q", "-b", name, "main")
    for n, move in enumerate(moves):
        day = f"2030-03-{first_day + 2 * n:02d}"
        if move[0] == "mark":
            lmhtx("plan", "mark", move[1], move[2], "--on", day, "--note", f"{name} {n}", "--by", name, root=root)  # a refused mark (a closed task) is fine
        elif move[0] == "postpone":
            lmhtx("plan", "mark", move[1], "postponed", "--to", f"2030-{move[2]:02d}", "--on", day, "--by", name, root=root)  # may be refused too
        else:
            assert lmhtx("plan", "add", "--month", str(move[1]), "--unit", move[2], f"Việc {name} {n}.", root=root).code == 0
    git(root, "add", "-A")
    git(root, "commit", "-q", "--allow-empty", "-m", name)


def _entries(task: dict) -> Counter:
    """The events of a task's history, without what is derived from other tasks (continued_as)."""
    return Counter(json.dumps({k: v for k, v in h.items() if k != "continued_as"}, sort_keys=True, ensure_ascii=False) for h in task["history"])


def _new_records(side: dict, base: dict) -> Counter:
    """The tasks a side added, as (text, what it continues, month): one postponement recorded on
    both sides is one continuation after the merge."""
    return Counter((t["text"], t["continues"], t["month"]) for i, t in side.items() if i not in base)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(lan=steps, minh=steps, same_day=st.booleans())
def test_random_progress_on_two_branches_merges_to_valid_files_with_every_event(english, tmp_path_factory, lmhtx, lan, minh, same_day):
    root = tmp_path_factory.mktemp("office")
    shutil.copytree(DATA / "small", root, dirs_exist_ok=True)
    init_repo(root)
    assert lmhtx("merge-driver", "install", root=root).code == 0
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "driver")
    base = _tasks(lmhtx, root)
    _play(lmhtx, root, "lan", lan, 1)
    lan_tasks = _tasks(lmhtx, root)
    _play(lmhtx, root, "minh", minh, 1 if same_day else 2)
    minh_tasks = _tasks(lmhtx, root)

    merged = git(root, "merge", "--no-edit", "lan", check=False)
    event("stopped on decisions that cannot both stand" if merged.returncode else "merged cleanly")
    if merged.returncode != 0:  # only decisions that cannot both stand, each said, around its task only
        marked = {i for line in re.findall(r"conflict markers around (.+)", merged.stderr) for i in line.split(", ")}
        clashes = set(re.findall(r"yaml: ([\w-]+): postponed ", merged.stderr))
        assert marked and marked == clashes, merged.stdout + merged.stderr
        for task_id in clashes:
            assert task_id in lan_tasks and task_id in minh_tasks and lan_tasks[task_id]["history"] != minh_tasks[task_id]["history"]
            assert "postponed" in {h["status"] for h in lan_tasks[task_id]["history"] + minh_tasks[task_id]["history"]}
        return
    assert lmhtx("validate", root=root).code == 0, lmhtx("validate", root=root).out
    result = _tasks(lmhtx, root)

    records = Counter((t["text"], t["continues"], t["month"]) for t in result.values())
    expected = Counter((t["text"], t["continues"], t["month"]) for t in base.values())
    expected.update(_new_records(lan_tasks, base) | _new_records(minh_tasks, base))
    assert records == expected  # every task of both sides, once, each under its own id
    for task_id in base:
        ours, theirs, both = _entries(minh_tasks[task_id]), _entries(lan_tasks[task_id]), _entries(result[task_id])
        assert both == ours | theirs, task_id  # every event of both sides, each once
        history = result[task_id]["history"]
        assert [h["on"] for h in history] == sorted(h["on"] for h in history)
        if history:
            assert result[task_id]["status"] == history[-1]["status"]
