"""`lmhtx members list|show`: member units."""

from __future__ import annotations

from typing import Optional

import typer

from lmhtx_cli.cli.filters import nonblank
from lmhtx_cli.cli.output import ByOption, LangOption, ListFormatOption, ListOutputOption, TextJsonOption, emit, recorded_on_and_by, terminal_width
from lmhtx_cli.cli.shared import emit_rows, member_data
from lmhtx_cli.i18n import N_, _

app = typer.Typer(help=N_("Member units: list and show."), no_args_is_help=True, rich_markup_mode=None)


@app.command("list", help=N_("Member units, filtered by area, club, kind, fee status or name."))
def members_list(
    ctx: typer.Context,
    area: Optional[str] = typer.Option(None, "--area", "-a", callback=nonblank, help=N_("Area group: code, name or a district in it.")),
    club: Optional[str] = typer.Option(None, "--club", "-c", callback=nonblank, help=N_("Club: code or name.")),
    kind: Optional[str] = typer.Option(None, "--kind", "-k", callback=nonblank, help=N_("Kind: htx, lien-hiep-htx, doanh-nghiep, to-hop-tac, or in Vietnamese: hợp tác xã, liên hiệp, doanh nghiệp, tổ hợp tác.")),
    fee: Optional[str] = typer.Option(None, "--fee", callback=nonblank, help=N_("Fee status for --year: paid, partial, unpaid or none (not billed).")),
    year: Optional[int] = typer.Option(None, "--year", help=N_("Fee year, e.g. 2024 (default: this year if it has fees, else the latest).")),
    search: Optional[str] = typer.Option(None, "--search", "-s", callback=nonblank, help=N_("Part of the name, ignoring case and accents.")),
    active: bool = typer.Option(False, "--active", help=N_("Only active members.")),
    as_of: Optional[str] = typer.Option(None, "--as-of", help=N_("The members' area groups as they stood on this date, dd/mm/yyyy or yyyy-mm-dd (default: today).")),
    format: ListFormatOption = "text",
    output: ListOutputOption = None,
    lang: LangOption = None,
) -> None:
    from lmhtx_cli.labels import check_lang, label
    from lmhtx_cli.render.members import member_record, member_rows
    from lmhtx_cli.workspace.member_lists import MemberFilters, find_members

    lang = check_lang(lang)
    data = member_data(ctx)
    chosen, fee_year, day = find_members(data, MemberFilters(area, club, kind, fee, year, search, active, as_of))
    headers, rows = member_rows(data, chosen, fee_year, lang, day)
    emit_rows(headers, rows, [member_record(data, m, fee_year, day) for m in chosen], format, label("members_title", lang), label("count_members", lang, count=len(chosen)) + "\n", output)


@app.command("move", help=N_("Record that a member belongs to another area group from a day on; where it was before stays as it was."))
def members_move(
    ctx: typer.Context,
    member_id: str = typer.Argument(..., metavar="ID", help=N_("The member's id (or a part of its name that fits no other member).")),
    area: str = typer.Option(..., "--area", "-a", callback=nonblank, help=N_("The new area group: code, name or a commune, ward or special zone in it.")),
    on: Optional[str] = typer.Option(None, "--on", help=N_("The day from which it belongs there, dd/mm/yyyy or yyyy-mm-dd (default: today).")),
    note_text: Optional[str] = typer.Option(None, "--note", help=N_("A note for the history.")),
    by: ByOption = None,
    lang: LangOption = None,
) -> None:
    from lmhtx_cli.labels import check_lang
    from lmhtx_cli.periods import format_date
    from lmhtx_cli.workspace.member_records import move_member_to

    lang = check_lang(lang)
    member_data(ctx)  # its warnings
    day, author = recorded_on_and_by(ctx.obj.root, on, by)
    moved, code, written = move_member_to(ctx.obj, member_id, area, day, author, note_text)
    emit(_("{id}: in area group {area} from {date} ({file})").format(id=moved, area=code, date=format_date(day), file=written) + "\n")


@app.command("show", help=N_("One member in full: kind, area, clubs, fees, meetings attended, petitions."))
def members_show(
    ctx: typer.Context,
    member_id: str = typer.Argument(..., metavar="ID", help=N_("The member's id (or a part of its name that fits no other member).")),
    format: TextJsonOption = "text",
    lang: LangOption = None,
) -> None:
    from lmhtx_cli.labels import check_lang
    from lmhtx_cli.render.data import json_of
    from lmhtx_cli.render.members import member_detail, member_record
    from lmhtx_cli.workspace.member_lists import find_member

    lang = check_lang(lang)
    data = member_data(ctx)
    found, fee_year = find_member(data, member_id)
    emit(json_of(member_record(data, found, fee_year)) if format == "json" else member_detail(data, found, fee_year, lang, terminal_width()))
