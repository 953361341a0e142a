from __future__ import annotations

import datetime as dt

import pytest

from lmhtx_cli.errors import UserError
from lmhtx_cli.periods import format_date, month_label, parse_months, parse_quarter, quarter_label, quarter_months


def test_months_from_numbers_ranges_and_lists():
    assert parse_months("5") == [5]
    assert parse_months("1-5") == [1, 2, 3, 4, 5]
    assert parse_months("1,3, 7-8") == [1, 3, 7, 8]


@pytest.mark.parametrize("bad", ["0", "13", "5-2", "x", "", "1-"])
def test_bad_months_are_refused(bad):
    with pytest.raises(UserError):
        parse_months(bad)


@pytest.mark.parametrize("typed, quarter", [("2", 2), ("II", 2), ("iv", 4), ("Q3", 3), ("Quý III", 3)])
def test_quarters(typed, quarter):
    assert parse_quarter(typed) == quarter


def test_labels_as_the_office_writes_them():
    assert quarter_label(2, 2024) == "Quý II/2024"
    assert month_label(5, 2024) == "Tháng 5/2024"
    assert format_date(dt.date(2024, 3, 7)) == "07/03/2024"
    assert quarter_months(4) == [10, 11, 12]
