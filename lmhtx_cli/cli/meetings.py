"""`lmhtx meetings list|show|mark|ics`: member meetings."""

from __future__ import annotations

from typing import Optional

import typer

from lmhtx_cli.cli.filters import nonblank
from lmhtx_cli.cli.output import ByOption, LangOption, ListFormatOption, ListOutputOption, TextJsonOption, emit, note, recorded_on_and_by, terminal_width
from lmhtx_cli.cli.shared import emit_rows, member_data
from lmhtx_cli.i18n import N_

app = typer.Typer(help=N_("Member meetings (sinh hoạt thành viên): list, show, mark, calendar."), no_args_is_help=True, rich_markup_mode=None)


@app.command("list", help=N_("The year's member meetings: when, where, format, themes, lead unit, status."))
def meetings_list(
    ctx: typer.Context,
    year: Optional[int] = typer.Option(None, "--year", help=N_("Year, e.g. 2024 (default: this year if it has meetings, else the latest).")),
    quarter: Optional[str] = typer.Option(None, "--quarter", "-q", callback=nonblank, help=N_("Quarter 1-4 or I-IV.")),
    area: Optional[str] = typer.Option(None, "--area", "-a", callback=nonblank, help=N_("Area group: code, name or a district in it.")),
    status: Optional[str] = typer.Option(None, "--status", callback=nonblank, help=N_("Status: planned, done (held), postponed or cancelled, or in Vietnamese: dự kiến, đã tổ chức, hoãn, hủy.")),
    format: ListFormatOption = "text",
    output: ListOutputOption = None,
    lang: LangOption = None,
) -> None:
    from lmhtx_cli.labels import check_lang, label
    from lmhtx_cli.render.members import meeting_record, meeting_rows
    from lmhtx_cli.workspace.member_lists import meeting_list

    lang = check_lang(lang)
    data = member_data(ctx)
    found = meeting_list(ctx.obj, data, year, quarter, area, status)
    headers, rows = meeting_rows(data, found.meetings, lang, found.units)
    emit_rows(headers, rows, [meeting_record(data, m) for m in found.meetings], format, label("meetings_title", lang, year=found.year), output=output)


@app.command("show", help=N_("One meeting in full, with who attends and its history."))
def meetings_show(
    ctx: typer.Context,
    meeting_id: str = typer.Argument(..., metavar="ID", help=N_("The meeting's id, as `lmhtx meetings list` shows it.")),
    format: TextJsonOption = "text",
    lang: LangOption = None,
) -> None:
    from lmhtx_cli.labels import check_lang
    from lmhtx_cli.render.data import json_of
    from lmhtx_cli.render.members import meeting_detail, meeting_record
    from lmhtx_cli.workspace.member_lists import one_meeting

    lang = check_lang(lang)
    data = member_data(ctx)
    located, units = one_meeting(ctx.obj, data, meeting_id)
    emit(json_of(meeting_record(data, located)) if format == "json" else meeting_detail(data, located, lang, units, terminal_width()))


@app.command("mark", help=N_("Record that a meeting was held, postponed or cancelled, with its date, minutes and attendees."))
def meetings_mark(
    ctx: typer.Context,
    meeting_id: str = typer.Argument(..., metavar="ID", help=N_("The meeting's id, as `lmhtx meetings list` shows it.")),
    status: str = typer.Argument(..., help=N_("planned, done (held), postponed, cancelled, or in Vietnamese: dự kiến, đã tổ chức, hoãn, hủy.")),
    on: Optional[str] = typer.Option(None, "--on", help=N_("Date of the change, dd/mm/yyyy or yyyy-mm-dd (default: the meeting's --date when it is marked held, else today).")),
    date: Optional[str] = typer.Option(None, "--date", help=N_("The meeting's date, dd/mm/yyyy or yyyy-mm-dd, once it is set or held.")),
    minutes: Optional[str] = typer.Option(None, "--minutes", help=N_("Minutes: what was discussed and decided.")),
    attendees: Optional[str] = typer.Option(None, "--attendees", help=N_("Member ids who attended, separated by commas.")),
    note_text: Optional[str] = typer.Option(None, "--note", help=N_("Why; required when cancelling.")),
    by: ByOption = None,
    lang: LangOption = None,
) -> None:
    from lmhtx_cli.labels import check_lang, label
    from lmhtx_cli.workspace.member_records import MeetingStep, mark_meeting_step, meeting_step_day

    lang = check_lang(lang)
    member_data(ctx)  # its warnings
    step = MeetingStep(status, on, date, minutes, attendees, note_text, by)
    day, author = recorded_on_and_by(ctx.obj.root, meeting_step_day(step), by)  # held on its date
    chosen, written = mark_meeting_step(ctx.obj, meeting_id, step, day, author)
    emit(label("meeting_marked", lang, id=meeting_id, status=label(f"meeting_{chosen}", lang), file=written) + "\n")


@app.command("ics", help=N_("The meetings as an iCalendar file for phones and Outlook."))
def meetings_ics(
    ctx: typer.Context,
    year: Optional[int] = typer.Option(None, "--year", help=N_("Year, e.g. 2024 (default: every year).")),
    output: Optional[str] = typer.Option(None, "--output", "-o", help=N_("Write the .ics file here instead of the screen.")),
    lang: LangOption = None,
) -> None:
    from lmhtx_cli.cli.report import output_checked, write_output
    from lmhtx_cli.labels import check_lang
    from lmhtx_cli.render.ics import meetings_calendar, skipped_note
    from lmhtx_cli.workspace.member_lists import meetings_in_calendar

    lang = check_lang(lang)
    output_checked(ctx.obj, "ics", output)
    data = member_data(ctx)
    meetings, units, office = meetings_in_calendar(ctx.obj, data, year)
    text, skipped = meetings_calendar(data, meetings, lang, units, office)
    if skipped:
        note(skipped_note(skipped))
    write_output(text, output, ctx.obj.root)
