"""Months and quarters as people type and read them: "5", "1-5", "II", "Quý II/2024"."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lmhtx_cli.errors import UserError
from lmhtx_cli.i18n import _

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
            raise UserError(_('"{text}" is not a month: use a number 1-12, a range like 1-5, or a list like 1,3').format(text=spec)) from None
        if not (1 <= first <= 12 and 1 <= last <= 12) or first > last:
            raise UserError(_('"{text}" is not a month: months run from 1 to 12').format(text=spec))
        months.extend(m for m in range(first, last + 1) if m not in months)
    if not months:
        raise UserError(_("no month given"))
    return months


def parse_quarter(spec: str) -> int:
    """A quarter from "2", "II", "q2" or "Quý II"."""
    text = spec.strip().upper().replace("QUÝ", "").replace("QUY", "").lstrip("Q").strip()
    if text in ROMAN:
        return ROMAN[text]
    if text.isdigit() and 1 <= int(text) <= 4:
        return int(text)
    raise UserError(_('"{text}" is not a quarter: use 1-4 or I-IV').format(text=spec))


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


def format_month(month: int, year: int) -> str:
    """A month as the office writes it: 07/2024."""
    return f"{month:02d}/{year}"


def format_month_ref(ref: str) -> str:
    """A month written YYYY-MM in the data (a postponement's `to`) as the office writes it: 07/2024."""
    return f"{ref[5:7]}/{ref[:4]}"


@dataclass(frozen=True)
class Period:
    """A reporting period of one plan year: a month, a quarter, the half-year, nine months, the year."""

    kind: str
    year: int
    number: int = 0  # the month or the quarter

    @property
    def months(self) -> list[int]:
        if self.kind == "rest":
            return list(range(self.number, 13))
        if self.kind == "upto":
            return list(range(1, self.number + 1))
        if self.kind == "month":
            return [self.number]
        if self.kind == "quarter":
            return quarter_months(self.number)
        return list(range(1, {"h1": 6, "9m": 9, "year": 12}[self.kind] + 1))

    @property
    def multi_month(self) -> bool:
        return self.kind in ("h1", "9m", "year")

    def label(self, lang: str = "vi") -> str:
        if self.kind == "rest":
            return f"Months {self.number}-12/{self.year}" if lang == "en" else f"Tháng {self.number}-12/{self.year}"
        if self.kind == "upto":
            return f"Months 1-{self.number}/{self.year}" if lang == "en" else f"Tháng 1-{self.number}/{self.year}"
        if self.kind == "month":
            return month_label(self.number, self.year, lang)
        if self.kind == "quarter":
            return quarter_label(self.number, self.year, lang)
        if lang == "en":
            return {"h1": f"First half of {self.year}", "9m": f"First nine months of {self.year}", "year": f"Year {self.year}"}[self.kind]
        return {"h1": f"6 tháng đầu năm {self.year}", "9m": f"9 tháng đầu năm {self.year}", "year": f"Năm {self.year}"}[self.kind]

    def following(self) -> Period | None:
        """The period whose tasks a report lists as "next": the next month, quarter, or the rest of the year."""
        if self.kind == "month":
            return Period("month", self.year, self.number + 1) if self.number < 12 else Period("month", self.year + 1, 1)
        if self.kind == "quarter":
            return Period("quarter", self.year, self.number + 1) if self.number < 4 else Period("quarter", self.year + 1, 1)
        if self.kind == "h1":
            return Period("rest", self.year, 7)
        if self.kind == "9m":
            return Period("quarter", self.year, 4)
        return None

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.months[0], 1)

    @property
    def end(self) -> dt.date:
        last = self.months[-1]
        return (dt.date(self.year + 1, 1, 1) if last == 12 else dt.date(self.year, last + 1, 1)) - dt.timedelta(days=1)

    def data_window(self, cutoff_day: int | None) -> tuple[dt.date, dt.date]:
        """The days a periodic report's data run over (Decree 09/2019/NĐ-CP): from the day after
        the cut-off day of the month before the period to the cut-off day of its last month;
        without a cut-off day, the period itself."""
        if cutoff_day is None:
            return self.start, self.end
        first, last = self.months[0], self.months[-1]
        before = dt.date(self.year - 1, 12, cutoff_day) if first == 1 else dt.date(self.year, first - 1, cutoff_day)
        return before + dt.timedelta(days=1), dt.date(self.year, last, cutoff_day)


def parse_period(words: list[str], year: int) -> Period:
    """`month 5`, `quarter II`, `h1`, `9m` or `year`, as typed after `lmhtx report`."""
    if not words:
        raise UserError(_("which period? month N, quarter N, h1, 9m or year"))
    kind = words[0].lower()
    aliases = {"thang": "month", "tháng": "month", "quy": "quarter", "quý": "quarter", "q": "quarter", "6m": "h1", "half": "h1", "nam": "year", "năm": "year"}
    kind = aliases.get(kind, kind)
    rest = words[1:]
    if kind == "month":
        if len(rest) != 1:
            raise UserError(_("month needs its number: lmhtx report month 5"))
        months = parse_months(rest[0])
        if len(months) != 1:
            raise UserError(_("a month report covers one month; use quarter, h1, 9m or year for more"))
        return Period("month", year, months[0])
    if kind == "quarter":
        if len(rest) != 1:
            raise UserError(_("quarter needs its number: lmhtx report quarter 2 (or II)"))
        return Period("quarter", year, parse_quarter(rest[0]))
    if kind in ("h1", "9m", "year"):
        if rest:
            raise UserError(_("{kind} takes no number; use --year for the year").format(kind=kind))
        return Period(kind, year)
    raise UserError(_('unknown period "{word}": use month N, quarter N, h1, 9m or year').format(word=words[0]))
