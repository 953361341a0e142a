"""`lmhtx fees`: membership fees of a year."""

from __future__ import annotations

from typing import Optional

import typer

from lmhtx_cli.cli.output import LangOption, check_format, emit
from lmhtx_cli.cli.shared import LIST_FORMATS, default_fee_year, emit_rows, member_data

app = typer.Typer(rich_markup_mode=None)


@app.command()
def fees(
    ctx: typer.Context,
    year: Optional[int] = typer.Option(None, "--year", help="Fee year (default: this year if it has fees, else the latest)."),
    unpaid: bool = typer.Option(False, "--unpaid", help="Only members who still owe."),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Count the payments made by this date, dd/mm/yyyy (default: every payment recorded)."),
    format: str = typer.Option("table", "--format", "-f", help="table, md, json or csv."),
    lang: LangOption = None,
) -> None:
    """Membership fees of a year: who paid, who owes, totals and the collection rate."""
    from lmhtx_cli.dates import parse_day
    from lmhtx_cli.labels import check_lang, label
    from lmhtx_cli.members.query import fee_summary
    from lmhtx_cli.members.timeline import EVER
    from lmhtx_cli.render.members import fee_record, fee_rows, fee_totals

    check_format(format, LIST_FORMATS)
    lang = check_lang(lang)
    data = member_data(ctx)
    summary = fee_summary(data, default_fee_year(data, year), parse_day(as_of) if as_of else EVER)
    if unpaid:
        summary.rows = [(r, s) for r, s in summary.rows if s != "paid"]
    headers, rows = fee_rows(data, summary, lang)
    if format == "json":
        from lmhtx_cli.render.data import json_of

        emit(json_of(fee_record(data, summary)))
        return
    emit_rows(headers, rows, None, format, label("fees_title", lang, year=summary.year), fee_totals(summary, lang))
