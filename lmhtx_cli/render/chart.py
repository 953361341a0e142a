"""Completion charts: one horizontal bar per unit, its name on the left and its rate at the bar's end.

The web page's SVG is drawn by the tool itself (rectangles and text). The Word report's PNG is
drawn with matplotlib's Agg renderer (no display, no network), imported only when a chart is
drawn (it costs about 300 ms). The font is the DejaVu Sans that ships inside matplotlib, named
by file, so the drawing does not depend on the fonts of the machine; PNG and SVG carry no date
and a fixed SVG id salt, so the same figures always give the same bytes. The width is the Word
page's text width (16.5 cm) so that the picture is placed at its natural size.
"""

from __future__ import annotations

import io
import textwrap

from lmhtx_cli.render.numbers import percent

WIDTH_CM = 16.5
_BAR = "#2f5597"  # a dark blue that prints as a mid grey
_TRACK = "#e4e8f0"
_TEXT = "#1a1a1a"
_NAME_CHARS = 30  # unit names wrap at words to lines of about this many characters


def _fonts():
    from pathlib import Path

    import matplotlib
    from matplotlib.font_manager import FontProperties

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    return FontProperties(fname=str(folder / "DejaVuSans.ttf"), size=9), FontProperties(fname=str(folder / "DejaVuSans-Bold.ttf"), size=10)


def _figure(units: list[tuple[str, float | None]], title: str | None, lang: str):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import FixedLocator

    regular, bold = _fonts()
    names = ["\n".join(textwrap.wrap(name, _NAME_CHARS, break_long_words=False, break_on_hyphens=False)) or name for name, _ in units]
    lines = sum(max(1, name.count("\n") + 1) for name in names)
    height = 0.55 + 0.22 * lines + 0.16 * len(units) + (0.35 if title else 0)
    figure = Figure(figsize=(WIDTH_CM / 2.54, height), dpi=200)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    positions = list(range(len(units)))[::-1]  # the first unit on top
    rates = [(rate or 0.0) * 100 for _, rate in units]
    axes.barh(positions, [100] * len(units), color=_TRACK, height=0.62, zorder=1)
    axes.barh(positions, rates, color=_BAR, height=0.62, zorder=2)
    for y, (_, rate), value in zip(positions, units, rates):
        axes.text(value + 1.2, y, percent(rate, lang), va="center", ha="left", color=_TEXT, fontproperties=regular, zorder=3)
    axes.set_xlim(0, 112)
    axes.set_ylim(-0.6, len(units) - 0.4)
    axes.yaxis.set_major_locator(FixedLocator(positions))
    axes.set_yticklabels(names, fontproperties=regular, color=_TEXT)
    ticks = [0, 25, 50, 75, 100]
    axes.xaxis.set_major_locator(FixedLocator(ticks))
    axes.set_xticklabels([percent(t / 100, lang) for t in ticks], fontproperties=regular, color=_TEXT)
    axes.tick_params(axis="y", length=0)
    axes.grid(axis="x", color="#c8c8c8", linewidth=0.5, zorder=0)
    axes.set_axisbelow(True)
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    if title:
        axes.set_title(title, fontproperties=bold, color=_TEXT, loc="left", pad=8)
    figure.tight_layout(pad=0.4)
    return figure


def completion_chart(units: list[tuple[str, float | None]], title: str | None = None, lang: str = "vi") -> bytes:
    """A PNG (200 dpi, 16.5 cm wide) of each unit's completion rate; a rate of None (no task to
    count) has no bar and reads "–"."""
    import matplotlib

    with matplotlib.rc_context({"svg.hashsalt": "lmhtx", "path.simplify": True}):
        buffer = io.BytesIO()
        _figure(units, title, lang).savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


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
