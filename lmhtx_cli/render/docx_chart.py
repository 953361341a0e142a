"""The completion chart of a Word report drawn with the table's own cells: no picture, no
matplotlib.

One row per unit: its name, a bar (a shaded cell as many hundredths of the bar's width as the rate
says, then a light track up to 100%) and the rate. Word and LibreOffice lay the shading out as
vector fills, so the bars are as crisp printed as the text beside them; names and figures stay
text (found by search, read by screen readers), and no data text is ever parsed as markup: the
table's skeleton is built as elements, the words go in as runs.
"""

from __future__ import annotations

STEPS = 100  # the bar's width in grid columns: one step is 1%
NAME_CM = 5.3
BAR_CM = 9.5
RATE_CM = 1.7  # NAME_CM + BAR_CM + RATE_CM is the text width, 16.5 cm
BAR = "2F5597"  # dark blue, a mid grey when printed in black and white
TRACK = "E4E8F0"
TICK = "A6A6A6"
SIZE = 11  # points, the size of the data tables
_TWIPS = 567  # twentieths of a point in a centimetre, rounded as Word rounds cm


def steps_of(rate: float | None) -> int:
    """How many of the bar's STEPS columns a rate fills (0 for None or 0%, all for 100%)."""
    if not rate:
        return 0
    return max(0, min(STEPS, round(rate * STEPS)))


def _element(tag: str, **attributes: str):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement(tag)
    for key, value in attributes.items():
        element.set(qn(f"w:{key}"), value)
    return element


def _cell(row, span: int, width_twips: int, fill: str | None = None, borders: dict[str, str] | None = None):
    tc = _element("w:tc")
    tc_pr = _element("w:tcPr")
    tc_pr.append(_element("w:tcW", w=str(width_twips), type="dxa"))
    if span > 1:
        tc_pr.append(_element("w:gridSpan", val=str(span)))
    if borders:
        edges = _element("w:tcBorders")
        for edge in ("top", "left", "bottom", "right"):
            if edge in borders:
                edges.append(_element(f"w:{edge}", val="single", sz="4", space="0", color=borders[edge]))
        tc_pr.append(edges)
    if fill:
        tc_pr.append(_element("w:shd", val="clear", color="auto", fill=fill))
    tc_pr.append(_element("w:vAlign", val="center"))
    tc.append(tc_pr)
    paragraph = _element("w:p")
    p_pr = _element("w:pPr")
    p_pr.append(_element("w:spacing", before="0", after="0", line="240", lineRule="auto"))
    paragraph.append(p_pr)
    tc.append(paragraph)
    row.append(tc)
    return tc


def _row(table, height_twips: int | None = None, exact: bool = False):
    tr = _element("w:tr")
    tr_pr = _element("w:trPr")
    tr_pr.append(_element("w:cantSplit"))
    if height_twips:
        tr_pr.append(_element("w:trHeight", val=str(height_twips), hRule="exact" if exact else "atLeast"))
    tr.append(tr_pr)
    table.append(tr)
    return tr


def chart_table(document, units: list[tuple[str, float | None, str]], write, caption: str) -> object:
    """A borderless table after the document's last paragraph: for each (name, rate, rate text) a
    row with the name, the bar and the rate. `write(paragraph_element, text, size, align)` puts the
    words in (the report's own run maker: font, language, XML-safe text); `caption` is the table's
    title for screen readers. Returns the w:tbl."""
    step = round(BAR_CM * _TWIPS / STEPS)
    name_w, rate_w = round(NAME_CM * _TWIPS), round(RATE_CM * _TWIPS)
    table = _element("w:tbl")
    tbl_pr = _element("w:tblPr")
    tbl_pr.append(_element("w:tblW", w=str(name_w + STEPS * step + rate_w), type="dxa"))
    tbl_pr.append(_element("w:jc", val="center"))
    edges = _element("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edges.append(_element(f"w:{edge}", val="nil"))
    tbl_pr.append(edges)
    tbl_pr.append(_element("w:tblLayout", type="fixed"))
    margins = _element("w:tblCellMar")
    for side in ("left", "right"):
        margins.append(_element(f"w:{side}", w="57", type="dxa"))
    tbl_pr.append(margins)
    tbl_pr.append(_element("w:tblLook", val="0000", firstRow="0", lastRow="0", firstColumn="0", lastColumn="0", noHBand="1", noVBand="1"))
    tbl_pr.append(_element("w:tblCaption", val=caption))
    table.append(tbl_pr)
    grid = _element("w:tblGrid")
    for width in [name_w] + [step] * STEPS + [rate_w]:
        grid.append(_element("w:gridCol", w=str(width)))
    table.append(grid)
    quarter = STEPS // 4
    for n, (name, rate, rate_text) in enumerate(units):
        if n:  # a thin gap between two bars
            gap = _row(table, 60, exact=True)
            _cell(gap, STEPS + 2, name_w + STEPS * step + rate_w)
        tr = _row(table, 400)
        write(_cell(tr, 1, name_w).find(_qn("w:p")), name, SIZE, "left")
        filled = steps_of(rate)
        if filled:
            _cell(tr, filled, filled * step, BAR)
        rest = STEPS - filled
        if rest:
            _cell(tr, rest, rest * step, TRACK)
        write(_cell(tr, 1, rate_w).find(_qn("w:p")), rate_text, SIZE, "left")
    scale = _row(table, None)  # 0% 25% 50% 75% 100% under the bars
    _cell(scale, 1, name_w)
    write_scale = [(0, quarter), (quarter, quarter), (2 * quarter, quarter), (3 * quarter, STEPS - 3 * quarter)]
    for start, span in write_scale:
        tc = _cell(scale, span, span * step, borders={"top": TICK, "left": TICK})
        write(tc.find(_qn("w:p")), f"{start * 100 // STEPS}%", SIZE - 2, "left")
    tc = _cell(scale, 1, rate_w, borders={"top": TICK, "left": TICK})
    write(tc.find(_qn("w:p")), "100%", SIZE - 2, "left")
    body = document.element.body
    body.insert(len(body) - 1, table)  # before the section's properties, the body's last child
    return table


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)
