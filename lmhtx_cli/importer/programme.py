"""Turn a programme document into plan files, mapping its unit headings onto known units."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from lmhtx_cli.errors import UserError
from lmhtx_cli.i18n import _
from lmhtx_cli.importer.programme_text import Repair, SourceProgramme, read_programme_text
from lmhtx_cli.matching import match_unit
from lmhtx_cli.store.emit import TaskSpec, UnitSpec, month_file_text, plan_file_text, task_id
from lmhtx_cli.text import fold


@dataclass
class ImportResult:
    files: dict[str, str]  # path relative to the data root -> file text
    task_count: int
    unplaced: list[tuple[int, str]] = field(default_factory=list)
    unknown_units: list[tuple[int, str]] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    missing_months: list[int] = field(default_factory=list)
    found: dict[str, int] = field(default_factory=dict)  # headings and tables the reader saw, by kind

    def counts_by_unit(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for path, text in self.files.items():
            if not path.endswith("plan.yaml"):
                for line in text.splitlines():
                    if line.startswith("    - id: "):
                        code = line.split("-", 2)[-1].rsplit("-", 1)[0]
                        counts[code] = counts.get(code, 0) + 1
        return counts


def _unit_for_heading(heading: str, units: Sequence[UnitSpec]) -> UnitSpec | None:
    try:
        return match_unit(heading, units)  # type: ignore[arg-type]
    except UserError:
        return None


def import_programme_lines(lines: list[str], year: int, units: Sequence[UnitSpec], agency: Sequence[str] = ()) -> ImportResult:
    return import_programme_text("\n".join(lines), year, units, agency)


def import_programme_text(text: str, year: int, units: Sequence[UnitSpec], agency: Sequence[str] = ()) -> ImportResult:
    seen: dict[str, bool] = {}
    keys = [fold(spelling) for unit in units for spelling in (unit.code, unit.name, *unit.aliases)]

    def may_match(wanted: str) -> bool:
        """A cheap first look with match_unit's own tiers: most lines name no unit at all."""
        words = set(wanted.split())
        return bool(wanted) and any(wanted in key or words <= set(key.split()) or wanted.replace(" ", "") == key.replace(" ", "") for key in keys)

    def known(name: str) -> bool:
        if name not in seen:  # the reader asks of many lines; match_unit's refusals are costly
            seen[name] = may_match(fold(name)) and _unit_for_heading(name, units) is not None
        return seen[name]

    spellings = tuple(spelling for unit in units for spelling in (unit.name, *unit.aliases))
    source: SourceProgramme = read_programme_text(text, is_unit_name=known, year=year, spellings=spellings, agency=tuple(agency))
    result = ImportResult(files={}, task_count=0, unplaced=list(source.unplaced), repairs=list(source.repairs), found=dict(source.found))
    months: dict[int, dict[str, list[TaskSpec]]] = {}
    for month in source.months:
        if not 1 <= month.month <= 12:
            result.unplaced.append((month.line, _("Tháng {month} is not a month").format(month=month.month)))
            continue
        by_unit = months.setdefault(month.month, {})
        for unit_block in month.units:
            unit = _unit_for_heading(unit_block.heading, units)
            if unit is None:
                result.unknown_units.append((unit_block.line, unit_block.heading))
                continue
            tasks = by_unit.setdefault(unit.code, [])
            for source_task in unit_block.tasks:
                tasks.append(TaskSpec(task_id(month.month, unit.code, len(tasks) + 1), source_task.text, due=source_task.due, helpers=source_task.helpers))
                result.task_count += 1
    order = [u.code for u in units]
    covered = source.covered | set(months)
    result.missing_months = [m for m in range(1, 13) if m not in covered]
    result.files[f"plans/{year}/plan.yaml"] = plan_file_text(year, source.title, source.note, list(units))
    for month_number in range(1, 13):
        by_unit = {code: tasks for code, tasks in months.get(month_number, {}).items() if tasks}
        ordered = sorted(by_unit.items(), key=lambda item: order.index(item[0]))
        result.files[f"plans/{year}/{month_number:02d}.yaml"] = month_file_text(year, month_number, ordered)
    return result
