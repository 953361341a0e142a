"""A task's state on a date, from its history: the one function every report and view uses."""

from __future__ import annotations

import datetime as dt

from lmhtx_cli.plan.programme import TaskRow


def status_on(task: TaskRow, day: dt.date) -> str:
    """The status the task had on `day`: the last history entry on or before it, else planned."""
    if not task.history:
        return task.status
    current = "planned"
    for entry in task.history:
        if entry.on <= day:
            current = entry.status
    return current


def last_entry_on(task: TaskRow, day: dt.date):
    chosen = None
    for entry in task.history:
        if entry.on <= day:
            chosen = entry
    return chosen
