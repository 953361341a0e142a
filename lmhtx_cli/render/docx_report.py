"""Reports and the digest as Word files in the layout of Nghị định 30/2020/NĐ-CP (Phụ lục I).

A4, margins 20/20/30/15 mm, Times New Roman; the agency and the national heading side by side,
the number and symbol under the agency, place and date under the national heading (day left blank
for the office to fill in after signing), the title, the body with its tables, then recipients
(Nơi nhận) and the signature block. Agency lines, symbol, recipients and signer come from the data
folder's settings.yaml.

Ready to sign as it comes out: table columns are as wide as their longest words (no word is cut,
no "%" stands alone; render/table_fit.py), units are named, not coded, the last lines of the body
stay on the page of the signature block, dates are written as the decree writes them, and the
half-year, nine-month and year reports carry a completion chart per unit, drawn with table cells
(render/docx_chart.py). Short: each task is printed once (the results table), the shortfalls are
counts with ids, the next period one list per unit. Appendix I's body: 6 pt between paragraphs,
single line spacing, a 1 cm first-line indent, a short rule under the subject line; vi-VN for
proofing; core properties from settings.yaml; the same inputs give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re

from lmhtx_cli.i18n import _
from lmhtx_cli.periods import format_month_ref
from lmhtx_cli.render.escape import word_text
from lmhtx_cli.render.report_data import COUNT_KEYS
from lmhtx_cli.settings import Settings

FONT = "Times New Roman"
TEXT_WIDTH_CM = 16.5  # A4 less the 30 mm left and 15 mm right margins
_CM = 72 / 2.54  # points in a centimetre
CELL_MARGIN_PT = 2.85  # left and right padding of the cells of data tables (0.1 cm)
_WHOLE_TABLE_ROWS = 15  # a data table of up to this many rows stays on one page
CHART_KINDS = ("h1", "9m", "year")  # reports that carry a completion chart per unit
UPCOMING_SIZE = 13  # the next period's list: the decree's smaller body size, to keep a month on 4 pages
RESULT_SIZE = 10.5  # points: the results table, a little smaller than the summary
_NARROW_CM = {0: 2.2, 2: 2.6, 3: 3.2}  # results columns: on one line up to this width, else wrapped at words
_MONTH_REF = re.compile(r"\d{4}-\d{2}")
_LAST_LINES = 2  # paragraphs of the body that go with the signature block
LANGUAGE = "vi-VN"
BODY_AFTER_PT = 6  # space after a body paragraph (none before): Appendix I asks at least 6 pt
LINE_SPACING = 1.0  # single (the decree: single to 1.5 lines)
INDENT_CM = 1.0  # first-line indent: 1 to 1.27 cm
# What follows w:lang in w:rPr, in the schema's order.
_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")


def _language(r_pr) -> None:
    """vi-VN for the proofing tools (spelling, hyphenation), on every run."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.insert_element_before(lang, *_AFTER_LANG)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), LANGUAGE)


_RUNS: dict[tuple[float, bool, bool], object] = {}  # a finished w:r per look, copied for each run


def _run_template(size: float, bold: bool, italic: bool):
    """An empty run in Times New Roman at `size`, bold and italic said either way, vi-VN."""
    key = (size, bold, italic)
    if key not in _RUNS:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        r = OxmlElement("w:r")
        r_pr = OxmlElement("w:rPr")
        fonts = OxmlElement("w:rFonts")
        for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attribute), FONT)
        r_pr.append(fonts)
        for tag, on in (("w:b", bold), ("w:i", italic)):
            element = OxmlElement(tag)
            element.set(qn("w:val"), "1" if on else "0")
            r_pr.append(element)
        for tag in ("w:sz", "w:szCs"):
            element = OxmlElement(tag)
            element.set(qn("w:val"), str(round(size * 2)))
            r_pr.append(element)
        r_pr.append(OxmlElement("w:lang"))
        _language(r_pr)
        r.append(r_pr)
        text = OxmlElement("w:t")
        text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        r.append(text)
        _RUNS[key] = r
    return _RUNS[key]


def _run(paragraph, text: str, size: float = 14, bold: bool = False, italic: bool = False):
    """A run of `text` at the end of `paragraph`, copied from its look's template: the same XML
    python-docx would write, a hundred times faster for the long tables of a year report."""
    import copy

    from docx.text.run import Run

    r = copy.deepcopy(_run_template(size, bold, italic))
    r[-1].text = word_text(text)
    paragraph._p.append(r)
    return Run(r, paragraph)


def _mark_size(paragraph, size: float):
    """The size of an empty paragraph's mark, which sets its height (an empty paragraph has no run)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    r_pr = OxmlElement("w:rPr")
    for tag in ("w:sz", "w:szCs"):
        element = OxmlElement(tag)
        element.set(qn("w:val"), str(round(size * 2)))
        r_pr.append(element)
    paragraph._p.get_or_add_pPr().insert_element_before(r_pr, "w:sectPr", "w:pPrChange")
    return paragraph


def _spacer(document) -> None:
    """A thin empty line after a table, before the text that follows it."""
    _mark_size(_paragraph(document, "", 6, after=0), 6)


def _paragraph(container, text: str = "", size: float = 14, bold: bool = False, italic: bool = False, align: str = "justify", indent_cm: float = 0.0, before: float = 0, after: float = 6):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    paragraph = container.add_paragraph()
    paragraph.alignment = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}[align]
    fmt = paragraph.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.line_spacing = LINE_SPACING
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


def _short_rule(paragraph, width_cm: float, within_cm: float | None = None) -> None:
    """The short line under the agency name, under "Độc lập - Tự do - Hạnh phúc" (in their heading
    cells) and under the subject line (`within_cm`: the width it is centred in)."""
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

    cell_width = within_cm or (6.3 if width_cm < 4 else 10.2)
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
    _short_rule(_mark_size(_paragraph(left, "", 4, align="center", after=6), 4), 2.5)
    number_text = f"Số: {number}/BC-{settings.symbol}" if number else f"Số:        /BC-{settings.symbol}"
    _paragraph(left, number_text, 13, align="center", after=0)
    _cell(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, bold=True)
    _paragraph(right, "Độc lập - Tự do - Hạnh phúc", 14, bold=True, align="center", after=0)
    _short_rule(_mark_size(_paragraph(right, "", 4, align="center", after=6), 4), 6.0)
    when = decree_date(day, month_year)
    _paragraph(right, f"{settings.place}, {when}" if settings.place else when[0].upper() + when[1:], 14, italic=True, align="center", after=0)


def subject_rule_cm(subtitle: str) -> float:
    """The rule under the subject line: a third to a half of the line above it, 2.5 to 6 cm."""
    from lmhtx_cli.render.text_measure import text_width

    line_cm = min(text_width(subtitle, 14, bold=True) / _CM, TEXT_WIDTH_CM)
    return round(min(6.0, max(2.5, line_cm * 0.4)), 2)


def _title(document, title: str, subtitle: str) -> None:
    """The document type and its subject line (trích yếu), centred and bold, a short rule beneath."""
    _keep(_paragraph(document, title, 14, bold=True, align="center", before=12, after=0))
    _keep(_paragraph(document, subtitle, 14, bold=True, align="center", after=0))
    rule = _mark_size(_paragraph(document, "", 4, align="center", after=12), 4)
    rule.paragraph_format.line_spacing = 1.0
    _short_rule(rule, subject_rule_cm(subtitle), TEXT_WIDTH_CM)


def _section(document, text: str) -> None:
    _keep(_paragraph(document, text, 14, bold=True, align="justify", indent_cm=INDENT_CM, before=6, after=BODY_AFTER_PT))


def _body(document, text: str, bold_prefix: str = "", italic: bool = False, keep_with_next: bool = False, size: float = 14):
    paragraph = _paragraph(document, "", size, align="justify", indent_cm=INDENT_CM, after=BODY_AFTER_PT)
    if bold_prefix:
        _run(paragraph, bold_prefix, size, bold=True)
    _run(paragraph, text, size, italic=italic)
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
    table_rows = list(table.rows)
    _row_flags(table_rows[0], header=True)
    for cell, header in zip(table_rows[0].cells, headers):
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(paragraph, header, fit.size, bold=True)
    for r, row in enumerate(rows, start=1):
        _row_flags(table_rows[r])
        cells = table_rows[r].cells
        for i, value in enumerate(row):
            cell = cells[i]
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if i == 0 else WD_ALIGN_PARAGRAPH.CENTER
            _run(paragraph, value, fit.size, bold=bold_last and r == len(rows))
    if len(rows) <= _WHOLE_TABLE_ROWS:  # a short table is not split over two pages
        for row in table_rows[:-1]:
            for cell in row.cells:
                _keep(cell.paragraphs[0])
    _spacer(document)


def _chart(document, units: list[dict]) -> None:
    """Each unit's completion rate as bars drawn with table cells (render/docx_chart.py), the width
    of the text, after an italic lead; the chart's rows stay on one page with it."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    from lmhtx_cli.render.docx_chart import chart_table

    aligns = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER}

    def write(p, text: str, size: float, align: str) -> None:
        paragraph = Paragraph(p, document._body)
        paragraph.alignment = aligns[align]
        paragraph.paragraph_format.keep_with_next = True
        _run(paragraph, text, size)

    caption = _("Completion rate by unit")
    _body(document, caption + ":", italic=True, keep_with_next=True)
    table = chart_table(document, [(u["name"], u["counts"]["rate"], u["counts"]["rate_text"]) for u in units], write, caption)
    for p in table.iter(qn("w:p")):
        Paragraph(p, document._body).paragraph_format.keep_with_next = True
    _spacer(document)


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
    _defaults(document)
    return document


def _defaults(document) -> None:
    """The document's defaults as the decree's body: vi-VN for proofing (docDefaults and every
    style that names a language), 6 pt after a paragraph and single-to-1.5 line spacing for any
    paragraph that says nothing of its own."""
    from docx.oxml.ns import qn

    styles = document.styles.element
    for lang in styles.iter(qn("w:lang")):
        for attribute in ("w:val", "w:eastAsia", "w:bidi"):
            lang.set(qn(attribute), LANGUAGE)
    spacing = styles.find(f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}")
    if spacing is not None:
        spacing.set(qn("w:after"), str(BODY_AFTER_PT * 20))
        spacing.set(qn("w:line"), str(round(LINE_SPACING * 240)))
    _language(document.styles["Normal"].element.get_or_add_rPr())
    theme = document.settings.element.find(qn("w:themeFontLang"))
    if theme is not None:
        theme.set(qn("w:val"), LANGUAGE)
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):  # the template's picture of another document
        if rel.reltype.endswith("/metadata/thumbnail"):
            package.rels.pop(rel_id)
    for part in package.iter_parts():  # Word 2007's copy of the styles, kept as bytes
        if str(part.partname) == "/word/stylesWithEffects.xml":
            part._blob = part.blob.replace(b'"en-US"', f'"{LANGUAGE}"'.encode())


def _properties(document, settings: Settings, title: str, day: dt.date) -> None:
    """Core properties from settings.yaml: the agency as author, the report's title, the document
    date as created and modified; nothing of the library that wrote it."""
    core = document.core_properties
    agency = " ".join(settings.agency)
    core.author = core.last_modified_by = agency
    core.title = title
    core.subject = core.keywords = core.category = core.comments = ""
    core.language = LANGUAGE
    core.revision = 1
    core.created = core.modified = dt.datetime(day.year, day.month, day.day)


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
    """The file's bytes, the same for the same inputs: parts in a fixed order with a fixed date."""
    from lmhtx_cli.store.archives import stable_zip

    buffer = io.BytesIO()
    document.save(buffer)
    return stable_zip(buffer.getvalue())


def _task_line(task: dict, t: dict) -> str:
    parts = [task["status_label"] + (f" {task['date_text']}" if task.get("date_text") else "")]
    if task.get("to"):
        parts.append(t["postponed_to"].format(to=_month_text(task["to"])))
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


PROVENANCE_SIZE = 13  # points: a note under the signature for `lmhtx verify` and the reader, not body text


def _provenance_note(document, data: dict) -> None:
    """The footer line of what the document was computed from (render/provenance.py), small, last."""
    if data.get("provenance"):
        from lmhtx_cli.render.provenance import provenance_line

        _paragraph(document, provenance_line(data["provenance"]), PROVENANCE_SIZE, italic=True, align="left", before=6, after=0)


STANDING_KEYS = ("done_on_time", "done_late", "open_in_time", "open_overdue")  # the government's four ways
SUMMARY_KEYS = ("total", *STANDING_KEYS, "postponed", "cancelled", "carried_over")


def _month_text(to: object) -> str:
    """A postponement's month as prose writes it: 2024-07 → 07/2024."""
    return format_month_ref(str(to)) if _MONTH_REF.fullmatch(str(to)) else str(to)


def _status_text(task: dict, t: dict) -> str:
    """ "Hoàn thành", or for a postponed task where it went: "Hoãn sang 07/2024"."""
    text = task["status_label"]
    if task.get("to"):
        text = t["postponed_to"].format(to=_month_text(task["to"]))
    return text[0].upper() + text[1:] if text else text


def _result_row(task: dict, t: dict, with_documents: bool) -> list[list[str]]:
    """A task's cells, each a list of lines: id; task; status over its date, then its document
    and note (in the same cell: a column of their own would narrow every task's text for the few
    tasks that have one)."""
    lines = [_status_text(task, t)] + ([task["date_text"]] if task.get("date_text") else [])
    return [[task["id"]], [task["text"]], lines + [value for value in (task.get("ref"), task.get("note")) if value]]


def _results_table(document, r: dict, t: dict) -> None:
    """Every task of the period once, unit by unit in one table: a row naming the unit (kept with
    its first task), then its tasks: id, task, status with the date it was reached, and the
    document and note when the report has any. The header row repeats on each page. The id and
    status columns are as wide as their text; document and note wrap at words in a column of
    their own; the task takes the rest. The rows are copies of one row built once (a year has
    hundreds)."""
    import copy

    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt
    from docx.table import _Cell
    from docx.text.paragraph import Paragraph

    from lmhtx_cli.render.text_measure import longest_word, text_width

    size = RESULT_SIZE
    with_documents = any(task.get("ref") or task.get("note") for unit in r["units"] for task in unit["tasks"])
    headers = [t["id"], t["text"], _("Status, date, document") if with_documents else _("Status, date")]
    groups = [(f"{i}. {unit['name']}", [_result_row(task, t, with_documents) for task in unit["tasks"]]) for i, unit in enumerate(r["units"], start=1) if unit["tasks"]]
    rows = [row for _name, group in groups for row in group]
    padding = 2 * CELL_MARGIN_PT
    widths = [0.0] * len(headers)
    for n, header in enumerate(headers):
        if n == 1:
            continue
        values = [line for row in rows for line in row[n]]
        whole = max([text_width(v, size) for v in values] + [longest_word(header, size, bold=True)])
        word = max([longest_word(v, size) for v in values] + [longest_word(header, size, bold=True)])
        widths[n] = max(word, min(whole, _NARROW_CM[n] * _CM)) * 1.05 + 1.5 + padding
    widths[1] = max(TEXT_WIDTH_CM * _CM - sum(widths), 5.0 * _CM)
    table = document.add_table(rows=2, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _cell_margins(table, CELL_MARGIN_PT)
    _set_widths(table, [w / _CM for w in widths])
    header_row, model = table.rows
    _row_flags(header_row, header=True)
    _row_flags(model)
    for n, header in enumerate(headers):
        for row in (header_row, model):
            cell = row.cells[n]
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER if row is header_row or n in (0, 2) else WD_ALIGN_PARAGRAPH.LEFT
        _keep(header_row.cells[n].paragraphs[0])
        _run(header_row.cells[n].paragraphs[0], header, size, bold=True)
    tbl, template = table._tbl, model._tr
    tbl.remove(template)
    unit_row = copy.deepcopy(template)  # one cell across the table, its paragraph kept with the next row
    for tc in unit_row.findall(qn("w:tc"))[1:]:
        unit_row.remove(tc)
    unit_cell = _Cell(unit_row.find(qn("w:tc")), table)
    unit_cell.width = Pt(sum(widths))
    span = unit_cell._tc.get_or_add_tcPr()
    grid_span = OxmlElement("w:gridSpan")
    grid_span.set(qn("w:val"), str(len(headers)))
    span.insert_element_before(grid_span, "w:vMerge", "w:tcBorders", "w:shd", "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark")
    unit_cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
    _keep(unit_cell.paragraphs[0])
    for name, group in groups:
        tr = copy.deepcopy(unit_row)
        tbl.append(tr)
        _run(Paragraph(tr.find(f"{qn('w:tc')}/{qn('w:p')}"), document._body), name, size, bold=True)
        for values in group:
            tr = copy.deepcopy(template)
            tbl.append(tr)
            for tc, cell_lines in zip(tr.findall(qn("w:tc")), values):
                first = tc.find(qn("w:p"))
                for k, value in enumerate(cell_lines):
                    p = first if k == 0 else copy.deepcopy(first)
                    if k:
                        for old in p.findall(qn("w:r")):
                            p.remove(old)
                        tc.append(p)
                    _run(Paragraph(p, document._body), value, size)
    _spacer(document)


def _is_done_late(task: dict) -> bool | None:
    """Done after its deadline, as the report's one computation says (`standing`); None: unknown."""
    if task.get("standing") is not None:
        return task["standing"] == "done_late"
    if task.get("done_late") is not None:
        return bool(task["done_late"]) and task["status"] == "done"
    if task.get("due"):
        return task["status"] == "done" and bool(task.get("date")) and task["date"] > task["due"]
    return None


def _ids_line(label: str, count: int | None, groups: list[tuple[str, list[str]]]) -> str:
    """ "- Hoãn: 3 (Văn phòng: 05-vp-1; Quỹ …: 05-quy-2, 06-quy-1)." — the ids by unit, the unit
    named only when there are several."""
    groups = [(name, ids) for name, ids in groups if ids]
    count = count if count is not None else sum(len(ids) for _name, ids in groups)
    if not groups:
        return f"- {label}: {count}."
    if len(groups) == 1:
        return f"- {label}: {count} ({', '.join(groups[0][1])})."
    return f"- {label}: {count} (" + "; ".join(f"{name}: {', '.join(ids)}" for name, ids in groups) + ")."


def _shortfalls(document, r: dict, t: dict) -> None:
    """Counts with the ids of the tasks behind them, unit by unit: open past the deadline, done
    late (when the report knows deadlines), postponed, cancelled. Each task's own line is in the
    results above; it is not printed again here."""

    def by_unit(keep) -> list[tuple[str, list[str]]]:
        return [(unit["name"], [task["id"] for task in unit["tasks"] if keep(task)]) for unit in r["units"]]

    overdue = by_unit(lambda task: task["standing"] == "open_overdue" if task.get("standing") is not None else task["overdue"] and task["status"] not in ("done", "postponed", "cancelled"))
    lines = [(_("Open past the deadline"), r["total"].get("open_overdue"), overdue)]
    known = any(_is_done_late(task) is not None for unit in r["units"] for task in unit["tasks"])
    if r["total"].get("done_late") is not None or known:
        lines.append((_("Done late"), r["total"].get("done_late"), by_unit(lambda task: _is_done_late(task))))
    for status in ("postponed", "cancelled"):
        lines.append((t[f"col_{status}"], None, by_unit(lambda task, status=status: task["status"] == status)))
    for label, count, groups in lines:
        _body(document, _ids_line(label, count, groups))


def upcoming_line(tasks: list[dict], t: dict) -> str:
    """A unit's tasks of the next period as one list in a sentence: "task one; task two (in
    progress)." — each task once, with its status when it is not simply planned."""
    items = []
    for task in tasks:
        shown = task.get("status_label") or t.get(task.get("status") or "", "")
        status = f" ({shown})" if shown and task.get("status") not in (None, "planned") else ""
        items.append(task["text"].rstrip().rstrip(".;") + status)
    return "; ".join(items) + "."


def report_docx(r: dict, t: dict, settings: Settings, number: str | None = None, day: dt.date | None = None) -> bytes:
    document = _new_document()
    as_of = dt.date.fromisoformat(r["as_of"])
    _heading(document, settings, number, day, as_of)
    period = r["period"]
    if r["lang"] == "vi" and r["kind"] in ("month", "year"):
        period = period[0].lower() + period[1:]  # "… công tác năm 2024", "… tháng 5/2024"
    subject = t["docx_report_subject"].format(period=period)
    _properties(document, settings, f"{t['docx_report'].capitalize()}: {subject}", day or as_of)
    _title(document, t["docx_report"], subject)
    _body(document, t["as_of"].format(date=r["as_of_text"]), italic=True)
    _section(document, f"I. {t['summary'].upper()}")
    # With deadlines, one table in the government's four ways (done on time, done late, open
    # within the deadline, open past it) beside postponed, cancelled and carried over; the
    # statuses of today's table (done, in progress, not started, overdue) follow from them.
    keys = SUMMARY_KEYS if r["total"].get("done_on_time") is not None else COUNT_KEYS
    headers = [t["col_unit"]] + [t[f"col_{k}"] for k in keys] + [t["col_rate"]]
    rows = [[u["name"]] + [str(u["counts"][k]) for k in keys] + [u["counts"]["rate_text"]] for u in r["units"]]
    rows.append([t["total"]] + [str(r["total"][k]) for k in keys] + [r["total"]["rate_text"]])
    _data_table(document, headers, rows, bold_last=True)
    if r["kind"] in CHART_KINDS and r["units"]:
        _chart(document, r["units"])
    if r["grid"]:
        _body(document, t["by_month"] + ":", italic=True, keep_with_next=True)
        _data_table(document, [t["col_unit"]] + [t["short_month"].format(month=m) for m in r["months"]], [[row["name"]] + [c["rate_text"] if c else "" for c in row["cells"]] for row in r["grid"]])
    _section(document, f"II. {t['results'].upper()}")
    if any(unit["tasks"] for unit in r["units"]):
        _results_table(document, r, t)
    else:
        _body(document, t["none"])
    _section(document, f"III. {t['shortfalls'].upper()}")
    _shortfalls(document, r, t)
    numeral = "IV"
    if r["upcoming_period"]:
        heading = (t["upcoming_month"] + f" ({r['upcoming_period']})") if r["kind"] == "month" else t["upcoming_other"].format(period=r["upcoming_period"])
        _section(document, f"IV. {heading.upper()}")
        if not r["upcoming"]:
            _body(document, t["none"])
        for unit in r["upcoming"]:
            _body(document, upcoming_line(unit["tasks"], t), bold_prefix=f"- {unit['name']}: ", size=UPCOMING_SIZE)
        numeral = "V"
    if r.get("members"):
        _member_part(document, r["members"], t, f"{numeral}. {t['member_section'].upper()}")
    _closing(document, settings, t["docx_recipients"])
    _provenance_note(document, r)
    return _bytes(document)


def digest_docx(d: dict, t: dict, settings: Settings, number: str | None = None, day: dt.date | None = None) -> bytes:
    document = _new_document()
    as_of = dt.date.fromisoformat(d["as_of"])
    _heading(document, settings, number, day, as_of)
    subject = t["digest_title"].capitalize() + f" — {d['period']}"
    _properties(document, settings, subject, day or as_of)
    _title(document, t["docx_digest"], subject)
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
