"""The tasks a plan command works on: what `plan show` selects, what `plan mark` will change and
records, what `plan add` and `plan tag` write, and the initiatives `plan threads` follows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from lmhtx_cli.errors import Problem, UserError
from lmhtx_cli.i18n import _
from lmhtx_cli.plan.programme import Programme, TaskRow, Unit


@dataclass(frozen=True)
class TaskFilters:
    """What a person typed to select tasks (None: not given)."""

    month: str | None = None
    quarter: str | None = None
    unit: str | None = None
    status: str | None = None
    grep: str | None = None

    @property
    def given(self) -> bool:
        return any(v is not None for v in (self.month, self.quarter, self.unit, self.grep))


@dataclass
class TaskView:
    """A year's tasks as `plan show` selected them, or one task in full with its chain."""

    programme: Programme
    problems: list[Problem]
    fell_back: bool  # no plan for this year: the latest year is shown
    this_year: int
    months: list[int] | None = None
    quarter: int | None = None
    unit: Unit | None = None
    statuses: set[str] | None = None
    grep: str | None = None
    tasks: list[TaskRow] = field(default_factory=list)
    task: TaskRow | None = None  # `plan show ID`
    chain: list[TaskRow] | None = None
    elsewhere: dict = field(default_factory=dict)  # continuations in other years (timeline.continued_elsewhere)


def months_of(month: str | None, quarter: str | None) -> list[int] | None:
    """The months --month and --quarter select together (None: every month)."""
    from lmhtx_cli.periods import parse_months, parse_quarter, quarter_months

    months = parse_months(month) if month else None
    if quarter:
        in_quarter = quarter_months(parse_quarter(quarter))
        months = [m for m in months if m in in_quarter] if months else in_quarter
    return months


def finder(workspace, programme: Programme):
    """Tasks by (year, id) over the programmes of the data folder, read when a chain reaches them."""
    from lmhtx_cli.plan.timeline import TaskIndex

    return TaskIndex([programme], load=workspace.programme_if_planned)


def task_view(workspace, year: int | None, filters: TaskFilters, task_id: str | None = None) -> TaskView:
    """The tasks `plan show` lists (or the one task it shows in full), from the year asked for,
    else this year, else the latest year with a plan."""
    from lmhtx_cli.dates import today_by_clock
    from lmhtx_cli.matching import match_unit
    from lmhtx_cli.periods import parse_quarter
    from lmhtx_cli.plan.query import TaskQuery, find_task, select_tasks
    from lmhtx_cli.plan.status import parse_statuses
    from lmhtx_cli.plan.timeline import chain_of, continued_elsewhere

    months = months_of(filters.month, filters.quarter)
    statuses = parse_statuses(filters.status) if filters.status else None
    chosen, fell_back = workspace.pick_year(year)
    programme, problems = workspace.programme(chosen)
    view = TaskView(programme, problems, fell_back, today_by_clock().year, months, parse_quarter(filters.quarter) if filters.quarter else None, None, statuses, filters.grep)
    index = finder(workspace, programme)
    if task_id:
        view.task = find_task(programme, task_id)
        view.chain = chain_of(view.task, index)
        view.elsewhere = continued_elsewhere([view.task], index)
        return view
    view.unit = match_unit(filters.unit, programme.units) if filters.unit else None
    view.tasks = select_tasks(programme, TaskQuery(months, view.unit.code if view.unit else None, statuses, filters.grep))
    view.elsewhere = continued_elsewhere(view.tasks, index)
    return view


# -- plan mark ------------------------------------------------------------------------------
@dataclass
class MarkProposal:
    """What `plan mark` will record: the marks to write and those that change nothing."""

    year: int
    programme: Programme
    problems: list[Problem]
    status: str
    filtered: bool  # tasks chosen by filters, not by id: ask before writing
    marks: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)

    @property
    def redirected(self) -> list:
        """Marks asked of a postponed task and moved to the live end of its chain."""
        return [m for m in self.marks + self.unchanged if m.asked]


@dataclass(frozen=True)
class MarkRequest:
    """`plan mark`'s words and options: the ids then the status, and what the change records."""

    words: list[str]
    on: dt.date
    by: str | None = None
    note: str | None = None
    ref: str | None = None
    to: str | None = None  # YYYY-MM, for postponed
    far_ahead_confirmed: bool = True  # False: a day more than a year ahead is refused (plan mark without --yes)


def propose_marks(workspace, year: int | None, request: MarkRequest, filters: TaskFilters) -> MarkProposal:
    """The tasks given by id or selected by filters, and the change each one gets."""
    from lmhtx_cli.dates import parse_year_month
    from lmhtx_cli.matching import match_unit
    from lmhtx_cli.plan.progress import plan_marks
    from lmhtx_cli.plan.query import TaskQuery, find_task, select_tasks
    from lmhtx_cli.plan.status import parse_status

    status = parse_status(request.words[-1])
    ids = request.words[:-1]
    if ids and filters.given:
        raise UserError(_("give task ids or filters (--month, --quarter, --unit, --grep), not both"))
    if not ids and not filters.given:
        raise UserError(_("which tasks? give their ids, or select them with --month, --quarter, --unit, --grep"))
    target = parse_year_month(request.to) if request.to else None
    chosen, _fell_back = workspace.pick_year(year)
    programme, problems = workspace.programme(chosen)
    if ids:
        tasks = [find_task(programme, i) for i in dict.fromkeys(ids)]
    else:
        unit_code = match_unit(filters.unit, programme.units).code if filters.unit else None
        tasks = select_tasks(programme, TaskQuery(months_of(filters.month, filters.quarter), unit_code, None, filters.grep))
        if not tasks:
            raise UserError(_("no task matches these filters; nothing changed"))
    marks, unchanged = plan_marks(tasks, status, request.on, request.by, request.note, request.ref, target, finder(workspace, programme))
    if not request.far_ahead_confirmed:
        refuse_far_ahead(request.on, [m.task for m in marks + unchanged])
    return MarkProposal(chosen, programme, problems, status, filters.given, marks, unchanged)


def refuse_far_ahead(day: dt.date, tasks: list[TaskRow]) -> None:
    """A change dated more than a year after today, and after the plan year of a task it
    concerns, is most likely a typo (24/05/2204): it would keep the change out of every report and
    block every later mark of the task. Refused unless confirmed with --yes."""
    from lmhtx_cli.dates import a_year_after, today_by_clock
    from lmhtx_cli.periods import format_date

    today = today_by_clock()
    if day > a_year_after(today) and any(day.year > task.year for task in tasks):
        raise UserError(_("--on {day} is more than a year after today ({today}); is it a typo? Nothing was recorded; if the date is meant, run again with --yes").format(day=format_date(day), today=format_date(today)))


def record_marks(workspace, proposal: MarkProposal) -> tuple[list[str], dict[str, str]]:
    """Write the proposal's marks: the files written and each postponed task's continuation."""
    from lmhtx_cli.plan.edits import apply_marks

    orders = {proposal.year: [u.code for u in proposal.programme.units]}
    return apply_marks(workspace.root, proposal.marks, orders, workspace.known_for_writing(proposal.year))


# -- plan unmark ----------------------------------------------------------------------------
@dataclass
class UnmarkProposal:
    """What `plan unmark` will take back."""

    year: int
    programme: Programme
    problems: list[Problem]
    unmark: object  # plan.progress.Unmark


def propose_unmark(workspace, year: int | None, task_id: str, on: dt.date | None) -> UnmarkProposal:
    """The task's last recorded change (or its last one dated `on`), to be taken back."""
    from lmhtx_cli.plan.progress import plan_unmark
    from lmhtx_cli.plan.query import find_task

    chosen, _fell_back = workspace.pick_year(year)
    programme, problems = workspace.programme(chosen)
    task = find_task(programme, task_id)
    return UnmarkProposal(chosen, programme, problems, plan_unmark(task, on, finder(workspace, programme)))


def take_back(workspace, proposal: UnmarkProposal) -> list[str]:
    """Write the proposal: the files written."""
    from lmhtx_cli.plan.edits import apply_unmark

    return apply_unmark(workspace.root, proposal.unmark, workspace.known_for_writing(proposal.year))


# -- plan add, plan tag ---------------------------------------------------------------------
def add_task_to(workspace, year: int | None, month: int, unit: str, text: str, thread: str | None, added: dt.date) -> tuple[str, str]:
    """A new task in a month and unit, added on `added`: its new id and the file written."""
    from lmhtx_cli.matching import match_unit
    from lmhtx_cli.plan.edits import add_task

    if not text.strip():
        raise UserError(_("the task's text is empty"))
    chosen, _fell_back = workspace.pick_year(year)
    programme, _problems = workspace.programme(chosen)
    code = match_unit(unit, programme.units).code
    return add_task(workspace.root, chosen, month, code, [u.code for u in programme.units], text, thread, added, workspace.known_for_writing(chosen))


def tag_with_thread(workspace, year: int | None, ids: list[str], thread: str) -> tuple[list[TaskRow], str, list[str]]:
    """Tag tasks as steps of an initiative: the tasks, the initiative's code, the files written."""
    from lmhtx_cli.matching import match_unit
    from lmhtx_cli.plan.edits import tag_tasks
    from lmhtx_cli.plan.query import find_task

    chosen, _fell_back = workspace.pick_year(year)
    programme, _problems = workspace.programme(chosen)
    code = match_unit(thread, programme.threads, what="initiative").code
    tasks = [find_task(programme, i) for i in dict.fromkeys(ids)]
    return tasks, code, tag_tasks(workspace.root, tasks, code, workspace.known_for_writing(chosen))


# -- initiatives ----------------------------------------------------------------------------
def year_programme(workspace, year: int | None) -> tuple[int, Programme]:
    """The year asked for (else this year, else the latest) and its programme."""
    chosen, _fell_back = workspace.pick_year(year)
    return chosen, workspace.programme(chosen)[0]


def initiative_named(initiatives: list, name: str):
    """The initiative (reports/threads.Thread) a person named: code, prefix or alias."""
    from lmhtx_cli.matching import match_unit

    wanted = match_unit(name, [t.definition for t in initiatives], what="initiative").code
    return next(t for t in initiatives if t.definition.code == wanted)
