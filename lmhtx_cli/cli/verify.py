"""`lmhtx verify`: a report written by the tool checked against the data it says it came from."""

from __future__ import annotations

import typer

from lmhtx_cli.cli.output import LangOption
from lmhtx_cli.i18n import N_

app = typer.Typer(rich_markup_mode=None)


@app.command(
    help=N_(
        "Check a report or digest written by lmhtx (Markdown, Word or JSON): compute it again from the git commit and as-of date it names, reading the data from git without touching the work tree, and compare every unit's figures and the total. Exit 0: it matches; 1: figures differ (each is listed); 2: it cannot be checked (no provenance, made from uncommitted files, or a commit this repository does not have)."
    )
)
def verify(
    ctx: typer.Context,
    file: str = typer.Argument(..., metavar="FILE", help=N_("The report or digest to check: .md, .docx or .json written by lmhtx.")),
    lang: LangOption = None,
) -> None:
    from pathlib import Path

    from lmhtx_cli.cli.output import emit
    from lmhtx_cli.labels import check_lang
    from lmhtx_cli.render.verification import verdict_text, verify_file

    check_lang(lang)
    verdict = verify_file(ctx.obj, Path(file))
    emit(verdict_text(verdict, file))
    if verdict.differences:
        raise typer.Exit(1)
