"""Write the draft of a new year's programme into the data folder, checked before it lands."""

from __future__ import annotations

from lmhtx_cli.errors import DataError, UserError
from lmhtx_cli.i18n import _
from lmhtx_cli.plan.new_year import recurring_tasks, shift_year
from lmhtx_cli.store.emit import TaskSpec, UnitSpec, month_file_text, plan_file_text, task_id
from lmhtx_cli.store.paths import holds_yaml

DRAFT_NOTE = "# DRAFT carried over from {source} by `lmhtx plan new-year`: recurring tasks only. Edit before adoption.\n"


def draft_files(programme, year: int, min_months: int) -> tuple[dict[str, str], list]:
    carried = recurring_tasks(programme, year, min_months)
    units = [UnitSpec(u.code, u.name, u.name_en or "", tuple(u.aliases)) for u in programme.units]
    title = shift_year(programme.title or f"Chương trình công tác năm {year}", programme.year, year)
    note = shift_year(programme.note or "", programme.year, year)
    files = {f"plans/{year}/plan.yaml": plan_file_text(year, title + " (dự thảo)", note, units)}
    order = [u.code for u in units]
    for month in range(1, 13):
        by_unit: dict[str, list[TaskSpec]] = {}
        for item in carried:
            if item.month == month:
                tasks = by_unit.setdefault(item.unit, [])
                tasks.append(TaskSpec(task_id(month, item.unit, len(tasks) + 1), item.text))
        ordered = sorted(by_unit.items(), key=lambda pair: order.index(pair[0]) if pair[0] in order else len(order))
        files[f"plans/{year}/{month:02d}.yaml"] = month_file_text(year, month, ordered)
    marked = {}
    for path, text in files.items():
        first, rest = text.split("\n", 1)
        marked[path] = first + "\n" + DRAFT_NOTE.format(source=programme.year) + rest
    return marked, carried


def write_draft(workspace, year: int, source: int, min_months: int, force: bool, dry_run: bool) -> tuple[str, str | None]:
    from lmhtx_cli.plan.checking import unwritten_year_errors
    from lmhtx_cli.store.folders import write_folder

    if year == source:
        raise UserError(_("the new year must differ from --from"))
    programme, _problems = workspace.programme(source)
    files, carried = draft_files(programme, year, min_months)
    per_unit: dict[str, int] = {}
    for item in carried:
        per_unit[item.unit] = per_unit.get(item.unit, 0) + 1
    summary = _("{count} recurring tasks from {source} ({total} in all): ").format(count=len(carried), source=source, total=len(programme.tasks)) + ", ".join(f"{code} {n}" for code, n in per_unit.items()) + "\n"
    if dry_run:
        lines = [summary] + [f"  {c.month:02d} {c.unit:<5} {c.text}\n" for c in carried]
        return "".join(lines), None
    target = workspace.root / "plans" / str(year)
    if holds_yaml(target) and not force:
        raise UserError(_("plans/{year}/ already holds plan files; use --force to replace them").format(year=year))
    problems = unwritten_year_errors(workspace.root, year, files)
    if problems:
        raise DataError(problems)
    write_folder(workspace.root, target, {path.rsplit("/", 1)[1]: text for path, text in files.items()}, f"plans/{year}/")
    return summary, f"plans/{year}/"
