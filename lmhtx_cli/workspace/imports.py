"""Import a programme document into a data folder: read, map units, check, then write."""

from __future__ import annotations

from pathlib import Path

from lmhtx_cli.errors import DataError, UserError
from lmhtx_cli.i18n import _
from lmhtx_cli.importer.programme import ImportResult, import_programme_lines
from lmhtx_cli.store.emit import UnitSpec
from lmhtx_cli.store.paths import folder_shown, holds_yaml


def read_units_file(path: Path) -> list[UnitSpec]:
    from lmhtx_cli.plan.model import UnitDef
    from lmhtx_cli.store.documents import read_given_doc

    doc = read_given_doc(path)
    if doc.problems and any(p.level == "error" for p in doc.problems):
        raise DataError(doc.problems)
    data = doc.data if isinstance(doc.data, dict) else {}
    units = data.get("units")
    if not isinstance(units, list) or not units:
        raise UserError(_("the units file needs a list under units: (code, name, aliases)"), str(path))
    specs = []
    for i, item in enumerate(units):
        try:
            unit = UnitDef.model_validate(item)
        except Exception as exc:  # pydantic's ValidationError; named once here
            line, column = doc.where(("units", i))
            raise UserError(_("not a unit: {reason}").format(reason=" ".join(str(exc).split())[:200]), str(path), line, column) from None
        specs.append(UnitSpec(unit.code, unit.name, unit.name_en or "", tuple(unit.aliases)))
    return specs


def units_of_latest_plan(workspace) -> list[UnitSpec]:
    years = workspace.years()
    if not years:
        raise UserError(_("there is no plan yet to take the units from: give them with --units FILE"))
    programme, _problems = workspace.programme(max(years))
    return [UnitSpec(u.code, u.name, u.name_en or "", tuple(u.aliases)) for u in programme.units]


def document_lines(path: Path) -> list[str]:
    from lmhtx_cli.store.inputs import read_input

    raw = read_input(path)
    if path.suffix.lower() == ".docx":
        from lmhtx_cli.importer.docx_text import docx_lines

        return docx_lines(raw, str(path))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserError(_("the text is not UTF-8; save it as UTF-8 (or give the .docx)"), str(path)) from None
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def office_agency(root: Path) -> list[str]:
    """The office's letter-head lines (settings.yaml), part of the frame the reader removes; none
    when the settings cannot be read (the import does not depend on them)."""
    from lmhtx_cli.settings import load_settings

    try:
        settings = load_settings(root)
    except (DataError, UserError):
        return []
    return [*settings.agency, *([settings.parent_agency] if settings.parent_agency else [])]


def no_structure_message(result: ImportResult, units: list[UnitSpec]) -> str:
    """What the reader looked for and what it found, when it found no task."""
    found = result.found
    return _(
        'no task found. The reader looked for month headings ("Tháng 1", "THÁNG MỘT NĂM 2025", "III. Tháng 9"), quarter headings ("Quý I"), '
        "unit headings naming a known unit ({units}), task lines after a bullet or a number, and tables with a column for the task "
        '("Nội dung") and one for the lead unit ("Đơn vị chủ trì") or the time ("Thời gian"); it found {months} month heading(s), '
        "{quarters} quarter heading(s), {unit_headings} unit heading(s) and {tables} such table(s). Is it a work programme?"
    ).format(
        units=", ".join(u.name for u in units),
        months=found.get("month", 0),
        quarters=found.get("quarter", 0),
        unit_headings=found.get("unit", 0),
        tables=found.get("table", 0),
    )


def import_document(workspace, source: Path, year: int, output: Path | None, units_file: Path | None, force: bool, explain_only: bool = False) -> tuple[ImportResult, str | None]:
    """Read the document and write the year's files, all of them or none; the folder written,
    or None when nothing was written (`explain_only`, or lines that could not be placed)."""
    from lmhtx_cli.plan.checking import unwritten_year_errors
    from lmhtx_cli.store.folders import write_folder

    units = read_units_file(units_file) if units_file else units_of_latest_plan(workspace)
    lines = document_lines(source)
    result = import_programme_lines(lines, year, units, office_agency(workspace.root))
    if explain_only:
        return result, None
    if result.unknown_units:
        listed = "; ".join(_("line {line}: {heading}").format(line=line, heading=heading) for line, heading in result.unknown_units)
        raise UserError(_("unit headings that match no known unit ({listed}); add them, or their spellings as aliases, to a units file and pass --units FILE").format(listed=listed))
    if result.task_count == 0 and not result.unplaced:
        raise UserError(no_structure_message(result, units), str(source))
    target = output or workspace.root / "plans" / str(year)
    if output is not None:  # never over another data folder of the tool (members/, templates/ …)
        from lmhtx_cli.store.targets import output_target

        output_target(workspace.root, output, "--output", folder=True, allowed=("plans",))
    if holds_yaml(target) and not force:
        raise UserError(_("{folder} already holds plan files; use --force to replace them").format(folder=target))
    if result.unplaced:
        return result, None  # a line that is not placed would be a lost word: nothing is written
    problems = unwritten_year_errors(workspace.root, year, result.files)
    if problems:
        raise DataError(problems)
    shown = folder_shown(target, workspace.root)
    write_folder(workspace.root, target, {Path(path).name: text for path, text in result.files.items()}, shown)
    return result, shown
