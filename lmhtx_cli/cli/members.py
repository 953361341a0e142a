"""`lmhtx members list|show`: member units."""

from __future__ import annotations

from typing import Optional

import typer

from lmhtx_cli.cli.filters import nonblank
from lmhtx_cli.cli.output import LangOption, check_format, emit
from lmhtx_cli.cli.shared import LIST_FORMATS, default_fee_year, emit_rows, member_data

app = typer.Typer(help="Member units: list and show.", no_args_is_help=True, rich_markup_mode=None)


@app.command("list")
def members_list(
    ctx: typer.Context,
    area: Optional[str] = typer.Option(None, "--area", "-a", callback=nonblank, help="Area group: code, name or a district in it."),
    club: Optional[str] = typer.Option(None, "--club", "-c", callback=nonblank, help="Club: code or name."),
    kind: Optional[str] = typer.Option(None, "--kind", "-k", callback=nonblank, help="htx, lien-hiep-htx, doanh-nghiep, to-hop-tac (or Vietnamese)."),
    fee: Optional[str] = typer.Option(None, "--fee", callback=nonblank, help="Fee status for --year: paid, partial, unpaid, none."),
    year: Optional[int] = typer.Option(None, "--year", help="Fee year (default: this year if it has fees, else the latest)."),
    search: Optional[str] = typer.Option(None, "--search", "-s", callback=nonblank, help="Part of the name, ignoring case and accents."),
    active: bool = typer.Option(False, "--active", help="Only active members."),
    format: str = typer.Option("table", "--format", "-f", help="table, md, json or csv."),
    lang: LangOption = None,
) -> None:
    """Member units, filtered by area, club, kind, fee status or name."""
    from lmhtx_cli.errors import UserError
    from lmhtx_cli.labels import check_lang, label
    from lmhtx_cli.matching import match_unit
    from lmhtx_cli.members.query import FEE_STATES, MemberQuery, parse_kind, select_members
    from lmhtx_cli.render.members import member_record, member_rows

    check_format(format, LIST_FORMATS)
    lang = check_lang(lang)
    if fee is not None and fee not in FEE_STATES:
        raise UserError(f'unknown fee status "{fee}": use {", ".join(FEE_STATES)}')
    data = member_data(ctx)
    fee_year = default_fee_year(data, year)
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
    emit_rows(headers, rows, [member_record(data, m, fee_year) for m in chosen], format, label("members_title", lang), label("count_members", lang, count=len(chosen)) + "\n")


@app.command("show")
def members_show(
    ctx: typer.Context,
    member_id: str = typer.Argument(..., metavar="ID", help="The member's id (or a unique part of its name)."),
    format: str = typer.Option("table", "--format", "-f", help="table or json."),
    lang: LangOption = None,
) -> None:
    """One member in full: kind, area, clubs, fees, meetings attended, petitions."""
    from lmhtx_cli.errors import UserError
    from lmhtx_cli.labels import check_lang
    from lmhtx_cli.members.query import MemberQuery, select_members
    from lmhtx_cli.render.data import json_of
    from lmhtx_cli.render.members import member_detail, member_record

    check_format(format, ("table", "json"))
    lang = check_lang(lang)
    data = member_data(ctx)
    found = [m for m in data.members if m.record.id == member_id] or select_members(data, MemberQuery(search=member_id))
    if not found:
        raise UserError(f'no member "{member_id}"; see `lmhtx members list`')
    if len(found) > 1:
        raise UserError(f'"{member_id}" fits several members: ' + ", ".join(m.record.id for m in found))
    fee_year = default_fee_year(data, None)
    emit(json_of(member_record(data, found[0], fee_year)) if format == "json" else member_detail(data, found[0], fee_year, lang))
