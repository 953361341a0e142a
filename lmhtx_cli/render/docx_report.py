"""Reports and the digest as Word files in the layout of Nghị định 30/2020/NĐ-CP (Phụ lục I).

A4, margins 20/20/30/15 mm, Times New Roman; the agency and the national heading side by side,
the number and symbol under the agency, place and date under the national heading (day left blank
for the office to fill in after signing), the title, the body with its tables, then recipients
(Nơi nhận) and the signature block. Agency lines, symbol, recipients and signer come from the data
folder's settings.yaml.

Ready to sign as it comes out: table columns are as wide as their longest words (no word is cut,
no "%" stands alone; render/table_fit.py), units are named, not coded, the last lines of the body
stay on the page of the signature block, dates are written as the decree writes them, and the
half-year, nine-month and year reports carry a completion chart per unit.
"""

from __future__ import annotations

import datetime as dt
import io

from lmhtx_cli.i18n import _
from lmhtx_cli.render.report_data import COUNT_KEYS
from lmhtx_cli.settings import Settings

FONT = "Times New Roman"
TEXT_WIDTH_CM = 16.5  # A4 less the 30 mm left and 15 mm right margins
_CM = 72 / 2.54  # points in a centimetre
CELL_MARGIN_PT = 2.85  # left and right padding of the cells of data tables (0.1 cm)
_WHOLE_TABLE_ROWS = 15  # a data table of up to this many rows stays on one page
CHART_KINDS = ("h1", "9m", "year")  # reports that carry a completion chart per unit
_LAST_LINES = 2  # paragraphs of the body that go with the signature block


def _run(paragraph, text: str, size: float = 14, bold: bool = False, italic: bool = False):
    from docx.oxml.ns import qn
    from docx.shared import Pt

    from lmhtx_cli.render.escape import word_text

    run = paragraph.add_run(word_text(text))  # every text of the document enters here: nothing XML cannot hold
    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    return run


def _paragraph(container, text: str = "", size: float = 14, bold: bool = False, italic: bool = False, align: str = "justify", indent_cm: float = 0.0, before: float = 0, after: float = 6):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    paragraph = container.add_paragraph()
    paragraph.alignment = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}[align]
    fmt = paragraph.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.line_spacing = 1.1
    if indent_cm:
        fmt.first_line_indent = Cm(indent_cm)
    if text:
        _run(paragraph, text, size, bold, italic)
    return paragraph


# What follows w:pBdr in w:pPr, in the schema's order.
_AFTER_P_BDR = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def _short_rule(paragraph, width_cm: float) -> None:
    """The short line under the agency name and under "Độc lập - Tự do - Hạnh phúc"."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    p_pr.insert_element_before(borders, *_AFTER_P_BDR)
    from docx.shared import Cm

    cell_width = 6.3 if width_cm < 4 else 10.2
    side = max(0.0, (cell_width - width_cm) / 2)
    paragraph.paragraph_format.left_indent = Cm(side)
    paragraph.paragraph_format.right_indent = Cm(side)


# The order the schema gives the children of w:tblPr and w:trPr: Word rejects a file that breaks it.
_TBL_PR_ORDER = (
    "w:tblStyle",
    "w:tblpPr",
    "w:tblOverlap",
    "w:bidiVisual",
    "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize",
    "w:tblW",
    "w:jc",
    "w:tblCellSpacing",
    "w:tblInd",
    "w:tblBorders",
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
    "w:tblCaption",
    "w:tblDescription",
    "w:tblPrChange",
)
_TR_PR_ORDER = ("w:cnfStyle", "w:divId", "w:gridBefore", "w:gridAfter", "w:wBefore", "w:wAfter", "w:cantSplit", "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del", "w:trPrChange")


def _put(parent, element, order: tuple[str, ...]) -> None:
    """`element` into `parent` at its place in the schema's order, replacing one of its kind."""
    from docx.oxml.ns import qn

    tag = element.tag
    for old in parent.findall(tag):
        parent.remove(old)
    name = next(n for n in order if qn(n) == tag)
    parent.insert_element_before(element, *order[order.index(name) + 1 :])


def _set_widths(table, widths_cm: list[float]) -> None:
    """Fixed column widths: Word and LibreOffice honour the cells' widths only in a fixed layout."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    table.autofit = False  # w:tblLayout type="fixed"
    total = OxmlElement("w:tblW")
    total.set(qn("w:w"), str(sum(round(Cm(w).twips) for w in widths_cm)))
    total.set(qn("w:type"), "dxa")
    _put(table._tbl.tblPr, total, _TBL_PR_ORDER)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm):
            cell.width = Cm(width)
    for column, width in zip(table.columns, widths_cm):
        column.width = Cm(width)


def _cell_margins(table, points: float) -> None:
    """Left and right padding of every cell, the padding the column widths were computed with."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(round(points * 20)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    _put(table._tbl.tblPr, margins, _TBL_PR_ORDER)


def _row_flags(row, cant_split: bool = True, header: bool = False) -> None:
    """A row that never breaks across pages; the header row is repeated on each page."""
    from docx.oxml import OxmlElement

    tr_pr = row._tr.get_or_add_trPr()
    if cant_split:
        _put(tr_pr, OxmlElement("w:cantSplit"), _TR_PR_ORDER)
    if header:
        _put(tr_pr, OxmlElement("w:tblHeader"), _TR_PR_ORDER)


def _no_borders(table) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    _put(table._tbl.tblPr, borders, _TBL_PR_ORDER)


def _keep(paragraph, with_next: bool = True) -> None:
    """The paragraph's lines stay on one page, and (with_next) on the page of what follows."""
    paragraph.paragraph_format.keep_together = True
    if with_next:
        paragraph.paragraph_format.keep_with_next = True


def _cell(cell, first_text: str, size: float, bold: bool = False, italic: bool = False, align: str = "center"):
    paragraph = cell.paragraphs[0]
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]
    paragraph.paragraph_format.space_after = 0
    _run(paragraph, first_text, size, bold, italic)
    return paragraph


def decree_date(day: dt.date | None, month_of: dt.date) -> str:
    """ "ngày 03 tháng 6 năm 2024" as Nghị định 30/2020/NĐ-CP writes it: a day below 10 and the
    months 1 and 2 take a leading zero ("ngày 05 tháng 02"), the other months none ("tháng 6").
    Without a day, the day is left blank for the office to fill in after signing."""
    when = day or month_of
    month = f"{when.month:02d}" if when.month < 3 else str(when.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}" if day else f"ngày      tháng {month} năm {when.year}"


def _heading(document, settings: Settings, number: str | None, day: dt.date | None, month_year: dt.date) -> None:
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    _set_widths(table, [6.3, 10.2])
    left, right = table.rows[0].cells
    lines = ([settings.parent_agency.upper()] if settings.parent_agency else []) + [line.upper() for line in settings.agency]
    _cell(left, lines[0], 13, bold=not settings.parent_agency)
    for line in lines[1:]:
        _paragraph(left, line, 13, bold=True, align="center", after=0)
    _short_rule(_paragraph(left, "", 4, align="center", after=6), 2.5)
    number_text = f"Số: {number}/BC-{settings.symbol}" if number else f"Số:        /BC-{settings.symbol}"
    _paragraph(left, number_text, 13, align="center", after=0)
    _cell(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, bold=True)
    _paragraph(right, "Độc lập - Tự do - Hạnh phúc", 14, bold=True, align="center", after=0)
    _short_rule(_paragraph(right, "", 4, align="center", after=6), 6.0)
    when = decree_date(day, month_year)
    _paragraph(right, f"{settings.place}, {when}" if settings.place else when[0].upper() + when[1:], 14, italic=True, align="center", after=0)


def _title(document, title: str, subtitle: str) -> None:
    _keep(_paragraph(document, title, 14, bold=True, align="center", before=18, after=0))
    _keep(_paragraph(document, subtitle, 14, bold=True, align="center", after=12))


def _section(document, text: str) -> None:
    _keep(_paragraph(document, text, 14, bold=True, align="justify", indent_cm=1.0, before=6, after=3))


def _body(document, text: str, bold_prefix: str = "", italic: bool = False, keep_with_next: bool = False):
    paragraph = _paragraph(document, "", 14, align="justify", indent_cm=1.0, after=3)
    if bold_prefix:
        _run(paragraph, bold_prefix, 14, bold=True)
    _run(paragraph, text, 14, italic=italic)
    if keep_with_next:
        _keep(paragraph)
    return paragraph


def _data_table(document, headers: list[str], rows: list[list[str]], bold_last: bool = False) -> None:
    """A bordered table whose columns are as wide as their longest words (render/table_fit.py):
    headers wrap at spaces, figures such as "13,3%" stay whole, rows never break across pages
    and the header row is repeated on each page."""
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from lmhtx_cli.render.table_fit import fit_columns

    fit = fit_columns(headers, rows, TEXT_WIDTH_CM * _CM, 2 * CELL_MARGIN_PT, bold_rows={len(rows) - 1} if bold_last else set())
    table = document.add_table(rows=1 + len(rows), cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _cell_margins(table, CELL_MARGIN_PT)
    _set_widths(table, [w / _CM for w in fit.widths])
    _row_flags(table.rows[0], header=True)
    for i, header in enumerate(headers):
        cell = table.rows[0].cells[i]
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(paragraph, header, fit.size, bold=True)
    for r, row in enumerate(rows, start=1):
        _row_flags(table.rows[r])
        for i, value in enumerate(row):
            cell = table.rows[r].cells[i]
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if i == 0 else WD_ALIGN_PARAGRAPH.CENTER
            _run(paragraph, value, fit.size, bold=bold_last and r == len(rows))
    if len(rows) <= _WHOLE_TABLE_ROWS:  # a short table is not split over two pages
        for row in table.rows[:-1]:
            for cell in row.cells:
                _keep(cell.paragraphs[0])
    _paragraph(document, "", 6, after=0)


def _chart(document, units: list[dict], lang: str) -> None:
    """Each unit's completion rate as a bar chart, the width of the text, after an italic lead."""
    from docx.shared import Cm

    from lmhtx_cli.render.chart import completion_chart

    caption = _("Completion rate by unit")
    _body(document, caption + ":", italic=True, keep_with_next=True)
    png = completion_chart([(u["name"], u["counts"]["rate"]) for u in units], lang=lang)
    paragraph = _paragraph(document, "", 14, align="center", after=6)
    _keep(paragraph, with_next=False)
    shape = paragraph.add_run().add_picture(io.BytesIO(png), width=Cm(TEXT_WIDTH_CM))
    shape._inline.docPr.set("descr", caption)


def _closing(document, settings: Settings, recipients: str) -> None:
    """Recipients and the signature block, with the body's last lines moved into the same table:
    its rows never break and stay together, so the title and the signer's name are never apart
    and never alone on a page (LibreOffice does not keep a paragraph with a following table)."""
    from docx.oxml.ns import qn

    table = document.add_table(rows=2, cols=2)
    _no_borders(table)
    _cell_margins(table, 0)
    _set_widths(table, [8.2, 8.3])
    last = _trailing_paragraphs(table, _LAST_LINES)
    top = table.cell(0, 0).merge(table.cell(0, 1))
    for empty in top._tc.findall(qn("w:p")):
        top._tc.remove(empty)
    for paragraph in last:
        top._tc.append(paragraph)  # moved, in their order
    _keep(_paragraph(top, "", 14, after=6))
    for paragraph in top.paragraphs:
        _keep(paragraph)
    for row in table.rows:
        _row_flags(row)
    left, right = table.rows[1].cells
    _keep(_cell(left, recipients, 12, bold=True, italic=True, align="left"))
    for n, recipient in enumerate(settings.recipients, start=1):
        _keep(_paragraph(left, f"- {recipient}" + ("." if n == len(settings.recipients) else ";"), 11, align="left", after=0))
    signature = settings.signature
    lines = ([signature.authority.upper()] if signature.authority else []) + [signature.title.upper()]
    _keep(_cell(right, lines[0], 14, bold=True))
    for line in lines[1:]:
        _keep(_paragraph(right, line, 14, bold=True, align="center", after=0))
    for _n in range(4):
        _keep(_paragraph(right, "", 14, after=0))
    if signature.name:
        _keep(_paragraph(right, signature.name, 14, bold=True, align="center", after=0), with_next=False)


def _trailing_paragraphs(table, count: int) -> list:
    """The body's paragraphs (w:p) just before `table`, back to the `count`-th one with text."""
    from docx.oxml.ns import qn

    found = []
    element = table._tbl.getprevious()
    while element is not None and element.tag == qn("w:p") and count:
        found.insert(0, element)
        count -= 1 if "".join(element.itertext()).strip() else 0
        element = element.getprevious()
    return found


def _new_document():
    import docx
    from docx.shared import Mm

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    _page_numbers(section)
    style = document.styles["Normal"]
    style.font.name = FONT
    from docx.shared import Pt

    style.font.size = Pt(14)
    return document


def _page_numbers(section) -> None:
    """Page numbers at the top centre from the second page on, as the decree asks."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = _run(paragraph, "", 14)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _task_line(task: dict, t: dict) -> str:
    parts = [task["status_label"] + (f" {task['date_text']}" if task.get("date_text") else "")]
    if task.get("to"):
        parts.append(t["postponed_to"].format(to=task["to"]))
    if task.get("ref"):
        parts.append(task["ref"])
    if task.get("note"):
        parts.append(task["note"])
    return f"{task['text']} ({'; '.join(parts)})"


def _member_part(document, members: dict, t: dict, heading: str) -> None:
    _section(document, heading)
    _body(document, f"{t['meetings_in_period']}: " + ("; ".join(f"{m['when']}, {m['area']} ({m['status_label']})" for m in members["meetings"]) or t["none"]))
    overdue = f" ({members['overdue_count']} {t['overdue_petitions']})" if members["overdue_count"] else ""
    _body(document, f"{t['open_petitions']}: {len(members['open_petitions'])}{overdue}.")
    for petition in members["open_petitions"]:
        _body(document, f"- {petition['member']}: {petition['text']} ({petition['status_label']}{', ' + t['overdue_petitions'] if petition['overdue'] else ''})")
    if members["fees"]:
        _body(document, members["fees"]["line"] + ".")


def _provenance_note(document, data: dict) -> None:
    """The footer line of what the document was computed from (render/provenance.py), small, last."""
    if data.get("provenance"):
        from lmhtx_cli.render.provenance import provenance_line

        _paragraph(document, provenance_line(data["provenance"]), 13, italic=True, align="left", before=12, after=0)


def report_docx(r: dict, t: dict, settings: Settings, number: str | None = None, day: dt.date | None = None) -> bytes:
    document = _new_document()
    _heading(document, settings, number, day, dt.date.fromisoformat(r["as_of"]))
    period = r["period"]
    if r["lang"] == "vi" and r["kind"] in ("month", "year"):
        period = period[0].lower() + period[1:]  # "… công tác năm 2024", "… tháng 5/2024"
    _title(document, t["docx_report"], t["docx_report_subject"].format(period=period))
    _body(document, t["as_of"].format(date=r["as_of_text"]), italic=True)
    _section(document, f"I. {t['summary'].upper()}")
    keys = COUNT_KEYS
    headers = [t["col_unit"]] + [t[f"col_{k}"] for k in keys] + [t["col_rate"]]
    rows = [[u["name"]] + [str(u["counts"][k]) for k in keys] + [u["counts"]["rate_text"]] for u in r["units"]]
    rows.append([t["total"]] + [str(r["total"][k]) for k in keys] + [r["total"]["rate_text"]])
    _data_table(document, headers, rows, bold_last=True)
    if r["kind"] in CHART_KINDS and r["units"]:
        _chart(document, r["units"], r["lang"])
    if r["grid"]:
        _body(document, t["by_month"] + ":", italic=True, keep_with_next=True)
        _data_table(document, [t["col_unit"]] + [t["short_month"].format(month=m) for m in r["months"]], [[row["name"]] + [c["rate_text"] if c else "" for c in row["cells"]] for row in r["grid"]])
    _section(document, f"II. {t['results'].upper()}")
    for i, unit in enumerate(r["units"], start=1):
        if not unit["tasks"]:
            continue
        _body(document, "", bold_prefix=f"{i}. {unit['name']}", keep_with_next=True)
        for task in unit["tasks"]:
            _body(document, "- " + _task_line(task, t))
    _section(document, f"III. {t['shortfalls'].upper()}")
    shortfalls = [(u, task) for u in r["units"] for task in u["shortfalls"]]
    if not shortfalls:
        _body(document, t["none"])
    for unit, task in shortfalls:
        _body(document, f"- {unit['name']}: " + _task_line(task, t))
    numeral = "IV"
    if r["upcoming_period"]:
        heading = (t["upcoming_month"] + f" ({r['upcoming_period']})") if r["kind"] == "month" else t["upcoming_other"].format(period=r["upcoming_period"])
        _section(document, f"IV. {heading.upper()}")
        if not r["upcoming"]:
            _body(document, t["none"])
        for unit in r["upcoming"]:
            _body(document, "", bold_prefix=unit["name"], keep_with_next=True)
            for task in unit["tasks"]:
                _body(document, f"- {task['text']}")
        numeral = "V"
    if r.get("members"):
        _member_part(document, r["members"], t, f"{numeral}. {t['member_section'].upper()}")
    _closing(document, settings, t["docx_recipients"])
    _provenance_note(document, r)
    return _bytes(document)


def digest_docx(d: dict, t: dict, settings: Settings, number: str | None = None, day: dt.date | None = None) -> bytes:
    document = _new_document()
    _heading(document, settings, number, day, dt.date.fromisoformat(d["as_of"]))
    _title(document, t["docx_digest"], t["digest_title"].capitalize() + f" — {d['period']}")
    _body(document, t["as_of"].format(date=d["as_of_text"]), italic=True)
    if not d["has_plan"]:
        _body(document, t["digest_no_plan"].format(year=d["year"]))
    else:
        sections = [(t["digest_due"], d["due"], True), (t["digest_overdue"], d["overdue"], True), (t["digest_next"].format(period=d["next_period"]), d["upcoming"], False)]
        for n, (title, groups, with_status) in enumerate(sections, start=1):
            _section(document, f"{n}. {title}")
            if not groups:
                _body(document, t["none"])
            for group in groups:
                _body(document, "", bold_prefix=group["name"], keep_with_next=True)
                for task in group["tasks"]:
                    _body(document, "- " + (_task_line(task, t) if with_status else task["text"]))
        number = 4
        if d.get("members"):
            _member_part(document, d["members"], t, f"4. {t['member_section']}")
            number = 5
        _section(document, f"{number}. {t['digest_totals']}")
        for unit in d["totals"]:
            _body(document, t["digest_total_line"].format(name=unit["name"], total=unit["total"], done=unit["done"], in_progress=unit["in_progress"], overdue=unit["overdue"], rate=unit["rate_text"]))
    _closing(document, settings, t["docx_recipients"])
    _provenance_note(document, d)
    return _bytes(document)
