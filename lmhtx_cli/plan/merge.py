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

from lmhtx_cli.i18n import _
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


def postponement_clash(lists: dict[str, tuple[list, list, list, list]]) -> str | None:
    """Two decisions on one task that cannot both stand, though no key was changed two ways:
    postponed to two different months, or postponed on one side and changed later on the other
    (a chain has one live end). The person merging chooses; the driver leaves markers."""
    if "history" not in lists:
        return None
    base, ours, theirs, united = lists["history"]
    new_ours = [e for e in ours if e not in base]
    new_theirs = [e for e in theirs if e not in base]
    postponed = [e for e in new_ours + new_theirs if isinstance(e, dict) and e.get("status") == "postponed"]
    if not new_ours or not new_theirs or not postponed:
        return None
    if len({str(e.get("to")) for e in postponed}) > 1:
        return _("postponed to two different months, one on each side: keep one postponement (and delete the other month's continuation)")
    last = united[-1] if united else None
    if not isinstance(last, dict) or last.get("status") != "postponed":
        return _("postponed on one side and changed later on the other: keep the postponement and record the change on its continuation, or drop the postponement and its continuation")
    return None


MONTH_LAYOUT = Layout(
    containers={"units": Groups(Records("id", renumber=next_task_id))},
    derived={"status": status_from_history},
    links=frozenset({"continued_as", "continues"}),
    identity=frozenset({"continues"}),  # one postponement recorded on both sides: one continuation
    clash=postponement_clash,
)
PLAN_LAYOUT = Layout(containers={"units": Records("code"), "threads": Records("code")})


def layout_for(name: str) -> Layout | None:
    """The layout of a plan file named as git names it (`plans/2024/07.yaml`), else None."""
    if _MONTH_FILE.search(name):
        return MONTH_LAYOUT
    if _PLAN_FILE.search(name):
        return PLAN_LAYOUT
    return None
