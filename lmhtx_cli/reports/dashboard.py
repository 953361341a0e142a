"""The figures of the dashboard (`lmhtx site`): a plan year as of a date.

Pure: given the programme, the member data (or None) and the as-of date, it computes; it never
reads or prints. The counting is the period reports' (reports/figures.py): the year is
`lmhtx report year --as-of`, and "to date" is the report of the months that have begun on the
as-of date (up to and including its month), counted by the same function, so that on 30/06 it
is `lmhtx report h1` (a task postponed within those months counts once, through its continuation).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from lmhtx_cli.periods import Period
from lmhtx_cli.plan.programme import Programme
from lmhtx_cli.plan.timeline import TaskIndex
from lmhtx_cli.reports.figures import Counts, Report, TaskLine, build_report, overdue_before
from lmhtx_cli.reports.threads import Thread, threads_of


@dataclass
class UnitPicture:
    code: str
    name: str
    year: Counts  # every task of the year
    to_date: Counts  # the report of the months begun on the as-of date
    months: dict[int, Counts]
    lines: list[TaskLine]  # every task of the year, by month
    overdue: list[TaskLine]


@dataclass
class MeetingLine:
    meeting: object  # members.model.MeetingDef
    year: int
    status: str  # its status on the as-of date


@dataclass
class Dashboard:
    programme: Programme
    as_of: dt.date
    begun_months: list[int]  # months of the plan year begun on the as-of date
    units: list[UnitPicture]
    year: Counts
    to_date: Counts
    grid: dict[tuple[int, str], Counts]  # (month, unit) -> counts
    overdue: list[TaskLine]
    threads: list[Thread]
    members: object | None = None  # members.data.MemberData, when the data folder has members/
    meetings: list[MeetingLine] = field(default_factory=list)
    open_petitions: list = field(default_factory=list)  # Located petitions not answered on the as-of date
    overdue_petitions: set[str] = field(default_factory=set)
    year_report: Report | None = None  # the figures behind `year` and `to_date`, for data.json
    to_date_report: Report | None = None


def begun_months(year: int, as_of: dt.date) -> list[int]:
    if as_of.year < year:
        return []
    if as_of.year > year:
        return list(range(1, 13))
    return list(range(1, as_of.month + 1))


def build_dashboard(programme: Programme, as_of: dt.date, members=None) -> Dashboard:
    index = TaskIndex([programme])
    report = build_report(programme, Period("year", programme.year), as_of, index=index)
    months = begun_months(programme.year, as_of)
    so_far = build_report(programme, Period("upto", programme.year, len(months)), as_of, index=index)
    so_far_units = {unit.code: unit.counts for unit in so_far.units}
    overdue = overdue_before([programme], as_of)
    units = []
    for unit in report.units:
        lines = sorted(unit.lines, key=lambda line: (line.task.month, _number(line.task.id), line.task.id))
        unit_months = {month: counts for (month, code), counts in report.grid.items() if code == unit.code}
        to_date = so_far_units.get(unit.code, Counts())
        units.append(UnitPicture(unit.code, unit.name, unit.counts, to_date, unit_months, lines, [line for line in overdue if line.task.unit == unit.code]))
    dashboard = Dashboard(programme, as_of, months, units, report.total, so_far.total, report.grid, overdue, threads_of(programme, as_of), year_report=report, to_date_report=so_far)
    if members is not None:
        _add_members(dashboard, members)
    return dashboard


def _number(task_id: str) -> int:
    tail = task_id.rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def _add_members(dashboard: Dashboard, data) -> None:
    from lmhtx_cli.members.query import meeting_quarter, member_summary
    from lmhtx_cli.members.timeline import meeting_date_on, meeting_status_on

    year, as_of = dashboard.programme.year, dashboard.as_of
    located = data.meetings.get(year, [])
    ordered = sorted(located, key=lambda item: (meeting_date_on(item.record, as_of) or dt.date(year, 12, 31), meeting_quarter(item.record, as_of) or 5, item.record.id))
    dashboard.members = data
    dashboard.meetings = [MeetingLine(item.record, year, meeting_status_on(item.record, as_of)) for item in ordered]
    summary = member_summary(data, year, list(range(1, 13)), as_of)
    dashboard.open_petitions = sorted(summary.open_petitions, key=lambda item: (item.record.received, item.record.id))
    dashboard.overdue_petitions = {item.record.id for item in summary.overdue_petitions}
