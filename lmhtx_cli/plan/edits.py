"""Progress and plan changes as text edits of month files, and the transaction that writes them.

Each change touches only the lines of the task it concerns: the status value is replaced where it
stands and history entries are inserted after the task's last line. Two people marking different
tasks therefore edit different lines, and git merges their branches without a conflict.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lmhtx_cli.errors import Problem, UserError
from lmhtx_cli.i18n import _, language
from lmhtx_cli.periods import format_date, format_month_ref
from lmhtx_cli.plan.checking import year_problems
from lmhtx_cli.plan.loading import build_programme, read_year
from lmhtx_cli.plan.progress import Mark, Unmark
from lmhtx_cli.plan.timeline import current_status, link_continuations
from lmhtx_cli.store import cache
from lmhtx_cli.store.emit import month_file_text
from lmhtx_cli.store.paths import exists
from lmhtx_cli.store.record_edits import append_entry, remove_item, replace_scalar, set_key
from lmhtx_cli.store.transaction import Transaction, transaction
from lmhtx_cli.store.writeback import TextFile, plain_or_quoted, scalar_text

DEFAULT_GROUP_INDENT = 2


def month_file(tx: Transaction, year: int, month: int) -> TextFile:
    """A month file of the transaction; a month with no file yet starts as an empty one."""
    if not exists(tx.root / "plans" / str(year) / "plan.yaml"):
        raise UserError(_("there is no plan for {year}: create plans/{year}/plan.yaml first").format(year=year))
    return tx.file_or_new(tx.root / "plans" / str(year) / f"{month:02d}.yaml", lambda: month_file_text(year, month, []))


def ids_of_year(tx: Transaction, year: int, known: dict) -> set[str]:
    """Every task id of the year, as the files are now (the cached programme when still current)."""
    programme = known.get(year, (None, None))[0]
    if programme is not None:
        ids = {t.id for t in programme.tasks}
        for path, file in tx.files.items():
            if path.parent == tx.root / "plans" / str(year) and file.doc is not None and isinstance(file.doc.data, dict):
                for items in (file.doc.data.get("units") or {}).values():
                    ids.update(i.get("id") for i in items or [] if isinstance(i, dict))
        return ids
    docs = read_year(tx.root, year, tx.overrides())
    ids = set()
    for month in docs.months:
        units = month.doc.data.get("units") if isinstance(month.doc.data, dict) else None
        for items in (units or {}).values() if isinstance(units, dict) else ():
            for item in items if isinstance(items, list) else ():
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    ids.add(item["id"])
    return ids


def current(root: Path, known: dict | None) -> dict:
    """The programmes read before the lock that are still current: no file of their year changed."""
    fresh = {}
    for year, (programme, built_from) in (known or {}).items():
        if cache.signature(cache.folder_files(root / "plans" / str(year))) == built_from:
            fresh[year] = (programme, built_from)
    return fresh


def _checker(tx: Transaction, known: dict, checked: dict):
    """The plan's rules over the years the transaction changes (only the changed month files are
    read again when the year's programme is known to be current)."""

    def check(overrides: dict[Path, str]) -> list[Problem]:
        plans = tx.root / "plans"
        years = sorted({int(path.parent.name) for path in overrides if path.parent.parent == plans})
        problems: list[Problem] = []
        for year in years:
            changed = {path for path in overrides if path.parent == plans / str(year)}
            programme = known.get(year, (None, None))[0]
            if programme is not None:
                docs = read_year(tx.root, year, overrides, only=changed)
                names = {tx.files[path].name for path in changed}
                docs.known_ids = {t.id: (t.file, t.line) for t in programme.tasks if t.file not in names}
            else:
                docs = read_year(tx.root, year, overrides)
            problems.extend(year_problems(docs))
            checked[year] = (docs, changed)
        return problems

    return check


def _commit(tx: Transaction, known: dict) -> list[str]:
    checked: dict = {}
    written = tx.commit(_checker(tx, known, checked))
    for year, (docs, changed) in checked.items():
        _refresh_cache(tx, known, year, docs, changed)
    return written


def _refresh_cache(tx: Transaction, known: dict, year: int, docs, changed: set[Path]) -> None:
    """Leave the cache holding the year as now written, so the next command need not re-read it."""
    programme = known.get(year, (None, None))[0]
    if programme is None or docs.plan is None:
        return
    names = {tx.files[path].name for path in changed}
    fresh = build_programme(docs)
    tasks = [t for t in programme.tasks if t.file not in names] + fresh.tasks
    tasks.sort(key=lambda t: t.month)
    link_continuations(tasks)
    programme = type(programme)(programme.year, programme.title, programme.note, programme.units, tasks, programme.threads)
    folder = tx.root / "plans" / str(year)
    cache.store(tx.root, f"plan-{year}-{language()}", cache.signature(cache.folder_files(folder)), (programme, []))


def locate_task(file: TextFile, task_id: str) -> tuple[str, int]:
    units = file.doc.data.get("units") if file.doc and isinstance(file.doc.data, dict) else None
    for code, items in (units or {}).items():
        for index, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict) and item.get("id") == task_id:
                return code, index
    raise UserError(_('task "{id}" is no longer in this file; run the command again').format(id=task_id), file.name)


def _still_live(file: TextFile, code: str, index: int, mark: Mark) -> None:
    """Under the lock: the task as the file holds it now is still the live end of its chain, and
    holds no change dated after the mark (someone may have written meanwhile)."""
    item = file.doc.data["units"][code][index]
    history = [h for h in item.get("history") or [] if isinstance(h, dict) and type(h.get("on")) is dt.date]
    history.sort(key=lambda h: h["on"])
    if not history:
        return
    last = history[-1]
    if last.get("status") == "postponed" and current_status(mark.task) != "postponed":
        to = str(last.get("to") or "")
        raise UserError(_("{id} was postponed meanwhile (to {month}); run the command again").format(id=mark.task.id, month=format_month_ref(to) if len(to) == 7 else "?"), file.name)
    if last["on"] > mark.on:
        raise UserError(_("{id} has a change dated {last} recorded meanwhile; run the command again").format(id=mark.task.id, last=format_date(last["on"])), file.name)


def record_mark(file: TextFile, task_id: str, mark: Mark) -> None:
    """Set the task's status and add one history entry below its last line."""
    code, index = locate_task(file, task_id)
    _still_live(file, code, index, mark)
    task_path = ("units", code, index)
    replace_scalar(file, task_path + ("status",), mark.status)
    append_entry(file, task_path, "history", mark.history_record())


def append_task(file: TextFile, unit_code: str, unit_order: list[str], record: dict) -> None:
    """Add a task at the end of its unit's list, creating the unit's group in plan order if needed."""
    doc = file.doc
    assert doc is not None
    data = doc.data if isinstance(doc.data, dict) else {}
    units = data.get("units")
    if not isinstance(units, dict):
        raise UserError(_('the month file has no "units:" mapping to add the task to'), file.name)
    dash_column, key_column = _task_layout(doc, units)
    items = units.get(unit_code)
    task_lines = _task_lines(record, dash_column, key_column)
    if isinstance(items, list) and items and ("units", unit_code) not in doc.flow:
        file.insert_after(doc.last_line(("units", unit_code, len(items) - 1)), task_lines)
        return
    if unit_code in units:
        raise UserError(_('unit "{unit}" has no block list of tasks to add to').format(unit=unit_code), file.name, *doc.where(("units", unit_code)))
    group_indent = doc.keys[("units", next(iter(units)))][1] - 1 if units else DEFAULT_GROUP_INDENT
    group = [" " * group_indent + f"{unit_code}:"] + task_lines
    if ("units",) in doc.flow:  # "units: {}" in a month with no task yet
        line, column = doc.values[("units",)]
        end_line, end_column = doc.ends[("units",)]
        if units or end_line != line:
            raise UserError(_('"units:" is written inline ({…}); write it as a block to add tasks'), file.name, line, column)
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
        text = scalar_text(key, value)
        prefix = " " * (dash_column - 1) + "- " + " " * (key_column - dash_column - 2) if not lines else " " * (key_column - 1)
        lines.append(f"{prefix}{key}: {text}")
    return lines


def apply_marks(root: Path, marks: list[Mark], unit_orders: dict[int, list[str]], known: dict | None = None) -> tuple[list[str], dict[str, str]]:
    """Record the marks; postponed tasks get a continuation in their new month. Returns the files
    written and, for each postponed task, the id of its continuation.

    A mark is made on the live end of a chain (`plan/progress.plan_mark` sees to it); under the
    lock each task is checked again to be live, so a chain never gets two live ends. Two marks on
    one task in one call are refused."""
    continuations: dict[str, str] = {}
    seen = [(m.task.year, m.task.id) for m in marks]
    if len(set(seen)) != len(seen):
        twice = next(f"{y}/{i}" for y, i in seen if seen.count((y, i)) > 1)
        raise UserError(_("two changes to {id} in one command; record them one at a time").format(id=twice))
    with transaction(root) as tx:
        known = current(root, known)
        for mark in marks:
            task = mark.task
            if mark.to is not None:
                year, month = mark.to
                source = month_file(tx, task.year, task.month)
                _still_live(source, *locate_task(source, task.id), mark)
                target = month_file(tx, year, month)
                link = task.id if year == task.year else f"{task.year}/{task.id}"
                from lmhtx_cli.ids import continuation_id

                continued_as = continuation_id(month, task.unit, f"{task.year}/{task.id}", ids_of_year(tx, year, known))
                append_task(target, task.unit, unit_orders.get(year, unit_orders.get(task.year, [])), {"id": continued_as, "text": task.text, "status": "planned", "continues": link, "thread": task.thread})
                target.settle()
                continuations[task.id] = continued_as if year == task.year else f"{year}/{continued_as}"
            record_mark(month_file(tx, task.year, task.month), task.id, mark)
            month_file(tx, task.year, task.month).settle()
        return _commit(tx, known), continuations


def add_task(root: Path, year: int, month: int, unit_code: str, unit_order: list[str], text: str, thread: str | None, added: dt.date, known: dict | None = None) -> tuple[str, str]:
    """Add a task to the adopted programme, dated: a report for a day before `added` leaves it out."""
    with transaction(root) as tx:
        known = current(root, known)
        file = month_file(tx, year, month)
        from lmhtx_cli.ids import new_task_id

        new_id = new_task_id(month, unit_code, ids_of_year(tx, year, known), text)
        append_task(file, unit_code, unit_order, {"id": new_id, "text": text, "status": "planned", "thread": thread, "added": added})
        written = _commit(tx, known)
        return new_id, written[0]


def set_thread(file: TextFile, task_id: str, thread: str) -> None:
    """Tag a task with its initiative: replace `thread:` where it stands, or add it under the task."""
    code, index = locate_task(file, task_id)
    set_key(file, ("units", code, index), "thread", plain_or_quoted(thread))


def tag_tasks(root: Path, tasks: list, thread: str, known: dict | None = None) -> list[str]:
    with transaction(root) as tx:
        known = current(root, known)
        for task in tasks:
            file = month_file(tx, task.year, task.month)
            set_thread(file, task.id, thread)
            file.settle()
        return _commit(tx, known)


def apply_unmark(root: Path, unmark: Unmark, known: dict | None = None) -> list[str]:
    """Take a recorded change back: remove its history entry, set the status the rest of the
    history leads to, and remove the continuation a postponement made. Under the lock the entry
    must still be there (and still be the last one when the last one was asked for), and the
    continuation still without a change of its own. Returns the files written."""
    task = unmark.task
    with transaction(root) as tx:
        known = current(root, known)
        file = month_file(tx, task.year, task.month)
        code, index = locate_task(file, task.id)
        task_path = ("units", code, index)
        position = _entry_position(file, task_path, unmark)
        replace_scalar(file, task_path + ("status",), unmark.status)
        remove_item(file, task_path + ("history", position))
        file.settle()
        if unmark.continuation is not None:
            _remove_continuation(tx, unmark.continuation)
        return _commit(tx, known)


def _entry_position(file: TextFile, task_path: tuple, unmark: Unmark) -> int:
    """Where the entry taken back stands in the task's history as the file holds it now."""
    items = file.doc.data["units"][task_path[1]][task_path[2]].get("history") or []
    dated = [(i, h) for i, h in enumerate(items) if isinstance(h, dict) and type(h.get("on")) is dt.date]
    same = [i for i, h in dated if h["on"] == unmark.entry.on and h.get("status") == unmark.entry.status]
    later = [h for _i, h in dated if h["on"] > unmark.entry.on]
    if not same or later and unmark.entry.on == max(e.on for e in unmark.task.history):
        raise UserError(_("{id} has changes recorded meanwhile; run the command again").format(id=unmark.task.id), file.name)
    return same[-1]


def _remove_continuation(tx: Transaction, continuation) -> None:
    """Remove the task a postponement made, with its unit's group when it was the group's only task."""
    file = month_file(tx, continuation.year, continuation.month)
    code, index = locate_task(file, continuation.id)
    units = file.doc.data["units"]
    if units[code][index].get("history"):
        raise UserError(_("{id} has changes recorded meanwhile; run the command again").format(id=continuation.id), file.name)
    if len(units) > 1 or len(units[code]) > 1:
        remove_item(file, ("units", code, index))
    else:  # the month's only task: "units: {}" stays
        remove_item(file, ("units", code, index))
        line, column = file.doc.keys[("units",)]
        file.replace(line, column, len(file.lines[line - 1]) + 1, "units: {}")
    file.settle()
