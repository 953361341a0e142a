"""Selections over a programme; pure functions of data, so they are easy to test and fast to run."""

from __future__ import annotations

from dataclasses import dataclass

from lmhtx_cli.errors import UserError
from lmhtx_cli.i18n import _
from lmhtx_cli.plan.programme import Programme, TaskRow
from lmhtx_cli.plan.timeline import current_status
from lmhtx_cli.text import fold_keep_spacing


@dataclass
class TaskQuery:
    months: list[int] | None = None
    unit: str | None = None  # a unit code, already resolved
    statuses: set[str] | None = None
    grep: str | None = None


def select_tasks(programme: Programme, query: TaskQuery) -> list[TaskRow]:
    months = set(query.months) if query.months else None
    needle = fold_keep_spacing(query.grep) if query.grep else None
    chosen = []
    for task in programme.tasks:
        if months is not None and task.month not in months:
            continue
        if query.unit is not None and task.unit != query.unit:
            continue
        if query.statuses is not None and current_status(task) not in query.statuses:
            continue
        if needle is not None and needle not in fold_keep_spacing(task.text):
            continue
        chosen.append(task)
    order = {unit.code: i for i, unit in enumerate(programme.units)}
    chosen.sort(key=lambda t: (t.month, order.get(t.unit, len(order)), t.unit))
    return chosen


def resolve_year(years: list[int], requested: int | None, this_year: int) -> tuple[int, bool]:
    """The year to show, and whether it fell back to the latest plan because this year has none."""
    if requested is not None:
        return requested, False
    if not years:
        raise UserError(_("there is no plan yet: plans/ holds no year folder such as plans/2024/"))
    if this_year in years:
        return this_year, False
    return max(years), True


def find_task(programme: Programme, task_id: str) -> TaskRow:
    task = programme.task(task_id)
    if task is None:
        import difflib

        close = difflib.get_close_matches(task_id.strip().lower(), [t.id for t in programme.tasks], n=3)
        hint = _("; did you mean {ids}?").format(ids=", ".join(close)) if close else ""
        raise UserError(_('no task "{id}" in the {year} programme{hint}').format(id=task_id, year=programme.year, hint=hint))
    return task
