"""What a period report says: counts and rates per unit, and the tasks behind them.

Pure: given the programme, a period and the as-of date, it computes; it never reads or prints.
Rules (also printed in the reports' legend):
- a task's status is its status on the as-of date, read from its history (`plan/timeline.py`);
- a continuation exists from the day its task was postponed: a report for an earlier day does
  not see it, so a report for a past date is the same whenever it is run;
- a task is due on its own `due` date, else on the last day of its month (`plan/due.py`);
- overdue: planned or in progress on the as-of date, which is after its due date;
- the four ways a task stands (done on time, done late, open within its deadline, open past it)
  count the tasks that are neither postponed nor cancelled;
- carried over: a task in the period whose chain of postponements comes from before the period;
- a task postponed to another month of the same period is counted once, through its continuation;
- completion rate: done / (tasks − cancelled);
- the next period lists only what is still to do on the as-of date (planned or in progress).

Every output (terminal, Markdown, Word, JSON, the digest, the dashboard) takes its tasks, their
state and their counts from `period_lines` (through `build_report`): one computation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from lmhtx_cli.periods import Period
from lmhtx_cli.plan.due import OPEN, standing
from lmhtx_cli.plan.programme import Programme, TaskRow
from lmhtx_cli.plan.timeline import TaskIndex, continuation_on, entry_on, split_ref, status_on


@dataclass
class TaskLine:
    task: TaskRow
    status: str
    overdue: bool
    carried_over: bool
    entry: object | None  # the history entry behind the status, for its date, note and ref
    continued_as: str | None = None  # the task that carries it on, when it stood postponed (derived)
    standing: str | None = None  # done_on_time, done_late, open_in_time, open_overdue (plan/due.py); None when postponed or cancelled


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
    done_on_time: int = 0
    done_late: int = 0
    open_in_time: int = 0
    open_overdue: int = 0

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
        if line.standing is not None:
            setattr(self, line.standing, getattr(self, line.standing) + 1)

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
            "done_on_time": self.done_on_time,
            "done_late": self.done_late,
            "open_in_time": self.open_in_time,
            "open_overdue": self.open_overdue,
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
    return standing(task, status, None, as_of) == "open_overdue"


def task_line(task: TaskRow, as_of: dt.date, period_start: tuple[int, int], continued_inside: set[str], index: TaskIndex | None = None) -> TaskLine | None:
    status = status_on(task, as_of)
    entry = entry_on(task, as_of)
    if status == "postponed" and entry is not None and entry.continued_as in continued_inside:
        return None  # counted through its continuation, later in the same period
    first = _first_link_inside(task, continued_inside, index) if index is not None else task
    carried = bool(first.continues) and _continues_from_before(first, period_start)
    return TaskLine(task, status, is_overdue(task, status, as_of), carried, entry, continuation_on(task, as_of, index), standing(task, status, entry, as_of))


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
    entry = entry_on(task, as_of)
    return TaskLine(task, status, is_overdue(task, status, as_of), False, entry, continuation_on(task, as_of, index), standing(task, status, entry, as_of))


def once_per_chain(lines: list[TaskLine]) -> list[TaskLine]:
    """The lines without those postponed into another line of the list: a chain shows once."""
    ids = {line.task.id for line in lines}
    return [line for line in lines if not (line.status == "postponed" and line.entry is not None and line.entry.continued_as in ids)]


def period_lines(programme: Programme, months: list[int], as_of: dt.date, unit: str | None, index: TaskIndex) -> list[TaskLine]:
    """The one computation behind every output: the tasks of `months` that exist on `as_of`, each
    with its state then, a chain postponed within the months counted once (through its live end)."""
    wanted = set(months)
    in_period = [t for t in programme.tasks if t.month in wanted and (unit is None or t.unit == unit) and index.exists_on(t, as_of)]
    if not in_period:
        return []
    ids_inside = {t.id for t in in_period}
    period_start = (programme.year, min(wanted))
    lines = (task_line(task, as_of, period_start, ids_inside, index) for task in in_period)
    return [line for line in lines if line is not None]


def still_to_do(programme: Programme | None, months: list[int], as_of: dt.date, unit: str | None, index: TaskIndex) -> list[TaskLine]:
    """The tasks of a coming period that are still to do on `as_of`: planned or in progress (a
    task done, cancelled or postponed away before the report is not listed)."""
    if programme is None:
        return []
    wanted = set(months)
    lines = [line_on(t, as_of, index) for t in programme.tasks if t.month in wanted and (unit is None or t.unit == unit) and index.exists_on(t, as_of)]
    return [line for line in lines if line.status in OPEN]


def build_report(
    programme: Programme,
    period: Period,
    as_of: dt.date,
    unit: str | None = None,
    upcoming_programme: Programme | None = None,
    earlier_programme: Programme | None = None,
    load_year: Callable[[int], Programme | None] | None = None,
    index: TaskIndex | None = None,
) -> Report:
    index = index or TaskIndex([earlier_programme, programme, upcoming_programme], load_year)
    units = [UnitReport(u.code, u.name) for u in programme.units if unit is None or u.code == unit]
    by_code = {u.code: u for u in units}
    total = Counts()
    grid: dict[tuple[int, str], Counts] = {}
    for line in period_lines(programme, period.months, as_of, unit, index):
        task = line.task
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
        upcoming = still_to_do(source, following.months, as_of, unit, index)
    return Report(period, as_of, programme, units, total, grid, upcoming, following)


def overdue_before(programmes: list[Programme], as_of: dt.date, unit: str | None = None, index: TaskIndex | None = None) -> list[TaskLine]:
    """Tasks past their deadline (plan/due.py) and still open on that date, oldest first."""
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
    total: Counts = field(default_factory=Counts)  # every unit's, the earlier months' overdue included


def build_digest(year: int, month: int, as_of: dt.date, programmes: dict[int, Programme]) -> Digest:
    """The monthly digest: this month's tasks and their counts (the month report's, from the same
    computation), what is overdue from before, and what is still to do next month, each as it stood
    on the as-of date (a continuation made after it is not there yet)."""
    programme = programmes.get(year)
    next_month = (year, month + 1) if month < 12 else (year + 1, 1)
    if programme is None:
        return Digest(year, month, as_of, None, [], [], [], next_month, [])
    index = TaskIndex(programmes.values())
    report = build_report(programme, Period("month", year, month), as_of, index=index)
    position = {id(task): i for i, task in enumerate(programme.tasks)}
    due = sorted((line for unit in report.units for line in unit.lines), key=lambda line: position[id(line.task)])
    earlier = [p for y, p in sorted(programmes.items()) if y in (year - 1, year)]
    overdue = [line for line in overdue_before(earlier, as_of, index=index) if (line.task.year, line.task.month) < (year, month)]
    upcoming = still_to_do(programmes.get(next_month[0]), [next_month[1]], as_of, None, index)
    totals = []
    for unit in report.units:
        counts = unit.counts
        counts.overdue += sum(1 for line in overdue if line.task.unit == unit.code)
        totals.append((unit.code, counts))
    report.total.overdue += len(overdue)
    return Digest(year, month, as_of, programme, due, overdue, upcoming, next_month, totals, report.total)
