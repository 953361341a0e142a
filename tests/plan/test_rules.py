"""Rules of the programme's files, each run through `lmhtx validate` on real files."""

from __future__ import annotations

import pytest

TASK_LINE = "- id: 01-vp-1"


def _edit(root, name: str, old: str, new: str) -> None:
    path = root / "plans" / "2030" / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("file", "old", "new", "where", "shown"),
    [
        ("01.yaml", TASK_LINE, '- id: "01-vp-1\\n"', ":6:11:", r'"01-vp-1\n"'),  # the trailing line break of the issue
        ("01.yaml", TASK_LINE, '- id: "01-vp\\r-1"', ":6:11:", r'"01-vp\r-1"'),
        ("01.yaml", TASK_LINE, '- id: "01-vp-1\\u2028"', ":6:11:", r'"01-vp-1\u2028"'),  # a Unicode line separator
        ("01.yaml", "  vp:", '  "vp\\n":', ":5:3:", r'"vp\n"'),  # a unit code, as a key of units:
        ("01.yaml", "status: done\n", 'status: done\n      "note\\x85": x\n', ":9:7:", r'"note\x85"'),  # any key, even an unknown one
        ("plan.yaml", "code: vp", 'code: "vp\\n"', ":", r'"vp\n"'),  # a unit's code where it is defined
    ],
)
def test_line_break_in_name_is_an_error_at_its_place(small_root, lmhtx, file, old, new, where, shown):
    _edit(small_root, file, old, new)
    result = lmhtx("validate", "--strict", root=small_root)
    assert result.code == 1
    lines = [line for line in result.out.splitlines() if "[line-break-in-name]" in line]
    assert len(lines) == 1, result.out
    assert lines[0].startswith(f"plans/2030/{file}{where}") and shown in lines[0]
    assert "mã, mã đơn vị và khóa phải nằm trên một dòng" in lines[0]


def test_line_break_in_name_is_not_said_of_text(small_root, lmhtx):
    _edit(small_root, "01.yaml", 'text: "Quyết toán tài chính năm 2029."', 'text: "Quyết toán tài chính\\u2028năm 2029."')
    result = lmhtx("validate", root=small_root)
    assert "line-break-in-name" not in result.out
