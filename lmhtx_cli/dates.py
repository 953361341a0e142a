"""Dates as people type and read them, and the tool's idea of today."""

from __future__ import annotations

import datetime as dt
import os
import re

from lmhtx_cli.errors import UserError
from lmhtx_cli.i18n import _


def today_by_clock() -> dt.date:
    """Today's date, or $LMHTX_TODAY (YYYY-MM-DD) so that tests and re-runs can pin the clock."""
    pinned = os.environ.get("LMHTX_TODAY")
    if pinned:
        try:
            return dt.date.fromisoformat(pinned)
        except ValueError:
            raise UserError(_('LMHTX_TODAY="{value}" is not a date (YYYY-MM-DD)').format(value=pinned)) from None
    return dt.date.today()


def a_year_after(day: dt.date) -> dt.date:
    """The same day a year later (28 February for 29 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def parse_day(text: str) -> dt.date:
    """dd/mm/yyyy as the office writes dates, or ISO yyyy-mm-dd."""
    value = text.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", value):
            year, month, day = map(int, value.split("-"))
            return dt.date(year, month, day)
        if re.fullmatch(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}", value):
            day, month, year = map(int, re.split(r"[/.-]", value))
            return dt.date(year, month, day)
    except ValueError:
        raise UserError(_('"{text}" is not a real date').format(text=text)) from None
    raise UserError(_('"{text}" is not a date: write dd/mm/yyyy (24/05/2024) or yyyy-mm-dd').format(text=text))


def parse_year_month(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", text) or re.fullmatch(r"\s*(\d{1,2})/(\d{4})\s*", text)
    if not match:
        raise UserError(_('"{text}" is not a month: use YYYY-MM, e.g. 2024-07').format(text=text))
    first, second = match.groups()
    year, month = (int(first), int(second)) if len(first) == 4 else (int(second), int(first))
    if not 1 <= month <= 12:
        raise UserError(_('"{text}" is not a month: months run from 1 to 12').format(text=text))
    return year, month


def entry_on(history, day: dt.date):
    """Of dated entries (anything with `.on`), the one in force on `day`: the last dated on or
    before it, in date order (entries of one day keep the order they were written in); None
    before the first. Tasks, meetings and petitions all read their history through it."""
    chosen = None
    for entry in sorted(history, key=lambda e: e.on):
        if entry.on > day:
            break
        chosen = entry
    return chosen
