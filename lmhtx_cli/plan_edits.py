"""Progress and plan changes as text edits of month files, and the transaction that writes them.

Each change touches only the lines of the task it concerns: the status value is replaced where it
stands and history entries are inserted after the task's last line. Two people marking different
tasks therefore edit different lines, and git merges their branches without a conflict.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from lmhtx_cli.errors import DataError, UserError
from lmhtx_cli.importer.emit import month_file_text
from lmhtx_cli.progress import Mark
from lmhtx_cli.record_edits import append_entry, replace_scalar, set_key
from lmhtx_cli.writeback import PLAIN_KEYS, TextFile, data_lock, plain_or_quoted, quote, remove_stale_temporaries, write_atomically

DEFAULT_GROUP_INDENT = 2


@dataclass
class Transaction:
    """The files one command changes, read under the lock, checked together, written together."""

    root: Path
    files: dict[Path, TextFile] = field(default_factory=dict)
    known: dict[int, tuple] = field(default_factory=dict)  # year -> (validated programme, its files' signature)

    def __post_init__(self) -> None:
        """A programme read before the lock is trusted only if no file of its year changed since."""
        from lmhtx_cli import cache

        for year, (programme, built_from) in list(self.known.items()):
            if cache.signature(cache.folder_files(self.root / "plans" / str(year))) != built_from:
                del self.known[year]

    def file(self, path: Path) -> TextFile:
        """Any existing data file, read once per transaction."""
        if path not in self.files:
            file = TextFile.read(path, self.root)
            if file.original is None:
                raise UserError("the file does not exist", file.name)
            self.files[path] = file
        return self.files[path]

    def month_file(self, year: int, month: int) -> TextFile:
        path = self.root / "plans" / str(year) / f"{month:02d}.yaml"
        if path not in self.files:
            file = TextFile.read(path, self.root)
            if file.original is None:
                if not (self.root / "plans" / str(year) / "plan.yaml").exists():
                    raise UserError(f"there is no plan for {year}: create plans/{year}/plan.yaml first")
                file = TextFile.new(path, self.root, month_file_text(year, month, []))
            self.files[path] = file
        return self.files[path]

    def ids_of_year(self, year: int) -> set[str]:
        programme = self.known.get(year, (None, None))[0]
        if programme is not None:
            ids = {t.id for t in programme.tasks}
            for path, file in self.files.items():
                if path.parent == self.root / "plans" / str(year) and file.doc is not None and isinstance(file.doc.data, dict):
                    for items in (file.doc.data.get("units") or {}).values():
                        ids.update(i.get("id") for i in items or [] if isinstance(i, dict))
            return ids
        from lmhtx_cli.loader import read_year

        docs = read_year(self.root, year, self.overrides())
        ids = set()
        for month in docs.months:
            units = month.doc.data.get("units") if isinstance(month.doc.data, dict) else None
            for items in (units or {}).values() if isinstance(units, dict) else ():
                for item in items if isinstance(items, list) else ():
                    if isinstance(item, dict) and isinstance(item.get("id"), str):
                        ids.add(item["id"])
        return ids

    def overrides(self) -> dict[Path, str]:
        return {path: file.plain_text() for path, file in self.files.items() if file.changed}

    def check_and_write(self) -> list[str]:
        """Validate every touched year with the new texts; write only if all of them pass."""
        from lmhtx_cli.loader import read_year, year_problems

        overrides = self.overrides()
        plans, members = self.root / "plans", self.root / "members"
        years = sorted({int(path.parent.name) for path in overrides if path.parent.parent == plans})
        checked = {}
        for year in years:
            changed = {path for path in overrides if path.parent == plans / str(year)}
            programme = self.known.get(year, (None, None))[0]
            if programme is not None:
                docs = read_year(self.root, year, overrides, only=changed)
                names = {file.name for path, file in self.files.items() if path in changed}
                docs.known_ids = {t.id: (t.file, t.line) for t in programme.tasks if t.file not in names}
            else:
                docs = read_year(self.root, year, overrides)
            problems = [p for p in year_problems(docs) if p.level == "error"]
            if problems:
                raise DataError(problems)
            checked[year] = (docs, changed)
        if any(members in path.parents for path in overrides):
            from lmhtx_cli.loader import plan_units
            from lmhtx_cli.member_loader import member_problems, read_members

            problems = [p for p in member_problems(read_members(self.root, overrides), plan_units(self.root)) if p.level == "error"]
            if problems:
                raise DataError(problems)
        written = []
        for path, file in self.files.items():
            if file.changed:
                write_atomically(file)
                written.append(file.name)
        for year, (docs, changed) in checked.items():
            self._refresh_cache(year, docs, changed)
        return written

    def _refresh_cache(self, year: int, docs, changed: set[Path]) -> None:
        """Leave the cache holding the year as now written, so the next command need not re-read it."""
        from lmhtx_cli import cache
        from lmhtx_cli.loader import build_programme

        programme = self.known.get(year, (None, None))[0]
        if programme is None or docs.plan is None:
            return
        names = {self.files[path].name for path in changed}
        fresh = build_programme(docs)
        tasks = [t for t in programme.tasks if t.file not in names] + fresh.tasks
        tasks.sort(key=lambda t: t.month)
        programme = type(programme)(programme.year, programme.title, programme.note, programme.units, tasks, programme.threads)
        folder = self.root / "plans" / str(year)
        cache.store(self.root, f"plan-{year}", cache.signature(cache.folder_files(folder)), (programme, []))


@contextlib.contextmanager
def transaction(root: Path, known: dict | None = None) -> Iterator[Transaction]:
    """One writer at a time: the lock, then a transaction over files read under it."""
    with data_lock(root):
        remove_stale_temporaries(root / "plans")
        remove_stale_temporaries(root / "members")
        yield Transaction(root, known=dict(known or {}))


def locate_task(file: TextFile, task_id: str) -> tuple[str, int]:
    units = file.doc.data.get("units") if file.doc and isinstance(file.doc.data, dict) else None
    for code, items in (units or {}).items():
        for index, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict) and item.get("id") == task_id:
                return code, index
    raise UserError(f'task "{task_id}" is no longer in this file; run the command again', file.name)


def record_mark(file: TextFile, task_id: str, mark: Mark, continued_as: str | None = None) -> None:
    """Set the task's status and add one history entry below its last line."""
    code, index = locate_task(file, task_id)
    task_path = ("units", code, index)
    replace_scalar(file, task_path + ("status",), mark.status)
    append_entry(file, task_path, "history", mark.history_record(continued_as))


def next_free_id(month: int, unit_code: str, taken: set[str]) -> str:
    number = 1 + sum(1 for i in taken if i.startswith(f"{month:02d}-{unit_code}-"))
    while f"{month:02d}-{unit_code}-{number}" in taken:
        number += 1
    return f"{month:02d}-{unit_code}-{number}"


def append_task(file: TextFile, unit_code: str, unit_order: list[str], record: dict) -> None:
    """Add a task at the end of its unit's list, creating the unit's group in plan order if needed."""
    doc = file.doc
    assert doc is not None
    data = doc.data if isinstance(doc.data, dict) else {}
    units = data.get("units")
    if not isinstance(units, dict):
        raise UserError('the month file has no "units:" mapping to add the task to', file.name)
    dash_column, key_column = _task_layout(doc, units)
    items = units.get(unit_code)
    task_lines = _task_lines(record, dash_column, key_column)
    if isinstance(items, list) and items and ("units", unit_code) not in doc.flow:
        file.insert_after(doc.last_line(("units", unit_code, len(items) - 1)), task_lines)
        return
    if unit_code in units:
        raise UserError(f'unit "{unit_code}" has no block list of tasks to add to', file.name, *doc.where(("units", unit_code)))
    group_indent = doc.keys[("units", next(iter(units)))][1] - 1 if units else DEFAULT_GROUP_INDENT
    group = [" " * group_indent + f"{unit_code}:"] + task_lines
    if ("units",) in doc.flow:  # "units: {}" in a month with no task yet
        line, column = doc.values[("units",)]
        end_line, end_column = doc.ends[("units",)]
        if units or end_line != line:
            raise UserError('"units:" is written inline ({…}); write it as a block to add tasks', file.name, line, column)
        key_line, key_column_ = doc.keys[("units",)]
        file.replace(key_line, key_column_, end_column, "units:")
        file.insert_after(key_line, group)
        return
    position = unit_order.index(unit_code) if unit_code in unit_order else len(unit_order)
    before = [c for c in units if c in unit_order and unit_order.index(c) < position]
    if before:
        file.insert_after(doc.last_line(("units", before[-1])), group)
    else:
        file.insert_after(doc.keys[("units",)][0], group)


def _task_layout(doc, units: dict) -> tuple[int, int]:
    for code, items in units.items():
        if isinstance(items, list) and items and ("units", code) not in doc.flow:
            key_column = doc.keys[("units", code, 0, next(iter(items[0])))][1] if isinstance(items[0], dict) and items[0] else 7
            return key_column - 2, key_column
    return DEFAULT_GROUP_INDENT + 3, DEFAULT_GROUP_INDENT + 5


def _task_lines(record: dict, dash_column: int, key_column: int) -> list[str]:
    lines = []
    for key, value in record.items():
        if value is None:
            continue
        text = plain_or_quoted(value) if key in PLAIN_KEYS else quote(value)
        prefix = " " * (dash_column - 1) + "- " + " " * (key_column - dash_column - 2) if not lines else " " * (key_column - 1)
        lines.append(f"{prefix}{key}: {text}")
    return lines


def apply_marks(root: Path, marks: list[Mark], unit_orders: dict[int, list[str]], known: dict | None = None) -> tuple[list[str], dict[str, str]]:
    """Record the marks; postponed tasks get a continuation in their new month. Returns the files
    written and, for each postponed task, the id of its continuation."""
    continuations: dict[str, str] = {}
    with transaction(root, known) as tx:
        for mark in marks:
            task = mark.task
            continued_as = None
            if mark.to is not None:
                year, month = mark.to
                target = tx.month_file(year, month)
                continued_as = next_free_id(month, task.unit, tx.ids_of_year(year))
                link = task.id if year == task.year else f"{task.year}/{task.id}"
                append_task(target, task.unit, unit_orders.get(year, unit_orders.get(task.year, [])), {"id": continued_as, "text": task.text, "status": "planned", "continues": link, "thread": task.thread})
                target.settle()
                continuations[task.id] = continued_as if year == task.year else f"{year}/{continued_as}"
            record_mark(tx.month_file(task.year, task.month), task.id, mark, continuations.get(task.id))
            tx.month_file(task.year, task.month).settle()
        return tx.check_and_write(), continuations


def add_task(root: Path, year: int, month: int, unit_code: str, unit_order: list[str], text: str, thread: str | None, known: dict | None = None) -> tuple[str, str]:
    with transaction(root, known) as tx:
        file = tx.month_file(year, month)
        new_id = next_free_id(month, unit_code, tx.ids_of_year(year))
        append_task(file, unit_code, unit_order, {"id": new_id, "text": text, "status": "planned", "thread": thread})
        written = tx.check_and_write()
        return new_id, written[0]


def set_thread(file: TextFile, task_id: str, thread: str) -> None:
    """Tag a task with its initiative: replace `thread:` where it stands, or add it under the task."""
    code, index = locate_task(file, task_id)
    set_key(file, ("units", code, index), "thread", plain_or_quoted(thread))


def tag_tasks(root: Path, tasks: list, thread: str, known: dict | None = None) -> list[str]:
    with transaction(root, known) as tx:
        for task in tasks:
            file = tx.month_file(task.year, task.month)
            set_thread(file, task.id, thread)
            file.settle()
        return tx.check_and_write()
