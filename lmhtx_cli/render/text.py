"""Terminal text for task lists: grouped by month and unit, wrapped to the terminal's width.

Plain characters only, so it reads the same on a screen, in a pipe and in cron's mail; headings
are bold on a colour terminal unless NO_COLOR is set.
"""

from __future__ import annotations

import os
import sys

from lmhtx_cli.labels import label
from lmhtx_cli.periods import format_date, format_month_ref, month_label
from lmhtx_cli.plan.programme import Programme, TaskRow
from lmhtx_cli.plan.status import STATUSES
from lmhtx_cli.plan.timeline import current_status
from lmhtx_cli.render.escape import shown, shown_lines
from lmhtx_cli.render.records import history_record
from lmhtx_cli.render.wrapping import wrap_words


def use_style(stream=None) -> bool:
    stream = stream or sys.stdout
    return "NO_COLOR" not in os.environ and hasattr(stream, "isatty") and stream.isatty()


def _bold(text: str, styled: bool) -> str:
    return f"\x1b[1m{text}\x1b[0m" if styled else text


def tasks_table(tasks: list[TaskRow], programme: Programme, heading: str, width: int, lang: str = "vi", styled: bool = False) -> str:
    heading_lines = [wrapped for line in shown_lines(heading).split("\n") for wrapped in wrap_words(line, width) or [""]]
    lines = [_bold(line, styled) for line in heading_lines]  # data is escaped before the tool's own styling
    if not tasks:
        lines.append(label("no_tasks", lang))
        return "\n".join(lines) + "\n"
    id_width = max(len(t.id) for t in tasks)
    status_width = max(len(label(s, lang)) for s in STATUSES)
    indent = 4 + id_width + 2 + status_width + 2
    text_width = max(20, width - indent)
    month = unit = None
    for task in tasks:
        if task.month != month:
            month, unit = task.month, None
            lines.append("")
            lines.append(_bold(month_label(task.month, task.year, lang), styled))
        if task.unit != unit:
            unit = task.unit
            lines.append(shown(f"  {programme.unit(unit).label(lang)} [{unit}]"))
        due = f" ({label('due_on', lang, date=format_date(task.due))})" if task.due is not None else ""
        wrapped = wrap_words(shown(task.text) + due, text_width) or [""]
        status = label(current_status(task), lang)
        lines.append(f"    {task.id:<{id_width}}  {status:<{status_width}}  {wrapped[0]}")
        lines.extend(" " * indent + more for more in wrapped[1:])
    lines.append("")
    lines.append(f"{len(tasks)} {label('tasks', lang)}")
    return "\n".join(lines) + "\n"


def task_detail(task: TaskRow, programme: Programme, width: int, lang: str = "vi", chain: list[TaskRow] | None = None, elsewhere: dict | None = None) -> str:
    """One task in full: its fields, its text and each history entry wrapped at words under their
    indent, and the postponement chain it belongs to."""
    unit = programme.unit(task.unit)
    status = current_status(task)
    rows = [
        (label("id", lang), task.id),
        (label("month", lang), month_label(task.month, task.year, lang)),
        (label("unit", lang), f"{unit.label(lang)} [{unit.code}]"),
        (label("status", lang), label(status, lang)),
    ]
    if task.thread:
        rows.append((label("thread", lang), task.thread))
    if task.continues:
        rows.append((label("continues", lang), task.continues))
    if task.added is not None:
        rows.append((label("added_on", lang), format_date(task.added)))
    if task.due is not None:
        rows.append((label("due", lang), format_date(task.due)))
    links = [(link.year, link.id) for link in chain or []]
    if status == "postponed" and (task.year, task.id) in links[:-1]:
        year, next_id = links[links.index((task.year, task.id)) + 1]
        rows.append((label("continued_as", lang), next_id if year == task.year else f"{year}/{next_id}"))
    rows.append((label("source", lang), f"{task.file}:{task.line}"))
    key_width = max(len(k) for k, _ in rows + [(label("text", lang), "")])
    lines = [f"{k + ':':<{key_width + 1}} {shown(v)}" for k, v in rows]
    lines.append(f"{label('text', lang)}:")
    lines.extend(wrap_words(shown(task.text), width, initial_indent="  ", subsequent_indent="  "))
    if task.history:
        lines.append(f"{label('history', lang)}:")
        for entry in task.history:
            record = history_record(entry, (elsewhere or {}).get((task.year, task.id, entry.on)))
            parts = [format_date(entry.on), label(entry.status, lang)]
            if "to" in record:
                parts.append(f"→ {format_month_ref(record['to'])}" + (f" ({record['continued_as']})" if "continued_as" in record else ""))
            if "by" in record:
                parts.append(record["by"])
            if "ref" in record:
                parts.append(record["ref"])
            line = " · ".join(parts)
            if "note" in record:
                line += f": {record['note']}"
            lines.extend(wrap_words(shown(line), width, initial_indent="  ", subsequent_indent="    "))
    if chain is not None and len(chain) > 1:
        lines.extend(_chain_lines(task, chain, lang))
    return shown_lines("\n".join(lines) + "\n")


def _chain_lines(task: TaskRow, chain: list[TaskRow], lang: str) -> list[str]:
    """The postponement chain, origin first; `*` marks the task shown, the last line is the live end."""
    from lmhtx_cli.i18n import _

    lines = [_("Postponement chain ({count} tasks, the last one is live):").format(count=len(chain))]
    id_width = max(len(link.id) for link in chain)
    for link in chain:
        marker = "*" if (link.year, link.id) == (task.year, task.id) else " "
        status = current_status(link)
        moved = next((h for h in reversed(link.history) if h.status == "postponed"), None)
        where = f" → {format_month_ref(moved.to)}" if status == "postponed" and moved is not None and moved.to else ""
        lines.append(f"{marker} {link.id:<{id_width}}  {month_label(link.month, link.year, lang)} · {label(status, lang)}{where}")
    return lines
