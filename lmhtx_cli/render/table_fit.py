"""Column widths of a printed table from the words it holds, so that no word is broken.

A column is at least as wide as its longest word (a header wraps at spaces onto at most two
lines, a long value such as a unit's name onto at most three), at the largest font size in
`sizes` that lets the table fit the text width. When no size of 10 points or more fits, headers
and values wrap onto more lines, still at spaces, before the font shrinks further; a word is
never cut. Space left over first evens out the
narrow columns (when that is cheap), then lets the first column's labels stand on fewer lines,
then is shared out.
"""

from __future__ import annotations

from dataclasses import dataclass

from lmhtx_cli.render.text_measure import longest_word, text_width, width_for_lines

# Renderers round glyph widths to device pixels and add borders: measure a little generously.
_SLACK_RATIO = 1.05
_SLACK_PT = 1.5


@dataclass(frozen=True)
class TableFit:
    size: float  # the font size of every cell, in points
    widths: list[float]  # the columns' widths, in points, cell padding included
    fits: bool  # False when even the smallest size is wider than the space (the table overflows)


def _needs(headers: list[str], rows: list[list[str]], size: float, bold_rows: set[int], header_lines: int | None, value_lines: int | None) -> list[float]:
    needs = []
    for i, header in enumerate(headers):
        widest = width_for_lines(header, header_lines, size, bold=True) if header_lines else longest_word(header, size, bold=True)
        for r, row in enumerate(rows):
            value, bold = row[i], r in bold_rows
            widest = max(widest, width_for_lines(value, value_lines, size, bold) if value_lines else longest_word(value, size, bold))
        needs.append(widest * _SLACK_RATIO + _SLACK_PT)
    return needs


def _one_line(headers: list[str], rows: list[list[str]], size: float, bold_rows: set[int]) -> list[float]:
    return [max([text_width(h, size, bold=True)] + [text_width(row[i], size, r in bold_rows) for r, row in enumerate(rows)]) * _SLACK_RATIO + _SLACK_PT for i, h in enumerate(headers)]


def _share_out(needs: list[float], one_line: list[float], available: float, padding: float) -> list[float]:
    widths = [n + padding for n in needs]
    extra = available - sum(widths)
    rest = list(range(1, len(widths)))
    if rest:
        level = max(widths[i] for i in rest)
        cost = sum(level - widths[i] for i in rest)
        if cost <= extra / 2:  # even columns of figures, when that leaves room for the labels
            for i in rest:
                widths[i] = level
            extra -= cost
    grow = min(extra, max(0.0, one_line[0] + padding - widths[0]))
    widths[0] += grow
    extra -= grow
    for i in rest or [0]:
        widths[i] += extra / len(rest or [0])
    return widths


def fit_columns(
    headers: list[str],
    rows: list[list[str]],
    available: float,
    padding: float,
    sizes: tuple[float, ...] = (11, 10.5, 10, 9.5, 9),
    bold_rows: set[int] | None = None,
    header_lines: int = 2,
    value_lines: int = 3,
    readable: float = 10,
) -> TableFit:
    """Widths (points) for a table of `headers` (set in bold) and `rows` in `available` points,
    each column carrying `padding` points of cell margins; `bold_rows` are indexes into `rows`.
    Cells wrap onto one more line, then onto as many as it takes, before the font goes below
    `readable` points."""
    bold = bold_rows or set()
    limits = ((header_lines, value_lines), (header_lines + 1, value_lines + 1), (None, None))
    for group in ([s for s in sizes if s >= readable], [s for s in sizes if s < readable]):
        for lines in limits:
            for size in group:
                needs = _needs(headers, rows, size, bold, *lines)
                if sum(needs) + padding * len(needs) <= available:
                    return TableFit(size, _share_out(needs, _one_line(headers, rows, size, bold), available, padding), True)
    size = sizes[-1]
    return TableFit(size, [n + padding for n in _needs(headers, rows, size, bold, None, None)], False)
