"""`lmhtx merge-driver …`: git's merge of plan and member files, record by record."""

from __future__ import annotations

import sys
from typing import Optional

import typer

from lmhtx_cli.cli.output import emit, note
from lmhtx_cli.i18n import N_

app = typer.Typer(help=N_("Merge plan and member files record by record when git merges branches."), no_args_is_help=True, rich_markup_mode=None)


@app.command("run", help=N_("What git runs to merge a file: exit 0 when merged cleanly, 1 when conflict markers remain."))
def run(
    base: str = typer.Argument(..., metavar="BASE", help=N_("The common ancestor's version (git's %O).")),
    ours: str = typer.Argument(..., metavar="OURS", help=N_("Our version, replaced by the result (git's %A).")),
    theirs: str = typer.Argument(..., metavar="THEIRS", help=N_("Their version (git's %B).")),
    path: Optional[str] = typer.Argument(None, metavar="PATH", help=N_("The file's path in the repository (git's %P).")),
) -> int:
    from pathlib import Path

    from lmhtx_cli.render.merging import merge_notes
    from lmhtx_cli.workspace.merging import merge_data_file

    outcome = merge_data_file(Path(base), Path(ours), Path(theirs), path or ours)
    for line in merge_notes(outcome):
        note(f"lmhtx: {line}")
    return 0 if outcome.clean else 1


@app.command("install", help=N_("Set up the merge driver in this data repository (.gitattributes and git config); safe to run again."))
def install(ctx: typer.Context) -> None:
    from lmhtx_cli.render.merging import install_notes
    from lmhtx_cli.store.gitconfig import driver_command
    from lmhtx_cli.store.gitconfig import install as install_driver

    root = ctx.obj.root
    emit(install_notes(install_driver(root, driver_command(sys.argv[0], sys.executable)), str(root)))
