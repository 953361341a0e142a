"""Plain dictionaries of domain objects, shared by the JSON and CSV renderers."""

from __future__ import annotations

from lmhtx_cli.plan.programme import Programme, TaskRow


def history_record(entry) -> dict:
    record = {"on": entry.on.isoformat(), "status": entry.status}
    for key in ("to", "continued_as", "by", "note", "ref"):
        value = getattr(entry, key)
        if value is not None:
            record[key] = value
    return record


def task_record(task: TaskRow, programme: Programme) -> dict:
    return {
        "id": task.id,
        "year": task.year,
        "month": task.month,
        "unit": task.unit,
        "unit_name": programme.unit(task.unit).name,
        "text": task.text,
        "status": task.status,
        "thread": task.thread,
        "continues": task.continues,
        "history": [history_record(h) for h in task.history],
        "file": task.file,
        "line": task.line,
    }
