"""Recording what happens to meetings and petitions: a meeting held, postponed or cancelled; a
petition received, forwarded, answered or resolved. Checks what a person typed against the
member data, then writes through members/edits.py."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lmhtx_cli.errors import UserError
from lmhtx_cli.i18n import _


@dataclass(frozen=True)
class MeetingStep:
    """`meetings mark`: the new status and what goes with it."""

    status: str  # as typed, English or Vietnamese
    on: str | None = None  # the day of the change, as typed (default: --date when held, else today)
    date: str | None = None  # the meeting's date, as typed
    minutes: str | None = None
    attendees: str | None = None  # member ids, separated by commas
    note: str | None = None
    by: str | None = None


def meeting_step_day(step: MeetingStep) -> str | None:
    """The day a meeting's change is recorded on: --on, else its --date when it was held."""
    from lmhtx_cli.members.vocab import parse_meeting_status

    return step.on or (step.date if parse_meeting_status(step.status) == "done" else None)


def mark_meeting_step(workspace, meeting_id: str, step: MeetingStep, day: dt.date, author: str | None) -> tuple[str, str]:
    """Record the step: the status it records and the file written."""
    from lmhtx_cli.dates import parse_day
    from lmhtx_cli.members.edits import mark_meeting
    from lmhtx_cli.members.vocab import parse_meeting_status
    from lmhtx_cli.workspace.member_lists import find_meeting

    data, _problems = workspace.members()
    located = find_meeting(data, meeting_id)
    status = parse_meeting_status(step.status)
    if status == "cancelled" and not step.note:
        raise UserError(_('cancelling {id} needs a reason: add --note "…"').format(id=meeting_id))
    people = [a.strip() for a in step.attendees.split(",") if a.strip()] if step.attendees else None
    for person in people or []:
        if data.member(person) is None:
            raise UserError(_('unknown member "{id}" in --attendees; see `lmhtx members list`').format(id=person))
    written = mark_meeting(workspace.root, workspace.plan_units(), located.year, meeting_id, status, day, author, step.note, step.minutes, parse_day(step.date) if step.date else None, people)
    return status, written


@dataclass(frozen=True)
class NewPetition:
    """`petitions add`: a member's petition as typed."""

    text: str
    member: str
    topic: str
    meeting: str | None = None
    unit: str | None = None
    forwarded_to: str | None = None
    due: str | None = None
    on: str | None = None  # the day received (default: today)


def add_member_petition(workspace, new: NewPetition) -> tuple[str, str]:
    """Record the petition with the next id of its year: its id and the file written."""
    from lmhtx_cli.dates import parse_day
    from lmhtx_cli.members.edits import add_petition
    from lmhtx_cli.members.query import next_petition_id
    from lmhtx_cli.workspace.member_lists import clock_today, find_meeting, typed_unit_code

    data, _problems = workspace.members()
    if data.member(new.member) is None:
        raise UserError(_('no member "{id}"; see `lmhtx members list`').format(id=new.member))
    if new.meeting:
        find_meeting(data, new.meeting)
    received = parse_day(new.on) if new.on else clock_today()
    record = {
        "id": next_petition_id(data, received.year, f"{new.member}\n{new.text}"),
        "member": new.member,
        "meeting": new.meeting,
        "topic": new.topic,  # as typed: the options' check refused what cannot be stored, and made them NFC
        "text": new.text,
        "unit": typed_unit_code(workspace, new.unit) if new.unit else None,
        "forwarded_to": new.forwarded_to or None,
        "due": parse_day(new.due) if new.due else None,
        "status": "forwarded" if new.forwarded_to else "received",
        "received": received,
        "forwarded": received if new.forwarded_to else None,
    }
    return record["id"], add_petition(workspace.root, workspace.plan_units(), received.year, record)


@dataclass(frozen=True)
class PetitionStep:
    """`petitions mark`: the petition's next step and what goes with it."""

    status: str  # as typed, English or Vietnamese
    forwarded_to: str | None = None
    due: str | None = None
    answer: str | None = None
    note: str | None = None


def mark_petition_step(workspace, petition_id: str, step: PetitionStep, day: dt.date, author: str | None) -> tuple[str, str]:
    """Record the step: the status it records and the file written."""
    from lmhtx_cli.dates import parse_day
    from lmhtx_cli.members.edits import mark_petition
    from lmhtx_cli.members.vocab import parse_petition_status

    data, _problems = workspace.members()
    located = next((p for p in data.all_petitions() if p.record.id == petition_id), None)
    if located is None:
        raise UserError(_('no petition "{id}"; see `lmhtx petitions list`').format(id=petition_id))
    status = parse_petition_status(step.status)
    written = mark_petition(workspace.root, workspace.plan_units(), located.year, petition_id, status, day, author, step.note, step.answer, step.forwarded_to, parse_day(step.due) if step.due else None)
    return status, written


def move_member_to(workspace, member_id: str, area: str, day: dt.date, author: str | None, note: str | None) -> tuple[str, str, str]:
    """`members move`: the member's id, the area group's code (as typed: code, name or a place in
    it; among the groups used in the year of `day`) and the file written."""
    from lmhtx_cli.matching import match_unit
    from lmhtx_cli.members.edits import move_member
    from lmhtx_cli.members.timeline import area_on
    from lmhtx_cli.members.vocab import area_in_year
    from lmhtx_cli.periods import format_date
    from lmhtx_cli.workspace.member_lists import find_member

    data, _problems = workspace.members()
    located, _fee_year = find_member(data, member_id)
    member = located.record
    groups = [a for a in data.areas if area_in_year(a, day.year)]
    if not groups:
        raise UserError(_("no area group is used in {year}: add one to members/areas.yaml (valid_from, places)").format(year=day.year))
    code = match_unit(area, groups, what="area").code
    if area_on(member, day) == code:
        raise UserError(_('{id} already belongs to "{area}" on {date}; nothing to record').format(id=member.id, area=code, date=format_date(day)))
    later = [m for m in getattr(member, "moves", None) or [] if m.since > day]
    if later:
        raise UserError(_("{id} has a move dated {date}, after {day}: record moves in the order they happened").format(id=member.id, date=format_date(later[0].since), day=format_date(day)))
    return member.id, code, move_member(workspace.root, workspace.plan_units(), member.id, code, day, author, note)
