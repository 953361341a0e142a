"""Small helpers the commands share: choosing a format, the width, and writing the result."""

from __future__ import annotations

import os
import sys
from typing import Annotated, Optional

import typer

from lmhtx_cli.errors import Problem, UserError

# Options that many commands share, declared once.
YearOption = Annotated[Optional[int], typer.Option("--year", "-y", help="Plan year (default: this year if it has a plan, else the latest).")]


def _language(value: Optional[str]) -> str:
    """--lang as given, else $LMHTX_LANG, else vi; it becomes the language of the whole run."""
    from lmhtx_cli.labels import check_lang

    return check_lang(value)


LangOption = Annotated[Optional[str], typer.Option("--lang", callback=_language, help="vi or en (default: $LMHTX_LANG, else vi).")]
AsOfOption = Annotated[Optional[str], typer.Option("--as-of", help="Count statuses as on this date, dd/mm/yyyy or yyyy-mm-dd (default: today).")]
ByOption = Annotated[Optional[str], typer.Option("--by", help="Who records it (default: git's user.name).")]


def check_format(value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise UserError(f'unknown format "{value}": use one of {", ".join(allowed)}')
    return value


def terminal_width() -> int:
    """$COLUMNS, else the terminal's width, else 80 (a pipe, cron)."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.stdout.fileno()).columns
        except (OSError, ValueError, AttributeError):
            columns = 80
    return max(40, columns)


def emit(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def note(text: str) -> None:
    sys.stderr.write(text + "\n")


def mention_warnings(problems: list[Problem]) -> None:
    warnings = [p for p in problems if p.level == "warning"]
    if warnings:
        note(f"lmhtx: {len(warnings)} warning(s) in the data, e.g. {warnings[0].format()}; run `lmhtx validate`")


def recorded_on_and_by(root, on: str | None, by: str | None):
    """The date of a recorded change (default: today) and who records it (default: git's user.name)."""
    from lmhtx_cli.dates import parse_day, today_by_clock
    from lmhtx_cli.store.gitio import user_name

    return (parse_day(on) if on else today_by_clock()), (by if by is not None else user_name(root))
