"""The text of a Word document in reading order, in the shape the programme reader expects.

Word turns a typed "- " into a list item and keeps no "-" in the text, and numbers headings
itself; both are put back from the paragraph's numbering ("- " for bullets, "N. " for decimal
lists). Table cells are read row by row, one paragraph a line. Text is brought to NFC.
"""

from __future__ import annotations

from lmhtx_cli.errors import UserError
from lmhtx_cli.i18n import _
from lmhtx_cli.importer.programme_text import CELL, CELL_BREAK, table_columns
from lmhtx_cli.importer.shapes import month_heading, quarter_heading
from lmhtx_cli.store.archives import zip_members
from lmhtx_cli.text import nfc

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _numbering_formats(document) -> dict[tuple[str, str], str]:
    """(numId, level) -> numFmt ("bullet", "decimal", …) from the document's numbering part."""
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstract_formats: dict[tuple[str, str], str] = {}
    for abstract in numbering.findall(f"{W}abstractNum"):
        abstract_id = abstract.get(f"{W}abstractNumId")
        for level in abstract.findall(f"{W}lvl"):
            fmt = level.find(f"{W}numFmt")
            abstract_formats[(abstract_id, level.get(f"{W}ilvl"))] = fmt.get(f"{W}val") if fmt is not None else "bullet"
    formats: dict[tuple[str, str], str] = {}
    for num in numbering.findall(f"{W}num"):
        ref = num.find(f"{W}abstractNumId")
        if ref is None:
            continue
        for (abstract_id, level), fmt in abstract_formats.items():
            if abstract_id == ref.get(f"{W}val"):
                formats[(num.get(f"{W}numId"), level)] = fmt
    return formats


def _paragraph_number(paragraph) -> tuple[str, str] | None:
    ppr = paragraph.find(f"{W}pPr")
    num = ppr.find(f"{W}numPr") if ppr is not None else None
    if num is None:
        style = ppr.find(f"{W}pStyle") if ppr is not None else None
        name = (style.get(f"{W}val") or "").lower() if style is not None else ""
        if "bullet" in name:
            return ("style-bullet", "0")
        if "number" in name:
            return ("style-number", name)
        return None
    num_id = num.find(f"{W}numId")
    level = num.find(f"{W}ilvl")
    return (num_id.get(f"{W}val") if num_id is not None else "0", level.get(f"{W}val") if level is not None else "0")


def _text_of(paragraph) -> str:
    parts = []
    for node in paragraph.iter():
        if node.tag == f"{W}t" and node.text:
            parts.append(node.text)
        elif node.tag == f"{W}tab":
            parts.append(" ")
        elif node.tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
    return "".join(parts)


# A Word file is a zip: its parts are checked on the sizes its directory declares before any is
# inflated (the zip reader never inflates a part past its declared size), so a small file that
# would expand to gigabytes is refused at once. A year's programme is a few hundred kB of XML.
MAX_PART_BYTES = 16 * 1024 * 1024
MAX_TOTAL_BYTES = 96 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, for parts of more than a megabyte
MAX_PARTS = 2_000


def check_expansion(raw: bytes, name: str) -> None:
    """Refuse a Word file whose parts would expand beyond what a programme needs."""
    members = zip_members(raw)
    if members is None:
        return  # not a zip: python-docx says so in its own words
    if len(members) > MAX_PARTS:
        raise UserError(_("the Word file holds {count} parts; a programme needs far fewer, so it is not read").format(count=len(members)), name)
    total = 0
    for member in members:
        total += member.size
        too_big = member.size > MAX_PART_BYTES
        too_packed = member.size > 1024 * 1024 and member.size > MAX_RATIO * max(member.compressed, 1)
        if total > MAX_TOTAL_BYTES and not (too_big or too_packed):
            raise UserError(_("the Word file's parts would expand to more than {size} MB in all; it is not read (a zip bomb, or not a programme)").format(size=MAX_TOTAL_BYTES // (1024 * 1024)), name)
        if too_big or too_packed:
            raise UserError(
                _("the Word file's part {part} would expand to {size} MB (from {compressed} kB); it is not read (a zip bomb, or not a programme)").format(
                    part=member.name, size=member.size // (1024 * 1024), compressed=member.compressed // 1024
                ),
                name,
            )


def docx_lines(raw: bytes, name: str) -> list[str]:
    try:
        import docx
    except ImportError:  # pragma: no cover - python-docx is a dependency
        raise UserError(_("reading Word files needs python-docx: pip install python-docx")) from None
    check_expansion(raw, name)
    try:
        import io

        document = docx.Document(io.BytesIO(raw))
    except Exception as exc:  # python-docx raises several kinds for a damaged or non-Word file
        raise UserError(_("cannot read the Word file: {reason}").format(reason=exc), name) from None
    formats = _numbering_formats(document)
    counters: dict[tuple[str, str], int] = {}
    lines: list[str] = []

    def paragraph_lines(paragraph, into: list[str] | None = None) -> None:
        text = _text_of(paragraph)
        if month_heading(text) or quarter_heading(text):
            counters.clear()  # Word restarts the unit numbering under each month
        number = _paragraph_number(paragraph)
        if number is not None and text.strip():
            fmt = {"style-bullet": "bullet", "style-number": "decimal"}.get(number[0]) or formats.get(number, "bullet")
            stripped = text.lstrip()
            if fmt == "bullet" or fmt == "none":
                if not stripped.startswith(("-", "•")):
                    text = "- " + stripped
            else:
                counters[number] = counters.get(number, 0) + 1
                text = f"{counters[number]}. {stripped}"
        (lines if into is None else into).extend(nfc(text).split("\n"))

    def cell_text(cell) -> str:
        pieces: list[str] = []
        for paragraph in cell.iter(f"{W}p"):
            paragraph_lines(paragraph, pieces)
        return CELL_BREAK.join(piece.replace(CELL, " ") for piece in pieces if piece.strip())

    for block in document.element.body.iterchildren():
        if block.tag == f"{W}p":
            paragraph_lines(block)
        elif block.tag == f"{W}tbl":
            rows: list[list[str]] = []
            for row in block.iter(f"{W}tr"):
                texts = []
                for index, cell in enumerate(row.iter(f"{W}tc")):
                    merge = cell.find(f"{W}tcPr/{W}vMerge")
                    above = rows[-1][index] if rows and index < len(rows[-1]) else ""
                    # a cell merged with the one above it (Word's vertical merge) holds that cell's text
                    texts.append(above if merge is not None and merge.get(f"{W}val") in (None, "continue") else cell_text(cell))
                rows.append(texts)
            if any(table_columns(row) for row in rows[:3]):
                # a table with a column per field: one line a row, its cells tab-separated
                lines.extend(CELL.join(row) if len(row) > 1 else "".join(row) + CELL for row in rows)
                continue
            for row in block.iter(f"{W}tr"):
                for cell in row.iter(f"{W}tc"):
                    for paragraph in cell.iter(f"{W}p"):
                        paragraph_lines(paragraph)
    return lines
