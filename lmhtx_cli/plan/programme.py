"""The year's programme as the rest of the tool sees it: units and a flat list of tasks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(slots=True)
class Unit:
    code: str
    name: str
    name_en: str | None = None
    aliases: list[str] = field(default_factory=list)

    def label(self, lang: str = "vi") -> str:
        return self.name_en if lang == "en" and self.name_en else self.name


@dataclass(slots=True)
class HistoryItem:
    """One recorded change of status (plain data, so a cached programme loads without pydantic)."""

    on: dt.date
    status: str
    by: str | None = None
    note: str | None = None
    ref: str | None = None
    to: str | None = None
    continued_as: str | None = None  # derived from the continuation's `continues` (timeline.link_continuations)


@dataclass(slots=True)
class TaskRow:
    id: str
    year: int
    month: int
    unit: str
    text: str
    status: str
    thread: str | None = None
    continues: str | None = None
    history: list[HistoryItem] = field(default_factory=list)
    file: str = ""
    line: int = 0
    added: dt.date | None = None  # the day it joined the adopted programme (None: it was there from the start)
    due: dt.date | None = None  # its own deadline, when the programme gives one (plan/due.py: else its month's last day)


@dataclass
class Programme:
    year: int
    title: str | None
    note: str | None
    units: list[Unit]
    tasks: list[TaskRow]
    threads: list[Unit] = field(default_factory=list)  # initiatives: code, name, name_en, aliases, like units

    def thread(self, code: str) -> Unit:
        for thread in self.threads:
            if thread.code == code:
                return thread
        return Unit(code, code)

    def unit(self, code: str) -> Unit:
        for unit in self.units:
            if unit.code == code:
                return unit
        return Unit(code, code)

    def task(self, task_id: str) -> TaskRow | None:
        wanted = task_id.strip().lower()
        for task in self.tasks:
            if task.id == wanted:
                return task
        return None
