"""`plan diff`: the programme at two revisions (or a revision and the working tree), compared."""

from __future__ import annotations

from dataclasses import dataclass

from lmhtx_cli.errors import Problem, UserError
from lmhtx_cli.i18n import _
from lmhtx_cli.plan.diff import PlanDiff
from lmhtx_cli.plan.programme import Unit


@dataclass
class PlanChanges:
    diff: PlanDiff
    units: dict[str, Unit]  # every unit named on either side, by code
    before: str  # the revision compared from
    after: str | None  # the revision compared to; None: the working tree
    problems: list[Problem]  # files of the newer side that do not read, left out


def plan_changes(root, revisions: list[str]) -> PlanChanges:
    """HEAD against the working tree, REV against the working tree, or REV against REV2."""
    from lmhtx_cli.plan.diff import diff_tasks
    from lmhtx_cli.plan.loading import tasks_of_files
    from lmhtx_cli.store.documents import files_on_disk
    from lmhtx_cli.store.gitio import files_at

    if len(revisions) > 2:
        raise UserError(_("give at most two revisions: lmhtx plan diff [REV [REV2]]"))
    before = revisions[0] if revisions else "HEAD"
    before_files = files_at(root, before, "plans")
    after = revisions[1] if len(revisions) == 2 else None
    after_files = files_at(root, after, "plans") if after is not None else files_on_disk(root)
    old_tasks, old_units, _old_problems = tasks_of_files(before_files)
    new_tasks, new_units, problems = tasks_of_files(after_files)
    units: dict[str, Unit] = {}
    for year_units in list(old_units.values()) + list(new_units.values()):
        for unit in year_units:
            units.setdefault(unit.code, unit)
    return PlanChanges(diff_tasks(old_tasks, new_tasks), units, before, after, problems)
