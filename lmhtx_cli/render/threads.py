"""Initiatives as a list with progress, and one initiative as a timeline across months."""

from __future__ import annotations

import json

from lmhtx_cli.labels import label
from lmhtx_cli.periods import format_date, month_label
from lmhtx_cli.render.escape import shown_lines
from lmhtx_cli.render.numbers import percent
from lmhtx_cli.render.wrapping import wrap_words
from lmhtx_cli.reports.threads import Thread


def threads_text(threads: list[Thread], year: int, width: int, lang: str = "vi") -> str:
    lines = [f"{label('threads_title', lang)} · {year}", ""]
    if not threads:
        lines.append(label("none", lang))
    code_width = max((len(t.definition.code) for t in threads), default=0)
    for thread in threads:
        counts = thread.counts
        months = thread.months
        span = f"{label('short_month', lang, month=months[0])}–{label('short_month', lang, month=months[-1])}" if months else "–"
        head = f"{thread.definition.code:<{code_width}}  {counts.done}/{counts.total} {label('done', lang)} ({percent(counts.rate, lang)}), {span}"
        if counts.overdue:
            head += f", {counts.overdue} {label('overdue', lang)}"
        lines.append(head)
        lines.extend(wrap_words(thread.definition.label(lang), width - code_width - 2, initial_indent=" " * (code_width + 2), subsequent_indent=" " * (code_width + 2)))
    return shown_lines("\n".join(lines) + "\n")


def thread_timeline(thread: Thread, year: int, width: int, lang: str = "vi", units: dict | None = None) -> str:
    """The initiative's steps month by month, each with its unit by name (`units`: plan/programme.Unit
    by code), its status and its text, wrapped at words."""
    counts = thread.counts
    lines = wrap_words(thread.definition.label(lang), width) + [f"[{thread.definition.code}] {counts.done}/{counts.total} {label('done', lang)} ({percent(counts.rate, lang)})"]
    month = None
    for step in thread.steps:
        task = step.task
        if task.month != month:
            month = task.month
            lines += ["", month_label(task.month, task.year, lang)]
        status = label(step.status, lang) + (f" {format_date(step.entry.on)}" if step.entry is not None else "")
        if step.overdue:
            status += f", {label('overdue', lang)}"
        unit = (units or {}).get(task.unit)
        head = f"  {task.id}  [{unit.label(lang) if unit is not None else task.unit}] {status}: "
        wrapped = wrap_words(head + task.text, width, subsequent_indent=" " * 4)
        lines.extend(wrapped)
    return shown_lines("\n".join(lines) + "\n")


def thread_record(thread: Thread) -> dict:
    return {
        "code": thread.definition.code,
        "name": thread.definition.name,
        "months": thread.months,
        "units": thread.units,
        "counts": thread.counts.as_dict(),
        "steps": [{"id": s.task.id, "month": s.task.month, "unit": s.task.unit, "status": s.status, "overdue": s.overdue, "text": s.task.text} for s in thread.steps],
    }


def threads_json(threads: list[Thread]) -> str:
    return json.dumps([thread_record(t) for t in threads], ensure_ascii=False, indent=2) + "\n"


def tagged(tasks, code: str, written: list[str]) -> str:
    """What `plan tag` did: how many tasks now carry the initiative, and the files written."""
    from lmhtx_cli.i18n import _

    return shown_lines(_("{count} task(s) tagged as steps of {thread}: {files}").format(count=len(tasks), thread=code, files=", ".join(written))) + "\n"
