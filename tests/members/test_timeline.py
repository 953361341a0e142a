"""members/timeline.area_on and `lmhtx members move`: a member's area group is dated, so moving it
into a group of 2025 never rewrites where it was in 2024."""

from __future__ import annotations

import json

import pytest

AREAS_2025 = """  - code: vinh-bao-2025
    name: "Nhóm địa bàn Vĩnh Bảo (từ 07/2025)"
    places: ["xã Vĩnh Bảo", "xã Nguyễn Bỉnh Khiêm", "xã Vĩnh Am", "xã Vĩnh Hải"]
    valid_from: 2025
  - code: ven-bien-2025
    name: "Nhóm địa bàn ven biển (từ 07/2025)"
    places: ["phường Đồ Sơn", "đặc khu Cát Hải", "đặc khu Bạch Long Vĩ"]
    valid_from: 2025
"""


@pytest.fixture
def present(office):
    with (office / "members/areas.yaml").open("a", encoding="utf-8") as out:
        out.write(AREAS_2025)
    return office


def _listed(lmhtx, root, *args) -> list[str]:
    run = lmhtx("members", "list", *args, "-f", "json", root=root)
    assert run.code == 0, run.err
    return [m["id"] for m in json.loads(run.out)]


@pytest.mark.parametrize("typed", ["vinh-bao-2025", "Nguyen Binh Khiem", "xã Vĩnh Am", "VINH HAI"])
def test_a_moved_member_is_in_its_new_group_from_that_day_and_in_its_old_one_before(lmhtx, present, typed):
    run = lmhtx("members", "move", "thang-thuy", "--area", typed, "--on", "01/07/2025", "--by", "Lan", root=present)
    assert run.code == 0, run.err
    assert "vinh-bao-2025" in run.out and "01/07/2025" in run.out
    assert "thang-thuy" in _listed(lmhtx, present, "--area", "vinh-bao", "--as-of", "30/06/2025")
    assert "thang-thuy" not in _listed(lmhtx, present, "--area", "vinh-bao", "--as-of", "01/07/2025")
    assert _listed(lmhtx, present, "--area", "vinh-bao-2025", "--as-of", "2026-01-15") == ["thang-thuy"]
    shown = json.loads(lmhtx("members", "show", "thang-thuy", "-f", "json", root=present).out)
    assert shown["moves"] == [{"since": "2025-07-01", "area": "vinh-bao-2025", "by": "Lan", "note": None}]
    assert lmhtx("validate", "--strict", root=present).code == 0


def test_the_move_is_one_entry_added_to_the_member_and_nothing_else_changes(lmhtx, present):
    before = (present / "members/members.yaml").read_text(encoding="utf-8")
    assert lmhtx("members", "move", "mau-thuy-san-do-son", "--area", "phường Đồ Sơn", "--on", "2025-07-01", "--by", "Lan", "--note", "Sáp nhập địa bàn", root=present).code == 0
    after = (present / "members/members.yaml").read_text(encoding="utf-8")
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    assert added == ["    moves:", "      - since: 2025-07-01", '        area: "ven-bien-2025"', '        by: "Lan"', '        note: "Sáp nhập địa bàn"']
    assert "area: duong-kinh-do-son-kien-thuy" in after  # where it was stays


@pytest.mark.parametrize(
    "args, message",
    [
        (["thang-thuy", "--area", "vinh-bao", "--on", "01/07/2024"], "đã thuộc"),  # already there
        (["thang-thuy", "--area", "Vĩnh Am", "--on", "01/07/2024"], "nhóm địa bàn"),  # a 2025 group is not used in 2024
        (["khong-co", "--area", "Vĩnh Am", "--on", "01/07/2025"], "khong-co"),
    ],
)
def test_a_move_that_cannot_stand_is_refused_and_nothing_is_written(lmhtx, present, args, message):
    before = (present / "members/members.yaml").read_bytes()
    run = lmhtx("members", "move", *args, "--by", "Lan", root=present)
    assert run.code != 0 and message in run.err, run.err
    assert (present / "members/members.yaml").read_bytes() == before


def test_moves_must_be_recorded_in_order(lmhtx, present):
    assert lmhtx("members", "move", "thang-thuy", "--area", "vinh-bao-2025", "--on", "01/08/2025", "--by", "Lan", root=present).code == 0
    run = lmhtx("members", "move", "thang-thuy", "--area", "ven-bien-2025", "--on", "01/07/2025", "--by", "Lan", root=present)
    assert run.code != 0 and "01/08/2025" in run.err


def test_move_order(lmhtx, present):
    """The `move-order` rule: a move dated before the member joined, or before its previous move."""
    path = present / "members/members.yaml"
    text = path.read_text(encoding="utf-8").replace("    joined: 2015\n", "    joined: 2015-03-01\n    moves:\n      - since: 2025-09-01\n        area: vinh-bao-2025\n      - since: 2025-08-01\n        area: ven-bien-2025\n", 1)
    path.write_text(text, encoding="utf-8")
    run = lmhtx("validate", root=present)
    assert run.code == 1 and "[move-order]" in run.out, run.out
    line = next(l for l in run.out.splitlines() if "[move-order]" in l)
    assert line.startswith("members/members.yaml:") and "01/08/2025" in line


def test_unknown_reference_of_a_move(lmhtx, present):
    path = present / "members/members.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    joined: 2015\n", "    joined: 2015\n    moves:\n      - since: 2025-09-01\n        area: vinh-bao-2026\n", 1), encoding="utf-8")
    run = lmhtx("validate", root=present)
    assert run.code == 1 and 'unknown area "vinh-bao-2026"' not in run.out  # Vietnamese by default
    assert any("[unknown-reference]" in l and "vinh-bao-2026" in l for l in run.out.splitlines()), run.out


def test_area_groups_list_places_and_districts_are_still_read(lmhtx, present):
    assert _listed(lmhtx, present, "--area", "Tiên Lãng") == ["mau-dien-tien-lang"]  # districts: of 2024
    assert lmhtx("validate", "--strict", root=present).code == 0  # places: is a known key
