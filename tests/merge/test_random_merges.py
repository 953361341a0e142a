"""Random work of two or three clerks (marks, postponements, additions, re-wordings, comments,
tags, petitions), each step a commit, integrated by git with the driver in every way a clerk may:
merged in both directions, rebased, merged a second time after more work, and reverted.

What must hold, every time:
- every record of every side is in the result once, under the id its branch gave it (a merge
  never renumbers, so later work lands on it), and every event of every side is in the result
  exactly once, on the record it was recorded on;
- the result is the same in both directions (same records, same fields, same history order),
  and every clerk's comment line survives, once;
- git stops only where two decisions really clash (one task decided two ways on one day,
  postponed on one side and changed later or closed on the other, postponed to two months,
  re-worded or tagged two ways), and then with markers around that task only, each named;
- a rebase ends in the same records and events as the merge; a branch merged again after more
  work brings only its new events; a revert of a merged step takes back that step alone.

The suite runs a bounded number of examples; `bench/merge_property.py` runs many more.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st

from lmhtx_cli.store.yamlio import parse
from tests.conftest import REPO
from tests.gitutil import git, init_repo

TASKS = ["05-vp-1", "05-vp-2", "05-khth-1", "05-quy-1", "06-vp-1", "06-quy-1"]
STATUSES = ["in_progress", "done", "cancelled"]
THREADS = ["rau-an-toan", "dai-hoi-7"]
EXAMPLES = int(os.environ.get("LMHTX_MERGE_EXAMPLES", "25"))

mark = st.tuples(st.just("mark"), st.sampled_from(TASKS), st.sampled_from(STATUSES))
postpone = st.tuples(st.just("postpone"), st.sampled_from(TASKS), st.sampled_from([8, 9]))
add = st.tuples(st.just("add"), st.sampled_from([5, 6]), st.sampled_from(["vp", "quy"]))
reword = st.tuples(st.just("reword"), st.sampled_from(TASKS))
comment = st.tuples(st.just("comment"), st.sampled_from(TASKS))
tag = st.tuples(st.just("tag"), st.sampled_from(TASKS), st.sampled_from(THREADS))
petition = st.tuples(st.just("petition"), st.sampled_from(["thang-thuy", "quang-hai"]))
steps = st.lists(st.one_of(mark, postpone, add, reword, comment, tag, petition), min_size=1, max_size=4)


# -- the clerks' work -------------------------------------------------------------------------------
def _edit(root: Path, name: str, change) -> bool:
    path = root / name
    text = path.read_text(encoding="utf-8")
    new = change(text)
    if new == text:
        return False
    path.write_text(new, encoding="utf-8")
    return True


def _month_file(task_id: str) -> str:
    return f"plans/2024/{task_id[:2]}.yaml"


def _play(lmhtx, root: Path, clerk: str, moves, first_day: int) -> None:
    """The clerk's moves on branch `clerk` (from main), one commit each; a move the tool refuses
    (a closed task, a month not after the live end) is a move not made."""
    git(root, "checkout", "-q", "-b", clerk, "main")
    for n, move in enumerate(moves):
        day = f"{first_day + 2 * n:02d}/06/2024"
        kind = move[0]
        if kind == "mark":
            lmhtx("plan", "mark", move[1], move[2], "--on", day, "--note", f"{clerk} {n}", "--by", clerk, root=root)
        elif kind == "postpone":
            lmhtx("plan", "mark", move[1], "postponed", "--to", f"2024-{move[2]:02d}", "--on", day, "--by", clerk, root=root)
        elif kind == "add":
            assert lmhtx("plan", "add", "--year", "2024", "--month", str(move[1]), "--unit", move[2], f"Việc {clerk} {n}.", "--on", day, root=root).code == 0
        elif kind == "reword":
            _edit(root, _month_file(move[1]), lambda t, m=move, n=n: re.sub(rf'(- id: {m[1]}\n\s+text: "[^"\n]*?)\.?"', rf'\1 ({clerk} sửa {n})."', t, count=1))
        elif kind == "comment":
            _edit(root, _month_file(move[1]), lambda t, m=move, n=n: re.sub(rf"\n(\s+)- id: {m[1]}\n", rf"\n\1# ghi chú của {clerk} {n}\n\1- id: {m[1]}\n", t, count=1))
        elif kind == "tag":
            lmhtx("plan", "tag", move[1], "--thread", move[2], "--year", "2024", root=root)
        else:
            assert lmhtx("petitions", "add", f"Kiến nghị của {clerk} {n}.", "--member", move[1], "--topic", "vốn", "--on", day, root=root).code == 0
        git(root, "add", "-A")
        git(root, "commit", "-q", "--allow-empty", "-m", f"{clerk} {n}: {kind}")


# -- what a branch holds ------------------------------------------------------------------------------
def _files(root: Path) -> dict[str, str]:
    names = sorted(p.relative_to(root).as_posix() for p in (root / "plans/2024").glob("*.yaml"))
    return {name: (root / name).read_text(encoding="utf-8") for name in [*names, "members/petitions/2024.yaml"]}


def _records(files: dict[str, str]) -> dict[str, dict]:
    """Every task and petition by id (tasks of the files, petitions of the year)."""
    records = {}
    for name, text in files.items():
        data = parse(text, name).data
        assert isinstance(data, dict), name
        if name.endswith("plan.yaml"):
            continue
        if name.startswith("members/"):
            for record in data.get("petitions") or []:
                records[record["id"]] = record
            continue
        for items in (data.get("units") or {}).values():
            for record in items or []:
                records[record["id"]] = record
    return records


def _state(root: Path, ref: str) -> tuple[dict[str, dict], dict[str, str]]:
    git(root, "checkout", "-q", ref)
    files = _files(root)
    return _records(files), files


def _entry(entry: dict) -> str:
    return json.dumps({k: str(v) for k, v in entry.items() if k != "continued_as"}, sort_keys=True, ensure_ascii=False)


def _events(records: dict[str, dict]) -> Counter:
    """Every history entry, on the record it was recorded on."""
    return Counter((record_id, _entry(e)) for record_id, record in records.items() for e in record.get("history") or [])


def _fields(records: dict[str, dict]) -> dict[str, dict]:
    """The records without their history (checked as events) and without the derived status."""
    return {i: {k: str(v) for k, v in r.items() if k not in ("history", "status")} for i, r in records.items()}


def _comments(files: dict[str, str]) -> Counter:
    return Counter(line.strip() for text in files.values() for line in text.splitlines() if "# ghi chú của" in line)


# -- what clashes ----------------------------------------------------------------------------------
def _new(side: dict, base: dict, record_id: str) -> list[dict]:
    before = [_entry(e) for e in (base.get(record_id) or {}).get("history") or []]
    out = []
    for entry in (side.get(record_id) or {}).get("history") or []:
        if _entry(entry) in before:
            before.remove(_entry(entry))
        else:
            out.append(entry)
    return out


def _clashes(base: dict, ours: dict, theirs: dict) -> set[str]:
    """The records two sides decided in ways that cannot both stand."""
    found = set()
    for record_id in set(ours) & set(theirs):
        a, b = _new(ours, base, record_id), _new(theirs, base, record_id)
        mine, other = ours[record_id], theirs[record_id]
        origin = base.get(record_id, {})
        for key in ("text", "thread"):
            if mine.get(key) != origin.get(key) and other.get(key) != origin.get(key) and mine.get(key) != other.get(key):
                found.add(record_id)
        if not a or not b:
            continue
        last_a, last_b = {str(e["on"]): e["status"] for e in a}, {str(e["on"]): e["status"] for e in b}
        if any(last_a[d] != last_b[d] for d in set(last_a) & set(last_b)):
            found.add(record_id)
        postponed = [e for e in a + b if e["status"] == "postponed"]
        if postponed:
            statuses_a, statuses_b = {e["status"] for e in a}, {e["status"] for e in b}
            later = max(a + b, key=lambda e: e["on"])
            closed = {"done", "cancelled"}
            if len({str(e.get("to")) for e in postponed}) > 1 or later["status"] != "postponed" or ("postponed" in statuses_a and statuses_b & closed) or ("postponed" in statuses_b and statuses_a & closed):
                found.add(record_id)
    return found


def _continuation_clashes(base: dict, ours: dict, theirs: dict) -> set[str]:
    """A continuation written on both sides is one record: it clashes where its task does."""
    found = set()
    for record_id in (set(ours) & set(theirs)) - set(base):
        origin = ours[record_id].get("continues")
        if origin and (ours[record_id].get("text") != theirs[record_id].get("text")):
            found.add(record_id)
    return found


def _merge(root: Path, name: str, start: str, other: str):
    git(root, "checkout", "-q", "-b", name, start)
    return git(root, "merge", "--no-edit", other, check=False)


def _marked(root: Path) -> set[str]:
    """The ids of the records between conflict markers, in every file."""
    found = set()
    for text in _files(root).values():
        for block in re.findall(r"<<<<<<< ours\n(.*?)>>>>>>> theirs", text, re.S):
            found |= set(re.findall(r"- id: ([\w-]+)", block))
    return found


def _union_of_events(base: dict, *sides: dict) -> Counter:
    expected = _events(base)
    for side in sides:
        expected += _events(side) - _events(base)
    return expected


def _abort(root: Path) -> None:
    git(root, "merge", "--abort", check=False)
    git(root, "reset", "-q", "--hard")


@settings(max_examples=EXAMPLES, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink], suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large])
@given(lan=steps, minh=steps, hoa=st.one_of(st.none(), steps), more=st.sampled_from([*TASKS, "added"]), same_day=st.booleans())
def test_random_work_of_clerks_integrates_the_same_in_every_way(english, tmp_path_factory, lmhtx, lan, minh, hoa, more, same_day):
    root = tmp_path_factory.mktemp("office")
    shutil.copytree(REPO / "plans", root / "plans")
    shutil.copytree(REPO / "members", root / "members")
    init_repo(root)
    assert lmhtx("merge-driver", "install", root=root).code == 0
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "driver")
    base, _base_files = _state(root, "main")
    git(root, "checkout", "-q", "main")
    _play(lmhtx, root, "lan", lan, 1)
    _play(lmhtx, root, "minh", minh, 1 if same_day else 2)
    sides = {clerk: _state(root, clerk) for clerk in ("lan", "minh")}
    lan_tip = git(root, "rev-parse", "lan").stdout.strip()
    (lan_records, lan_files), (minh_records, minh_files) = sides["lan"], sides["minh"]
    clashing = _clashes(base, minh_records, lan_records) | _continuation_clashes(base, minh_records, lan_records)

    # merged both ways
    one = _merge(root, "one", "minh", "lan")
    one_records, one_files = _state(root, "one") if one.returncode == 0 else (None, None)
    one_marked = _marked(root) if one.returncode else set()
    _abort(root)
    other = _merge(root, "other", "lan", "minh")
    other_marked = _marked(root) if other.returncode else set()
    _abort(root)
    assert (one.returncode == 0) == (other.returncode == 0), one.stderr + other.stderr  # the same in both directions
    if one.returncode:
        event("stopped where two decisions clash")
        named = {i for line in re.findall(r"conflict markers around (.+)", one.stderr) for i in line.split(", ")}
        assert one_marked == other_marked == named, (one_marked, other_marked, named, one.stderr)
        assert named and named <= clashing, (named, clashing, one.stderr)  # only where two decisions clash
        return
    assert not clashing, (clashing, one.stdout, one.stderr)  # a clash never merges in silence
    event("merged cleanly")
    assert lmhtx("validate", root=root).code == 0, lmhtx("validate", root=root).out
    other_records, other_files = _state(root, "other")
    assert set(one_records) == set(base) | set(lan_records) | set(minh_records)  # every record, under its own id
    for side in (lan_records, minh_records):
        for record_id, record in side.items():
            if record_id not in base:  # a record one side added keeps what that side wrote
                assert _fields(one_records)[record_id] == _fields({record_id: record})[record_id] or record.get("continues"), record_id
    assert _events(one_records) == _union_of_events(base, lan_records, minh_records)  # every event once, on its own record
    assert one_records == other_records  # the same result in both directions, history order too
    assert _comments(one_files) == _comments(other_files) == _comments(lan_files) | _comments(minh_files)  # comments survive, once

    # rebased: the same records and events
    git(root, "checkout", "-q", "-b", "rebased", "lan")
    rebased = git(root, "rebase", "minh", check=False)
    if rebased.returncode == 0:
        rebased_records, _files_rebased = _state(root, "rebased")
        assert _events(rebased_records) == _events(one_records) and _fields(rebased_records) == _fields(one_records)
    else:
        event("a rebase stopped where the merge did not")
        git(root, "rebase", "--abort", check=False)

    # Lan keeps working on her branch, then merges again: only the new event comes in, on its record
    git(root, "checkout", "-q", "lan")
    target = next((i for i in lan_records if i not in base and not lan_records[i].get("continues") and not i.startswith("kn-")), None) if more == "added" else more
    if target is not None:
        lmhtx("plan", "mark", target, "in_progress", "--on", "28/06/2024", "--note", "Lan, sau khi hợp nhất", "--by", "lan", root=root)
        git(root, "add", "-A")
        git(root, "commit", "-q", "--allow-empty", "-m", "lan again")
        later_lan, _later_files = _state(root, "lan")
        again = _merge(root, "again", "one", "lan")
        if again.returncode == 0:
            again_records, _again_files = _state(root, "again")
            assert _events(again_records) == _events(one_records) + (_events(later_lan) - _events(lan_records))
        else:  # Lan's new mark clashes with what the merge brought from Minh (a postponement, say)
            event("the second merge stopped where two decisions clash")
            assert _marked(root) <= _clashes(lan_records, one_records, later_lan) and _marked(root), again.stderr
            _abort(root)

    # a revert of one merged step of Lan's takes back that step alone
    git(root, "checkout", "-q", "one")
    last = git(root, "log", "--format=%H", "-n", "1", "lan~0" if target is None else "lan~1").stdout.strip()
    before_step, _f = _state(root, f"{last}~1")
    after_step, _f = _state(root, last)
    git(root, "checkout", "-q", "-b", "reverted", "one")
    reverted = git(root, "revert", "--no-edit", last, check=False)
    if reverted.returncode == 0:
        reverted_records, _files_reverted = _state(root, "HEAD")
        assert _events(reverted_records) == _events(one_records) - (_events(after_step) - _events(before_step))
        assert lmhtx("validate", root=root).code == 0, lmhtx("validate", root=root).out
    else:
        event("a revert stopped")
        git(root, "revert", "--abort", check=False)

    # a third clerk, merged after the first two in either order: the same result
    if hoa is not None:
        _play(lmhtx, root, "hoa", hoa, 3)
        first = _merge(root, "hoa-last", "one", "hoa")
        first_records = _state(root, "hoa-last")[0] if first.returncode == 0 else None
        _abort(root)
        hoa_first = _merge(root, "hoa-first", "minh", "hoa")
        if first.returncode == 0 and hoa_first.returncode == 0:
            second = git(root, "merge", "--no-edit", lan_tip, check=False)
            if second.returncode == 0:
                assert _state(root, "hoa-first")[0] == first_records
        _abort(root)
