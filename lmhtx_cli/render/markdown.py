"""Markdown for task lists: headings per month and unit, one bullet per task."""

from __future__ import annotations

from lmhtx_cli.labels import label
from lmhtx_cli.periods import format_date, month_label
from lmhtx_cli.plan.programme import Programme, TaskRow
from lmhtx_cli.plan.timeline import current_status
from lmhtx_cli.render.escape import md_code, md_text

_BOX = {"done": "[x]", "cancelled": "[-]"}


def tasks_markdown(tasks: list[TaskRow], programme: Programme, heading: str, lang: str = "vi") -> str:
    lines = [f"# {md_text(heading)}", ""]
    if not tasks:
        lines.append(label("no_tasks", lang))
        return "\n".join(lines) + "\n"
    month = unit = None
    for task in tasks:
        if task.month != month:
            month, unit = task.month, None
            if lines[-1] != "":
                lines.append("")
            lines.extend([f"## {month_label(task.month, task.year, lang)}", ""])
        if task.unit != unit:
            if lines[-1] != "":
                lines.append("")
            unit = task.unit
            lines.extend([f"### {md_text(programme.unit(unit).label(lang))}", ""])
        status = current_status(task)  # what the history says, as every other view shows it
        box = _BOX.get(status, "[ ]")
        due = f", {label('due_on', lang, date=format_date(task.due))}" if task.due is not None else ""
        lines.append(f"- {box} {md_code(task.id)} {md_text(task.text)} *({label(status, lang)}{due})*")
    lines.extend(["", f"{len(tasks)} {label('tasks', lang)}"])
    return "\n".join(lines) + "\n"
