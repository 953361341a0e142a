"""The rules of recording progress: which changes are allowed and what each one records.

Pure: it decides, writeback writes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lmhtx_cli.errors import UserError
from lmhtx_cli.plan.programme import TaskRow


@dataclass(frozen=True)
class Mark:
    task: TaskRow
    status: str
    on: dt.date
    by: str | None = None
    note: str | None = None
    ref: str | None = None
    to: tuple[int, int] | None = None  # (year, month) a postponed task continues in

    def history_record(self, continued_as: str | None = None) -> dict:
        return {
            "on": self.on,
            "status": self.status,
            "to": f"{self.to[0]}-{self.to[1]:02d}" if self.to else None,
            "continued_as": continued_as,
            "by": self.by,
            "note": self.note,
            "ref": self.ref,
        }


def plan_mark(task: TaskRow, status: str, on: dt.date, by: str | None, note: str | None, ref: str | None, to: tuple[int, int] | None) -> Mark:
    if status == "cancelled" and not (note and note.strip()):
        raise UserError(f'cancelling {task.id} needs a reason: add --note "…"')
    if status == "postponed":
        if to is None:
            raise UserError(f"postponing {task.id} needs the month it moves to: add --to YYYY-MM")
        if to <= (task.year, task.month):
            raise UserError(f"{task.id} is due in {task.month:02d}/{task.year}; --to must be a later month")
    elif to is not None:
        raise UserError("--to goes with postponed only")
    return Mark(task, status, on, by or None, _clean(note), _clean(ref), to)


def _clean(text: str | None) -> str | None:
    """A note or reference as typed (the command line has refused what cannot be stored); a blank one is none."""
    if text is None or not text.strip():
        return None
    return text
