"""`lmhtx petitions list|add|mark`: member petitions."""

from __future__ import annotations

from typing import Optional

import typer

from lmhtx_cli.cli.filters import nonblank
from lmhtx_cli.cli.output import ByOption, LangOption, ListFormatOption, ListOutputOption, emit, recorded_on_and_by
from lmhtx_cli.cli.shared import emit_rows, member_data
from lmhtx_cli.i18n import N_

app = typer.Typer(help=N_("Member petitions (kiến nghị): list, add, mark."), no_args_is_help=True, rich_markup_mode=None)


@app.command("list", help=N_("Member petitions: open and overdue views, by the unit following them up."))
def petitions_list(
    ctx: typer.Context,
    year: Optional[int] = typer.Option(None, "--year", help=N_("Only this year's petitions, e.g. 2024.")),
    status: Optional[str] = typer.Option(None, "--status", callback=nonblank, help=N_("Status: received, forwarded, answered or resolved, or in Vietnamese: đã tiếp nhận, đã chuyển, đã trả lời, đã giải quyết.")),
    open_only: bool = typer.Option(False, "--open", help=N_("Only those not answered yet.")),
    overdue: bool = typer.Option(False, "--overdue", help=N_("Only open ones past their answer date.")),
    unit: Optional[str] = typer.Option(None, "--unit", "-u", callback=nonblank, help=N_("The alliance's unit following them up: code, prefix or alias.")),
    member: Optional[str] = typer.Option(None, "--member", "-m", callback=nonblank, help=N_("One member's petitions (the member's id).")),
    as_of: Optional[str] = typer.Option(None, "--as-of", help=N_("The petitions as they stood on this date, dd/mm/yyyy or yyyy-mm-dd: received by then, at the step reached, open or overdue then (default: today).")),
    format: ListFormatOption = "text",
    output: ListOutputOption = None,
    lang: LangOption = None,
) -> None:
    from lmhtx_cli.labels import check_lang, label
    from lmhtx_cli.render.members import petition_record, petition_rows
    from lmhtx_cli.workspace.member_lists import PetitionFilters, petition_list

    lang = check_lang(lang)
    data = member_data(ctx)
    found = petition_list(ctx.obj, data, PetitionFilters(year, status, open_only, overdue, unit, member, as_of))
    headers, rows = petition_rows(data, found.petitions, found.as_of, lang, found.units)
    emit_rows(headers, rows, [petition_record(data, p, found.as_of) for p in found.petitions], format, label("petitions_title", lang), output=output)


@app.command("add", help=N_("Record a member's petition; it gets the next id of its year (kn-2024-04)."))
def petitions_add(
    ctx: typer.Context,
    text: str = typer.Argument(..., help=N_("What the member asks for.")),
    member: str = typer.Option(..., "--member", "-m", help=N_("The member's id.")),
    topic: str = typer.Option(..., "--topic", "-t", help=N_("The topic, in words: đất đai, thuế, vốn, thị trường, …")),
    meeting: Optional[str] = typer.Option(None, "--meeting", help=N_("The meeting where it was raised (its id).")),
    unit: Optional[str] = typer.Option(None, "--unit", "-u", help=N_("The alliance's unit that follows it up: code, prefix or alias.")),
    forwarded_to: Optional[str] = typer.Option(None, "--forwarded-to", help=N_("The body asked to answer (marks it forwarded).")),
    due: Optional[str] = typer.Option(None, "--due", help=N_("Answer expected by this date, dd/mm/yyyy or yyyy-mm-dd.")),
    on: Optional[str] = typer.Option(None, "--on", help=N_("Date received, dd/mm/yyyy or yyyy-mm-dd (default: today).")),
    lang: LangOption = None,
) -> None:
    from lmhtx_cli.labels import check_lang, label
    from lmhtx_cli.workspace.member_records import NewPetition, add_member_petition

    lang = check_lang(lang)
    member_data(ctx)  # its warnings
    new_id, written = add_member_petition(ctx.obj, NewPetition(text, member, topic, meeting, unit, forwarded_to, due, on))
    emit(label("petition_added", lang, id=new_id, file=written) + "\n")


@app.command("mark", help=N_("Move a petition on: forwarded, answered, resolved; each step keeps its date."))
def petitions_mark(
    ctx: typer.Context,
    petition_id: str = typer.Argument(..., metavar="ID", help=N_("The petition's id, e.g. kn-2024-02.")),
    status: str = typer.Argument(..., help=N_("forwarded, answered, resolved, or in Vietnamese: đã chuyển, đã trả lời, đã giải quyết.")),
    on: Optional[str] = typer.Option(None, "--on", help=N_("Date of the step, dd/mm/yyyy or yyyy-mm-dd (default: today).")),
    forwarded_to: Optional[str] = typer.Option(None, "--forwarded-to", help=N_("The body asked to answer.")),
    due: Optional[str] = typer.Option(None, "--due", help=N_("Answer expected by this date, dd/mm/yyyy or yyyy-mm-dd.")),
    answer: Optional[str] = typer.Option(None, "--answer", help=N_("The answer received.")),
    note_text: Optional[str] = typer.Option(None, "--note", help=N_("A note for the history.")),
    by: ByOption = None,
    lang: LangOption = None,
) -> None:
    from lmhtx_cli.labels import check_lang, label
    from lmhtx_cli.workspace.member_records import PetitionStep, mark_petition_step

    lang = check_lang(lang)
    member_data(ctx)  # its warnings
    day, author = recorded_on_and_by(ctx.obj.root, on, by)
    chosen, written = mark_petition_step(ctx.obj, petition_id, PetitionStep(status, forwarded_to, due, answer, note_text), day, author)
    emit(label("petition_marked", lang, id=petition_id, status=label(f"petition_{chosen}", lang), file=written) + "\n")
