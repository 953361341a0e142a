"""How plan files merge in git: which keys hold tasks, how a task added on both sides is renumbered.

The merging itself is the file layer's (`store/record_merge.py`); this says what the records of
a plan file are. In a month file, tasks sit under `units/<code>/` keyed by `id`; a task's status
follows the last entry of its history; `continues` (and `continued_as`, where a file still
holds one) name other tasks. Two people who add or postpone into the same month and unit both
take the next free id (`07-quy-4`): theirs becomes the next id after both (`07-quy-5`), as
`plan add` would have numbered it. A postponement's link is written only on the continuation
(`continues`), in the file being merged, so renumbering a continuation never leaves another
file naming its old id.
"""

from __future__ import annotations

import re

from lmhtx_cli.plan.edits import next_free_id
from lmhtx_cli.store.record_merge import MISSING, Groups, Layout, Records

_MONTH_FILE = re.compile(r"(?:^|/)plans/\d{4}/\d{2}\.ya?ml$")
_PLAN_FILE = re.compile(r"(?:^|/)plans/\d{4}/plan\.ya?ml$")


def next_task_id(container: tuple, old_id: str, taken: set) -> str | None:
    """The next free id of the task's month and unit (None for an id not shaped MM-unit-N)."""
    unit = str(container[-1])
    match = re.fullmatch(rf"(\d{{2}})-{re.escape(unit)}-\d+", old_id)
    if match is None:
        return None
    return next_free_id(int(match.group(1)), unit, taken)


def status_from_history(lists: dict[str, list]):
    """A task's status is its history's last entry's (the united history, in date order)."""
    history = lists.get("history")
    return history[-1].get("status", MISSING) if history else MISSING


MONTH_LAYOUT = Layout(
    containers={"units": Groups(Records("id", renumber=next_task_id))},
    derived={"status": status_from_history},
    links=frozenset({"continued_as", "continues"}),
)
PLAN_LAYOUT = Layout(containers={"units": Records("code"), "threads": Records("code")})


def layout_for(name: str) -> Layout | None:
    """The layout of a plan file named as git names it (`plans/2024/07.yaml`), else None."""
    if _MONTH_FILE.search(name):
        return MONTH_LAYOUT
    if _PLAN_FILE.search(name):
        return PLAN_LAYOUT
    return None
