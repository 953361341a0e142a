"""`lmhtx meetings list|show|mark|ics`: member meetings."""

from __future__ import annotations

from typing import Optional

import typer

from lmhtx_cli.cli.filters import nonblank
from lmhtx_cli.cli.output import ByOption, LangOption, check_format, emit, note, recorded_on_and_by
from lmhtx_cli.cli.shared import LIST_FORMATS, emit_rows, find_meeting, meeting_year, member_data
from lmhtx_cli.members.vocab import parse_meeting_status

app = typer.Typer(help="Member meetings (sinh hoạt thành viên): list, show, mark, calendar.", no_args_is_help=True, rich_markup_mode=None)


@app.command("list")
def meetings_list(
    ctx: typer.Context,
    year: Optional[int] = typer.Option(None, "--year", help="Year (default: this year if it has meetings, else the latest)."),
    quarter: Optional[str] = typer.Option(None, "--quarter", "-q", callback=nonblank, help="Quarter 1-4 or I-IV."),
    area: Optional[str] = typer.Option(None, "--area", "-a", callback=nonblank, help="Area group."),
    status: Optional[str] = typer.Option(None, "--status", callback=nonblank, help="planned, done, postponed or cancelled."),
    format: str = typer.Option("table", "--format", "-f", help="table, md, json or csv."),
    lang: LangOption = None,
) -> None:
    """The year's member meetings: when, where, format, themes, lead unit, status."""
    from lmhtx_cli.labels import check_lang, label
    from lmhtx_cli.matching import match_unit
    from lmhtx_cli.members.query import select_meetings
    from lmhtx_cli.periods import parse_quarter
    from lmhtx_cli.render.members import meeting_record, meeting_rows

    check_format(format, LIST_FORMATS)
    lang = check_lang(lang)
    data = member_data(ctx)
    chosen_year = meeting_year(data, year)
    chosen = select_meetings(
        data,
        chosen_year,
        parse_quarter(quarter) if quarter else None,
        match_unit(area, data.areas, what="area").code if area else None,
        parse_meeting_status(status) if status else None,
    )
    headers, rows = meeting_rows(data, chosen, lang)
    emit_rows(headers, rows, [meeting_record(data, m) for m in chosen], format, label("meetings_title", lang, year=chosen_year))


@app.command("show")
def meetings_show(
    ctx: typer.Context,
    meeting_id: str = typer.Argument(..., metavar="ID"),
    format: str = typer.Option("table", "--format", "-f", help="table or json."),
    lang: LangOption = None,
) -> None:
    """One meeting in full, with who attends and its history."""
    from lmhtx_cli.labels import check_lang
    from lmhtx_cli.render.data import json_of
    from lmhtx_cli.render.members import meeting_detail, meeting_record

    check_format(format, ("table", "json"))
    lang = check_lang(lang)
    data = member_data(ctx)
    located = find_meeting(data, meeting_id)
    emit(json_of(meeting_record(data, located)) if format == "json" else meeting_detail(data, located, lang))


@app.command("mark")
def meetings_mark(
    ctx: typer.Context,
    meeting_id: str = typer.Argument(..., metavar="ID"),
    status: str = typer.Argument(..., help="planned, done, postponed, cancelled (dự kiến, đã tổ chức, hoãn, hủy)."),
    on: Optional[str] = typer.Option(None, "--on", help="Date of the change (default: the meeting's --date when it is marked held, else today)."),
    date: Optional[str] = typer.Option(None, "--date", help="The meeting's date, once it is set or held."),
    minutes: Optional[str] = typer.Option(None, "--minutes", help="Minutes: what was discussed and decided."),
    attendees: Optional[str] = typer.Option(None, "--attendees", help="Member ids who attended, separated by commas."),
    note: Optional[str] = typer.Option(None, "--note", help="Why; required when cancelling."),
    by: ByOption = None,
    lang: LangOption = None,
) -> None:
    """Record that a meeting was held, postponed or cancelled, with its date, minutes and attendees."""
    from lmhtx_cli.dates import parse_day
    from lmhtx_cli.errors import UserError
    from lmhtx_cli.labels import check_lang, label
    from lmhtx_cli.members.edits import mark_meeting

    lang = check_lang(lang)
    data = member_data(ctx)
    located = find_meeting(data, meeting_id)
    chosen = parse_meeting_status(status)
    if chosen == "cancelled" and not note:
        raise UserError(f'cancelling {meeting_id} needs a reason: add --note "…"')
    people = [a.strip() for a in attendees.split(",") if a.strip()] if attendees else None
    for person in people or []:
        if data.member(person) is None:
            raise UserError(f'unknown member "{person}" in --attendees')
    day, author = recorded_on_and_by(ctx.obj.root, on or (date if chosen == "done" else None), by)  # held on its date
    written = mark_meeting(ctx.obj.root, ctx.obj.plan_units(), located.year, meeting_id, chosen, day, author, note, minutes, parse_day(date) if date else None, people)
    emit(label("meeting_marked", lang, id=meeting_id, status=label(f"meeting_{chosen}", lang), file=written) + "\n")


@app.command("ics")
def meetings_ics(
    ctx: typer.Context,
    year: Optional[int] = typer.Option(None, "--year", help="Year (default: every year)."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write the .ics file here instead of the screen."),
) -> None:
    """The meetings as an iCalendar file for phones and Outlook."""
    from lmhtx_cli.cli.report import write_output
    from lmhtx_cli.render.ics import meetings_calendar

    data = member_data(ctx)
    meetings = [m for m in data.all_meetings() if year is None or m.year == year]
    text, skipped = meetings_calendar(data, meetings)
    if skipped:
        note(f"lmhtx: {len(skipped)} meeting(s) with neither a date nor a quarter are not in the calendar: {', '.join(skipped)}")
    write_output(text, output)
