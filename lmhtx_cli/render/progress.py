"""What a mark will change, one line per task, shown before and after writing."""

from __future__ import annotations

import textwrap

from lmhtx_cli.labels import label
from lmhtx_cli.plan.programme import Programme
from lmhtx_cli.plan.progress import Mark
from lmhtx_cli.render.escape import shown_lines


def change_lines(marks: list[Mark], programme: Programme, width: int, lang: str = "vi") -> str:
    id_width = max(len(m.task.id) for m in marks)
    lines = []
    for mark in marks:
        change = f"{label(mark.task.status, lang)} → {label(mark.status, lang)}"
        if mark.to:
            change += f" ({mark.to[1]:02d}/{mark.to[0]})"
        head = f"{mark.task.id:<{id_width}}  {change}  "
        room = max(20, width - len(head))
        lines.append(head + (textwrap.shorten(mark.task.text, room, placeholder="…")))
    return shown_lines("\n".join(lines) + "\n")
