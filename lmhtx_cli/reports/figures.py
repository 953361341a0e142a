"""What a period report says: counts and rates per unit, and the tasks behind them.

Pure: given the programme, a period and the as-of date, it computes; it never reads or prints.
Rules (also printed in the reports' legend):
- a task's status is its status on the as-of date, read from its history (`plan/timeline.py`);
- a continuation exists from the day its task was postponed: a report for an earlier day does
  not see it, so a report for a past date is the same whenever it is run;
- overdue: due in a month before the as-of month, and planned or in progress on that date;
- carried over: a task in the period whose chain of postponements comes from before the period;
- a task postponed to another month of the same period is counted once, through its continuation;
- completion rate: done / (tasks − cancelled).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from lmhtx_cli.periods import Period
from lmhtx_cli.plan.programme import Programme, TaskRow
from lmhtx_cli.plan.timeline import TaskIndex, continuation_on, entry_on, split_ref, status_on

OPEN = ("planned", "in_progress")


@dataclass
class TaskLine:
    task: TaskRow
    status: str
    overdue: bool
    carried_over: bool
    entry: object | None  # the history entry behind the status, for its date, note and ref
    continued_as: str | None = None  # the task that carries it on, when it stood postponed (derived)


@dataclass
class Counts:
    total: int = 0
    planned: int = 0
    carried_over: int = 0
    done: int = 0
    in_progress: int = 0
    not_started: int = 0
    postponed: int = 0
    cancelled: int = 0
    overdue: int = 0

    def add(self, line: TaskLine) -> None:
        self.total += 1
        if line.carried_over:
            self.carried_over += 1
        else:
            self.planned += 1
        if line.status == "done":
            self.done += 1
        elif line.status == "in_progress":
            self.in_progress += 1
        elif line.status == "postponed":
            self.postponed += 1
        elif line.status == "cancelled":
            self.cancelled += 1
        else:
            self.not_started += 1
        if line.overdue:
            self.overdue += 1

    @property
    def rate(self) -> float | None:
        base = self.total - self.cancelled
        return self.done / base if base > 0 else None

    def as_dict(self) -> dict:
        return {
            "total": self.total,
            "planned": self.planned,
            "carried_over": self.carried_over,
            "done": self.done,
            "in_progress": self.in_progress,
            "not_started": self.not_started,
            "postponed": self.postponed,
            "cancelled": self.cancelled,
            "overdue": self.overdue,
            "rate": None if self.rate is None else round(self.rate, 4),
        }


@dataclass
class UnitReport:
    code: str
    name: str
    counts: Counts = field(default_factory=Counts)
    lines: list[TaskLine] = field(default_factory=list)


@dataclass
class Report:
    period: Period
    as_of: dt.date
    programme: Programme
    units: list[UnitReport]
    total: Counts
    grid: dict[tuple[int, str], Counts]  # (month, unit) -> counts, for multi-month periods
    upcoming: list[TaskLine]  # the next period's tasks, with their status on the as-of date
    upcoming_period: Period | None


def is_overdue(task: TaskRow, status: str, as_of: dt.date) -> bool:
    return status in OPEN and (task.year, task.month) < (as_of.year, as_of.month)


def task_line(task: TaskRow, as_of: dt.date, period_start: tuple[int, int], continued_inside: set[str], index: TaskIndex | None = None) -> TaskLine | None:
    status = status_on(task, as_of)
    entry = entry_on(task, as_of)
    if status == "postponed" and entry is not None and entry.continued_as in continued_inside:
        return None  # counted through its continuation, later in the same period
    first = _first_link_inside(task, continued_inside, index) if index is not None else task
    carried = bool(first.continues) and _continues_from_before(first, period_start)
    return TaskLine(task, status, is_overdue(task, status, as_of), carried, entry, continuation_on(task, as_of, index))


def _first_link_inside(task: TaskRow, inside: set[str], index: TaskIndex) -> TaskRow:
    """The earliest link of the task's chain within the period: where the chain entered it."""
    link, seen = task, {task.id}
    while link.continues:
        year, previous_id = split_ref(link.continues, link.year)
        previous = index.find(year, previous_id) if year == task.year and previous_id in inside else None
        if previous is None or previous.id in seen:
            break
        link = previous
        seen.add(link.id)
    return link


def _continues_from_before(task: TaskRow, period_start: tuple[int, int]) -> bool:
    """`continues` names a task id such as 03-quy-2 (or 2023/12-quy-2); ids start with their month."""
    source = task.continues or ""
    year = task.year
    if "/" in source:
        year_text, source = source.split("/", 1)
        year = int(year_text) if year_text.isdigit() else year
    month_text = source.split("-", 1)[0]
    month = int(month_text) if month_text.isdigit() else task.month
    return (year, month) < period_start


def line_on(task: TaskRow, as_of: dt.date, index: TaskIndex | None = None) -> TaskLine:
    """A task as it stood on `as_of`, outside any period's count (overdue if still open)."""
    status = status_on(task, as_of)
    return TaskLine(task, status, is_overdue(task, status, as_of), False, entry_on(task, as_of), continuation_on(task, as_of, index))


def once_per_chain(lines: list[TaskLine]) -> list[TaskLine]:
    """The lines without those postponed into another line of the list: a chain shows once."""
    ids = {line.task.id for line in lines}
    return [line for line in lines if not (line.status == "postponed" and line.entry is not None and line.entry.continued_as in ids)]


def build_report(
    programme: Programme,
    period: Period,
    as_of: dt.date,
    unit: str | None = None,
    upcoming_programme: Programme | None = None,
    earlier_programme: Programme | None = None,
    load_year: Callable[[int], Programme | None] | None = None,
) -> Report:
    index = TaskIndex([earlier_programme, programme, upcoming_programme], load_year)
    months = set(period.months)
    in_period = [t for t in programme.tasks if t.month in months and (unit is None or t.unit == unit) and index.exists_on(t, as_of)]
    ids_inside = {t.id for t in in_period}
    period_start = (period.year, period.months[0])
    units = [UnitReport(u.code, u.name) for u in programme.units if unit is None or u.code == unit]
    by_code = {u.code: u for u in units}
    total = Counts()
    grid: dict[tuple[int, str], Counts] = {}
    for task in in_period:
        line = task_line(task, as_of, period_start, ids_inside, index)
        if line is None:
            continue
        report_unit = by_code.get(task.unit)
        if report_unit is None:  # a unit code the plan does not define: still counted, under its code
            report_unit = by_code.setdefault(task.unit, UnitReport(task.unit, task.unit))
            units.append(report_unit)
        report_unit.lines.append(line)
        report_unit.counts.add(line)
        total.add(line)
        grid.setdefault((task.month, task.unit), Counts()).add(line)
    following = period.following()
    upcoming: list[TaskLine] = []
    if following is not None:
        source = programme if following.year == programme.year else upcoming_programme
        if source is not None:
            wanted = set(following.months)
            upcoming = once_per_chain([line_on(t, as_of, index) for t in source.tasks if t.month in wanted and (unit is None or t.unit == unit) and index.exists_on(t, as_of)])
    return Report(period, as_of, programme, units, total, grid, upcoming, following)


def overdue_before(programmes: list[Programme], as_of: dt.date, unit: str | None = None, index: TaskIndex | None = None) -> list[TaskLine]:
    """Tasks due before the as-of month and still open on that date, oldest first."""
    index = index or TaskIndex(programmes)
    lines = []
    for programme in programmes:
        for task in programme.tasks:
            if unit is not None and task.unit != unit:
                continue
            if not index.exists_on(task, as_of):
                continue
            line = line_on(task, as_of, index)
            if line.overdue:
                lines.append(line)
    return lines


@dataclass
class Digest:
    year: int
    month: int
    as_of: dt.date
    programme: Programme | None
    due: list[TaskLine]
    overdue: list[TaskLine]
    upcoming: list[TaskLine]
    next_month: tuple[int, int]
    totals: list[tuple[str, Counts]]


def build_digest(year: int, month: int, as_of: dt.date, programmes: dict[int, Programme]) -> Digest:
    """The monthly digest: this month's tasks, what is overdue from before, and next month's,
    each as it stood on the as-of date (a continuation made after it is not there yet)."""
    programme = programmes.get(year)
    next_month = (year, month + 1) if month < 12 else (year + 1, 1)
    if programme is None:
        return Digest(year, month, as_of, None, [], [], [], next_month, [])
    index = TaskIndex(programmes.values())
    due = [line_on(t, as_of, index) for t in programme.tasks if t.month == month and index.exists_on(t, as_of)]
    earlier = [p for y, p in sorted(programmes.items()) if y in (year - 1, year)]
    overdue = [line for line in overdue_before(earlier, as_of, index=index) if (line.task.year, line.task.month) < (year, month)]
    following = programmes.get(next_month[0])
    upcoming = [line_on(t, as_of, index) for t in following.tasks if t.month == next_month[1] and index.exists_on(t, as_of)] if following else []
    totals = []
    for unit in programme.units:
        counts = Counts()
        for line in due:
            if line.task.unit == unit.code:
                counts.add(line)
        counts.overdue += sum(1 for line in overdue if line.task.unit == unit.code)
        totals.append((unit.code, counts))
    return Digest(year, month, as_of, programme, due, overdue, upcoming, next_month, totals)
