"""Completion charts: one horizontal bar per unit, its name on the left and its rate at the bar's end.

Drawn with matplotlib's Agg renderer (no display, no network), imported only when a chart is
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


def completion_chart_svg(units: list[tuple[str, float | None]], title: str | None = None, lang: str = "vi") -> str:
    """The same chart as SVG text for a web page: names and figures stay text (searchable, read
    by screen readers), in DejaVu Sans or the browser's sans-serif."""
    import matplotlib

    with matplotlib.rc_context({"svg.hashsalt": "lmhtx", "svg.fonttype": "none", "font.family": "sans-serif"}):
        buffer = io.StringIO()
        _figure(units, title, lang).savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()
