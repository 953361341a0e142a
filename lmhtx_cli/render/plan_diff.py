"""A plan diff for people: by unit, in words, as text or as Markdown for a merge request."""

from __future__ import annotations

from lmhtx_cli.labels import label
from lmhtx_cli.periods import format_date, month_label
from lmhtx_cli.plan.diff import PlanDiff, TaskChange
from lmhtx_cli.plan.programme import Unit
from lmhtx_cli.render.escape import shown_lines

_MARK = {"added": "+", "removed": "-", "moved": ">", "reworded": "~", "status": "*"}


def _unit_name(code: str, units: dict[str, Unit], lang: str) -> str:
    unit = units.get(code)
    return f"{unit.label(lang)} [{code}]" if unit else code


def describe(change: TaskChange, lang: str) -> str:
    old, new = change.old, change.new
    task = new or old
    assert task is not None
    if change.kind == "added":
        return label("diff_added", lang, when=month_label(task.month, task.year, lang), text=task.text)
    if change.kind == "removed":
        return label("diff_removed", lang, when=month_label(task.month, task.year, lang), text=task.text)
    if change.kind == "moved":
        return label("diff_moved", lang, before=month_label(old.month, old.year, lang) + f" [{old.unit}]", after=month_label(new.month, new.year, lang) + f" [{new.unit}]")
    if change.kind == "reworded":
        return label("diff_reworded", lang, before=old.text, after=new.text)
    text = label("diff_status", lang, before=label(old.status, lang), after=label(new.status, lang))
    if new.history and len(new.history) > len(old.history):
        entry = new.history[-1]
        details = [format_date(entry.on)]
        if entry.to:
            details.append(f"→ {entry.to}")
        for value in (entry.by, entry.ref, entry.note):
            if value:
                details.append(value)
        text += " (" + "; ".join(details) + ")"
    return text


def diff_text(diff: PlanDiff, units: dict[str, Unit], heading: str, lang: str = "vi") -> str:
    lines = [heading]
    if not diff.changes:
        lines.append(label("diff_none", lang))
        return shown_lines("\n".join(lines) + "\n")
    for code, changes in diff.by_unit(list(units)):
        lines.append("")
        lines.append(_unit_name(code, units, lang))
        width = max(len((c.new or c.old).id) for c in changes)
        for change in changes:
            task = change.new or change.old
            lines.append(f"  {_MARK[change.kind]} {task.id:<{width}}  {describe(change, lang)}")
    lines.append("")
    lines.append(summary(diff, lang))
    return shown_lines("\n".join(lines) + "\n")


def diff_markdown(diff: PlanDiff, units: dict[str, Unit], heading: str, lang: str = "vi") -> str:
    lines = [f"## {heading}", ""]
    if not diff.changes:
        lines.append(label("diff_none", lang))
        return "\n".join(lines) + "\n"
    for code, changes in diff.by_unit(list(units)):
        lines.extend([f"### {_unit_name(code, units, lang)}", ""])
        lines.append(f"| {label('id', lang)} | {label('diff_change', lang)} |")
        lines.append("|---|---|")
        for change in changes:
            task = change.new or change.old
            cell = describe(change, lang).replace("|", "\\|")
            lines.append(f"| `{task.id}` | {cell} |")
        lines.append("")
    lines.append(summary(diff, lang))
    return "\n".join(lines) + "\n"


def summary(diff: PlanDiff, lang: str) -> str:
    counts = diff.counts()
    parts = [f"{label('diff_kind_' + kind, lang)}: {counts[kind]}" for kind in ("added", "removed", "moved", "reworded", "status") if kind in counts]
    return "; ".join(parts)


def plan_diff_output(changes, format: str, lang: str = "vi") -> str:
    """`plan diff` as text or as Markdown (workspace/diffing.PlanChanges)."""
    after = changes.after if changes.after is not None else label("diff_worktree", lang)
    heading = label("diff_heading", lang, before=changes.before, after=after)
    render = diff_markdown if format == "md" else diff_text
    return render(changes.diff, changes.units, heading, lang)


def left_out_notes(problems) -> list[str]:
    """One line for each file of the newer side that does not read and is left out."""
    from lmhtx_cli.i18n import _

    return [_("lmhtx: {problem} (left out of the comparison)").format(problem=problem.format()) for problem in problems]
