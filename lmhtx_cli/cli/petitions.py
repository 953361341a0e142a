"""`lmhtx petitions list|add|mark`: member petitions."""

from __future__ import annotations

from typing import Optional

import typer

from lmhtx_cli.cli.filters import nonblank
from lmhtx_cli.cli.output import ByOption, LangOption, check_format, emit, recorded_on_and_by
from lmhtx_cli.cli.shared import LIST_FORMATS, clock_today, emit_rows, find_meeting, member_data, typed_unit_code
from lmhtx_cli.members.vocab import parse_petition_status

app = typer.Typer(help="Member petitions (kiến nghị): list, add, mark.", no_args_is_help=True, rich_markup_mode=None)


@app.command("list")
def petitions_list(
    ctx: typer.Context,
    year: Optional[int] = typer.Option(None, "--year", help="Only this year's petitions."),
    status: Optional[str] = typer.Option(None, "--status", callback=nonblank, help="received, forwarded, answered or resolved."),
    open_only: bool = typer.Option(False, "--open", help="Only those not answered yet."),
    overdue: bool = typer.Option(False, "--overdue", help="Only open ones past their answer date."),
    unit: Optional[str] = typer.Option(None, "--unit", "-u", callback=nonblank, help="The alliance's unit following them up."),
    member: Optional[str] = typer.Option(None, "--member", "-m", callback=nonblank, help="One member's petitions."),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="The petitions as they stood on this date: received by then, at the step reached, open or overdue then (default: today)."),
    format: str = typer.Option("table", "--format", "-f", help="table, md, json or csv."),
    lang: LangOption = None,
) -> None:
    """Member petitions: open and overdue views, by the unit following them up."""
    from lmhtx_cli.dates import parse_day
    from lmhtx_cli.labels import check_lang, label
    from lmhtx_cli.members.query import select_petitions
    from lmhtx_cli.render.members import petition_record, petition_rows

    check_format(format, LIST_FORMATS)
    lang = check_lang(lang)
    data = member_data(ctx)
    day = parse_day(as_of) if as_of else clock_today()
    unit_code = typed_unit_code(ctx, unit) if unit else None
    chosen = select_petitions(data, year, parse_petition_status(status) if status else None, open_only, day if overdue else None, unit_code, member, day)
    headers, rows = petition_rows(data, chosen, day, lang)
    emit_rows(headers, rows, [petition_record(data, p, day) for p in chosen], format, label("petitions_title", lang))


@app.command("add")
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
    lang: LangOption = None,
) -> None:
    """Record a member's petition; it gets the next id of its year (kn-2024-04)."""
    from lmhtx_cli.dates import parse_day
    from lmhtx_cli.errors import UserError
    from lmhtx_cli.labels import check_lang, label
    from lmhtx_cli.members.edits import add_petition
    from lmhtx_cli.members.query import next_petition_id

    lang = check_lang(lang)
    data = member_data(ctx)
    if data.member(member) is None:
        raise UserError(f'no member "{member}"; see `lmhtx members list`')
    if meeting:
        find_meeting(data, meeting)
    received = parse_day(on) if on else clock_today()
    record = {
        "id": next_petition_id(data, received.year),
        "member": member,
        "meeting": meeting,
        "topic": topic,  # as typed: the options' check refused what cannot be stored, and made them NFC
        "text": text,
        "unit": typed_unit_code(ctx, unit) if unit else None,
        "forwarded_to": forwarded_to or None,
        "due": parse_day(due) if due else None,
        "status": "forwarded" if forwarded_to else "received",
        "received": received,
        "forwarded": received if forwarded_to else None,
    }
    written = add_petition(ctx.obj.root, ctx.obj.plan_units(), received.year, record)
    emit(label("petition_added", lang, id=record["id"], file=written) + "\n")


@app.command("mark")
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
    lang: LangOption = None,
) -> None:
    """Move a petition on: forwarded, answered, resolved; each step keeps its date."""
    from lmhtx_cli.dates import parse_day
    from lmhtx_cli.errors import UserError
    from lmhtx_cli.labels import check_lang, label
    from lmhtx_cli.members.edits import mark_petition

    lang = check_lang(lang)
    data = member_data(ctx)
    located = next((p for p in data.all_petitions() if p.record.id == petition_id), None)
    if located is None:
        raise UserError(f'no petition "{petition_id}"; see `lmhtx petitions list`')
    chosen = parse_petition_status(status)
    day, author = recorded_on_and_by(ctx.obj.root, on, by)
    written = mark_petition(ctx.obj.root, ctx.obj.plan_units(), located.year, petition_id, chosen, day, author, note, answer, forwarded_to, parse_day(due) if due else None)
    emit(label("petition_marked", lang, id=petition_id, status=label(f"petition_{chosen}", lang), file=written) + "\n")
