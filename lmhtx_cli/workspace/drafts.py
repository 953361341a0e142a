"""Write the draft of a new year's programme into the data folder, checked before it lands."""

from __future__ import annotations

from lmhtx_cli.errors import DataError, UserError
from lmhtx_cli.i18n import _
from lmhtx_cli.plan.new_year import carry_to_units, recurring_tasks, shift_year
from lmhtx_cli.store.emit import TaskSpec, UnitSpec, month_file_text, plan_file_text, task_id
from lmhtx_cli.store.paths import holds_yaml

DRAFT_NOTE = "# DỰ THẢO do `lmhtx plan new-year` chuyển từ năm {source}: chỉ gồm các nhiệm vụ lặp lại. Cần rà soát, sửa trước khi ban hành.\n"


def unit_mapping(old_codes: list[str], new_units: list[UnitSpec], pairs: list[str], carried_units: set[str]) -> dict[str, str]:
    """Old unit code → new unit code: the same code where the new units keep it, else what
    `--map OLD=NEW` says. An old unit with recurring tasks and no place is an error, never a
    silent loss."""
    new_codes = {u.code for u in new_units}
    mapping = {code: code for code in old_codes if code in new_codes}
    for pair in pairs:
        old, sep, new = pair.partition("=")
        old, new = old.strip(), new.strip()
        if not sep or not old or not new:
            raise UserError(_('--map takes OLD=NEW (unit codes), not "{pair}"').format(pair=pair))
        if old not in old_codes:
            raise UserError(_('--map {pair}: "{old}" is not a unit of the source year ({codes})').format(pair=pair, old=old, codes=", ".join(old_codes)))
        if new not in new_codes:
            raise UserError(_('--map {pair}: "{new}" is not one of the new units ({codes})').format(pair=pair, new=new, codes=", ".join(sorted(new_codes))))
        mapping[old] = new
    lost = [code for code in old_codes if code not in mapping and code in carried_units]
    if lost:
        raise UserError(_("units of the source year whose recurring tasks have no unit in the new year: {codes}; say where each goes with --map OLD=NEW").format(codes=", ".join(lost)))
    return mapping


def draft_files(programme, year: int, min_months: int, new_units: list[UnitSpec] | None = None, pairs: list[str] | None = None) -> tuple[dict[str, str], list]:
    carried = recurring_tasks(programme, year, min_months)
    units = [UnitSpec(u.code, u.name, u.name_en or "", tuple(u.aliases)) for u in programme.units]
    if new_units is not None or pairs:
        new_units = new_units if new_units is not None else units
        carried = carry_to_units(carried, unit_mapping([u.code for u in units], new_units, pairs or [], {c.unit for c in carried}))
        units = new_units
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


def write_draft(workspace, year: int, source: int, min_months: int, force: bool, dry_run: bool, units_file=None, pairs: list[str] | None = None) -> tuple[str, str | None]:
    """Draft the year (with the units of `units_file`, old units mapped by `pairs`), or only
    say what it would hold (`dry_run`)."""
    from lmhtx_cli.plan.checking import unwritten_year_errors
    from lmhtx_cli.store.folders import write_folder
    from lmhtx_cli.workspace.imports import read_units_file

    if year == source:
        raise UserError(_("the new year must differ from --from"))
    programme, _problems = workspace.programme(source)
    files, carried = draft_files(programme, year, min_months, read_units_file(units_file) if units_file else None, pairs)
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
