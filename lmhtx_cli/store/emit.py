"""Write a parsed programme as the plan's YAML files: one file for the year, one per month.

Files are written as text, one task per mapping and one line per value, so that each later
edit shows up as a one-line diff.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

from lmhtx_cli.ids import programme_task_id

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
    due: dt.date | None = None  # a deadline the programme gives (else the end of the task's month)
    helpers: tuple[str, ...] = ()  # the units that help, written as `with:`


# Characters that must never be written raw: besides the C0 controls (which JSON escapes), DEL
# and the C1 controls, NEL (U+0085), LINE and PARAGRAPH SEPARATOR (U+2028, U+2029) -- which the
# YAML reader counts as line breaks --, the byte-order mark, the non-characters U+FFFE/U+FFFF and
# lone surrogates. Each is written as a \uXXXX escape, which YAML reads back as the same character.
_RAW_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def quote(text: str) -> str:
    """A YAML double-quoted scalar; JSON's escaping is valid YAML and survives any text, and the
    characters YAML reads as line breaks (or refuses) are escaped too: a value stays on its line."""
    return _RAW_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", json.dumps(text, ensure_ascii=False))


def needs_escapes(text: str) -> bool:
    """Whether `text` holds a character a block scalar cannot carry (a control, a line separator)."""
    return bool(_RAW_UNSAFE.search(text)) or any(ch < " " and ch not in "\n" for ch in text)


_PLAIN_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_RESOLVED = re.compile(r"^[0-9._-]*$|^(true|false|yes|no|on|off|null|~|y|n)$", re.IGNORECASE)


def key_text(key: str) -> str:
    """A mapping key as written: plain when YAML reads it back as this text, else quoted."""
    return key if _PLAIN_WORD.fullmatch(key) and not _RESOLVED.match(key) else quote(key)


def _fits_a_block(note: str) -> bool:
    """A note written as a literal block (`|-`) reads back as itself: no escapes needed, no line
    starting with a space (it would change the block's indentation), no trailing spaces."""
    paragraphs = note.split("\n")
    return not needs_escapes(note) and paragraphs[0].strip() != "" and all(p == p.strip() for p in paragraphs) and not note.endswith("\n")


def task_id(month: int, unit_code: str, number: int) -> str:
    return programme_task_id(month, unit_code, number)


def plan_file_text(year: int, title: str, note: str, units: list[UnitSpec]) -> str:
    lines = [
        f"# yaml-language-server: $schema={PLAN_SCHEMA}",
        f"# Chương trình công tác năm {year}: the year, its units and the programme's closing note.",
        f"year: {year}",
        f"title: {quote(title)}",
    ]
    if note and _fits_a_block(note):
        lines.append("note: |-")
        lines.extend(f"  {paragraph}" for paragraph in note.split("\n"))
    elif note:
        lines.append(f"note: {quote(note)}")
    lines.append("units:")
    for unit in units:
        lines.append(f"  - code: {key_text(unit.code)}")
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
        lines.append(f"  {key_text(code)}:")
        for task in tasks:
            lines.append(f"    - id: {key_text(task.id)}")
            lines.append(f"      text: {quote(task.text)}")
            lines.append(f"      status: {key_text(task.status)}")
            if task.due is not None:
                lines.append(f"      due: {task.due.isoformat()}")
            if task.helpers:
                lines.append("      with: [" + ", ".join(quote(helper) for helper in task.helpers) + "]")
    return "\n".join(lines) + "\n"
