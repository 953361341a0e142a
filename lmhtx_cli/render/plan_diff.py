"""A plan diff for people: by unit, in words, as text or as Markdown for a merge request."""

from __future__ import annotations

from lmhtx_cli.i18n import _
from lmhtx_cli.labels import label
from lmhtx_cli.periods import format_date, format_month_ref, month_label
from lmhtx_cli.plan.diff import PlanDiff, TaskChange
from lmhtx_cli.plan.programme import Unit
from lmhtx_cli.render.escape import md_code, md_text, shown, shown_lines
from lmhtx_cli.render.wrapping import wrap_words

_MARK = {"added": "+", "removed": "-", "moved": ">", "reworded": "~", "status": "*", "history": "*", "thread": "#"}


def _unit_name(code: str, units: dict[str, Unit], lang: str) -> str:
    unit = units.get(code)
    return f"{unit.label(lang)} [{code}]" if unit else code


def describe(change: TaskChange, lang: str, units: dict[str, Unit] | None = None) -> str:
    """The change in words; a task moved to another unit names both units."""
    old, new = change.old, change.new
    task = new or old
    assert task is not None
    if change.kind == "added":
        return label("diff_added", lang, when=month_label(task.month, task.year, lang), text=task.text)
    if change.kind == "removed":
        return label("diff_removed", lang, when=month_label(task.month, task.year, lang), text=task.text)
    if change.kind == "moved":
        before, after = month_label(old.month, old.year, lang), month_label(new.month, new.year, lang)
        if old.unit != new.unit:
            before, after = f"{before} ({_name(old.unit, units, lang)})", f"{after} ({_name(new.unit, units, lang)})"
        return label("diff_moved", lang, before=before, after=after)
    if change.kind == "reworded":
        return label("diff_reworded", lang, before=old.text, after=new.text)
    if change.kind == "thread":
        return _("initiative: {before} → {after}").format(before=old.thread or "—", after=new.thread or "—")
    text = label("diff_status", lang, before=label(old.status, lang), after=label(new.status, lang))
    if change.kind == "status" and len(change.entries_added) == 1 and not change.entries_removed:  # one mark: its details
        return text + " (" + "; ".join(_entry_details(change.entries_added[0])) + ")"
    parts = [_entry_text(entry, lang, "+") for entry in change.entries_added] + [_entry_text(entry, lang, "−") for entry in change.entries_removed]
    if change.kind == "history":
        return _("history: {changes}").format(changes="; ".join(parts))
    return text + (" (" + "; ".join(parts) + ")" if parts else "")


def _entry_text(entry, lang: str, sign: str) -> str:
    """One history entry added (+) or taken away (−): its day, status and what it says."""
    return ", ".join([f"{sign} {label(entry.status, lang)}", *_entry_details(entry)])


def _entry_details(entry) -> list[str]:
    details = [format_date(entry.on)]
    if entry.to:
        details.append(f"→ {format_month_ref(entry.to)}")
    for value in (entry.by, entry.ref, entry.note):
        if value:
            details.append(value)
    return details


def _name(code: str, units: dict[str, Unit] | None, lang: str) -> str:
    unit = (units or {}).get(code)
    return unit.label(lang) if unit else code


def diff_text(diff: PlanDiff, units: dict[str, Unit], heading: str, lang: str = "vi", line_width: int = 80) -> str:
    """By unit, one change a line, wrapped at words under the change's own indent."""
    lines = [heading]
    if not diff.changes:
        lines.append(label("diff_none", lang))
        return shown_lines("\n".join(lines) + "\n")
    for code, changes in diff.by_unit(list(units)):
        lines.append("")
        lines.append(_unit_name(code, units, lang))
        id_width = max(len((c.new or c.old).id) for c in changes)
        for change in changes:
            task = change.new or change.old
            head = f"  {_MARK[change.kind]} {task.id:<{id_width}}  "
            lines.extend(wrap_words(shown(describe(change, lang, units)), line_width, initial_indent=head, subsequent_indent=" " * len(head)))
    lines.append("")
    lines.extend(wrap_words(summary(diff, lang), line_width))
    return shown_lines("\n".join(lines) + "\n")


def diff_markdown(diff: PlanDiff, units: dict[str, Unit], heading: str, lang: str = "vi") -> str:
    lines = [f"## {md_text(heading)}", ""]
    if not diff.changes:
        lines.append(label("diff_none", lang))
        return "\n".join(lines) + "\n"
    for code, changes in diff.by_unit(list(units)):
        lines.extend([f"### {md_text(_unit_name(code, units, lang))}", ""])
        lines.append(f"| {md_text(label('id', lang))} | {md_text(label('diff_change', lang))} |")
        lines.append("|---|---|")
        for change in changes:
            task = change.new or change.old
            lines.append(f"| {md_code(task.id)} | {md_text(describe(change, lang, units))} |")  # data shows as written
        lines.append("")
    lines.append(md_text(summary(diff, lang)))
    return "\n".join(lines) + "\n"


def summary(diff: PlanDiff, lang: str) -> str:
    counts = diff.counts()
    names = {kind: label("diff_kind_" + kind, lang) for kind in ("added", "removed", "moved", "reworded", "status")}
    names |= {"history": _("history edited"), "thread": _("initiative")}
    return "; ".join(f"{names[kind]}: {counts[kind]}" for kind in names if kind in counts)


def plan_diff_output(changes, format: str, lang: str = "vi", width: int = 80) -> str:
    """`plan diff` as text at `width` columns or as Markdown (workspace/diffing.PlanChanges)."""
    after = changes.after if changes.after is not None else label("diff_worktree", lang)
    heading = label("diff_heading", lang, before=changes.before, after=after)
    if changes.against:
        heading += " " + _("(what the merge commit brought, against its first parent)")
    if format == "md":
        return diff_markdown(changes.diff, changes.units, heading, lang)
    if format == "json":
        return diff_json(changes)
    return diff_text(changes.diff, changes.units, heading, lang, width)


def left_out_notes(problems, conflicted: list[str] = ()) -> list[str]:
    """One line for each file of the newer side that does not read, or that a merge still holds
    in conflict, and is left out."""
    lines = [_("lmhtx: {problem} (left out of the comparison)").format(problem=problem.format()) for problem in problems]
    lines += [_("lmhtx: {file}: still in conflict in this merge (left out of the comparison; resolve it, then `git add` it)").format(file=name) for name in conflicted]
    return lines


def _task_json(task) -> dict | None:
    if task is None:
        return None
    return {"year": task.year, "month": task.month, "unit": task.unit, "text": task.text, "status": task.status, "thread": task.thread, "continues": task.continues, "history": [_entry_json(e) for e in task.history]}


def _entry_json(entry) -> dict:
    return {"on": entry.on.isoformat(), "status": entry.status, "by": entry.by, "note": entry.note, "ref": entry.ref, "to": entry.to}


def diff_json(changes) -> str:
    """Every change with both sides of the task, for scripts: kind, id, before, after, entries."""
    import json

    rows = []
    for change in changes.diff.changes:
        task = change.new or change.old
        rows.append(
            {
                "kind": change.kind,
                "id": task.id,
                "year": task.year,
                "unit": change.unit,
                "before": _task_json(change.old),
                "after": _task_json(change.new),
                "entries_added": [_entry_json(e) for e in change.entries_added],
                "entries_removed": [_entry_json(e) for e in change.entries_removed],
            }
        )
    document = {"before": changes.before, "after": changes.after, "against": changes.against, "conflicted": changes.conflicted, "changes": rows}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
