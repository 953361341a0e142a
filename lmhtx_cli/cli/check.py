"""`lmhtx validate` and `lmhtx units`."""

from __future__ import annotations

from typing import Optional

import typer

from lmhtx_cli.cli.output import LangOption, TextJsonOption, emit, terminal_width
from lmhtx_cli.i18n import N_

app = typer.Typer(rich_markup_mode=None)  # validate, units, schema


@app.command(help=N_("Check every data file: YAML syntax, the schema, and meaning (ids, units, months, dates, NFC)."))
def validate(
    ctx: typer.Context,
    strict: bool = typer.Option(False, "--strict", help=N_("Treat warnings (unknown keys, non-NFC text…) as errors.")),
    format: TextJsonOption = "text",
    lang: LangOption = None,
) -> int:
    from lmhtx_cli.labels import check_lang

    check_lang(lang)
    from lmhtx_cli.render.validation import problems_json, problems_text
    from lmhtx_cli.workspace.validation import validate_everything

    problems = validate_everything(ctx.obj.root)
    if strict:
        problems = [p if p.level == "error" else _as_error(p) for p in problems]
    emit(problems_json(problems) if format == "json" else problems_text(problems))
    return 1 if any(p.level == "error" for p in problems) else 0


def _as_error(problem):
    from dataclasses import replace

    return replace(problem, level="error")


@app.command(help=N_("List the year's units with their codes and aliases (what --unit accepts)."))
def units(
    ctx: typer.Context,
    year: Optional[int] = typer.Option(None, "--year", help=N_("Plan year, e.g. 2024 (default: this year, else the latest).")),
    format: TextJsonOption = "text",
    lang: LangOption = None,
) -> None:
    from lmhtx_cli.labels import check_lang
    from lmhtx_cli.render.units import units_json, units_table

    lang = check_lang(lang)
    chosen, _ = ctx.obj.pick_year(year)
    programme, _ = ctx.obj.programme(chosen)
    emit(units_json(programme) if format == "json" else units_table(programme, terminal_width(), lang))


@app.command(help=N_("Write JSON Schemas of the data files; data files point at them for editor checking."))
def schema(
    ctx: typer.Context,
    output: Optional[str] = typer.Option(None, "--output", "-o", help=N_("Folder to write the schemas (plan.schema.json, month.schema.json, …) to (default: schema/ in the data folder).")),
) -> None:
    from pathlib import Path

    from lmhtx_cli.workspace.schemas import schema_texts, write_schemas

    folder = Path(output) if output else ctx.obj.root / "schema"
    for written in write_schemas(ctx.obj.root, folder, schema_texts(), output is not None):
        emit(f"{written}\n")
