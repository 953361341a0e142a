"""A table the office keeps in a spreadsheet (the member register): its rows as text, each with
the row number the spreadsheet shows, from a .csv as Excel saves it or an .xlsx workbook.

CSV: UTF-8 with or without a byte-order mark (Excel's "CSV UTF-8"), the separator found from the
text (`,`, `;` or a tab). XLSX: the first sheet that has any cell, read with openpyxl (imported
only here) after the archive's declared sizes are checked, so a zip bomb is refused before it is
inflated; cells are read as their values, never their formulas. Numbers keep their digits (an
integral 2019.0 is "2019"), dates are ISO days.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from lmhtx_cli.errors import UserError
from lmhtx_cli.i18n import _
from lmhtx_cli.store.archives import zip_members
from lmhtx_cli.store.inputs import read_input

MAX_ROWS = 100_000
MAX_COLUMNS = 200
MAX_EXPANDED_BYTES = 64 * 1024 * 1024

Row = tuple[int, list[str]]  # the spreadsheet's row number, the cells as text


def read_rows(path: Path) -> list[Row]:
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _xlsx_rows(read_input(path), str(path))
    if suffix in (".csv", ".txt"):
        return _csv_rows(read_input(path), str(path))
    raise UserError(_("a register is read from .csv (saved by Excel as CSV UTF-8) or .xlsx; save .xls or .ods in one of those"), str(path))


def _csv_rows(raw: bytes, name: str) -> list[Row]:
    import csv

    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise UserError(_("the file is not UTF-8 (byte 0x{byte:02x}): in Excel, save it as “CSV UTF-8 (Comma delimited)”").format(byte=raw[exc.start]), name, line) from None
    if "\x00" in text:
        raise UserError(_("the file holds NUL characters: it is not a CSV text"), name)
    rows: list[Row] = []
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_separator(text))
        for cells in reader:
            if len(rows) >= MAX_ROWS:
                raise UserError(_("more than {count:,} rows: this is not a member register").format(count=MAX_ROWS), name)
            rows.append((reader.line_num, [c.strip() for c in cells[:MAX_COLUMNS]]))
    except csv.Error as exc:
        raise UserError(_("the CSV cannot be read: {reason}").format(reason=exc), name) from None
    return _numbered_by_record(rows)


def _separator(text: str) -> str:
    """The separator Excel used (`,`, or `;` where the decimal sign is a comma, or a tab): the one
    a line of the first ones holds most of, outside quotes (title rows above the header have
    none; a comma inside an address is one among a row's many `;`)."""
    best, most = ",", 0
    lines = text.splitlines()[:30]
    for candidate in (",", ";", "\t"):
        count = max((_unquoted(line).count(candidate) for line in lines), default=0)
        if count > most:
            best, most = candidate, count
    return best


def _unquoted(line: str) -> str:
    return "".join(part for i, part in enumerate(line.split('"')) if i % 2 == 0)


def _numbered_by_record(rows: list[Row]) -> list[Row]:
    """csv's line_num is the line a record ends on; a spreadsheet numbers records, one a row
    (a cell holding a line break is still one row)."""
    return [(number, cells) for number, (_line, cells) in enumerate(rows, start=1)]


def _xlsx_rows(raw: bytes, name: str) -> list[Row]:
    members = zip_members(raw)
    if members is None:
        raise UserError(_("not an .xlsx workbook (it is not a zip archive)"), name)
    if sum(m.size for m in members) > MAX_EXPANDED_BYTES or any(m.size > 1024 * 1024 and m.size > 200 * max(m.compressed, 1) for m in members):
        raise UserError(_("the workbook's parts would expand to more than {size} MB; it is not read (a zip bomb, or not a register)").format(size=MAX_EXPANDED_BYTES // (1024 * 1024)), name)
    try:
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign file
        raise UserError(_("cannot read the workbook: {reason}").format(reason=" ".join(str(exc).split())[:200]), name) from None
    try:
        for sheet in book.worksheets:
            rows: list[Row] = []
            for cells in sheet.iter_rows():
                if len(rows) >= MAX_ROWS:
                    raise UserError(_("more than {count:,} rows: this is not a member register").format(count=MAX_ROWS), name)
                texts = [_cell_text(c.value) for c in cells[:MAX_COLUMNS]]
                number = next((c.row for c in cells if getattr(c, "row", None)), None)
                if number is not None:
                    rows.append((number, texts))
            if any(any(t for t in texts) for _n, texts in rows):
                return rows
        return []
    finally:
        book.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
