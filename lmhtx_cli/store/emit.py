"""Write a parsed programme as the plan's YAML files: one file for the year, one per month.

Files are written as text, one task per mapping and one line per value, so that each later
edit shows up as a one-line diff.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

PLAN_SCHEMA = "../../schema/plan.schema.json"
MONTH_SCHEMA = "../../schema/month.schema.json"


@dataclass
class UnitSpec:
    code: str
    name: str
    name_en: str = ""
    aliases: tuple[str, ...] = ()


@dataclass
class TaskSpec:
    id: str
    text: str
    status: str = "planned"


def quote(text: str) -> str:
    """A YAML double-quoted scalar; JSON's escaping is valid YAML and survives any text."""
    return json.dumps(text, ensure_ascii=False)


def task_id(month: int, unit_code: str, number: int) -> str:
    return f"{month:02d}-{unit_code}-{number}"


def plan_file_text(year: int, title: str, note: str, units: list[UnitSpec]) -> str:
    lines = [
        f"# yaml-language-server: $schema={PLAN_SCHEMA}",
        f"# Chương trình công tác năm {year}: the year, its units and the programme's closing note.",
        f"year: {year}",
        f"title: {quote(title)}",
    ]
    if note:
        lines.append("note: |-")
        lines.extend(f"  {paragraph}" for paragraph in note.split("\n"))
    lines.append("units:")
    for unit in units:
        lines.append(f"  - code: {unit.code}")
        lines.append(f"    name: {quote(unit.name)}")
        if unit.name_en:
            lines.append(f"    name_en: {quote(unit.name_en)}")
        lines.append("    aliases: [" + ", ".join(quote(a) for a in unit.aliases) + "]")
    return "\n".join(lines) + "\n"


def month_file_text(year: int, month: int, tasks_by_unit: list[tuple[str, list[TaskSpec]]]) -> str:
    lines = [
        f"# yaml-language-server: $schema={MONTH_SCHEMA}",
        f"# Chương trình công tác năm {year}, tháng {month}.",
        f"year: {year}",
        f"month: {month}",
    ]
    if not tasks_by_unit:
        lines.append("units: {}")
    else:
        lines.append("units:")
    for code, tasks in tasks_by_unit:
        lines.append(f"  {code}:")
        for task in tasks:
            lines.append(f"    - id: {task.id}")
            lines.append(f"      text: {quote(task.text)}")
            lines.append(f"      status: {task.status}")
    return "\n".join(lines) + "\n"
