"""What the member-side commands share: the member data, the year they default to, their tables."""

from __future__ import annotations

from typing import Optional

import typer

from lmhtx_cli.cli.output import emit, mention_warnings, terminal_width

LIST_FORMATS = ("table", "md", "json", "csv")


def member_data(ctx: typer.Context):
    data, problems = ctx.obj.members()
    mention_warnings(problems)
    return data


def emit_rows(headers, rows, records, format: str, title: str, footer: str = "") -> None:
    from lmhtx_cli.render.data import json_of
    from lmhtx_cli.render.table import rows_csv, table_markdown, table_text

    if format == "json":
        emit(json_of(records))
    elif format == "csv":
        emit(rows_csv(headers, rows))
    elif format == "md":
        emit(f"# {title}\n\n" + (table_markdown(headers, rows) if rows else "") + (f"\n{footer}" if footer else ""))
    else:
        emit(f"{title}\n\n" + table_text(headers, rows, terminal_width()) + (f"\n{footer}" if footer else ""))


def clock_today():
    from lmhtx_cli.dates import today_by_clock

    return today_by_clock()


def default_fee_year(data, year: Optional[int]) -> int:
    if year is not None:
        return year
    today = clock_today().year
    return today if today in data.fees or not data.fees else max(data.fees)


def meeting_year(data, year: Optional[int]) -> int | None:
    if year is not None:
        return year
    today = clock_today().year
    if today in data.meetings or not data.meetings:
        return today
    return max(data.meetings)


def find_meeting(data, meeting_id: str):
    from lmhtx_cli.errors import UserError

    for located in data.all_meetings():
        if located.record.id == meeting_id:
            return located
    raise UserError(f'no meeting "{meeting_id}"; see `lmhtx meetings list`')


def typed_unit_code(ctx, typed: str) -> str:
    from lmhtx_cli.matching import match_unit

    chosen, _ = ctx.obj.pick_year(None)
    return match_unit(typed, ctx.obj.programme(chosen)[0].units).code
