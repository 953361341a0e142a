"""The rules of recording progress: which changes are allowed and what each one records.

Pure: it decides, writeback writes.

- A change to a task that was postponed into a later month goes to the live end of its chain
  (the continuation that is not postponed itself), so a chain never has two live tasks:
  postponing 05-vp-1 again, after it became 07-vp-7, postpones 07-vp-7.
- A mark that adds nothing (the status the task already has, and no new note or document) is
  "nothing to change": it is not written. The same status with a new note or document is an
  update and is kept (e.g. in progress → in progress, "2 of 3 units visited").
- A mark is not dated before the task's last recorded change: the history stays in date order.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lmhtx_cli.errors import UserError
from lmhtx_cli.i18n import _
from lmhtx_cli.periods import format_date, format_month
from lmhtx_cli.plan.programme import TaskRow
from lmhtx_cli.plan.timeline import Finder, current_status, entries_in_order, live_end, month_ref


@dataclass(frozen=True)
class Mark:
    task: TaskRow
    status: str
    on: dt.date
    by: str | None = None
    note: str | None = None
    ref: str | None = None
    to: tuple[int, int] | None = None  # (year, month) a postponed task continues in
    asked: str | None = None  # the id given, when the change went to the live end of its chain

    def history_record(self) -> dict:
        """The entry as written. A postponement says the month it moves `to`; the continuation
        names it back (`continues`), the one place the link is kept."""
        return {
            "on": self.on,
            "status": self.status,
            "to": month_ref(*self.to) if self.to else None,
            "by": self.by,
            "note": self.note,
            "ref": self.ref,
        }

    @property
    def changes_nothing(self) -> bool:
        """The task already has this status and the mark brings no new note or document."""
        if self.status != current_status(self.task) or self.to is not None:
            return False
        history = entries_in_order(self.task)
        last = history[-1] if history else None
        return (self.note is None or (last is not None and self.note == last.note)) and (self.ref is None or (last is not None and self.ref == last.ref))


def plan_mark(task: TaskRow, status: str, on: dt.date, by: str | None, note: str | None, ref: str | None, to: tuple[int, int] | None, find: Finder | None = None) -> Mark:
    asked = None
    if find is not None:
        end = live_end(task, find)
        if end is not task:
            asked, task = task.id if end.year == task.year else f"{task.year}/{task.id}", end
    subject = task.id if asked is None else _("{id} (where {asked} continues)").format(id=task.id, asked=asked)
    if status == "cancelled" and not (note and note.strip()):
        raise UserError(_('cancelling {id} needs a reason: add --note "…"').format(id=subject))
    if status == "postponed":
        if to is None:
            raise UserError(_("postponing {id} needs the month it moves to: add --to YYYY-MM").format(id=subject))
        if to <= (task.year, task.month):
            raise UserError(_("{id} is due in {month}; --to must be a later month").format(id=subject, month=format_month(task.month, task.year)))
    elif to is not None:
        raise UserError(_("--to goes with postponed only"))
    mark = Mark(task, status, on, by or None, _clean(note), _clean(ref), to, asked)
    history = entries_in_order(task)
    if history and on < history[-1].on and not mark.changes_nothing:
        raise UserError(_("{id}: {on} is before its last recorded change ({last}); a history stays in date order").format(id=subject, on=format_date(on), last=format_date(history[-1].on)))
    return mark


def _clean(text: str | None) -> str | None:
    """A note or reference as typed (the command line has refused what cannot be stored); a blank one is none."""
    if text is None or not text.strip():
        return None
    return text


def plan_marks(tasks: list[TaskRow], status: str, on: dt.date, by: str | None, note: str | None, ref: str | None, to: tuple[int, int] | None, find: Finder | None = None) -> tuple[list[Mark], list[Mark]]:
    """The marks to write, and those that change nothing (left out). Tasks of one chain reach
    the same live end and make one mark."""
    marks: dict[tuple[int, str], Mark] = {}
    for task in tasks:
        mark = plan_mark(task, status, on, by, note, ref, to, find)
        marks.setdefault((mark.task.year, mark.task.id), mark)
    chosen = list(marks.values())
    return [m for m in chosen if not m.changes_nothing], [m for m in chosen if m.changes_nothing]


# -- taking a mark back ---------------------------------------------------------------------
@dataclass(frozen=True)
class Unmark:
    """A recorded change taken back (`plan unmark`): the entry removed, the status the rest of the
    history leads to, and, for a postponement, the continuation it made (removed with it)."""

    task: TaskRow
    entry: object  # the HistoryItem taken back
    status: str
    continuation: TaskRow | None = None


def plan_unmark(task: TaskRow, on: dt.date | None, find: Finder | None = None) -> Unmark:
    """The task's last change (or its last change dated `on`) taken back. A postponement goes with
    the continuation it made, provided nothing was recorded on that continuation yet."""
    history = entries_in_order(task)
    if not history:
        raise UserError(_("{id} has no recorded change to take back").format(id=task.id))
    if on is None:
        entry = history[-1]
    else:
        dated = [e for e in history if e.on == on]
        if not dated:
            days = ", ".join(dict.fromkeys(format_date(e.on) for e in history))
            raise UserError(_("{id} has no change dated {on} (its changes: {days})").format(id=task.id, on=format_date(on), days=days))
        entry = dated[-1]
    rest = [e for e in history if e is not entry]
    continuation = None
    if entry.status == "postponed" and find is not None:
        continuation = find.continuation(task, entry)
        if continuation is not None and continuation.history:
            raise UserError(
                _("{id} was carried on as {next}, which has changes of its own; take those back first (`lmhtx plan unmark {next}`)").format(
                    id=task.id, next=continuation.id if continuation.year == task.year else f"{continuation.year}/{continuation.id}"
                )
            )
    return Unmark(task, entry, rest[-1].status if rest else "planned", continuation)
