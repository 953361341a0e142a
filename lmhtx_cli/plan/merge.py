"""How plan files merge in git: which keys hold tasks, and which decisions on one task cannot both stand.

The merging itself is the file layer's (`store/record_merge.py`); this says what the records of
a plan file are. In a month file, tasks sit under `units/<code>/` keyed by `id`; a task's status
follows the last entry of its history; `continues` names the task a continuation carries on.
Ids are never changed by a merge: a task added on a branch has an id no other branch gives
(`lmhtx_cli/ids.py`), and a postponement's continuation an id worked out from the task it
continues, so two clerks who postpone one task to one month write one continuation.
"""

from __future__ import annotations

import re

from lmhtx_cli.i18n import _
from lmhtx_cli.store.record_merge import MISSING, Groups, Layout, Records

_MONTH_FILE = re.compile(r"(?:^|/)plans/\d{4}/\d{2}\.ya?ml$")
_PLAN_FILE = re.compile(r"(?:^|/)plans/\d{4}/plan\.ya?ml$")
_CLOSED = frozenset({"done", "cancelled"})


def status_from_history(lists: dict[str, list]):
    """A task's status is its history's last entry's (the united history, in date order)."""
    if "history" not in lists:
        return MISSING
    history = lists["history"]
    return history[-1].get("status", MISSING) if history else "planned"  # no entry left (a revert): planned, as the history says


def _new(entries: list, base: list) -> list[dict]:
    return [e for e in entries if isinstance(e, dict) and e not in base]


def _last_of_day(entries: list[dict]) -> dict:
    """Each day's last entry, in the side's own order."""
    return {str(e.get("on")): e for e in entries}


def same_day_clash(base: list, ours: list, theirs: list) -> str | None:
    """Both sides recorded a change on one day and their day ends on two different statuses:
    which came last cannot be told, in either direction of the merge."""
    last_ours, last_theirs = _last_of_day(_new(ours, base)), _last_of_day(_new(theirs, base))
    for day in set(last_ours) & set(last_theirs):
        if last_ours[day].get("status") != last_theirs[day].get("status"):
            return _("two different decisions recorded on the same day, one on each side ({first} and {second}): keep the one that stands").format(first=last_ours[day].get("status"), second=last_theirs[day].get("status"))
    return None


def postponement_clash(lists: dict[str, tuple[list, list, list, list]]) -> str | None:
    """Two decisions on one task that cannot both stand, though no key was changed two ways:
    postponed to two different months, or postponed on one side and changed later on the other
    (a chain has one live end). The person merging chooses; the driver leaves markers."""
    if "history" not in lists:
        return None
    base, ours, theirs, united = lists["history"]
    day = same_day_clash(base, ours, theirs)
    if day is not None:
        return day
    new_ours, new_theirs = _new(ours, base), _new(theirs, base)
    postponed = [e for e in new_ours + new_theirs if e.get("status") == "postponed"]
    if not new_ours or not new_theirs or not postponed:
        return None
    if len({str(e.get("to")) for e in postponed}) > 1:
        return _("postponed to two different months, one on each side: keep one postponement (and delete the other month's continuation)")
    last = united[-1] if united else None
    if not isinstance(last, dict) or last.get("status") != "postponed":
        return _("postponed on one side and changed later on the other: keep the postponement and record the change on its continuation, or drop the postponement and its continuation")
    statuses_ours, statuses_theirs = {e.get("status") for e in new_ours}, {e.get("status") for e in new_theirs}
    if ("postponed" in statuses_ours and statuses_theirs & _CLOSED) or ("postponed" in statuses_theirs and statuses_ours & _CLOSED):
        return _("postponed on one side and closed (done or cancelled) on the other: keep one of the two decisions")
    return None


MONTH_LAYOUT = Layout(
    containers={"units": Groups(Records("id"))},
    derived={"status": status_from_history},
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
