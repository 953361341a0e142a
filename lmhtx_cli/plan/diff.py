"""A plan change in the programme's own terms: tasks added, removed, moved, re-worded, re-marked,
their history edited (a `ref:` or note fixed, an entry reverted) or tagged with another initiative."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from lmhtx_cli.plan.programme import HistoryItem, TaskRow


@dataclass
class TaskChange:
    kind: str  # added, removed, moved, reworded, status, history, thread
    unit: str
    old: TaskRow | None
    new: TaskRow | None
    entries_added: list[HistoryItem] = field(default_factory=list)  # status, history: the entries new on this side
    entries_removed: list[HistoryItem] = field(default_factory=list)  # and those gone (or changed: the old form)


@dataclass
class PlanDiff:
    changes: list[TaskChange] = field(default_factory=list)

    def by_unit(self, unit_order: list[str]) -> list[tuple[str, list[TaskChange]]]:
        groups: dict[str, list[TaskChange]] = {}
        for change in self.changes:
            groups.setdefault(change.unit, []).append(change)
        rank = {code: i for i, code in enumerate(unit_order)}
        return sorted(groups.items(), key=lambda item: (rank.get(item[0], len(rank)), item[0]))

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for change in self.changes:
            counts[change.kind] = counts.get(change.kind, 0) + 1
        return counts


_KIND_ORDER = {"added": 0, "removed": 1, "moved": 2, "reworded": 3, "status": 4, "history": 5, "thread": 6}


def _entry_key(entry: HistoryItem) -> tuple:
    """An entry as written (its derived `continued_as` left out)."""
    return (entry.on, entry.status, entry.by, entry.note, entry.ref, entry.to)


def _entries_changed(old: list[HistoryItem], new: list[HistoryItem]) -> tuple[list[HistoryItem], list[HistoryItem]]:
    """The entries of `new` that `old` does not hold, and those of `old` that `new` does not (each once)."""
    return _not_in(new, old), _not_in(old, new)


def _not_in(entries: list[HistoryItem], other: list[HistoryItem]) -> list[HistoryItem]:
    """The entries of `entries` that `other` does not hold, an entry written twice counted twice."""
    held = Counter(_entry_key(e) for e in other)
    missing = []
    for entry in entries:
        key = _entry_key(entry)
        if held[key]:
            held[key] -= 1
        else:
            missing.append(entry)
    return missing


def diff_tasks(old: list[TaskRow], new: list[TaskRow]) -> PlanDiff:
    """Match tasks by (year, id): ids are stable, so a task keeps its identity across edits."""
    before = {(t.year, t.id): t for t in old}
    after = {(t.year, t.id): t for t in new}
    changes: list[TaskChange] = []
    for key, task in after.items():
        previous = before.get(key)
        if previous is None:
            changes.append(TaskChange("added", task.unit, None, task))
            continue
        if (previous.month, previous.unit) != (task.month, task.unit):
            changes.append(TaskChange("moved", task.unit, previous, task))
        if previous.text != task.text:
            changes.append(TaskChange("reworded", task.unit, previous, task))
        added, removed = _entries_changed(previous.history, task.history)
        if previous.status != task.status:
            changes.append(TaskChange("status", task.unit, previous, task, added, removed))
        elif added or removed:
            changes.append(TaskChange("history", task.unit, previous, task, added, removed))
        if previous.thread != task.thread:
            changes.append(TaskChange("thread", task.unit, previous, task))
    for key, task in before.items():
        if key not in after:
            changes.append(TaskChange("removed", task.unit, task, None))
    changes.sort(key=lambda c: (_KIND_ORDER[c.kind], (c.new or c.old).year, (c.new or c.old).month, (c.new or c.old).id))
    return PlanDiff(changes)
