"""Plain aligned tables for the terminal (cells wrap at word boundaries), Markdown tables and CSV."""

from __future__ import annotations

import textwrap

from lmhtx_cli.render.escape import csv_text, md_text, shown


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
    """Each column at least as wide as its longest word. When the whole table does not fit on
    one line per row, the columns before the last (ids, dates, statuses, names) are made just wide
    enough for every cell to take at most N lines, the last column (the text: a name, a petition)
    gets the rest, and the N that gives the shortest table wins (on a tie, the fewer lines per
    cell). What is left over goes to the columns that can still use it."""
    columns = list(zip(headers, *rows))
    words = [[[len(word) for word in cell.split()] for cell in column] for column in columns]
    least = [max([max(cell, default=0) for cell in column] + [1]) for column in words]
    most = [max([len(cell) for cell in column] + [1]) for column in columns]
    room = width - 2 * (len(columns) - 1)
    if sum(most) <= room:
        return most
    if sum(least) >= room:
        return least
    last = len(columns) - 1
    best: tuple[int, list[int]] | None = None
    for lines in range(1, 7):
        widths = [_narrowest(words[i], least[i], most[i], lines) for i in range(last)]
        rest = room - sum(widths)
        if rest < least[last]:
            continue
        widths.append(min(rest, most[last]))
        height = _height(words, widths)
        if best is None or height < best[0]:
            best = (height, widths)
    widths = best[1] if best is not None else least[:last] + [room - sum(least[:last])]
    spare = room - sum(widths)
    for i in [last, *range(last)]:
        more = max(0, min(spare, most[i] - widths[i]))
        widths[i] += more
        spare -= more
    return widths


def _line_count(words: list[int], width: int) -> int:
    """Lines a cell of words of these lengths takes at `width`, wrapped as `_wrap` does."""
    lines, used = 1, -1
    for length in words:
        if used >= 0 and used + 1 + length > width:
            lines, used = lines + 1, length
        else:
            used += 1 + length
    return lines


def _narrowest(cells: list[list[int]], least: int, most: int, lines: int) -> int:
    """The narrowest width from `least` to `most` at which no cell takes more than `lines` lines."""
    low, high = least, most
    while low < high:
        middle = (low + high) // 2
        if all(_line_count(cell, middle) <= lines for cell in cells):
            high = middle
        else:
            low = middle + 1
    return low


def _height(words: list[list[list[int]]], widths: list[int]) -> int:
    """Lines the table's header and rows take at these widths."""
    return sum(max(_line_count(column[r], w) for column, w in zip(words, widths)) for r in range(len(words[0])))


def _row_lines(cells: list[str], widths: list[int]) -> list[str]:
    wrapped = [_wrap(cell, w) for cell, w in zip(cells, widths)]
    height = max(len(w) for w in wrapped)
    lines = []
    for n in range(height):
        parts = [(column[n] if n < len(column) else "").ljust(w) for column, w in zip(wrapped, widths)]
        lines.append("  ".join(parts).rstrip())
    return lines


def table_markdown(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table; every cell shows as written (render/escape.md_text: `|`, line breaks, HTML…)."""
    lines = ["| " + " | ".join(map(md_text, headers)) + " |", "|" + "---|" * len(headers)]
    lines.extend("| " + " | ".join(map(md_text, row)) + " |" for row in rows)
    return "\n".join(lines) + "\n"


def rows_csv(headers: list[str], rows: list[list[str]]) -> str:
    return csv_text(headers, rows)
