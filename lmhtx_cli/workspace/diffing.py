"""`plan diff`: the programme at two revisions (or a revision and the working tree), compared."""

from __future__ import annotations

from dataclasses import dataclass, field

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
    conflicted: list[str] = field(default_factory=list)  # files still in conflict in a merge, left out
    against: str | None = None  # "first parent": HEAD is a merge commit, shown against its first parent


def plan_changes(root, revisions: list[str]) -> PlanChanges:
    """HEAD against the working tree, REV against the working tree, or REV against REV2.

    During a merge, the files git still holds in conflict are left out (and named); on a merge
    commit with nothing changed since, HEAD is shown against its first parent: what the merge brought."""
    from lmhtx_cli.store.documents import files_on_disk
    from lmhtx_cli.store.gitio import conflicted_files, files_at, is_merge_commit

    if len(revisions) > 2:
        raise UserError(_("give at most two revisions: lmhtx plan diff [REV [REV2]]"))
    before = revisions[0] if revisions else "HEAD"
    before_files = files_at(root, before, "plans")
    after = revisions[1] if len(revisions) == 2 else None
    after_files = files_at(root, after, "plans") if after is not None else files_on_disk(root)
    conflicted = conflicted_files(root, "plans") if after is None else []
    for name in conflicted:  # what is resolved is compared; a file still in conflict is named, not read
        after_files.pop(name, None)
        if name in before_files:
            after_files[name] = before_files[name]
    changes = _compare(before_files, after_files, before, after, conflicted)
    if not revisions and not changes.diff.changes and not conflicted and is_merge_commit(root, "HEAD"):
        changes = _compare(files_at(root, "HEAD^1", "plans"), before_files, "HEAD^1", "HEAD", [])
        changes.against = "first parent"
    return changes


def _compare(before_files: dict, after_files: dict, before: str, after: str | None, conflicted: list[str]) -> PlanChanges:
    from lmhtx_cli.plan.diff import diff_tasks
    from lmhtx_cli.plan.loading import tasks_of_files

    old_tasks, old_units, _old_problems = tasks_of_files(before_files)
    new_tasks, new_units, problems = tasks_of_files(after_files)
    units: dict[str, Unit] = {}
    for year_units in list(old_units.values()) + list(new_units.values()):
        for unit in year_units:
            units.setdefault(unit.code, unit)
    return PlanChanges(diff_tasks(old_tasks, new_tasks), units, before, after, problems, conflicted)
