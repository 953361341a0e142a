"""What the member-side lists select: members, meetings, petitions and fees, from what a person
typed (areas, clubs, kinds and units by name, any case or accents), with the default years; and
the plan's units by code, so that lists show a unit's name rather than its code."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lmhtx_cli.errors import DataError, UserError
from lmhtx_cli.i18n import _
from lmhtx_cli.members.data import Located, MemberData


def clock_today() -> dt.date:
    from lmhtx_cli.dates import today_by_clock

    return today_by_clock()


def default_fee_year(data: MemberData, year: int | None) -> int:
    """The year asked for, else this year when it has fees (or nothing has), else the latest."""
    if year is not None:
        return year
    today = clock_today().year
    return today if today in data.fees or not data.fees else max(data.fees)


def meeting_year(data: MemberData, year: int | None) -> int:
    """The year asked for, else this year when it has meetings (or nothing has), else the latest."""
    if year is not None:
        return year
    today = clock_today().year
    return today if today in data.meetings or not data.meetings else max(data.meetings)


def units_by_code(workspace, needed: set[str], year: int | None = None) -> dict:
    """The plan's units (plan/programme.Unit) for the codes in `needed`: from the plan of `year`
    when there is one, then the latest plan, then earlier ones, reading only as many plans as
    it takes. A code no plan knows is left out (a list then shows the code)."""
    years = sorted(workspace.years(), reverse=True)
    order = ([year] if year in years else []) + [y for y in years if y != year]
    found: dict = {}
    for plan_year in order:
        if not needed - found.keys():
            break
        try:
            programme = workspace.programme(plan_year)[0]
        except DataError:
            continue  # a plan with errors names no unit here; `lmhtx validate` reports it
        for unit in programme.units:
            found.setdefault(unit.code, unit)
    return found


def typed_unit_code(workspace, typed: str) -> str:
    """The code of the alliance's unit a person typed, among the units of the year's plan."""
    from lmhtx_cli.matching import match_unit

    chosen, _fell_back = workspace.pick_year(None)
    return match_unit(typed, workspace.programme(chosen)[0].units).code


# -- members --------------------------------------------------------------------------------
@dataclass(frozen=True)
class MemberFilters:
    area: str | None = None
    club: str | None = None
    kind: str | None = None
    fee: str | None = None
    year: int | None = None  # the fee year
    search: str | None = None
    active: bool = False
    as_of: str | None = None  # the day the areas are of (default: today)


def find_members(data: MemberData, filters: MemberFilters) -> tuple[list[Located], int, dt.date]:
    """The members the filters select, the fee year their fee status is of, and the day their
    area groups are of."""
    from lmhtx_cli.dates import parse_day
    from lmhtx_cli.matching import match_unit
    from lmhtx_cli.members.query import FEE_STATES, MemberQuery, parse_kind, select_members

    if filters.fee is not None and filters.fee not in FEE_STATES:
        raise UserError(_('unknown fee status "{fee}": use {states}').format(fee=filters.fee, states=", ".join(FEE_STATES)))
    fee_year = default_fee_year(data, filters.year)
    query = MemberQuery(
        area=match_unit(filters.area, data.areas, what="area").code if filters.area else None,
        club=match_unit(filters.club, data.clubs, what="club").code if filters.club else None,
        kind=parse_kind(filters.kind) if filters.kind else None,
        fee=filters.fee,
        fee_year=fee_year,
        search=filters.search,
        active_only=filters.active,
        area_day=parse_day(filters.as_of) if filters.as_of else clock_today(),
    )
    return select_members(data, query), fee_year, query.area_day


def find_member(data: MemberData, typed: str) -> tuple[Located, int]:
    """One member by id or by a part of its name that fits no other, and this year's fee year."""
    from lmhtx_cli.members.query import MemberQuery, select_members

    found = [m for m in data.members if m.record.id == typed] or select_members(data, MemberQuery(search=typed))
    if not found:
        raise UserError(_('no member "{id}"; see `lmhtx members list`').format(id=typed))
    if len(found) > 1:
        raise UserError(_('"{typed}" fits several members: {ids}').format(typed=typed, ids=", ".join(m.record.id for m in found)))
    return found[0], default_fee_year(data, None)


# -- meetings -------------------------------------------------------------------------------
def find_meeting(data: MemberData, meeting_id: str) -> Located:
    for located in data.all_meetings():
        if located.record.id == meeting_id:
            return located
    raise UserError(_('no meeting "{id}"; see `lmhtx meetings list`').format(id=meeting_id))


@dataclass
class MeetingList:
    year: int
    meetings: list[Located]
    units: dict  # the lead units, by code


def meeting_list(workspace, data: MemberData, year: int | None, quarter: str | None, area: str | None, status: str | None) -> MeetingList:
    """The year's meetings (default: this year, else the latest with meetings), filtered."""
    from lmhtx_cli.matching import match_unit
    from lmhtx_cli.members.query import select_meetings
    from lmhtx_cli.members.vocab import parse_meeting_status
    from lmhtx_cli.periods import parse_quarter

    chosen_year = meeting_year(data, year)
    area_code = match_unit(area, data.areas, what="area").code if area else None
    chosen = select_meetings(data, chosen_year, parse_quarter(quarter) if quarter else None, area_code, parse_meeting_status(status) if status else None)
    return MeetingList(chosen_year, chosen, units_by_code(workspace, {m.record.lead_unit for m in chosen if m.record.lead_unit}, chosen_year))


def one_meeting(workspace, data: MemberData, meeting_id: str) -> tuple[Located, dict]:
    """The meeting, and its lead unit by code (from the plan of its year)."""
    located = find_meeting(data, meeting_id)
    lead = located.record.lead_unit
    return located, units_by_code(workspace, {lead} if lead else set(), located.year)


def meetings_in_calendar(workspace, data: MemberData, year: int | None) -> tuple[list[Located], dict, str]:
    """The meetings of `year` (None: every year), their lead units by code, and the office's
    name as the calendar's events carry it (two offices' `2025-q1` are two events)."""
    from lmhtx_cli.settings import load_settings
    from lmhtx_cli.text import fold

    meetings = [m for m in data.all_meetings() if year is None or m.year == year]
    office = "-".join(fold(" ".join(load_settings(workspace.root).agency)).split()) or "lmhtx"
    return meetings, units_by_code(workspace, {m.record.lead_unit for m in meetings if m.record.lead_unit}, year), office


# -- petitions ------------------------------------------------------------------------------
@dataclass
class PetitionList:
    as_of: dt.date
    petitions: list[Located]
    units: dict  # the units following them up, by code


@dataclass(frozen=True)
class PetitionFilters:
    year: int | None = None
    status: str | None = None
    open_only: bool = False
    overdue: bool = False
    unit: str | None = None
    member: str | None = None
    as_of: str | None = None


def petition_list(workspace, data: MemberData, filters: PetitionFilters) -> PetitionList:
    """The petitions as they stood on --as-of (default: today), filtered."""
    from lmhtx_cli.dates import parse_day
    from lmhtx_cli.members.query import select_petitions
    from lmhtx_cli.members.vocab import parse_petition_status

    day = parse_day(filters.as_of) if filters.as_of else clock_today()
    unit_code = typed_unit_code(workspace, filters.unit) if filters.unit else None
    status = parse_petition_status(filters.status) if filters.status else None
    chosen = select_petitions(data, filters.year, status, filters.open_only, day if filters.overdue else None, unit_code, filters.member, day)
    return PetitionList(day, chosen, units_by_code(workspace, {p.record.unit for p in chosen if p.record.unit}))


# -- fees -----------------------------------------------------------------------------------
def fee_list(data: MemberData, year: int | None, as_of: str | None, unpaid: bool):
    """The year's fees as paid by --as-of (default: every payment recorded); with `unpaid`,
    only the members who still owe."""
    from lmhtx_cli.dates import parse_day
    from lmhtx_cli.members.query import fee_summary
    from lmhtx_cli.members.timeline import EVER

    summary = fee_summary(data, default_fee_year(data, year), parse_day(as_of) if as_of else EVER)
    if unpaid:
        summary.rows = [(r, s) for r, s in summary.rows if s != "paid"]
    return summary
