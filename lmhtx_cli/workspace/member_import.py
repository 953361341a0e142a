"""`lmhtx import members`: the register the office keeps in a spreadsheet, added to members/ as a
whole or not at all."""

from __future__ import annotations

from pathlib import Path

from lmhtx_cli.errors import UserError
from lmhtx_cli.i18n import _
from lmhtx_cli.members.register import COLUMNS, RegisterImport, read_register


def import_register(workspace, source: Path, on: str | None, explain_only: bool = False) -> tuple[RegisterImport, str | None]:
    """Read the spreadsheet and add its members, placed in the area groups of the day `on`
    (default: today): the result, and the file written (None when nothing was written:
    --explain, or rows that cannot be placed)."""
    from lmhtx_cli.dates import parse_day, today_by_clock
    from lmhtx_cli.members.edits import add_members
    from lmhtx_cli.store.spreadsheet import read_rows

    day = parse_day(on) if on else today_by_clock()
    rows = read_rows(source)
    data, _problems = workspace.members()
    result = read_register(rows, [m.record for m in data.members], data.areas, day)
    if result.header_row is None:
        looked_for = ", ".join(f"“{names[0]}”" for names in (_HEADER_EXAMPLES[key] for key in ("name", "kind", "address", "commune", "representative", "phone", "joined")))
        raise UserError(_("no header row found in its first rows: looked for a row naming the member's name and another known column ({columns})").format(columns=looked_for), str(source))
    if explain_only or result.problems:
        return result, None
    if not result.records:
        raise UserError(_("no member under the header row (row {row})").format(row=result.header_row), str(source))
    return result, add_members(workspace.root, workspace.plan_units(), result.records)


_HEADER_EXAMPLES = {
    "name": ("Tên đơn vị", "Tên HTX"),
    "kind": ("Loại hình",),
    "address": ("Địa chỉ",),
    "commune": ("Xã/phường/đặc khu",),
    "representative": ("Người đại diện",),
    "phone": ("Điện thoại",),
    "joined": ("Năm gia nhập",),
}
assert set(_HEADER_EXAMPLES) <= set(COLUMNS)
