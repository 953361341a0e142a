"""`lmhtx import programme`: the office's Word or PDF-text programme into plan files."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from lmhtx_cli.cli.output import emit, note

app = typer.Typer(help="Bring documents into the data.", no_args_is_help=True, rich_markup_mode=None)


@app.command("programme")
def programme(
    ctx: typer.Context,
    file: str = typer.Argument(..., help="The programme: a .docx file, or .txt text extracted from its PDF."),
    year: int = typer.Option(..., "--year", help="The programme's year."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Folder for the year's files (default: plans/<year>/ of the data folder)."),
    units: Optional[str] = typer.Option(None, "--units", help="A YAML file listing the units (units: [{code, name, aliases}]), e.g. last year's plan.yaml; default: the latest plan's units."),
    force: bool = typer.Option(False, "--force", help="Replace the files of a year that already has some."),
    explain: bool = typer.Option(False, "--explain", help="List every line the reader removed (page numbers, letter-heads), joined or kept, as file:line, and write nothing."),
) -> None:
    """Read a programme document and write the year's plan files, repairing PDF-extraction damage."""
    from lmhtx_cli.i18n import _
    from lmhtx_cli.render.imports import explanation, summary
    from lmhtx_cli.workspace.imports import import_document

    result, written = import_document(ctx.obj, Path(file), year, Path(output) if output else None, Path(units) if units else None, force, explain_only=explain)
    if explain:
        emit(explanation(result, file))
    elif written is not None:
        emit(summary(result, written))
    if result.missing_months:
        note(f"lmhtx: warning: the document has no Tháng {', '.join(map(str, result.missing_months))}")
    for line, heading in result.unknown_units if explain else []:
        note(_('{file}:{line}: no known unit is called "{heading}"').format(file=file, line=line, heading=heading))
    for line, text in result.unplaced:
        note(f"{file}:{line}: could not place: {text}")
    if result.unplaced:
        if not explain:
            note(_("lmhtx: nothing was written: place or remove these lines in the document, then import again"))
        raise typer.Exit(1)
