"""Unit matching: prefix, code, alias, any case or accents, composed or decomposed."""

from __future__ import annotations

import unicodedata

import pytest

from lmhtx_cli.errors import UserError
from lmhtx_cli.matching import match_unit
from lmhtx_cli.plan.programme import Unit

UNITS = [
    Unit("vp", "Văn phòng"),
    Unit("khth", "Phòng Kế hoạch - Tổng hợp", aliases=["Phòng Kế hoạch Tổng hợp"]),
    Unit("tttt", "Phòng Thông tin và Tuyên truyền", aliases=["Phòng Thông tin Tuyên truyền"]),
    Unit("ttht", "Trung tâm Hỗ trợ"),
    Unit("ttdt", "Trung tâm Đào tạo"),
    Unit("quy", "Quỹ Hỗ trợ Phát triển HTX"),
]


@pytest.mark.parametrize(
    "typed, code",
    [
        ("quy", "quy"),
        ("QUỸ", "quy"),
        ("Quy ho tro", "quy"),
        ("vp", "vp"),
        ("văn", "vp"),
        ("Phòng Kế hoạch Tổng hợp", "khth"),
        ("phong ke hoach - tong hop", "khth"),
        ("Phòng Thông tin Tuyên truyền", "tttt"),
        ("TTTT", "tttt"),
        ("Đào tạo", "ttdt"),
        ("dao tao", "ttdt"),
        ("trung tam ho", "ttht"),
        ("  Quỹ  ", "quy"),
    ],
)
def test_what_people_type_finds_the_unit(typed, code):
    assert match_unit(typed, UNITS).code == code
    assert match_unit(unicodedata.normalize("NFD", typed), UNITS).code == code
    assert match_unit(typed.upper(), UNITS).code == code


def test_an_exact_code_wins_over_longer_names_starting_with_it():
    units = UNITS + [Unit("tt", "Tổ Tổng hợp")]
    assert match_unit("tt", units).code == "tt"


@pytest.mark.parametrize("typed", ["Trung tâm", "Phòng", "tt"])
def test_ambiguity_is_an_error_naming_each_candidate(english, typed):
    with pytest.raises(UserError, match="ambiguous"):
        match_unit(typed, UNITS)


def test_an_unknown_name_lists_the_units_and_a_near_miss(english):
    with pytest.raises(UserError) as caught:
        match_unit("Quyy", UNITS)
    assert "did you mean quy" in caught.value.message
    assert "vp (Văn phòng)" in caught.value.message
