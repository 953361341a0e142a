"""What the member-side commands share: the member data with its warnings, and their lists."""

from __future__ import annotations

import typer

from lmhtx_cli.cli.output import emit, mention_warnings, terminal_width
from lmhtx_cli.render.listings import LIST_FORMATS

__all__ = ["LIST_FORMATS", "emit_rows", "member_data"]


def member_data(ctx: typer.Context):
    """The member data set; its warnings are mentioned on stderr."""
    data, problems = ctx.obj.members()
    mention_warnings(problems)
    return data


def emit_rows(headers, rows, records, format: str, title: str, footer: str = "") -> None:
    from lmhtx_cli.render.listings import listing

    emit(listing(headers, rows, records, format, title, footer, terminal_width()))
