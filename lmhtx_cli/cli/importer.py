"""`lmhtx import programme`: the office's Word or PDF-text programme into plan files."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from lmhtx_cli.cli.output import LangOption, emit, note
from lmhtx_cli.i18n import N_

app = typer.Typer(help=N_("Bring documents into the data."), no_args_is_help=True, rich_markup_mode=None)


@app.command("programme", help=N_("Read a programme document and write the year's plan files, repairing PDF-extraction damage."))
def programme(
    ctx: typer.Context,
    file: str = typer.Argument(..., help=N_("The programme: a .docx file, or .txt text extracted from its PDF.")),
    year: int = typer.Option(..., "--year", help=N_("The programme's year, e.g. 2024.")),
    output: Optional[str] = typer.Option(None, "--output", "-o", help=N_("Folder for the year's files (default: plans/<year>/ of the data folder).")),
    units: Optional[str] = typer.Option(None, "--units", help=N_("A YAML file listing the units (units: [{code, name, aliases}]), e.g. last year's plan.yaml; default: the latest plan's units.")),
    force: bool = typer.Option(False, "--force", help=N_("Replace the files of a year that already has some.")),
    explain: bool = typer.Option(
        False, "--explain", help=N_("List every line the reader removed (page numbers, letter-heads, the closing), joined, kept, or placed by a weaker rule, and every deadline read, as file:line, and write nothing.")
    ),
    lang: LangOption = None,
) -> None:
    from lmhtx_cli.labels import check_lang
    from lmhtx_cli.render.imports import explanation, import_notes, summary
    from lmhtx_cli.workspace.imports import import_document

    check_lang(lang)
    result, written = import_document(ctx.obj, Path(file), year, Path(output) if output else None, Path(units) if units else None, force, explain_only=explain)
    if explain:
        emit(explanation(result, file))
    elif written is not None:
        emit(summary(result, written))
    for line in import_notes(result, file, explain):
        note(line)
    if result.unplaced:
        raise typer.Exit(1)


@app.command("members", help=N_("Add the member register the office keeps in a spreadsheet (.csv or .xlsx): all rows or none."))
def members(
    ctx: typer.Context,
    file: str = typer.Argument(..., help=N_("The register: .xlsx, or .csv as Excel saves it (CSV UTF-8).")),
    on: Optional[str] = typer.Option(None, "--on", help=N_("The day whose area groups the members are placed in, dd/mm/yyyy or yyyy-mm-dd (default: today).")),
    explain: bool = typer.Option(False, "--explain", help=N_("List what each row becomes and by which rule, as file:row, and write nothing.")),
    lang: LangOption = None,
) -> None:
    from lmhtx_cli.labels import check_lang
    from lmhtx_cli.render.imports import register_explanation, register_problems, register_summary
    from lmhtx_cli.workspace.member_import import import_register

    check_lang(lang)
    result, written = import_register(ctx.obj, Path(file), on, explain_only=explain)
    if explain:
        emit(register_explanation(result, file))
    for line in register_problems(result, file):
        note(line)
    if result.problems:
        raise typer.Exit(1)
    if written is not None:
        emit(register_summary(result, written))
