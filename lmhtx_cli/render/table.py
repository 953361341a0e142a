"""Plain aligned tables for the terminal (the last column wraps), Markdown tables and CSV."""

from __future__ import annotations

import csv
import io
import textwrap


def table_text(headers: list[str], rows: list[list[str]], width: int = 80) -> str:
    if not rows:
        return ""
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers[:-1])]
    while sum(widths) + 2 * len(widths) + 20 > width and max(widths[1:], default=0) > 8:
        # narrow the widest column but the first (an id people type); its long cells end in …
        widest = 1 + widths[1:].index(max(widths[1:]))
        widths[widest] -= 1
    headers = [_fit(h, w) for h, w in zip(headers[:-1], widths)] + headers[-1:]
    rows = [[_fit(c, w) for c, w in zip(row[:-1], widths)] + row[-1:] for row in rows]
    lead = sum(widths) + 2 * len(widths)
    room = max(20, width - lead)
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers[:-1], widths)) + ("  " if widths else "") + headers[-1]]
    lines.append("-" * min(width, lead + max(len(headers[-1]), min(room, max(len(r[-1]) for r in rows)))))
    for row in rows:
        wrapped = textwrap.wrap(row[-1], room) or [""]
        lines.append(("  ".join(c.ljust(w) for c, w in zip(row[:-1], widths)) + ("  " if widths else "") + wrapped[0]).rstrip())
        lines.extend(" " * lead + more for more in wrapped[1:])
    return "\n".join(lines) + "\n"


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def table_markdown(headers: list[str], rows: list[list[str]]) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    lines = ["| " + " | ".join(map(cell, headers)) + " |", "|" + "---|" * len(headers)]
    lines.extend("| " + " | ".join(map(cell, row)) + " |" for row in rows)
    return "\n".join(lines) + "\n"


def rows_csv(headers: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue()
