"""Months and quarters as people type and read them: "5", "1-5", "II", "Quý II/2024"."""

from __future__ import annotations

import datetime as dt

from lmhtx_cli.errors import UserError

ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
ROMAN_OF = {v: k for k, v in ROMAN.items()}


def parse_months(spec: str) -> list[int]:
    """Months from "5", "1-5" or "1,3,7-9"; each 1..12."""
    months: list[int] = []
    for part in spec.replace(" ", "").split(","):
        if not part:
            continue
        low, sep, high = part.partition("-")
        try:
            first = int(low)
            last = int(high) if sep else first
        except ValueError:
            raise UserError(f'"{spec}" is not a month: use a number 1-12, a range like 1-5, or a list like 1,3') from None
        if not (1 <= first <= 12 and 1 <= last <= 12) or first > last:
            raise UserError(f'"{spec}" is not a month: months run from 1 to 12')
        months.extend(m for m in range(first, last + 1) if m not in months)
    if not months:
        raise UserError("no month given")
    return months


def parse_quarter(spec: str) -> int:
    """A quarter from "2", "II", "q2" or "Quý II"."""
    text = spec.strip().upper().replace("QUÝ", "").replace("QUY", "").lstrip("Q").strip()
    if text in ROMAN:
        return ROMAN[text]
    if text.isdigit() and 1 <= int(text) <= 4:
        return int(text)
    raise UserError(f'"{spec}" is not a quarter: use 1-4 or I-IV')


def quarter_months(quarter: int) -> list[int]:
    return [3 * (quarter - 1) + i for i in (1, 2, 3)]


def quarter_of(month: int) -> int:
    return (month - 1) // 3 + 1


def quarter_label(quarter: int, year: int, lang: str = "vi") -> str:
    if lang == "en":
        return f"Q{quarter}/{year}"
    return f"Quý {ROMAN_OF[quarter]}/{year}"


def month_label(month: int, year: int, lang: str = "vi") -> str:
    if lang == "en":
        return f"{dt.date(year, month, 1):%B} {year}"
    return f"Tháng {month}/{year}"


def format_date(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"
