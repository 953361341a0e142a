"""What `lmhtx report` and `lmhtx digest` count from: the period or month asked for, the date
everything is counted on, the programmes the figures need (reports/figures.py computes them), and
the member side of the period (meetings, petitions, fees) when the data folder has members/."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from lmhtx_cli.errors import UserError
from lmhtx_cli.i18n import _
from lmhtx_cli.periods import Period
from lmhtx_cli.plan.programme import Programme


@dataclass
class MemberPart:
    """The member data and what a period asks of it (members/query.MemberSummary)."""

    data: object
    summary: object


@dataclass
class ReportSources:
    """What reports/figures.build_report needs, gathered and checked."""

    programme: Programme
    period: Period
    day: dt.date
    unit: str | None  # a unit code: one unit's report
    next_programme: Programme | None  # next year's, when the next period falls in it
    earlier: Programme | None  # last year's, for the tasks carried over from it
    members: MemberPart | None  # None for one unit's report, or without members/
    load_year: Callable[[int], Programme | None] | None = None  # another year's programme, read when a chain reaches it
    provenance: dict | None = None  # what it is computed from (workspace/provenance.py)
    window: tuple[dt.date, dt.date] | None = None  # the days the data run over: the cut-off window's start to the as-of date


@dataclass
class DigestSources:
    """What reports/figures.build_digest needs, gathered and checked."""

    year: int
    month: int
    day: dt.date
    programmes: dict[int, Programme]  # the month's year and the years around it that have a plan
    members: MemberPart | None
    provenance: dict | None = None  # what it is computed from (workspace/provenance.py)


def report_day(as_of: str | None, doc_date: str | None, default) -> dt.date:
    """The one date a report or digest counts everything on: --as-of, else --doc-date (the day it
    is signed), else `default()`. A document cannot count what happens after it is signed, so an
    --as-of later than --doc-date is refused."""
    from lmhtx_cli.dates import parse_day

    signed = parse_day(doc_date) if doc_date else None
    day = parse_day(as_of) if as_of else (signed or default())
    if signed is not None and day > signed:
        from lmhtx_cli.periods import format_date

        raise UserError(_("--as-of {as_of} is after --doc-date {signed}: a document cannot count what happens after it is signed").format(as_of=format_date(day), signed=format_date(signed)))
    return day


def report_cutoff_day(workspace) -> int | None:
    """`report_cutoff_day` of settings.yaml (None when absent), from the cache while the file is
    unchanged (a warm report reads neither YAML nor the settings model); a bad value is the
    settings' located error."""
    from lmhtx_cli.store import cache

    def read() -> tuple[int | None]:
        from lmhtx_cli.settings import cutoff_day  # pydantic: only when settings.yaml changed

        return (cutoff_day(root),)  # a tuple: a cached None would read as a miss

    root = workspace.root
    (day,) = cache.cached(root, "report-cutoff", cache.signature([root / "settings.yaml"]), read)
    return day


def member_part(workspace, year: int, months: list[int], day: dt.date) -> MemberPart | None:
    """Meetings, open petitions and fees for the period, when the data folder has members/."""
    if not workspace.has_members():
        return None
    from lmhtx_cli.members.query import member_summary

    data, _problems = workspace.members()
    return MemberPart(data, member_summary(data, year, months, day))


def report_sources(workspace, period: list[str], year: int | None, unit: str | None, as_of: str | None, doc_date: str | None) -> ReportSources:
    """What `lmhtx report PERIOD` counts from: the year's programme on the report's date, next
    year's when the next period falls in it, last year's for the tasks carried over from it.
    The report's date is --as-of, else --doc-date, else the end of the period's data window (the
    cut-off day of its last month, or its last day), or today when that is still to come."""
    from lmhtx_cli.dates import today_by_clock
    from lmhtx_cli.matching import match_unit
    from lmhtx_cli.periods import parse_period

    chosen, _fell_back = workspace.pick_year(year)
    parsed = parse_period(period, chosen)
    programme, _problems = workspace.programme(chosen)
    start, end = parsed.data_window(report_cutoff_day(workspace))
    day = report_day(as_of, doc_date, lambda: min(end, today_by_clock()))
    unit_code = match_unit(unit, programme.units).code if unit else None
    following = parsed.following()
    next_programme = workspace.programme_if_planned(following.year) if following is not None and following.year != chosen else None
    earlier = workspace.programme_if_planned(chosen - 1)
    members = member_part(workspace, chosen, parsed.months, day) if unit_code is None else None
    from lmhtx_cli.workspace.provenance import provenance

    words = [parsed.kind] + ([str(parsed.number)] if parsed.kind in ("month", "quarter") else [])
    made_from = provenance(workspace, "report", day, period=words, year=chosen, unit=unit_code)
    return ReportSources(programme, parsed, day, unit_code, next_programme, earlier, members, workspace.programme_if_planned, made_from, (start, day))


def digest_sources(workspace, month: str | None, as_of: str | None, doc_date: str | None) -> DigestSources:
    """What `lmhtx digest` counts from: the month asked for (default: this month), counted on
    --as-of, else --doc-date, else today for this month and the month's first day for another."""
    from lmhtx_cli.dates import parse_year_month, today_by_clock

    today = today_by_clock()
    year, number = parse_year_month(month) if month else (today.year, today.month)
    day = report_day(as_of, doc_date, lambda: today if (today.year, today.month) == (year, number) else dt.date(year, number, 1))
    neighbours = {y: workspace.programme_if_planned(y) for y in (year - 1, year, year + 1)}
    programmes = {y: programme for y, programme in neighbours.items() if programme is not None}
    from lmhtx_cli.workspace.provenance import provenance

    made_from = provenance(workspace, "digest", day, month=f"{year:04d}-{number:02d}")
    return DigestSources(year, number, day, programmes, member_part(workspace, year, [number], day), made_from)
