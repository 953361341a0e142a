"""Rules of the member files, each run through `lmhtx validate` on a copy of the real data."""

from __future__ import annotations

import pytest


def _edit(root, name: str, old: str, new: str) -> None:
    path = root / "members" / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("file", "old", "new", "shown"),
    [
        ("areas.yaml", "code: vinh-bao", 'code: "vinh-bao\\n"', r'"vinh-bao\n"'),  # an area code
        ("clubs.yaml", "code: ocop", 'code: "ocop\\u2029"', r'"ocop\u2029"'),  # a club code
        ("members.yaml", "- id: quang-hai", '- id: "quang-hai\\n"', r'"quang-hai\n"'),  # a member id
        ("meetings/2024.yaml", "area: vinh-bao", 'area: "vinh-bao\\r"', r'"vinh-bao\r"'),  # a reference to an area
    ],
)
def test_line_break_in_name_is_an_error_in_member_files(office, lmhtx, file, old, new, shown):
    _edit(office, file, old, new)
    result = lmhtx("validate", "--strict", root=office)
    assert result.code == 1
    lines = [line for line in result.out.splitlines() if "[line-break-in-name]" in line]
    assert len(lines) == 1, result.out
    assert lines[0].startswith(f"members/{file}:") and shown in lines[0]
