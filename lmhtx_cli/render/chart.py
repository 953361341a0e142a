"""Completion charts: one horizontal bar per unit, its name on the left and its rate at the bar's end.

The dashboard's SVG is drawn by the tool itself: bars and the grid are rectangles and lines,
names and rates are text elements, escaped, never parsed (no mathtext, no markup); it carries
no date, so the same figures always give the same bytes. The Word report draws the same figure
with table cells (render/docx_chart.py).
"""

from __future__ import annotations

import textwrap

from lmhtx_cli.render.numbers import percent

_BAR = "#2f5597"  # a dark blue that prints as a mid grey
_TRACK = "#e4e8f0"
_TEXT = "#1a1a1a"
_NAME_CHARS = 30  # unit names wrap at words to lines of about this many characters


def completion_chart_svg(units: list[tuple[str, float | None]], title: str | None = None, lang: str = "vi", not_begun: str = "–") -> str:
    """The same chart as SVG text for a web page, drawn by the tool itself: bars, grid and labels
    are rectangles, lines and text elements (searchable, read by screen readers), data text is
    XML-escaped and never parsed. It scales to its container (viewBox, no fixed size). A rate of
    None is a unit or month with nothing to count yet: no bar, `not_begun` at its place."""
    rows = [(textwrap.wrap(name, _NAME_CHARS, break_long_words=True, break_on_hyphens=False) or [name], rate) for name, rate in units]
    top = 28 if title else 6
    heights = [max(_ROW, _LINE * len(lines) + 8) for lines, _ in rows]
    height = top + sum(heights) + 26
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_SVG_WIDTH} {height}" font-family="DejaVu Sans, Arial, Helvetica, sans-serif" font-size="12" role="img">',
    ]
    if title:
        out.append(f'<text x="4" y="18" font-weight="bold" font-size="13" fill="{_TEXT}">{xml_text(title)}</text>')
    axis_bottom = top + sum(heights)
    for tick in (0, 25, 50, 75, 100):
        x = _bar_x(tick / 100)
        out.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{axis_bottom}" stroke="#c8c8c8" stroke-width="0.6"/>')
        out.append(f'<text x="{x:.1f}" y="{axis_bottom + 16}" text-anchor="middle" fill="{_TEXT}">{xml_text(percent(tick / 100, lang))}</text>')
    y = top
    for (lines, rate), row_height in zip(rows, heights):
        middle = y + row_height / 2
        first = middle - (len(lines) - 1) * _LINE / 2 + 4
        for number, line in enumerate(lines):
            out.append(f'<text x="{_NAME_X - 8}" y="{first + number * _LINE:.1f}" text-anchor="end" fill="{_TEXT}">{xml_text(line)}</text>')
        bar_top = middle - _BAR_HEIGHT / 2
        out.append(f'<rect x="{_NAME_X}" y="{bar_top:.1f}" width="{_bar_x(1) - _NAME_X:.1f}" height="{_BAR_HEIGHT}" fill="{_TRACK}"/>')
        if rate is not None:
            out.append(f'<rect x="{_NAME_X}" y="{bar_top:.1f}" width="{_bar_x(rate) - _NAME_X:.1f}" height="{_BAR_HEIGHT}" fill="{_BAR}"/>')
        label = percent(rate, lang) if rate is not None else not_begun
        out.append(f'<text x="{_bar_x(rate or 0.0) + 5:.1f}" y="{middle + 4:.1f}" fill="{_TEXT}">{xml_text(label)}</text>')
        y += row_height
    out.append("</svg>")
    return "\n".join(out) + "\n"


_SVG_WIDTH = 720
_NAME_X = 250  # where the bars begin; names are right-aligned before it
_BAR_SPAN = 390  # 100% of a bar
_ROW = 30
_LINE = 14
_BAR_HEIGHT = 18


def _bar_x(rate: float) -> float:
    return _NAME_X + _BAR_SPAN * max(0.0, min(1.0, rate))


def xml_text(value: str) -> str:
    """Text for an XML element or attribute: markup characters escaped, and characters XML 1.0
    cannot hold shown as their code."""
    out = []
    for ch in str(value):
        code = ord(ch)
        if ch in "&<>\"'":
            out.append({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[ch])
        elif (code < 0x20 and ch not in "\t\n\r") or 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF):
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)
