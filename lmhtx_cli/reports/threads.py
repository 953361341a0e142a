"""Initiatives: tasks that are steps of one undertaking spread over months, and how far it has got."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from lmhtx_cli.plan.due import standing
from lmhtx_cli.plan.programme import Programme, Unit
from lmhtx_cli.plan.timeline import TaskIndex, continuation_on, entry_on, status_on
from lmhtx_cli.reports.figures import Counts, TaskLine, is_overdue


@dataclass
class Thread:
    definition: Unit
    steps: list[TaskLine] = field(default_factory=list)
    counts: Counts = field(default_factory=Counts)

    @property
    def months(self) -> list[int]:
        return sorted({line.task.month for line in self.steps})

    @property
    def units(self) -> list[str]:
        return list(dict.fromkeys(line.task.unit for line in self.steps))


def threads_of(programme: Programme, as_of: dt.date) -> list[Thread]:
    """Each initiative's steps as they stood on `as_of`; a step postponed into a later step of the
    same year is counted once, through its continuation (as in the reports)."""
    threads = {t.code: Thread(t) for t in programme.threads}
    index = TaskIndex([programme])
    for task in sorted(programme.tasks, key=lambda t: (t.month, t.id)):
        if task.thread is None or not index.exists_on(task, as_of):
            continue
        moved_to = continuation_on(task, as_of, index)
        if moved_to is not None and index.find(task.year, moved_to) is not None:
            continue
        thread = threads.setdefault(task.thread, Thread(Unit(task.thread, task.thread)))
        status = status_on(task, as_of)
        entry = entry_on(task, as_of)
        line = TaskLine(task, status, is_overdue(task, status, as_of), bool(task.continues), entry, moved_to, standing(task, status, entry, as_of))
        thread.steps.append(line)
        thread.counts.add(line)
    return list(threads.values())
