"""When a task is due, and how it stands against that date: the one place reports ask.

A task is due on the last day of its month unless the programme gives it its own date (`due:`).
On a date, a task that is neither postponed nor cancelled stands one of four ways, as the
government's task reports count them: done on time (on or before its due date), done late, open
within its deadline, or open past it.
"""

from __future__ import annotations

import calendar
import datetime as dt

OPEN = ("planned", "in_progress")
STANDINGS = ("done_on_time", "done_late", "open_in_time", "open_overdue")


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def due_date(task) -> dt.date:
    """The task's own `due`, else the last day of its month."""
    return task.due if task.due is not None else month_end(task.year, task.month)


def standing(task, status: str, entry, as_of: dt.date) -> str | None:
    """How the task stands on `as_of` given its status then and the entry behind it: one of
    STANDINGS, or None for a postponed or cancelled task (it is counted elsewhere)."""
    due = due_date(task)
    if status == "done":
        done_on = entry.on if entry is not None else as_of
        return "done_on_time" if done_on <= due else "done_late"
    if status in OPEN:
        return "open_in_time" if as_of <= due else "open_overdue"
    return None
