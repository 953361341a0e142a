"""A draft programme for the next year: the recurring tasks of this one, carried over.

A task recurs when the same unit has the same text (numbers aside, so "tháng 5 năm 2024" and
"tháng 6 năm 2024" count as the same) in at least `min_months` months. Carried texts have the
source year replaced by the new one ("năm 2024" → "năm 2025"); other years, such as a period
"2023 - 2025", are left as written for the office to review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lmhtx_cli.plan.programme import Programme, TaskRow
from lmhtx_cli.text import fold

_NUMBER = re.compile(r"\d+")


def recurrence_key(task: TaskRow) -> tuple[str, str]:
    return task.unit, _NUMBER.sub("#", fold(task.text))


def shift_year(text: str, source: int, target: int) -> str:
    return re.sub(rf"(?<!\d){source}(?!\d)", str(target), text)


@dataclass
class Carried:
    month: int
    unit: str
    text: str


def recurring_tasks(programme: Programme, target_year: int, min_months: int = 7) -> list[Carried]:
    months_of: dict[tuple[str, str], set[int]] = {}
    for task in programme.tasks:
        months_of.setdefault(recurrence_key(task), set()).add(task.month)
    recurring = {key for key, months in months_of.items() if len(months) >= min_months}
    carried = []
    seen: set[tuple[int, tuple[str, str]]] = set()
    for task in sorted(programme.tasks, key=lambda t: (t.month, t.id)):
        key = recurrence_key(task)
        if key in recurring and (task.month, key) not in seen:
            seen.add((task.month, key))
            carried.append(Carried(task.month, task.unit, shift_year(task.text, programme.year, target_year)))
    return carried


def carry_to_units(carried: list[Carried], mapping: dict[str, str]) -> list[Carried]:
    """The carried tasks in the new year's units: each old unit's tasks go to the unit `mapping`
    names for it; two merged units' same task in the same month is carried once."""
    moved, seen = [], set()
    for item in carried:
        unit = mapping[item.unit]
        key = (item.month, unit, _NUMBER.sub("#", fold(item.text)))
        if key not in seen:
            seen.add(key)
            moved.append(Carried(item.month, unit, item.text))
    return moved
