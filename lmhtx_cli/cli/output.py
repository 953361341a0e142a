"""Small helpers the commands share: choosing a format, the width, and writing the result."""

from __future__ import annotations

import os
import sys
from typing import Annotated, Optional

import typer

from lmhtx_cli.errors import Problem, UserError
from lmhtx_cli.i18n import N_

# Options that many commands share, declared once.
YearOption = Annotated[Optional[int], typer.Option("--year", help=N_("Plan year, e.g. 2024 (default: this year if it has a plan, else the latest)."))]


def _language(value: Optional[str]) -> str:
    """--lang as given, else $LMHTX_LANG, else vi; it becomes the language of the whole run."""
    from lmhtx_cli.labels import check_lang

    return check_lang(value)


LangOption = Annotated[Optional[str], typer.Option("--lang", callback=_language, help=N_("Language: vi (Vietnamese) or en (English) (default: $LMHTX_LANG, else vi)."))]
AsOfOption = Annotated[Optional[str], typer.Option("--as-of", help=N_("Count statuses as on this date, dd/mm/yyyy or yyyy-mm-dd (default: today)."))]
ByOption = Annotated[Optional[str], typer.Option("--by", help=N_("Who records it (default: git's user.name)."))]
ListFormatOption = Annotated[str, typer.Option("--format", "-f", help=N_("Output: table, md (Markdown), json or csv."))]
ListOutputOption = Annotated[Optional[str], typer.Option("--output", "-o", help=N_("Write to this file (atomically) instead of the screen; a CSV file starts with a byte-order mark so that Excel reads it as UTF-8."))]
TableJsonOption = Annotated[str, typer.Option("--format", "-f", help=N_("Output: table or json."))]


def check_format(value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        from lmhtx_cli.i18n import _

        raise UserError(_('unknown format "{value}": use one of {formats}').format(value=value, formats=", ".join(allowed)))
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


def confirmed(question: str) -> bool:
    """A y/N question; stdin closed or at its end (cron, `< /dev/null`) is no answer: the command
    stops (exit 1) with a line that points to --yes; Ctrl-C at the question stays Ctrl-C."""
    from lmhtx_cli.i18n import _

    try:
        return typer.confirm(question, default=False)
    except typer.Abort as exc:
        if isinstance(exc.__context__, KeyboardInterrupt):
            raise exc.__context__ from None
        sys.stdout.write("\n")
        raise typer.Abort(_("lmhtx: aborted, nothing was changed: no answer to the question (the standard input is closed or at its end); add --yes to go ahead without asking")) from None


def note(text: str) -> None:
    from lmhtx_cli.render.escape import shown_lines

    sys.stderr.write(shown_lines(text) + "\n")


def mention_warnings(problems: list[Problem]) -> None:
    warnings = [p for p in problems if p.level == "warning"]
    if warnings:
        from lmhtx_cli.i18n import _

        note(_("lmhtx: {count} warning(s) in the data, e.g. {example}; run `lmhtx validate`").format(count=len(warnings), example=warnings[0].format()))


def recorded_on(on: str | None, yes: bool | None = None):
    """The day a change is recorded for (default: today). A day after today is recorded, with a
    warning: a typo such as 2204 would keep the change out of every report until then. Where the
    command has --yes (`yes` not None) and it is not given, a day more than a year ahead gets no
    warning: the command's own check (workspace.tasks.refuse_far_ahead) refuses it."""
    from lmhtx_cli.dates import a_year_after, parse_day, today_by_clock
    from lmhtx_cli.i18n import _
    from lmhtx_cli.periods import format_date

    today = today_by_clock()
    day = parse_day(on) if on else today
    if day > today and not (yes is False and day > a_year_after(today)):
        note(_("lmhtx: warning: --on {day} is after today ({today}); reports count the change from that day").format(day=format_date(day), today=format_date(today)))
    return day


def recorded_on_and_by(root, on: str | None, by: str | None, yes: bool | None = None):
    """The date of a recorded change (default: today) and who records it (default: git's user.name)."""
    from lmhtx_cli.i18n import _
    from lmhtx_cli.typed import typed_text

    if by is None:
        from lmhtx_cli.store.gitio import user_name

        name = user_name(root)
        by = typed_text(name, _("--by (from git's user.name)")) if name is not None else None
    return recorded_on(on, yes), by


# -- what a user typed ---------------------------------------------------------------------
# Options and arguments that name a file: checked, but not normalized (NFC would rename them).
PATH_PARAMETERS = frozenset({"root", "output", "template", "file", "units", "directory", "path"})
# The merge driver's temporary files, named by git, not typed by anyone: passed as they are.
GIT_GIVEN_PARAMETERS = frozenset({"base", "ours", "theirs"})
# Options that take a day (dd/mm/yyyy or yyyy-mm-dd): a value that is not one is a usage error naming the option.
DATE_PARAMETERS = frozenset({"on", "as_of", "doc_date", "date", "due"})


def guard_typed_text(command):
    """Every text option and argument of `command` goes through `typed.typed_text`: a value that
    cannot be stored and shown as typed (control characters, bytes that are not UTF-8, …) stops
    the command with exit 2 naming the option, and the rest is stored in NFC. Applied to every
    command as it is built (registry.py), so a new option is covered without a line of its own."""
    import click

    for param in command.params:
        if isinstance(param.type, click.types.StringParamType) and param.name not in GIT_GIVEN_PARAMETERS and not getattr(param.callback, "typed_text_guard", False):
            param.callback = _typed_text_callback(param.callback, param.name not in PATH_PARAMETERS, param.name in DATE_PARAMETERS)
    return command


def _typed_text_callback(then, normalize: bool, day: bool = False):
    from lmhtx_cli.typed import typed_text

    def check(ctx, param, value):
        name = max(param.opts, key=len) if getattr(param, "param_type_name", "") == "option" else param.human_readable_name
        if isinstance(value, str):
            value = typed_text(value, name, normalize)
            if day:
                _check_day(value, ctx, param)
        elif isinstance(value, (tuple, list)):
            value = type(value)(typed_text(v, name, normalize) if isinstance(v, str) else v for v in value)
        return then(ctx, param, value) if then is not None else value

    check.typed_text_guard = True  # type: ignore[attr-defined]
    return check


def _check_day(value: str, ctx, param) -> None:
    import click

    from lmhtx_cli.dates import parse_day
    from lmhtx_cli.errors import UserError

    try:
        parse_day(value)
    except UserError as exc:
        raise click.BadParameter(exc.message, ctx=ctx, param=param) from None
