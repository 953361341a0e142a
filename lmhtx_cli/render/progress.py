"""What a mark will change, one line per task, shown before and after writing; and what
`plan mark` says about the tasks it moved to the live end of a chain or left alone."""

from __future__ import annotations

from lmhtx_cli.i18n import _
from lmhtx_cli.labels import label
from lmhtx_cli.periods import format_month
from lmhtx_cli.plan.programme import Programme
from lmhtx_cli.plan.progress import Mark
from lmhtx_cli.plan.timeline import current_status
from lmhtx_cli.render.escape import shown, shown_lines


def change_lines(marks: list[Mark], programme: Programme, width: int, lang: str = "vi") -> str:
    """`05-vp-1  planned → done  <the task's text, shortened at a word to fit the width>`; the
    status on the left is the one the task's history leads to, as every view shows it."""
    id_width = max(len(m.task.id) for m in marks)
    lines = []
    for mark in marks:
        change = f"{label(current_status(mark.task), lang)} → {label(mark.status, lang)}"
        if mark.to:
            change += f" ({format_month(mark.to[1], mark.to[0])})"
        head = f"{mark.task.id:<{id_width}}  {change}  "
        room = max(20, width - len(head))
        lines.append(head + _shortened(shown(mark.task.text), room))
    return shown_lines("\n".join(lines) + "\n")


def _shortened(text: str, room: int) -> str:
    """`text` cut after the last whole word that fits in `room` columns, "…" marking the cut; a
    first word longer than the room is kept whole."""
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if line and len(candidate) > room - 1:
            return line + "…"
        line = candidate
    return line


def mark_notices(proposal, lang: str = "vi") -> str:
    """The marks that went to the live end of a chain, and the tasks that need no change."""
    lines = [_("{asked} was postponed: the change goes to {id}, the live end of its chain.").format(asked=m.asked, id=m.task.id) for m in proposal.redirected]
    if proposal.unchanged:
        ids = ", ".join(m.task.id for m in proposal.unchanged)
        lines.append(_("Nothing to change for {ids}: already {status}, and no new note or document.").format(ids=ids, status=label(proposal.status, lang)))
    return "".join(line + "\n" for line in lines)


def marks_recorded(count: int, written: list[str], continuations: dict[str, str], lang: str = "vi") -> str:
    """The continuations made for postponed tasks, and the files written."""
    lines = [label("continued", lang, old=old, new=new) for old, new in continuations.items()]
    lines.append(label("recorded", lang, count=count, files=", ".join(written)))
    return "".join(line + "\n" for line in lines)


def unmark_lines(unmark, width: int, lang: str = "vi") -> str:
    """`05-vp-1  done → planned  taking back the change of 20/05/2024 (done)`, and the
    continuation a postponement made, which goes with it."""
    from lmhtx_cli.periods import format_date

    entry = unmark.entry
    change = f"{label(current_status(unmark.task), lang)} → {label(unmark.status, lang)}"
    head = f"{unmark.task.id}  {change}  "
    lines = [head + _shortened(shown(unmark.task.text), max(20, width - len(head)))]
    lines.append("  " + _("takes back the change of {day} ({status}{by})").format(day=format_date(entry.on), status=label(entry.status, lang), by=f", {shown(entry.by)}" if entry.by else ""))
    if unmark.continuation is not None:
        lines.append("  " + _("and removes {id}, the task the postponement made in {month}").format(id=unmark.continuation.id, month=format_month(unmark.continuation.month, unmark.continuation.year)))
    return shown_lines("\n".join(lines) + "\n")


def unmark_recorded(written: list[str]) -> str:
    return _("Taken back; written to {files}.").format(files=", ".join(written)) + "\n"
