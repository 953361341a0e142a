"""Plain dictionaries of domain objects, shared by the JSON and CSV renderers."""

from __future__ import annotations

from lmhtx_cli.plan.due import due_date
from lmhtx_cli.plan.programme import Programme, TaskRow
from lmhtx_cli.plan.timeline import current_status


def history_record(entry, continued_as: str | None = None) -> dict:
    """An entry for scripts; `continued_as` (derived) is given for a postponement into another year."""
    record = {"on": entry.on.isoformat(), "status": entry.status}
    for key in ("to", "continued_as", "by", "note", "ref"):
        value = getattr(entry, key) if key != "continued_as" else entry.continued_as or continued_as
        if value is not None:
            record[key] = value
    return record


def chain_record(links: list[TaskRow]) -> list[dict]:
    """The links of a postponement chain, origin first, for `plan show ID --format json`."""
    return [{"id": t.id, "year": t.year, "month": t.month, "unit": t.unit, "status": current_status(t)} for t in links]


def task_record(task: TaskRow, programme: Programme, chain: list[TaskRow] | None = None, elsewhere: dict | None = None) -> dict:
    """A task for scripts. The keys id, year, month, unit, unit_name, text, status (an English
    code, from the history), continues, history and due (its own or its month's last day) are a promise to scripts: add, never rename.
    `elsewhere` gives the continuations in other years (timeline.continued_elsewhere)."""
    elsewhere = elsewhere or {}
    record = {
        "id": task.id,
        "year": task.year,
        "month": task.month,
        "unit": task.unit,
        "unit_name": programme.unit(task.unit).name,
        "text": task.text,
        "status": current_status(task),
        "thread": task.thread,
        "continues": task.continues,
        "history": [history_record(h, elsewhere.get((task.year, task.id, h.on))) for h in task.history],
        "added": task.added.isoformat() if task.added is not None else None,
        "due": due_date(task).isoformat(),
        "file": task.file,
        "line": task.line,
    }
    if chain is not None:
        record["chain"] = chain_record(chain)
    return record
