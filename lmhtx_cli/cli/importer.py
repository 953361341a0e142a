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
    year: int = typer.Option(..., "--year", "-y", help="The programme's year."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Folder for the year's files (default: plans/<year>/ of the data folder)."),
    units: Optional[str] = typer.Option(None, "--units", help="A YAML file listing the units (units: [{code, name, aliases}]), e.g. last year's plan.yaml; default: the latest plan's units."),
    force: bool = typer.Option(False, "--force", help="Replace the files of a year that already has some."),
) -> None:
    """Read a programme document and write the year's plan files, repairing PDF-extraction damage."""
    from lmhtx_cli.workspace.imports import import_document

    source = Path(file)
    result, written = import_document(ctx.obj, source, year, Path(output) if output else None, Path(units) if units else None, force)
    counts = result.counts_by_unit()
    emit(f"{result.task_count} nhiệm vụ / tasks → {written}\n")
    emit("  " + ", ".join(f"{code} {count}" for code, count in counts.items()) + "\n")
    if result.repairs:
        emit(f"  {len(result.repairs)} sửa lỗi trích xuất / extraction repairs (page numbers, letter-heads, broken words)\n")
    if result.missing_months:
        note(f"lmhtx: warning: the document has no Tháng {', '.join(map(str, result.missing_months))}")
    for line, text in result.unplaced:
        note(f"{file}:{line}: could not place: {text}")
    if result.unplaced:
        raise typer.Exit(1)
