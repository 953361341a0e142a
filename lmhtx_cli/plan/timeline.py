"""A task's state on a date, from its history: the one place every report, view and rule asks.

The history is the truth. A task's stored `status` is kept for people reading the file, and
`validate` checks that it says what the history says (`current_status`). The state on a date is
the last history entry on or before that date, in date order; before any entry a task is planned.

Postponement makes chains: a postponed task names its continuation (`continued_as` in the entry
that postponed it) and the continuation names the task it `continues`. A chain has one live end,
the only link that is not postponed; a continuation exists from the day its origin was postponed,
so a report for an earlier day neither sees it nor counts the chain twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from lmhtx_cli.dates import entry_on as dated_entry_on

if TYPE_CHECKING:
    from lmhtx_cli.plan.programme import Programme, TaskRow

PLANNED = "planned"
EVER = dt.date.max


def entries_in_order(task) -> list:
    """The history in date order (entries of one day keep the order they were written in)."""
    return sorted(task.history, key=lambda entry: entry.on)


def entry_on(task, day: dt.date):
    """The history entry in force on `day`: the last one dated on or before it, else None."""
    return dated_entry_on(task.history, day)


def status_on(task, day: dt.date) -> str:
    """The status the task had on `day`, from its history alone (planned before any entry)."""
    entry = entry_on(task, day)
    return entry.status if entry is not None else PLANNED


def current_status(task) -> str:
    """The status the whole history leads to: what the stored `status` must say."""
    return status_on(task, EVER)


def continuation_on(task, day: dt.date = EVER) -> str | None:
    """The id of the task that carries this one on, as recorded on or before `day`."""
    entry = entry_on(task, day)
    if entry is None or entry.status != "postponed":
        return None
    return entry.continued_as


# -- chains -------------------------------------------------------------------------------
Finder = Callable[[int, str], "TaskRow | None"]


def split_ref(ref: str, year: int) -> tuple[int, str]:
    """A reference to a task: "05-vp-1" in the same year, or "2023/12-vp-3" in another one."""
    if "/" in ref:
        year_text, task_id = ref.split("/", 1)
        if year_text.strip().isdigit():
            return int(year_text), task_id.strip()
    return year, ref.strip()


def ref_from(task, other_year: int, other_id: str) -> str:
    """How `task` names a task of `other_year`: its id alone in the same year, else YEAR/id."""
    return other_id if other_year == task.year else f"{other_year}/{other_id}"


class TaskIndex:
    """Tasks of one or more programmes by (year, id), to follow chains across months and years."""

    def __init__(self, programmes: Iterable[Programme | None]):
        self.tasks: dict[tuple[int, str], TaskRow] = {}
        for programme in programmes:
            if programme is None:
                continue
            for task in programme.tasks:
                self.tasks[(task.year, task.id)] = task
        self._created: dict[tuple[int, str], dt.date] = {}
        for task in self.tasks.values():
            for entry in task.history:
                if entry.status == "postponed" and entry.continued_as:
                    self._created.setdefault(split_ref(entry.continued_as, task.year), entry.on)

    def find(self, year: int, task_id: str) -> TaskRow | None:
        return self.tasks.get((year, task_id))

    def created_on(self, task) -> dt.date | None:
        """The day a continuation came into being (its origin's postponement); None for a task
        of the adopted programme, which has always been there."""
        if not task.continues:
            return None
        return self._created.get((task.year, task.id))

    def exists_on(self, task, day: dt.date) -> bool:
        created = self.created_on(task)
        return created is None or created <= day


def follow(task, find: Finder, day: dt.date = EVER) -> list:
    """The chain from `task` forward to its live end on `day`: [task, continuation, …]."""
    links = [task]
    seen = {(task.year, task.id)}
    while True:
        ref = continuation_on(links[-1], day)
        if not ref:
            return links
        year, task_id = split_ref(ref, links[-1].year)
        nxt = find(year, task_id)
        if nxt is None or (year, task_id) in seen:
            return links  # broken or looping: validate reports it; stop at the last real link
        seen.add((year, task_id))
        links.append(nxt)


def origin_of(task, find: Finder) -> object:
    """The first link of the chain `task` belongs to."""
    current = task
    seen = {(task.year, task.id)}
    while current.continues:
        year, task_id = split_ref(current.continues, current.year)
        previous = find(year, task_id)
        if previous is None or (year, task_id) in seen:
            break
        seen.add((year, task_id))
        current = previous
    return current


def chain_of(task, find: Finder) -> list:
    """The whole chain `task` is a link of, from its origin to its live end."""
    return follow(origin_of(task, find), find)


def live_end(task, find: Finder) -> object:
    """Where a change to `task` belongs: itself, or the live end of the chain it was postponed into."""
    return follow(task, find)[-1]


def finder_of(programmes: Iterable[Programme | None]) -> Finder:
    return TaskIndex(programmes).find
