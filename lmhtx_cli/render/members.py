"""Members, meetings, petitions and fees as tables, details and plain records."""

from __future__ import annotations

import datetime as dt

from lmhtx_cli.labels import LABELS, label
from lmhtx_cli.members.data import Located, MemberData
from lmhtx_cli.members.query import FeeSummary, fee_state, is_overdue_petition, meeting_quarter
from lmhtx_cli.members.timeline import EVER, area_on, last_payment_on, meeting_date_on, meeting_status, paid_in_all, payments_of, petition_due_on, petition_status, petition_status_on
from lmhtx_cli.periods import format_date, quarter_label
from lmhtx_cli.render.escape import shown, shown_lines
from lmhtx_cli.render.numbers import percent
from lmhtx_cli.text import money

_KNOWN = LABELS  # to tell a known theme, format or status code from free text


def _sample(record, lang: str) -> str:
    return f" [{label('sample', lang)}]" if getattr(record, "sample", False) else ""


def area_name(data: MemberData, code: str | None, lang: str) -> str:
    if code is None:
        return label("undecided", lang)
    if code == "city":
        return label("city", lang)
    area = data.area(code)
    return area.name if area else code


def unit_name(code: str | None, units: dict | None, lang: str) -> str:
    """The name of the alliance's unit `code` (units: plan/programme.Unit by code), else the code."""
    if not code:
        return "–"
    unit = (units or {}).get(code)
    return unit.label(lang) if unit is not None else code


def theme_name(theme: str, lang: str) -> str:
    return label(f"theme_{theme}", lang) if f"theme_{theme}" in _KNOWN else theme


def format_name(code: str | None, lang: str) -> str:
    if not code:
        return label("undecided", lang)
    return label(f"format_{code}", lang) if f"format_{code}" in _KNOWN else code


# -- members ------------------------------------------------------------------------------
def member_record(data: MemberData, located: Located, fee_year: int, day: dt.date = EVER) -> dict:
    member = located.record
    return {
        "id": member.id,
        "name": member.name,
        "kind": member.kind,
        "area": area_on(member, day),
        "moves": [{"since": m.since.isoformat(), "area": m.area, "by": m.by, "note": m.note} for m in getattr(member, "moves", None) or []],
        "address": getattr(member, "address", None),
        "commune": getattr(member, "commune", None),
        "representative": getattr(member, "representative", None),
        "phone": getattr(member, "phone", None),
        "clubs": list(member.clubs),
        "joined": member.joined.isoformat() if hasattr(member.joined, "isoformat") else member.joined,
        "active": member.active,
        "sample": member.sample,
        "fee_year": fee_year,
        "fee": fee_state(data, member.id, fee_year),
        "note": member.note,
        "file": located.file,
        "line": located.line,
    }


def member_rows(data: MemberData, members: list[Located], fee_year: int, lang: str, day: dt.date = EVER) -> tuple[list[str], list[list[str]]]:
    headers = [label("id", lang), label("col_kind", lang), label("col_area", lang), label("col_fee", lang) + f" {fee_year}", label("col_member", lang)]
    rows = []
    for located in members:
        member = located.record
        name = member.name + _sample(member, lang) + ("" if member.active else " " + label("inactive_mark", lang))
        area_code = area_on(member, day)
        area = area_name(data, area_code, lang) if area_code else "–"
        rows.append([member.id, label(f"kind_{member.kind}", lang), area, label(f"fee_{fee_state(data, member.id, fee_year)}", lang), name])
    return headers, rows


def _detail_lines(lines: list[str], width: int) -> str:
    """A record's lines, each wrapped at words under its own indent, two spaces further in."""
    from lmhtx_cli.render.wrapping import wrap_words

    out = []
    for line in lines:
        indent = " " * (len(line) - len(line.lstrip(" ")))
        out += wrap_words(shown(line.lstrip(" ")), width, initial_indent=indent, subsequent_indent=indent + "  ") or [""]
    return shown_lines("\n".join(out) + "\n")


def member_detail(data: MemberData, located: Located, fee_year: int, lang: str, width: int = 80) -> str:
    member = located.record
    clubs = ", ".join((data.club(c).name if data.club(c) else c) for c in member.clubs) or "–"
    lines = [
        f"{member.name}{_sample(member, lang)}",
        f"{label('id', lang)}: {member.id}",
        f"{label('col_kind', lang)}: {label('kind_' + member.kind, lang)}",
        f"{label('col_area', lang)}: {area_name(data, area_on(member), lang) if area_on(member) else '–'}",
    ]
    moves = sorted(getattr(member, "moves", None) or [], key=lambda m: m.since)
    if moves:  # where the member was before: the area it was recorded with, then each move
        lines += [f"  {area_name(data, member.area, lang) if member.area else '–'}"]
        lines += ["  " + label("area_since", lang, date=format_date(m.since), area=area_name(data, m.area, lang) if m.area else "–") for m in moves]
    for key, value in (("col_address", getattr(member, "address", None)), ("col_representative", getattr(member, "representative", None)), ("col_phone", getattr(member, "phone", None))):
        if value:
            lines.append(f"{label(key, lang)}: {value}")
    lines.append(f"{label('col_clubs', lang)}: {clubs}")
    if member.joined is not None:
        lines.append(label("col_joined", lang) + f": {format_date(member.joined) if hasattr(member.joined, 'year') and not isinstance(member.joined, int) else member.joined}")
    if not member.active:
        lines.append(label("member_inactive", lang))
    for year in sorted(data.fees):
        for fee_located in data.fees[year]:
            fee = fee_located.record
            if fee.member == member.id:
                last = last_payment_on(fee, EVER)
                paid_on = f", {format_date(last)}" if last else ""
                lines.append(f"{label('col_fee', lang)} {year}: {money(paid_in_all(fee))} / {money(fee.due)} đồng ({label('fee_' + fee_state(data, member.id, year), lang)}{paid_on})")
    attended = [m.record.id for m in data.all_meetings() if member.id in m.record.attendees]
    if attended:
        lines.append(label("col_attended", lang) + ": " + ", ".join(attended))
    petitions = [p.record for p in data.all_petitions() if p.record.member == member.id]
    for petition in petitions:
        lines.append(f"{label('petitions_title', lang)}: {petition.id} · {petition.topic} · {label('petition_' + petition_status(petition), lang)}")
    if member.note:
        lines.append(label("col_note", lang) + f": {member.note}")
    lines.append(f"{label('source', lang)}: {located.file}:{located.line}")
    return _detail_lines(lines, width)


# -- meetings -----------------------------------------------------------------------------
def when_text(meeting, year: int, lang: str, day=EVER) -> str:
    """The meeting's date as it stood on `day`, else the quarter it was planned for."""
    date = meeting_date_on(meeting, day)
    if date is not None:
        return format_date(date)
    quarter = meeting_quarter(meeting, day)
    if quarter is not None:
        return quarter_label(quarter, year, lang)
    return f"{label('undecided', lang)} ({year})"


def _event_record(entry) -> dict:
    """A meeting's or petition's history entry for scripts (dates as ISO)."""
    record = {"on": entry.on.isoformat(), "status": entry.status}
    for key in ("by", "note", "ref", "date", "due"):
        value = getattr(entry, key, None)
        if value:
            record[key] = value.isoformat() if hasattr(value, "isoformat") else value
    return record


def meeting_record(data: MemberData, located: Located) -> dict:
    meeting = located.record
    date = meeting_date_on(meeting)
    return {
        "id": meeting.id,
        "year": located.year,
        "quarter": meeting_quarter(meeting),
        "date": date.isoformat() if date else None,
        "planned_date": meeting.date.isoformat() if meeting.date else None,
        "area": meeting.area,
        "area_name": area_name(data, meeting.area, "vi") if meeting.area else None,
        "format": meeting.format,
        "themes": list(meeting.themes),
        "lead_unit": meeting.lead_unit,
        "invited": list(meeting.invited),
        "attendees": list(meeting.attendees),
        "status": meeting_status(meeting),
        "minutes": meeting.minutes,
        "note": meeting.note,
        "sample": meeting.sample,
        "history": [_event_record(h) for h in meeting.history],
        "file": located.file,
        "line": located.line,
    }


def meeting_rows(data: MemberData, meetings: list[Located], lang: str, units: dict | None = None) -> tuple[list[str], list[list[str]]]:
    """Id, when, status, the lead unit by name, and where with the format and themes in words."""
    headers = [label("id", lang), label("col_when", lang), label("col_status", lang), label("col_lead", lang), label("col_area", lang)]
    rows = []
    for located in meetings:
        meeting = located.record
        area = area_name(data, meeting.area, lang)
        extra = []
        if meeting.format:
            extra.append(format_name(meeting.format, lang))
        if meeting.themes:
            extra.append(", ".join(theme_name(t, lang) for t in meeting.themes))
        lead = unit_name(meeting.lead_unit, units, lang)
        rows.append([meeting.id, when_text(meeting, located.year, lang), label(f"meeting_{meeting_status(meeting)}", lang), lead, area + (f" · {' · '.join(extra)}" if extra else "") + _sample(meeting, lang)])
    return headers, rows


def meeting_detail(data: MemberData, located: Located, lang: str, units: dict | None = None, width: int = 80) -> str:
    meeting = located.record
    names = {m.record.id: m.record.name for m in data.members}
    lines = [
        f"{meeting.id}{_sample(meeting, lang)}",
        f"{label('col_when', lang)}: {when_text(meeting, located.year, lang)}",
        f"{label('col_area', lang)}: {area_name(data, meeting.area, lang)}",
        f"{label('col_format', lang)}: {format_name(meeting.format, lang)}",
        f"{label('col_themes', lang)}: " + (", ".join(theme_name(t, lang) for t in meeting.themes) or label("undecided", lang)),
        f"{label('col_lead', lang)}: {unit_name(meeting.lead_unit, units, lang)}",
        f"{label('col_status', lang)}: {label('meeting_' + meeting_status(meeting), lang)}",
    ]
    if meeting.invited:
        lines.append(label("col_invited", lang) + ": " + "; ".join(meeting.invited))
    if meeting.attendees:
        lines.append(label("col_attending", lang) + ": " + ", ".join(names.get(a, a) for a in meeting.attendees))
    if meeting.minutes:
        lines.append(label("col_minutes", lang) + f": {meeting.minutes}")
    if meeting.note:
        lines.append(label("col_note", lang) + f": {meeting.note}")
    for entry in meeting.history:
        status = label(f"meeting_{entry.status}", lang) if f"meeting_{entry.status}" in _KNOWN else entry.status
        lines.append(f"  {format_date(entry.on)} · {status}" + (f": {entry.note}" if entry.note else ""))
    lines.append(f"{label('source', lang)}: {located.file}:{located.line}")
    return _detail_lines(lines, width)


# -- petitions ----------------------------------------------------------------------------
def petition_record(data: MemberData, located: Located, as_of) -> dict:
    """A petition as it stood on `as_of`: its status and the dates of the steps reached by then."""
    petition = located.record
    member = data.member(petition.member)
    status = petition_status_on(petition, as_of) or "received"

    def step(stage: str) -> str | None:
        when = getattr(petition, stage)
        return when.isoformat() if when is not None and when <= as_of else None

    due = petition_due_on(petition, as_of)
    return {
        "id": petition.id,
        "year": located.year,
        "member": petition.member,
        "member_name": member.name if member else None,
        "meeting": petition.meeting,
        "topic": petition.topic,
        "text": petition.text,
        "unit": petition.unit,
        "forwarded_to": petition.forwarded_to,
        "due": due.isoformat() if due else None,
        "status": status,
        "overdue": is_overdue_petition(petition, as_of),
        "answer": petition.answer if status in ("answered", "resolved") else None,
        "received": petition.received.isoformat(),
        "forwarded": step("forwarded"),
        "answered": step("answered"),
        "resolved": step("resolved"),
        "sample": petition.sample,
        "history": [_event_record(h) for h in petition.history],
        "file": located.file,
        "line": located.line,
    }


def petition_rows(data: MemberData, petitions: list[Located], as_of, lang: str, units: dict | None = None) -> tuple[list[str], list[list[str]]]:
    """Id, status on `as_of`, answer due, the unit following it up by name, and the petition."""
    headers = [label("id", lang), label("col_status", lang), label("col_due", lang), label("unit", lang), label("col_member", lang)]
    rows = []
    for located in petitions:
        petition = located.record
        member = data.member(petition.member)
        status = label(f"petition_{petition_status_on(petition, as_of) or 'received'}", lang) + (f", {label('overdue_petitions', lang)}" if is_overdue_petition(petition, as_of) else "")
        to = f" → {petition.forwarded_to}" if petition.forwarded_to else ""
        due = petition_due_on(petition, as_of)
        rows.append(
            [
                petition.id,
                status,
                format_date(due) if due else "–",
                unit_name(petition.unit, units, lang),
                f"{member.name if member else petition.member}: [{petition.topic}] {petition.text}{to}" + _sample(petition, lang),
            ]
        )
    return headers, rows


# -- fees ---------------------------------------------------------------------------------
def fee_rows(data: MemberData, summary: FeeSummary, lang: str) -> tuple[list[str], list[list[str]]]:
    headers = [label("col_due_amount", lang), label("col_paid", lang), label("col_status", lang), label("col_member", lang)]
    rows = []
    for located, state in summary.rows:
        fee = located.record
        member = data.member(fee.member)
        last = last_payment_on(fee, summary.as_of)
        paid_on = f" ({format_date(last)})" if last else ""
        rows.append([money(fee.due), money(summary.paid_of(located)), label(f"fee_{state}", lang) + paid_on, (member.name if member else fee.member) + _sample(fee, lang)])
    return headers, rows


def fee_totals(summary: FeeSummary, lang: str) -> str:
    lines = [label("fee_rate_line", lang, year=summary.year, paid=money(summary.paid), due=money(summary.due), rate=percent(summary.rate, lang))]
    counts = ", ".join(f"{summary.count(s)} {label('fee_' + s, lang)}" for s in ("paid", "partial", "unpaid"))
    lines.append(counts)
    if summary.missing:
        lines.append(label("not_billed", lang, year=summary.year) + ": " + ", ".join(summary.missing))
    return "\n".join(lines) + "\n"


def _fee_line(located: Located, state: str, summary: FeeSummary) -> dict:
    fee = located.record
    last = last_payment_on(fee, summary.as_of)
    payments = [{"on": on.isoformat() if on else None, "amount": amount} for on, amount in payments_of(fee) if on is None or on <= summary.as_of]
    return {"member": fee.member, "due": fee.due, "paid": summary.paid_of(located), "date": last.isoformat() if last else None, "state": state, "sample": fee.sample, "payments": payments}


def fee_record(data: MemberData, summary: FeeSummary) -> dict:
    """The fees for scripts: keys year, due, paid, rate, fees (member, due, paid, date, state,
    sample) and not_billed are kept; as_of and each line's payments were added."""
    return {
        "year": summary.year,
        "due": summary.due,
        "paid": summary.paid,
        "rate": None if summary.rate is None else round(summary.rate, 4),
        "as_of": None if summary.as_of == EVER else summary.as_of.isoformat(),
        "fees": [_fee_line(r, state, summary) for r, state in summary.rows],
        "not_billed": summary.missing,
    }
