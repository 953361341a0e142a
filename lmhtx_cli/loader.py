"""Files -> validated models -> the programme, with every problem found in one pass.

This is the only module that reads the data files (writeback is the only one that writes them).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # names for annotations only: pydantic is loaded when a file needs it
    from pydantic import BaseModel

    from lmhtx_cli.model import MonthFile, PlanFile

from lmhtx_cli.errors import DataError, Problem, UserError
from lmhtx_cli.schema_check import checked_record, present, unknown_keys
from lmhtx_cli.paths import MONTH_FILE, display_path, plan_years
from lmhtx_cli.programme import HistoryItem, Programme, TaskRow, Unit
from lmhtx_cli.text import nfc
from lmhtx_cli.yamlio import MAX_FILE_BYTES, YamlDoc, decode, parse


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


def read_doc(path: Path, root: Path, overrides: dict[Path, str] | None = None, track_depth: int = 3) -> YamlDoc:
    name = display_path(path, root)
    if overrides and path in overrides:
        return parse(overrides[path], name, track_depth)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:  # refused before reading: memory stays bounded whatever the file
            doc = YamlDoc(name, "")
            doc.problems.append(Problem(name, 1, 1, "error", "too-large", f"the file is {size // (1024 * 1024)} MB; data files are limited to {MAX_FILE_BYTES // (1024 * 1024)} MB"))
            return doc
        raw = path.read_bytes()
    except OSError as exc:
        doc = YamlDoc(name, "")
        doc.problems.append(Problem(name, 1, 1, "error", "unreadable", f"cannot read the file: {exc.strerror or exc}"))
        return doc
    text, problems = decode(raw, name)
    if text is None:
        doc = YamlDoc(name, "")
        doc.problems.extend(problems)
        return doc
    return parse(text, name, track_depth)


# Positions are kept down to records (a task at units/<unit>/<n>: depth 3, a member at
# members/<n>: depth 2); anything deeper is located again only when a message needs it.

_PYDANTIC_CODES = {
    "literal_error": "unknown-value",
    "date_from_datetime_parsing": "bad-date",
    "date_parsing": "bad-date",
    "date_type": "bad-date",
    "missing": "missing-key",
    "string_pattern_mismatch": "bad-format",
    "extra_forbidden": "unknown-key",
}


def _model_class(model):
    if isinstance(model, str):
        from lmhtx_cli import model as models

        return getattr(models, model)
    return model


def _validate(doc: YamlDoc, model):
    """The file's data as a model (a class, or the name of a plan model): plain records when the
    exported schema accepts it, else pydantic's verdict, with every problem added to the doc."""
    if doc.data is None:
        return None
    if not isinstance(doc.data, dict):
        doc.problems.append(doc.problem((), "schema", f"the file must hold a mapping of keys, not a {type(doc.data).__name__}"))
        return None
    name = model if isinstance(model, str) else model.__name__
    _warn_about(doc, unknown_keys(name, doc.data))
    fast = checked_record(name, doc.data)
    if fast is not None:
        return fast
    from pydantic import ValidationError

    model = _model_class(model)
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        _report(doc, exc)
    return _valid_part(doc, model)


def _warn_about(doc: YamlDoc, unknown: list) -> None:
    for path, key, known in unknown:
        close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
        hint = f'; did you mean "{close[0]}"?' if close else f"; known keys: {', '.join(known)}"
        doc.problems.append(doc.problem(path, "unknown-key", f'unknown key "{key}"{hint}', "warning", on_key=True))


def _valid_part(doc: YamlDoc, model: type[BaseModel]) -> BaseModel | None:
    """The file with each invalid record replaced by None (so indexes still match the file's
    positions), so the checks across records and files still see the rest: one bad task or
    member must not hide every other problem. Only checks see such a partial model."""
    from pydantic import ValidationError

    from lmhtx_cli.model import nested_models

    data = doc.data
    lists = nested_models(model)
    checked: dict[str, object] = {}
    for key, (shape, item_model) in lists.items():
        value = data.get(key)
        if shape == "list" and isinstance(value, list):
            checked[key] = [_valid_or_none(item_model, item) for item in value]
        elif shape == "dict-of-lists" and isinstance(value, dict):
            checked[key] = {group: [_valid_or_none(item_model, item) for item in (items if isinstance(items, list) else [])] for group, items in value.items()}
    valid_only = {key: (present(v) if isinstance(v, list) else {g: present(items) for g, items in v.items()}) for key, v in checked.items()}
    header = {k: v for k, v in data.items() if k not in lists}
    try:
        partial = model.model_validate(header | {k: [i.model_dump() for i in v] if isinstance(v, list) else {g: [i.model_dump() for i in items] for g, items in v.items()} for k, v in valid_only.items()})
    except ValidationError:
        return None
    for key, value in checked.items():
        setattr(partial, key, value)
    return partial


def _valid_or_none(model, item: object):
    from pydantic import ValidationError

    try:
        return model.model_validate(item)
    except ValidationError:
        return None


def _report(doc: YamlDoc, exc) -> None:
    already = {(p.line, p.column) for p in doc.problems}  # e.g. a bad date the reader already named
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        code = _PYDANTIC_CODES.get(error["type"], "schema")
        field_name = next((str(p) for p in reversed(loc) if isinstance(p, str)), "value")
        if error["type"] == "missing":
            message = f'missing key "{loc[-1]}"'
            where = loc[:-1]
        else:
            given = error.get("input")
            shown = f' (got "{given}")' if isinstance(given, (str, int, float)) else ""
            message = f"{field_name}: {error['msg']}{shown}"
            where = loc
            if field_name == "status" and error["type"] == "literal_error":
                code = "unknown-status"
                message = _unknown_status_message(given)
        problem = doc.problem(where, code, message)
        if (problem.line, problem.column) not in already:
            doc.problems.append(problem)


def _unknown_status_message(given: object) -> str:
    from lmhtx_cli.status import STATUSES, parse_status

    try:
        hint = f'; did you mean "{parse_status(str(given))}"?'
    except UserError:
        hint = ""
    return f'unknown status "{given}"{hint} (statuses: {", ".join(STATUSES)})'


def read_year(root: Path, year: int, overrides: dict[Path, str] | None = None, only: set[Path] | None = None) -> YearDocs:
    """Read a year's files; `overrides` stands in for files about to be written, to check them
    first; `only` limits the month files read (the others are known valid, from the cache)."""
    folder = root / "plans" / str(year)
    docs = YearDocs(year)
    plan_path = folder / "plan.yaml"
    if plan_path.exists() or (overrides and plan_path in overrides):
        docs.plan_doc = read_doc(plan_path, root, overrides)
        docs.plan = _validate(docs.plan_doc, "PlanFile")  # type: ignore[assignment]
    else:
        docs.problems.append(Problem(display_path(folder, root), 1, 1, "error", "missing-plan", f"plans/{year}/ has no plan.yaml (the year's units)"))
    on_disk = set(folder.iterdir()) if folder.is_dir() else set()
    paths = on_disk | {p for p in (overrides or {}) if p.parent == folder}
    for path in sorted(paths):
        if path.name in ("plan.yaml",) or path.is_dir() or path.name.startswith("."):
            continue
        match = MONTH_FILE.match(path.name)
        if only is not None and path not in only:
            continue
        if not match:
            if path.suffix in (".yaml", ".yml"):
                docs.problems.append(Problem(display_path(path, root), 1, 1, "warning", "unexpected-file", "not a month file (01.yaml … 12.yaml); it is not read"))
            continue
        doc = read_doc(path, root, overrides)
        month_doc = MonthDoc(doc, int(match.group(1)))
        month_doc.model = _validate(doc, "MonthFile")  # type: ignore[assignment]
        docs.months.append(month_doc)
    return docs


def unwritten_year_errors(root: Path, year: int, files: dict[str, str]) -> list[Problem]:
    """Errors in a year's files before they are written (an import, a new-year draft): they are
    checked in memory, alone, whatever the folder holds now."""
    overrides = {root / path: text for path, text in files.items()}
    return [p for p in year_problems(read_year(root, year, overrides, only=set(overrides))) if p.level == "error"]


def year_problems(docs: YearDocs) -> list[Problem]:
    from lmhtx_cli.checks import run_checks

    problems = list(docs.problems)
    if docs.plan_doc is not None:
        problems.extend(docs.plan_doc.problems)
    for month in docs.months:
        problems.extend(month.doc.problems)
    problems.extend(run_checks(docs))
    return sorted(set(problems))


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
                        file=month.doc.file,
                        line=line,
                    )
                )
    threads = [Unit(t.code, nfc(t.name), t.name_en and nfc(t.name_en), [nfc(a) for a in t.aliases]) for t in plan.threads]
    return Programme(docs.year, plan.title and nfc(plan.title), plan.note and nfc(plan.note), units, tasks, threads)


def _history_item(entry) -> HistoryItem:
    return HistoryItem(entry.on, entry.status, entry.by, entry.note, entry.ref, entry.to, entry.continued_as)


def load_programme(root: Path, year: int) -> tuple[Programme, list[Problem]]:
    """The year's programme, or DataError when its files hold errors (warnings pass through)."""
    if not (root / "plans" / str(year)).is_dir():
        years = plan_years(root)
        have = ", ".join(map(str, years)) or "none"
        raise UserError(f"no plan for {year} in {display_path(root / 'plans', root)} (years with a plan: {have})")
    docs = read_year(root, year)
    problems = year_problems(docs)
    if any(p.level == "error" for p in problems):
        raise DataError(problems)
    return build_programme(docs), problems


def tasks_of_files(files: dict[str, bytes]) -> tuple[list[TaskRow], dict[int, list[Unit]], list[Problem]]:
    """Tasks and units from file contents (as git holds them), for comparing two revisions.

    Files that do not read are reported and left out rather than stopping the comparison.
    """
    tasks: list[TaskRow] = []
    units: dict[int, list[Unit]] = {}
    problems: list[Problem] = []
    for name in sorted(files):
        parts = name.split("/")
        if len(parts) != 3 or parts[0] != "plans" or not parts[1].isdigit():
            continue
        year = int(parts[1])
        text, decode_problems = decode(files[name], name)
        if text is None:
            problems.extend(decode_problems)
            continue
        doc = parse(text, name)
        if parts[2] == "plan.yaml":
            plan = _validate(doc, "PlanFile")
            if plan is not None:
                units[year] = [Unit(u.code, u.name, u.name_en, list(u.aliases)) for u in present(plan.units)]
        elif MONTH_FILE.match(parts[2]):
            month = _validate(doc, "MonthFile")
            if month is not None:
                for code, items in month.units.items():
                    for i, task in enumerate(items):
                        if task is None:
                            continue
                        line, _ = doc.where(("units", code, i))
                        tasks.append(TaskRow(task.id, year, month.month, code, nfc(task.text), task.status, task.thread, task.continues, [_history_item(h) for h in task.history], name, line))
        problems.extend(p for p in doc.problems if p.level == "error")
    return tasks, units, problems


def files_on_disk(root: Path) -> dict[str, bytes]:
    files = {}
    for year in plan_years(root):
        for path in sorted((root / "plans" / str(year)).iterdir()):
            if path.is_file() and (path.name == "plan.yaml" or MONTH_FILE.match(path.name)):
                files[display_path(path, root)] = path.read_bytes()
    return files


def plan_units(root: Path) -> dict[int, set[str]]:
    """Each plan year's unit codes, read from plan.yaml alone (what member checks refer to)."""
    units: dict[int, set[str]] = {}
    for year in plan_years(root):
        path = root / "plans" / str(year) / "plan.yaml"
        if path.exists():
            plan = _validate(read_doc(path, root), "PlanFile")
            if plan is not None:
                units[year] = {u.code for u in present(plan.units)}
    return units
