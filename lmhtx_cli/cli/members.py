"""`lmhtx members`, `meetings`, `petitions` and `fees`: the member side of the office."""

from __future__ import annotations

from typing import Optional

import typer

from lmhtx_cli.cli import app
from lmhtx_cli.cli.output import ByOption, LangOption, check_format, emit, mention_warnings, note, recorded_on_and_by, terminal_width
from lmhtx_cli.members.vocab import parse_meeting_status, parse_petition_status

members_app = typer.Typer(help="Member units: list and show.", no_args_is_help=True, rich_markup_mode=None)
meetings_app = typer.Typer(help="Member meetings (sinh hoạt thành viên): list, show, mark, calendar.", no_args_is_help=True, rich_markup_mode=None)
petitions_app = typer.Typer(help="Member petitions (kiến nghị): list, add, mark.", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(members_app, name="members")
app.add_typer(meetings_app, name="meetings")
app.add_typer(petitions_app, name="petitions")

LIST_FORMATS = ("table", "md", "json", "csv")


def _data(ctx: typer.Context):
    data, problems = ctx.obj.members()
    mention_warnings(problems)
    return data


def _emit_rows(headers, rows, records, format: str, title: str, footer: str = "") -> None:
    from lmhtx_cli.render.data import json_of
    from lmhtx_cli.render.table import rows_csv, table_markdown, table_text

    if format == "json":
        emit(json_of(records))
    elif format == "csv":
        emit(rows_csv(headers, rows))
    elif format == "md":
        emit(f"# {title}\n\n" + (table_markdown(headers, rows) if rows else "") + (f"\n{footer}" if footer else ""))
    else:
        emit(f"{title}\n\n" + table_text(headers, rows, terminal_width()) + (f"\n{footer}" if footer else ""))


def _today():
    from lmhtx_cli.dates import today_by_clock

    return today_by_clock()


def _fee_year(data, year: Optional[int]) -> int:
    if year is not None:
        return year
    today = _today().year
    return today if today in data.fees or not data.fees else max(data.fees)


# -- members ------------------------------------------------------------------------------
@members_app.command("list")
def members_list(
    ctx: typer.Context,
    area: Optional[str] = typer.Option(None, "--area", "-a", help="Area group: code, name or a district in it."),
    club: Optional[str] = typer.Option(None, "--club", "-c", help="Club: code or name."),
    kind: Optional[str] = typer.Option(None, "--kind", "-k", help="htx, lien-hiep-htx, doanh-nghiep, to-hop-tac (or Vietnamese)."),
    fee: Optional[str] = typer.Option(None, "--fee", help="Fee status for --year: paid, partial, unpaid, none."),
    year: Optional[int] = typer.Option(None, "--year", "-y", help="Fee year (default: this year if it has fees, else the latest)."),
    search: Optional[str] = typer.Option(None, "--search", "-s", help="Part of the name, ignoring case and accents."),
    active: bool = typer.Option(False, "--active", help="Only active members."),
    format: str = typer.Option("table", "--format", "-f", help="table, md, json or csv."),
    lang: LangOption = "vi",
) -> None:
    """Member units, filtered by area, club, kind, fee status or name."""
    from lmhtx_cli.errors import UserError
    from lmhtx_cli.labels import check_lang, label
    from lmhtx_cli.matching import match_unit
    from lmhtx_cli.members.query import FEE_STATES, MemberQuery, parse_kind, select_members
    from lmhtx_cli.render.members import member_record, member_rows

    check_format(format, LIST_FORMATS)
    check_lang(lang)
    if fee is not None and fee not in FEE_STATES:
        raise UserError(f'unknown fee status "{fee}": use {", ".join(FEE_STATES)}')
    data = _data(ctx)
    fee_year = _fee_year(data, year)
    query = MemberQuery(
        area=match_unit(area, data.areas, what="area").code if area else None,
        club=match_unit(club, data.clubs, what="club").code if club else None,
        kind=parse_kind(kind) if kind else None,
        fee=fee,
        fee_year=fee_year,
        search=search,
        active_only=active,
    )
    chosen = select_members(data, query)
    headers, rows = member_rows(data, chosen, fee_year, lang)
    _emit_rows(headers, rows, [member_record(data, m, fee_year) for m in chosen], format, label("members_title", lang), label("count_members", lang, count=len(chosen)) + "\n")


@members_app.command("show")
def members_show(
    ctx: typer.Context,
    member_id: str = typer.Argument(..., metavar="ID", help="The member's id (or a unique part of its name)."),
    format: str = typer.Option("table", "--format", "-f", help="table or json."),
    lang: LangOption = "vi",
) -> None:
    """One member in full: kind, area, clubs, fees, meetings attended, petitions."""
    from lmhtx_cli.errors import UserError
    from lmhtx_cli.labels import check_lang
    from lmhtx_cli.members.query import MemberQuery, select_members
    from lmhtx_cli.render.data import json_of
    from lmhtx_cli.render.members import member_detail, member_record

    check_format(format, ("table", "json"))
    check_lang(lang)
    data = _data(ctx)
    found = [m for m in data.members if m.record.id == member_id] or select_members(data, MemberQuery(search=member_id))
    if not found:
        raise UserError(f'no member "{member_id}"; see `lmhtx members list`')
    if len(found) > 1:
        raise UserError(f'"{member_id}" fits several members: ' + ", ".join(m.record.id for m in found))
    fee_year = _fee_year(data, None)
    emit(json_of(member_record(data, found[0], fee_year)) if format == "json" else member_detail(data, found[0], fee_year, lang))


# -- meetings -----------------------------------------------------------------------------
def _meeting_year(data, year: Optional[int]) -> int | None:
    if year is not None:
        return year
    today = _today().year
    if today in data.meetings or not data.meetings:
        return today
    return max(data.meetings)


@meetings_app.command("list")
def meetings_list(
    ctx: typer.Context,
    year: Optional[int] = typer.Option(None, "--year", "-y", help="Year (default: this year if it has meetings, else the latest)."),
    quarter: Optional[str] = typer.Option(None, "--quarter", "-q", help="Quarter 1-4 or I-IV."),
    area: Optional[str] = typer.Option(None, "--area", "-a", help="Area group."),
    status: Optional[str] = typer.Option(None, "--status", help="planned, done, postponed or cancelled."),
    format: str = typer.Option("table", "--format", "-f", help="table, md, json or csv."),
    lang: LangOption = "vi",
) -> None:
    """The year's member meetings: when, where, format, themes, lead unit, status."""
    from lmhtx_cli.labels import check_lang, label
    from lmhtx_cli.matching import match_unit
    from lmhtx_cli.members.query import select_meetings
    from lmhtx_cli.periods import parse_quarter
    from lmhtx_cli.render.members import meeting_record, meeting_rows

    check_format(format, LIST_FORMATS)
    check_lang(lang)
    data = _data(ctx)
    chosen_year = _meeting_year(data, year)
    chosen = select_meetings(
        data,
        chosen_year,
        parse_quarter(quarter) if quarter else None,
        match_unit(area, data.areas, what="area").code if area else None,
        parse_meeting_status(status) if status else None,
    )
    headers, rows = meeting_rows(data, chosen, lang)
    _emit_rows(headers, rows, [meeting_record(data, m) for m in chosen], format, label("meetings_title", lang, year=chosen_year))


def _find_meeting(data, meeting_id: str):
    from lmhtx_cli.errors import UserError

    for located in data.all_meetings():
        if located.record.id == meeting_id:
            return located
    raise UserError(f'no meeting "{meeting_id}"; see `lmhtx meetings list`')


@meetings_app.command("show")
def meetings_show(
    ctx: typer.Context,
    meeting_id: str = typer.Argument(..., metavar="ID"),
    format: str = typer.Option("table", "--format", "-f", help="table or json."),
    lang: LangOption = "vi",
) -> None:
    """One meeting in full, with who attends and its history."""
    from lmhtx_cli.labels import check_lang
    from lmhtx_cli.render.data import json_of
    from lmhtx_cli.render.members import meeting_detail, meeting_record

    check_format(format, ("table", "json"))
    check_lang(lang)
    data = _data(ctx)
    located = _find_meeting(data, meeting_id)
    emit(json_of(meeting_record(data, located)) if format == "json" else meeting_detail(data, located, lang))


@meetings_app.command("mark")
def meetings_mark(
    ctx: typer.Context,
    meeting_id: str = typer.Argument(..., metavar="ID"),
    status: str = typer.Argument(..., help="planned, done, postponed, cancelled (dự kiến, đã tổ chức, hoãn, hủy)."),
    on: Optional[str] = typer.Option(None, "--on", help="Date of the change (default: today)."),
    date: Optional[str] = typer.Option(None, "--date", help="The meeting's date, once it is set or held."),
    minutes: Optional[str] = typer.Option(None, "--minutes", help="Minutes: what was discussed and decided."),
    attendees: Optional[str] = typer.Option(None, "--attendees", help="Member ids who attended, separated by commas."),
    note: Optional[str] = typer.Option(None, "--note", help="Why; required when cancelling."),
    by: ByOption = None,
    lang: LangOption = "vi",
) -> None:
    """Record that a meeting was held, postponed or cancelled, with its date, minutes and attendees."""
    from lmhtx_cli.dates import parse_day
    from lmhtx_cli.errors import UserError
    from lmhtx_cli.labels import check_lang, label
    from lmhtx_cli.members.edits import mark_meeting

    check_lang(lang)
    data = _data(ctx)
    located = _find_meeting(data, meeting_id)
    chosen = parse_meeting_status(status)
    if chosen == "cancelled" and not note:
        raise UserError(f'cancelling {meeting_id} needs a reason: add --note "…"')
    people = [a.strip() for a in attendees.split(",") if a.strip()] if attendees else None
    for person in people or []:
        if data.member(person) is None:
            raise UserError(f'unknown member "{person}" in --attendees')
    day, author = recorded_on_and_by(ctx.obj.root, on, by)
    written = mark_meeting(ctx.obj.root, ctx.obj.plan_units(), located.year, meeting_id, chosen, day, author, note, minutes, parse_day(date) if date else None, people)
    emit(label("meeting_marked", lang, id=meeting_id, status=label(f"meeting_{chosen}", lang), file=written) + "\n")


@meetings_app.command("ics")
def meetings_ics(
    ctx: typer.Context,
    year: Optional[int] = typer.Option(None, "--year", "-y", help="Year (default: every year)."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write the .ics file here instead of the screen."),
) -> None:
    """The meetings as an iCalendar file for phones and Outlook."""
    from lmhtx_cli.cli.report import write_output
    from lmhtx_cli.render.ics import meetings_calendar

    data = _data(ctx)
    meetings = [m for m in data.all_meetings() if year is None or m.year == year]
    text, skipped = meetings_calendar(data, meetings)
    if skipped:
        note(f"lmhtx: {len(skipped)} meeting(s) with neither a date nor a quarter are not in the calendar: {', '.join(skipped)}")
    write_output(text, output)


# -- petitions ----------------------------------------------------------------------------
@petitions_app.command("list")
def petitions_list(
    ctx: typer.Context,
    year: Optional[int] = typer.Option(None, "--year", "-y", help="Only this year's petitions."),
    status: Optional[str] = typer.Option(None, "--status", help="received, forwarded, answered or resolved."),
    open_only: bool = typer.Option(False, "--open", help="Only those not answered yet."),
    overdue: bool = typer.Option(False, "--overdue", help="Only open ones past their answer date."),
    unit: Optional[str] = typer.Option(None, "--unit", "-u", help="The alliance's unit following them up."),
    member: Optional[str] = typer.Option(None, "--member", "-m", help="One member's petitions."),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Date for --overdue (default: today)."),
    format: str = typer.Option("table", "--format", "-f", help="table, md, json or csv."),
    lang: LangOption = "vi",
) -> None:
    """Member petitions: open and overdue views, by the unit following them up."""
    from lmhtx_cli.dates import parse_day
    from lmhtx_cli.labels import check_lang, label
    from lmhtx_cli.members.query import select_petitions
    from lmhtx_cli.render.members import petition_record, petition_rows

    check_format(format, LIST_FORMATS)
    check_lang(lang)
    data = _data(ctx)
    day = parse_day(as_of) if as_of else _today()
    unit_code = _unit_code(ctx, unit) if unit else None
    chosen = select_petitions(data, year, parse_petition_status(status) if status else None, open_only, day if overdue else None, unit_code, member)
    headers, rows = petition_rows(data, chosen, day, lang)
    _emit_rows(headers, rows, [petition_record(data, p, day) for p in chosen], format, label("petitions_title", lang))


def _unit_code(ctx, typed: str) -> str:
    from lmhtx_cli.matching import match_unit

    chosen, _ = ctx.obj.pick_year(None)
    return match_unit(typed, ctx.obj.programme(chosen)[0].units).code


@petitions_app.command("add")
def petitions_add(
    ctx: typer.Context,
    text: str = typer.Argument(..., help="What the member asks for."),
    member: str = typer.Option(..., "--member", "-m", help="The member's id."),
    topic: str = typer.Option(..., "--topic", "-t", help="đất đai, thuế, vốn, thị trường, …"),
    meeting: Optional[str] = typer.Option(None, "--meeting", help="The meeting where it was raised."),
    unit: Optional[str] = typer.Option(None, "--unit", "-u", help="The alliance's unit that follows it up."),
    forwarded_to: Optional[str] = typer.Option(None, "--forwarded-to", help="The body asked to answer (marks it forwarded)."),
    due: Optional[str] = typer.Option(None, "--due", help="Answer expected by this date."),
    on: Optional[str] = typer.Option(None, "--on", help="Date received (default: today)."),
    lang: LangOption = "vi",
) -> None:
    """Record a member's petition; it gets the next id of its year (kn-2024-04)."""
    from lmhtx_cli.dates import parse_day
    from lmhtx_cli.errors import UserError
    from lmhtx_cli.labels import check_lang, label
    from lmhtx_cli.members.edits import add_petition
    from lmhtx_cli.members.query import next_petition_id
    from lmhtx_cli.text import collapse_spaces, nfc

    check_lang(lang)
    data = _data(ctx)
    if data.member(member) is None:
        raise UserError(f'no member "{member}"; see `lmhtx members list`')
    if meeting:
        _find_meeting(data, meeting)
    received = parse_day(on) if on else _today()
    record = {
        "id": next_petition_id(data, received.year),
        "member": member,
        "meeting": meeting,
        "topic": nfc(collapse_spaces(topic)),
        "text": nfc(collapse_spaces(text)),
        "unit": _unit_code(ctx, unit) if unit else None,
        "forwarded_to": nfc(forwarded_to) if forwarded_to else None,
        "due": parse_day(due) if due else None,
        "status": "forwarded" if forwarded_to else "received",
        "received": received,
        "forwarded": received if forwarded_to else None,
    }
    written = add_petition(ctx.obj.root, ctx.obj.plan_units(), received.year, record)
    emit(label("petition_added", lang, id=record["id"], file=written) + "\n")


@petitions_app.command("mark")
def petitions_mark(
    ctx: typer.Context,
    petition_id: str = typer.Argument(..., metavar="ID"),
    status: str = typer.Argument(..., help="forwarded, answered, resolved (đã chuyển, đã trả lời, đã giải quyết)."),
    on: Optional[str] = typer.Option(None, "--on", help="Date of the step (default: today)."),
    forwarded_to: Optional[str] = typer.Option(None, "--forwarded-to", help="The body asked to answer."),
    due: Optional[str] = typer.Option(None, "--due", help="Answer expected by this date."),
    answer: Optional[str] = typer.Option(None, "--answer", help="The answer received."),
    note: Optional[str] = typer.Option(None, "--note", help="A note for the history."),
    by: ByOption = None,
    lang: LangOption = "vi",
) -> None:
    """Move a petition on: forwarded, answered, resolved; each step keeps its date."""
    from lmhtx_cli.dates import parse_day
    from lmhtx_cli.errors import UserError
    from lmhtx_cli.labels import check_lang, label
    from lmhtx_cli.members.edits import mark_petition

    check_lang(lang)
    data = _data(ctx)
    located = next((p for p in data.all_petitions() if p.record.id == petition_id), None)
    if located is None:
        raise UserError(f'no petition "{petition_id}"; see `lmhtx petitions list`')
    chosen = parse_petition_status(status)
    day, author = recorded_on_and_by(ctx.obj.root, on, by)
    written = mark_petition(ctx.obj.root, ctx.obj.plan_units(), located.year, petition_id, chosen, day, author, note, answer, forwarded_to, parse_day(due) if due else None)
    emit(label("petition_marked", lang, id=petition_id, status=label(f"petition_{chosen}", lang), file=written) + "\n")


# -- fees ---------------------------------------------------------------------------------
@app.command()
def fees(
    ctx: typer.Context,
    year: Optional[int] = typer.Option(None, "--year", "-y", help="Fee year (default: this year if it has fees, else the latest)."),
    unpaid: bool = typer.Option(False, "--unpaid", help="Only members who still owe."),
    format: str = typer.Option("table", "--format", "-f", help="table, md, json or csv."),
    lang: LangOption = "vi",
) -> None:
    """Membership fees of a year: who paid, who owes, totals and the collection rate."""
    from lmhtx_cli.labels import check_lang, label
    from lmhtx_cli.members.query import fee_summary
    from lmhtx_cli.render.members import fee_record, fee_rows, fee_totals

    check_format(format, LIST_FORMATS)
    check_lang(lang)
    data = _data(ctx)
    summary = fee_summary(data, _fee_year(data, year))
    if unpaid:
        summary.rows = [(r, s) for r, s in summary.rows if s != "paid"]
    headers, rows = fee_rows(data, summary, lang)
    if format == "json":
        from lmhtx_cli.render.data import json_of

        emit(json_of(fee_record(data, summary)))
        return
    _emit_rows(headers, rows, None, format, label("fees_title", lang, year=summary.year), fee_totals(summary, lang))
