"""Files -> validated models -> the programme, with every problem found in one pass.

This is the only module that reads the data files (writeback is the only one that writes them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # names for annotations only: pydantic is loaded when a file needs it
    from lmhtx_cli.plan.model import MonthFile, PlanFile

from lmhtx_cli.errors import Problem, UserError
from lmhtx_cli.i18n import _
from lmhtx_cli.plan.programme import HistoryItem, Programme, TaskRow, Unit
from lmhtx_cli.plan.timeline import link_continuations
from lmhtx_cli.store.documents import conform, read_doc
from lmhtx_cli.store.paths import MONTH_FILE, display_path, entries, exists, is_folder, is_year_name, looks_like_a_number, plan_years
from lmhtx_cli.store.schema_check import present
from lmhtx_cli.store.yamlio import YamlDoc, decode, parse
from lmhtx_cli.text import nfc


@dataclass
class MonthDoc:
    doc: YamlDoc
    month_from_name: int
    model: MonthFile | None = None


@dataclass
class YearDocs:
    """One year's files as read, before they become a Programme; the checks work on this."""

    year: int
    plan_doc: YamlDoc | None = None
    plan: PlanFile | None = None
    months: list[MonthDoc] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    known_ids: dict[str, tuple[str, int]] = field(default_factory=dict)  # ids of month files not read


def _plan_model():
    from lmhtx_cli.plan.model import PlanFile

    return PlanFile


def _month_model():
    from lmhtx_cli.plan.model import MonthFile

    return MonthFile


def _suggest(field_name: str, given: object) -> str:
    """A hint for a mistyped status: the status a Vietnamese or English word stands for."""
    if field_name != "status":
        return ""
    from lmhtx_cli.plan.status import parse_status

    try:
        return _('; did you mean "{value}"?').format(value=parse_status(str(given)))
    except UserError:
        return ""


def read_year(root: Path, year: int, overrides: dict[Path, str] | None = None, only: set[Path] | None = None) -> YearDocs:
    """Read a year's files; `overrides` stands in for files about to be written, to check them
    first; `only` limits the month files read (the others are known valid, from the cache)."""
    folder = root / "plans" / str(year)
    docs = YearDocs(year)
    plan_path = folder / "plan.yaml"
    if exists(plan_path) or (overrides and plan_path in overrides):
        docs.plan_doc = read_doc(plan_path, root, overrides)
        docs.plan = conform(docs.plan_doc, "PlanFile", _plan_model, _suggest)  # type: ignore[assignment]
    else:
        docs.problems.append(Problem(display_path(folder, root), 1, 1, "error", "missing-plan", _("plans/{year}/ has no plan.yaml (the year's units)").format(year=year)))
    on_disk = set(entries(folder))
    paths = on_disk | {p for p in (overrides or {}) if p.parent == folder}
    for path in sorted(paths):
        if path.name in ("plan.yaml",) or path.name.startswith("."):
            continue
        match = MONTH_FILE.match(path.name)
        if only is not None and path not in only:
            continue
        if path not in (overrides or {}) and is_folder(path):
            if match:  # plans/2024/05.yaml made a folder: its tasks would silently be missing
                docs.problems.append(Problem(display_path(path, root), 1, 1, "error", "not-a-file", _("a month file is a folder here, not a file; its tasks cannot be read")))
            continue
        if not match:
            if looks_like_a_number(path.stem) and path.suffix in (".yaml", ".yml"):
                docs.problems.append(Problem(display_path(path, root), 1, 1, "error", "bad-month-file", _("month files are named 01.yaml … 12.yaml (digits 0-9); this one is not read")))
            elif path.suffix in (".yaml", ".yml"):
                docs.problems.append(Problem(display_path(path, root), 1, 1, "warning", "unexpected-file", _("not a month file (01.yaml … 12.yaml); it is not read")))
            continue
        doc = read_doc(path, root, overrides)
        month_doc = MonthDoc(doc, int(match.group(1)))
        month_doc.model = conform(doc, "MonthFile", _month_model, _suggest)  # type: ignore[assignment]
        docs.months.append(month_doc)
    return docs


def build_programme(docs: YearDocs) -> Programme:
    plan = docs.plan
    assert plan is not None
    units = [Unit(nfc(u.code), nfc(u.name), u.name_en and nfc(u.name_en), [nfc(a) for a in u.aliases]) for u in plan.units]
    tasks: list[TaskRow] = []
    for month in sorted(docs.months, key=lambda m: m.month_from_name):
        if month.model is None:
            continue
        for code, items in month.model.units.items():
            for i, task in enumerate(items):
                line, _ = month.doc.where(("units", code, i))
                tasks.append(
                    TaskRow(
                        id=task.id,
                        year=docs.year,
                        month=month.model.month,
                        unit=code,
                        text=nfc(task.text),
                        status=task.status,
                        thread=task.thread,
                        continues=task.continues,
                        history=[_history_item(h) for h in task.history],
                        added=task.added,
                        due=task.due,
                        file=month.doc.file,
                        line=line,
                    )
                )
    link_continuations(tasks)
    threads = [Unit(t.code, nfc(t.name), t.name_en and nfc(t.name_en), [nfc(a) for a in t.aliases]) for t in plan.threads]
    return Programme(docs.year, plan.title and nfc(plan.title), plan.note and nfc(plan.note), units, tasks, threads)


def _history_item(entry) -> HistoryItem:
    return HistoryItem(entry.on, entry.status, entry.by, entry.note, entry.ref, entry.to)  # continued_as: derived (link_continuations)


def tasks_of_files(files: dict[str, bytes]) -> tuple[list[TaskRow], dict[int, list[Unit]], list[Problem]]:
    """Tasks and units from file contents (as git holds them), for comparing two revisions.

    Files that do not read are reported and left out rather than stopping the comparison.
    """
    tasks: list[TaskRow] = []
    units: dict[int, list[Unit]] = {}
    problems: list[Problem] = []
    for name in sorted(files):
        parts = name.split("/")
        if len(parts) != 3 or parts[0] != "plans" or not is_year_name(parts[1]):
            continue
        year = int(parts[1])
        text, decode_problems = decode(files[name], name)
        if text is None:
            problems.extend(decode_problems)
            continue
        doc = parse(text, name)
        if parts[2] == "plan.yaml":
            plan = conform(doc, "PlanFile", _plan_model, _suggest)
            if plan is not None:
                units[year] = [Unit(u.code, u.name, u.name_en, list(u.aliases)) for u in present(plan.units)]
        elif MONTH_FILE.match(parts[2]):
            month = conform(doc, "MonthFile", _month_model, _suggest)
            if month is not None:
                for code, items in month.units.items():
                    for i, task in enumerate(items):
                        if task is None:
                            continue
                        line, _ = doc.where(("units", code, i))
                        tasks.append(TaskRow(task.id, year, month.month, code, nfc(task.text), task.status, task.thread, task.continues, [_history_item(h) for h in task.history], name, line))
        problems.extend(p for p in doc.problems if p.level == "error")
    return tasks, units, problems


def plan_units(root: Path) -> dict[int, set[str]]:
    """Each plan year's unit codes, read from plan.yaml alone (what member checks refer to)."""
    units: dict[int, set[str]] = {}
    for year in plan_years(root):
        path = root / "plans" / str(year) / "plan.yaml"
        if exists(path):
            plan = conform(read_doc(path, root), "PlanFile", _plan_model, _suggest)
            if plan is not None:
                units[year] = {u.code for u in present(plan.units)}
    return units
