"""What the member-side commands share: the member data with its warnings, and their lists."""

from __future__ import annotations

import typer

from lmhtx_cli.cli.output import emit, mention_warnings, terminal_width
from lmhtx_cli.render.listings import LIST_FORMATS

__all__ = ["LIST_FORMATS", "deliver", "emit_rows", "member_data"]


def member_data(ctx: typer.Context):
    """The member data set; its warnings are mentioned on stderr."""
    data, problems = ctx.obj.members()
    mention_warnings(problems)
    return data


def emit_rows(headers, rows, records, format: str, title: str, footer: str = "", output: str | None = None) -> None:
    from lmhtx_cli.render.listings import listing

    deliver(listing(headers, rows, records, format, title, footer, terminal_width()), format, output)


def deliver(text: str, format: str, output: str | None) -> None:
    """A list to the screen, or atomically to --output. CSV written to a file starts with a UTF-8
    byte-order mark, so that Excel shows Vietnamese right; on standard output it does not, since a
    pipe's next program (sort, grep, a script) would read the mark as part of the first cell."""
    if output is None or output == "-":
        emit(text)
        return
    import click

    from lmhtx_cli.cli.report import write_output
    from lmhtx_cli.render.escape import csv_file

    workspace = click.get_current_context().obj  # --output never replaces a file of its data folder
    write_output(csv_file(text) if format == "csv" else text, output, workspace.root if workspace is not None else None)
