"""A plan diff for people: by unit, in words, as text or as Markdown for a merge request."""

from __future__ import annotations

from lmhtx_cli.labels import label
from lmhtx_cli.periods import format_date, format_month_ref, month_label
from lmhtx_cli.plan.diff import PlanDiff, TaskChange
from lmhtx_cli.plan.programme import Unit
from lmhtx_cli.render.escape import md_code, md_text, shown, shown_lines
from lmhtx_cli.render.wrapping import wrap_words

_MARK = {"added": "+", "removed": "-", "moved": ">", "reworded": "~", "status": "*"}


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
    text = label("diff_status", lang, before=label(old.status, lang), after=label(new.status, lang))
    if new.history and len(new.history) > len(old.history):
        entry = new.history[-1]
        details = [format_date(entry.on)]
        if entry.to:
            details.append(f"→ {format_month_ref(entry.to)}")
        for value in (entry.by, entry.ref, entry.note):
            if value:
                details.append(value)
        text += " (" + "; ".join(details) + ")"
    return text


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
    parts = [f"{label('diff_kind_' + kind, lang)}: {counts[kind]}" for kind in ("added", "removed", "moved", "reworded", "status") if kind in counts]
    return "; ".join(parts)


def plan_diff_output(changes, format: str, lang: str = "vi", width: int = 80) -> str:
    """`plan diff` as text at `width` columns or as Markdown (workspace/diffing.PlanChanges)."""
    after = changes.after if changes.after is not None else label("diff_worktree", lang)
    heading = label("diff_heading", lang, before=changes.before, after=after)
    if format == "md":
        return diff_markdown(changes.diff, changes.units, heading, lang)
    return diff_text(changes.diff, changes.units, heading, lang, width)


def left_out_notes(problems) -> list[str]:
    """One line for each file of the newer side that does not read and is left out."""
    from lmhtx_cli.i18n import _

    return [_("lmhtx: {problem} (left out of the comparison)").format(problem=problem.format()) for problem in problems]
