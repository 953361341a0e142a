"""JSON and CSV output, for scripts and spreadsheets."""

from __future__ import annotations

import json

from lmhtx_cli.plan.programme import Programme, TaskRow
from lmhtx_cli.render.records import task_record

CSV_COLUMNS = ("id", "year", "month", "unit", "unit_name", "status", "thread", "text")


def tasks_json(tasks: list[TaskRow], programme: Programme, elsewhere: dict | None = None) -> str:
    return json.dumps([task_record(t, programme, elsewhere=elsewhere) for t in tasks], ensure_ascii=False, indent=2) + "\n"


def task_json(task: TaskRow, programme: Programme) -> str:
    return json.dumps(task_record(task, programme), ensure_ascii=False, indent=2) + "\n"


def tasks_csv(tasks: list[TaskRow], programme: Programme) -> str:
    from lmhtx_cli.render.escape import csv_text

    records = (task_record(task, programme) for task in tasks)
    return csv_text(CSV_COLUMNS, ([record[c] for c in CSV_COLUMNS] for record in records))


def json_of(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"
