"""Plain aligned tables for the terminal (cells wrap at word boundaries), Markdown tables and CSV."""

from __future__ import annotations

import csv
import io
import textwrap

from lmhtx_cli.render.escape import shown


def table_text(headers: list[str], rows: list[list[str]], width: int = 80) -> str:
    """An aligned table whose cells wrap at word boundaries: no word is cut, whatever the width
    (a word longer than its column overflows rather than being broken)."""
    if not rows:
        return ""
    headers, rows = [shown(h) for h in headers], [[shown(c) for c in row] for row in rows]  # nothing in a cell acts on the terminal
    widths = _column_widths(headers, rows, width)
    lines = _row_lines(headers, widths)
    lines.append("-" * min(width, sum(widths) + 2 * (len(widths) - 1)))
    for row in rows:
        lines.extend(_row_lines(row, widths))
    return "\n".join(lines) + "\n"


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, max(1, width), break_long_words=False, break_on_hyphens=False) or [""]


def _column_widths(headers: list[str], rows: list[list[str]], width: int) -> list[int]:
    """Each column as wide as its longest word; the last column (the text: a name, a petition)
    is promised a fair share; then whole cells for the columns that need least, so short columns
    (ids, dates, statuses) stay on one line; what is left widens the text."""
    columns = list(zip(headers, *rows))
    words = [max((len(word) for cell in column for word in cell.split(" ")), default=1) for column in columns]
    cells = [max(len(cell) for cell in column) for column in columns]
    widths = list(words)
    room = width - 2 * (len(columns) - 1)
    spare = room - sum(widths)

    def give(i: int, most: int) -> None:
        nonlocal spare
        amount = max(0, min(most, spare))
        widths[i] += amount
        spare -= amount

    last = len(columns) - 1
    give(last, min(cells[last], room // 4) - widths[last])
    for i in sorted(range(last), key=lambda i: (cells[i] - widths[i], i)):
        give(i, cells[i] - widths[i])
    give(last, cells[last] - widths[last])
    return widths


def _row_lines(cells: list[str], widths: list[int]) -> list[str]:
    wrapped = [_wrap(cell, w) for cell, w in zip(cells, widths)]
    height = max(len(w) for w in wrapped)
    lines = []
    for n in range(height):
        parts = [(column[n] if n < len(column) else "").ljust(w) for column, w in zip(wrapped, widths)]
        lines.append("  ".join(parts).rstrip())
    return lines


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
