"""Markdown for task lists: headings per month and unit, one bullet per task."""

from __future__ import annotations

from lmhtx_cli.labels import label
from lmhtx_cli.periods import format_date, month_label
from lmhtx_cli.plan.programme import Programme, TaskRow
from lmhtx_cli.plan.timeline import current_status
from lmhtx_cli.render.templates import escape_markdown

_BOX = {"done": "[x]", "cancelled": "[-]"}


def _escape(text: str) -> str:
    """As in the report templates, and "#" too: a task list has no headings of its own."""
    return escape_markdown(text).replace("#", "\\#")


def tasks_markdown(tasks: list[TaskRow], programme: Programme, heading: str, lang: str = "vi") -> str:
    lines = [f"# {heading}", ""]
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
            lines.extend([f"### {programme.unit(unit).label(lang)}", ""])
        status = current_status(task)  # what the history says, as every other view shows it
        box = _BOX.get(status, "[ ]")
        due = f", {label('due_on', lang, date=format_date(task.due))}" if task.due is not None else ""
        lines.append(f"- {box} `{task.id}` {_escape(task.text)} *({label(status, lang)}{due})*")
    lines.extend(["", f"{len(tasks)} {label('tasks', lang)}"])
    return "\n".join(lines) + "\n"
