"""`lmhtx fees`: membership fees of a year."""

from __future__ import annotations

from typing import Optional

import typer

from lmhtx_cli.cli.output import LangOption, ListFormatOption, ListOutputOption
from lmhtx_cli.cli.shared import deliver, emit_rows, member_data
from lmhtx_cli.i18n import N_

app = typer.Typer(rich_markup_mode=None)


@app.command(help=N_("Membership fees of a year: who paid, who owes, totals and the collection rate."))
def fees(
    ctx: typer.Context,
    year: Optional[int] = typer.Option(None, "--year", help=N_("Fee year, e.g. 2024 (default: this year if it has fees, else the latest).")),
    unpaid: bool = typer.Option(False, "--unpaid", help=N_("Only members who still owe.")),
    as_of: Optional[str] = typer.Option(None, "--as-of", help=N_("Count the payments made by this date, dd/mm/yyyy or yyyy-mm-dd (default: every payment recorded).")),
    format: ListFormatOption = "text",
    output: ListOutputOption = None,
    lang: LangOption = None,
) -> None:
    from lmhtx_cli.labels import check_lang, label
    from lmhtx_cli.render.data import json_of
    from lmhtx_cli.render.members import fee_record, fee_rows, fee_totals
    from lmhtx_cli.workspace.member_lists import fee_list

    lang = check_lang(lang)
    data = member_data(ctx)
    summary = fee_list(data, year, as_of, unpaid)
    if format == "json":
        deliver(json_of(fee_record(data, summary)), format, output)
        return
    headers, rows = fee_rows(data, summary, lang)
    emit_rows(headers, rows, None, format, label("fees_title", lang, year=summary.year), fee_totals(summary, lang), output)
