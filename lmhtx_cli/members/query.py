"""Questions about members, meetings, petitions and fees; pure functions of the member data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from lmhtx_cli.i18n import _
from lmhtx_cli.ids import new_petition_id
from lmhtx_cli.matching import word_for
from lmhtx_cli.members.data import Located, MemberData
from lmhtx_cli.members.timeline import EVER, area_on, fee_state_on, is_open_on, is_overdue_on, meeting_date_on, meeting_status_on, paid_on, petition_status_on
from lmhtx_cli.members.vocab import MEMBER_KINDS
from lmhtx_cli.periods import quarter_of
from lmhtx_cli.text import fold_keep_spacing

_KIND_WORDS = {
    "htx": "htx",
    "hop tac xa": "htx",
    "lien hiep": "lien-hiep-htx",
    "lien hiep htx": "lien-hiep-htx",
    "lien-hiep-htx": "lien-hiep-htx",
    "doanh nghiep": "doanh-nghiep",
    "dn": "doanh-nghiep",
    "cong ty": "doanh-nghiep",
    "to hop tac": "to-hop-tac",
    "tht": "to-hop-tac",
}
FEE_STATES = ("paid", "partial", "unpaid", "none")


def parse_kind(typed: str) -> str:
    return word_for(typed, _KIND_WORDS, _('unknown kind "{typed}": use {kinds} (or hợp tác xã, liên hiệp, doanh nghiệp, tổ hợp tác)').format(typed=typed, kinds=", ".join(MEMBER_KINDS)))


def fee_state(data: MemberData, member_id: str, year: int, as_of: dt.date = EVER) -> str:
    for located in data.fees.get(year, []):
        fee = located.record
        if fee.member == member_id:
            return fee_state_on(fee, as_of)
    return "none"


@dataclass
class MemberQuery:
    area: str | None = None
    club: str | None = None
    kind: str | None = None
    fee: str | None = None
    fee_year: int | None = None
    search: str | None = None
    active_only: bool = False
    as_of: dt.date = EVER  # for the fee state
    area_day: dt.date = EVER  # the day whose area groups --area asks about


def select_members(data: MemberData, query: MemberQuery) -> list[Located]:
    needle = fold_keep_spacing(query.search) if query.search else None
    chosen = []
    for located in data.members:
        member = located.record
        if query.area and area_on(member, query.area_day) != query.area:
            continue
        if query.club and query.club not in member.clubs:
            continue
        if query.kind and member.kind != query.kind:
            continue
        if query.active_only and not member.active:
            continue
        if needle and needle not in fold_keep_spacing(member.name) and needle not in member.id:
            continue
        if query.fee and fee_state(data, member.id, query.fee_year or 0, query.as_of) != query.fee:
            continue
        chosen.append(located)
    return chosen


def meeting_quarter(meeting, day: dt.date = EVER) -> int | None:
    """The quarter of the meeting's date as it stood on `day`, else the quarter it was planned for."""
    date = meeting_date_on(meeting, day)
    return quarter_of(date.month) if date is not None else meeting.quarter


def select_meetings(data: MemberData, year: int | None, quarter: int | None = None, area: str | None = None, status: str | None = None, as_of: dt.date = EVER) -> list[Located]:
    chosen = []
    for located in data.all_meetings():
        meeting = located.record
        if year is not None and located.year != year:
            continue
        if quarter is not None and meeting_quarter(meeting, as_of) != quarter:
            continue
        if area is not None and meeting.area != area:
            continue
        if status is not None and meeting_status_on(meeting, as_of) != status:
            continue
        chosen.append(located)
    return chosen


def is_open(petition, as_of: dt.date = EVER) -> bool:
    return is_open_on(petition, as_of)


def is_overdue_petition(petition, as_of: dt.date) -> bool:
    return is_overdue_on(petition, as_of)


def select_petitions(data: MemberData, year: int | None, status: str | None = None, open_only: bool = False, overdue_on: dt.date | None = None, unit: str | None = None, member: str | None = None, as_of: dt.date = EVER) -> list[Located]:
    """Petitions as they stood on `as_of` (default: as the files say now); one not yet received
    by then is left out."""
    chosen = []
    for located in data.all_petitions():
        petition = located.record
        stage = petition_status_on(petition, as_of)
        if stage is None:
            continue
        if year is not None and located.year != year:
            continue
        if status is not None and stage != status:
            continue
        if open_only and not is_open_on(petition, as_of):
            continue
        if overdue_on is not None and not is_overdue_on(petition, overdue_on):
            continue
        if unit is not None and petition.unit != unit:
            continue
        if member is not None and petition.member != member:
            continue
        chosen.append(located)
    return chosen


@dataclass
class FeeSummary:
    year: int
    rows: list[tuple[Located, str]]  # fee line and its state
    due: int
    paid: int
    missing: list[str]  # active members with no fee line this year
    as_of: dt.date = EVER  # the day `paid` and each row's state are counted to

    def paid_of(self, located: Located) -> int:
        return paid_on(located.record, self.as_of)

    @property
    def rate(self) -> float | None:
        return self.paid / self.due if self.due else None

    def count(self, state: str) -> int:
        return sum(1 for _, s in self.rows if s == state)


def member_by(member, day: dt.date) -> bool:
    """The member had joined by `day` (a member whose joining is not recorded always had)."""
    joined = member.joined
    if isinstance(joined, int):
        return joined <= day.year
    return joined <= day if isinstance(joined, dt.date) else True


def fee_summary(data: MemberData, year: int, as_of: dt.date = EVER) -> FeeSummary:
    """The year's fees as paid by `as_of` (default: every payment in the files)."""
    rows = [(located, fee_state_on(located.record, as_of)) for located in data.fees.get(year, [])]
    billed = {r.record.member for r, _ in rows}
    missing = [m.record.id for m in data.members if m.record.active and m.record.id not in billed and member_by(m.record, as_of)]
    paid = sum(paid_on(r.record, as_of) for r, _ in rows)
    return FeeSummary(year, rows, sum(r.record.due for r, _ in rows), paid, missing, as_of)


def next_petition_id(data: MemberData, year: int, text: str = "") -> str:
    """A new petition's id (`kn-2024-k3m`): one no other branch gives another petition."""
    return new_petition_id(year, {p.record.id for p in data.all_petitions()}, text)


@dataclass
class MemberSummary:
    meetings: list[Located]
    open_petitions: list[Located]
    overdue_petitions: list[Located]
    fees: FeeSummary | None
    as_of: dt.date = EVER
    answered_petitions: list[Located] = field(default_factory=list)  # answered within the period, by as_of


def member_summary(data: MemberData, year: int, months: list[int], as_of: dt.date) -> MemberSummary:
    """The member side of a period as it stood on `as_of`: its meetings (with their status on
    that day), the petitions open on that day, those answered in the period by then, and the
    year's fees paid by then."""
    quarters = {quarter_of(m) for m in months}
    meetings = []
    for located in data.meetings.get(year, []):
        meeting = located.record
        date = meeting_date_on(meeting, as_of)
        if date is not None:
            if date.month in months:
                meetings.append(located)
        elif meeting.quarter is not None and meeting.quarter in quarters:
            meetings.append(located)  # not yet dated: due some time in a quarter the period touches
    open_ones = [p for p in data.all_petitions() if is_open_on(p.record, as_of)]
    overdue = [p for p in open_ones if is_overdue_on(p.record, as_of)]
    answered = []
    for located in data.all_petitions():
        when = located.record.answered or located.record.resolved
        if when is not None and when <= as_of and when.year == year and when.month in months:
            answered.append(located)
    fees = fee_summary(data, year, as_of) if year in data.fees else None
    return MemberSummary(meetings, open_ones, overdue, fees, as_of, answered)
