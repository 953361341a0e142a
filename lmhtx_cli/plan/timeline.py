"""A task's state on a date, from its history: the one place every report, view and rule asks.

The history is the truth. A task's stored `status` is kept for people reading the file, and
`validate` checks that it says what the history says (`current_status`). The state on a date is
the last history entry on or before that date, in date order; before any entry a task is planned.

Postponement makes chains. The link is written once, on the continuation: it names the task it
`continues`; the postponed task's entry says only which month it moved `to`. Which task carries a
postponed one on (`continued_as`) is derived from that link, here and nowhere else, so a merge
that renumbers a continuation in its own file leaves no stale id in another file. A chain has one
live end, the only link that is not postponed; a continuation exists from the day its origin was
postponed, so a report for an earlier day neither sees it nor counts the chain twice.
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


def continuation_on(task, day: dt.date = EVER, index: TaskIndex | None = None) -> str | None:
    """How `task` names the task that carries it on, if it stood postponed on `day`."""
    entry = entry_on(task, day)
    if entry is None or entry.status != "postponed":
        return None
    if entry.continued_as is not None or index is None:
        return entry.continued_as
    found = index.continuation(task, entry)
    return ref_from(task, found.year, found.id) if found is not None else None


# -- chains -------------------------------------------------------------------------------
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


def month_ref(year: int, month: int) -> str:
    """A postponement's `to`: the month it moved to, as YYYY-MM."""
    return f"{year}-{month:02d}"


def postponement_into(origin, year: int, month: int):
    """The entry of `origin`'s history that a continuation in (year, month) came from: its last
    postponement `to` that month, else (a hand-written entry without `to`) its last postponement."""
    postponed = [entry for entry in entries_in_order(origin) if entry.status == "postponed"]
    into = [entry for entry in postponed if entry.to == month_ref(year, month)]
    if into:
        return into[-1]
    return postponed[-1] if postponed and all(entry.to is None for entry in postponed) else None


def continues_key(task) -> tuple[int, str] | None:
    """(year, id) of the task `task` continues, or None."""
    return split_ref(task.continues, task.year) if task.continues else None


def link_continuations(tasks: Iterable[TaskRow]) -> None:
    """Derive `continued_as` on each postponement entry from the continuations among `tasks`
    (one year's: the programme is built with them, and cached with its own files). The value
    read from a file is never used; `validate` checks a written one against this."""
    by_key = {(task.year, task.id): task for task in tasks}
    for task in by_key.values():
        for entry in task.history:
            entry.continued_as = None
    for task in by_key.values():
        key = continues_key(task)
        origin = by_key.get(key) if key is not None else None
        if origin is None:
            continue
        entry = postponement_into(origin, task.year, task.month)
        if entry is not None and entry.continued_as is None:
            entry.continued_as = task.id


class TaskIndex:
    """Tasks by (year, id), to follow chains across months and years. Years not given are
    loaded through `load` the first time a chain reaches them (or not at all without it)."""

    def __init__(self, programmes: Iterable[Programme | None], load: Callable[[int], Programme | None] | None = None):
        self._load = load
        self._years: dict[int, dict[str, TaskRow]] = {}
        for programme in programmes:
            if programme is not None:
                self._add(programme)

    def _add(self, programme: Programme) -> None:
        self._years[programme.year] = {task.id: task for task in programme.tasks}

    def _year(self, year: int) -> dict[str, TaskRow]:
        if year not in self._years:
            programme = self._load(year) if self._load is not None else None
            self._years[year] = {}
            if programme is not None:
                self._add(programme)
        return self._years[year]

    def find(self, year: int, task_id: str) -> TaskRow | None:
        return self._year(year).get(task_id)

    def continuation(self, task, entry) -> TaskRow | None:
        """The task that carries `task` on from its postponement `entry`: the one whose
        `continues` names it, in the month the entry moved it to."""
        if entry.continued_as is not None:
            return self.find(task.year, entry.continued_as)
        year = int(entry.to[:4]) if entry.to else task.year
        if year == task.year:
            return None  # the same year's link is derived when the programme is built
        for candidate in self._year(year).values():
            if continues_key(candidate) == (task.year, task.id) and postponement_into(task, candidate.year, candidate.month) is entry:
                return candidate
        return None

    def created_on(self, task) -> dt.date | None:
        """The day a task came into being: the day it was added (`plan add`), or for a
        continuation the day its origin was postponed; None for a task of the adopted programme,
        which has always been there."""
        if task.added is not None:
            return task.added
        key = continues_key(task)
        if key is None:
            return None
        origin = self.find(*key)
        entry = postponement_into(origin, task.year, task.month) if origin is not None else None
        return entry.on if entry is not None else None

    def exists_on(self, task, day: dt.date) -> bool:
        created = self.created_on(task)
        return created is None or created <= day


Finder = TaskIndex


def continued_elsewhere(tasks: Iterable[TaskRow], index: TaskIndex) -> dict[tuple[int, str, dt.date], str]:
    """For postponements into another year (whose link a programme cannot derive alone): how each
    task names its continuation there, by (year, id, day of the postponement). Other years are
    read only when such a postponement is among `tasks`."""
    found = {}
    for task in tasks:
        for entry in task.history:
            if entry.status == "postponed" and entry.continued_as is None and entry.to and int(entry.to[:4]) != task.year:
                continuation = index.continuation(task, entry)
                if continuation is not None:
                    found[(task.year, task.id, entry.on)] = ref_from(task, continuation.year, continuation.id)
    return found


def follow(task, index: TaskIndex, day: dt.date = EVER) -> list:
    """The chain from `task` forward to its live end on `day`: [task, continuation, …]."""
    links = [task]
    seen = {(task.year, task.id)}
    while True:
        entry = entry_on(links[-1], day)
        if entry is None or entry.status != "postponed":
            return links
        nxt = index.continuation(links[-1], entry)
        if nxt is None or (nxt.year, nxt.id) in seen:
            return links  # broken or looping: validate reports it; stop at the last real link
        seen.add((nxt.year, nxt.id))
        links.append(nxt)


def origin_of(task, index: TaskIndex) -> object:
    """The first link of the chain `task` belongs to."""
    current = task
    seen = {(task.year, task.id)}
    while current.continues:
        year, task_id = split_ref(current.continues, current.year)
        previous = index.find(year, task_id)
        if previous is None or (year, task_id) in seen:
            break
        seen.add((year, task_id))
        current = previous
    return current


def chain_of(task, index: TaskIndex) -> list:
    """The whole chain `task` is a link of, from its origin to its live end."""
    return follow(origin_of(task, index), index)


def live_end(task, index: TaskIndex) -> object:
    """Where a change to `task` belongs: itself, or the live end of the chain it was postponed into."""
    return follow(task, index)[-1]
