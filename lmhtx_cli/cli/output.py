"""Small helpers the commands share: choosing a format, the width, and writing the result."""

from __future__ import annotations

import os
import sys
from typing import Annotated, Optional

import click
import typer

from lmhtx_cli.errors import Problem
from lmhtx_cli.i18n import N_

# Options that many commands share, declared once.
YearOption = Annotated[Optional[int], typer.Option("--year", help=N_("Plan year, e.g. 2024 (default: this year if it has a plan, else the latest)."))]


def _language(value: Optional[str]) -> str:
    """--lang as given, else $LMHTX_LANG, else vi; it becomes the language of the whole run."""
    from lmhtx_cli.labels import check_lang

    return check_lang(value)


LANG_HELP = N_("Language: vi (Vietnamese) or en (English) (default: $LMHTX_LANG, else vi).")
LANGUAGES = click.Choice(["vi", "en"])  # a wrong one is a usage error naming --lang (exit 2)
LangOption = Annotated[Optional[str], typer.Option("--lang", click_type=LANGUAGES, callback=_language, help=LANG_HELP)]


def group_lang_option() -> click.Option:
    """--lang on a group (`lmhtx plan --help --lang en`): the language is read from the whole line
    before anything is built (cli/__init__.py); this lets Click accept it there too."""
    return click.Option(["--lang"], type=LANGUAGES, expose_value=False, callback=lambda ctx, param, value: _language(value), help=LANG_HELP)


AsOfOption = Annotated[Optional[str], typer.Option("--as-of", help=N_("Count statuses as on this date, dd/mm/yyyy or yyyy-mm-dd (default: today)."))]
ByOption = Annotated[Optional[str], typer.Option("--by", help=N_("Who records it (default: git's user.name)."))]


class Format(click.Choice):
    """The output formats of a command: a closed set, one name per format across commands (the
    terminal's is `text`). The names it had before (`table`, `term`) are still accepted for a while,
    with a note on stderr that gives the new name."""

    OLD_NAMES = {"table": "text", "term": "text"}

    def __init__(self, *formats: str) -> None:
        super().__init__(formats)

    def get_metavar(self, param, ctx=None) -> str:
        """FORMAT, as short as the TEXT it replaces: the help beside it lists the formats, and
        `[text|md|json|csv]` would widen the options' column of every help page."""
        from lmhtx_cli.i18n import _

        return _("FORMAT")

    def convert(self, value, param, ctx):
        new = self.OLD_NAMES.get(value)
        if new is not None and new in self.choices:
            from lmhtx_cli.i18n import _

            note(_('lmhtx: note: the format "{old}" is now called "{new}"; "{old}" will stop working in a later release').format(old=value, new=new))
            value = new
        return super().convert(value, param, ctx)


def _format_option(formats: Format, help: str):
    return typer.Option("--format", "-f", click_type=formats, help=help)


# One declaration per format option; a value outside the set is a usage error listing the choices.
ListFormatOption = Annotated[str, _format_option(Format("text", "md", "json", "csv"), N_("Output: text (a table), md (Markdown), json or csv."))]
TextJsonOption = Annotated[str, _format_option(Format("text", "json"), N_("Output: text or json."))]
DiffFormatOption = Annotated[str, _format_option(Format("text", "md", "json"), N_("Output: text, md (Markdown, for a merge request) or json."))]
ReportFormatOption = Annotated[str, _format_option(Format("text", "md", "json", "docx"), N_("Output: text (the terminal), md (Markdown), json or docx (Word, needs --output)."))]
DigestFormatOption = Annotated[str, _format_option(Format("md", "text", "json", "docx"), N_("Output: md (Markdown), text, json or docx (Word, needs --output)."))]
ListOutputOption = Annotated[Optional[str], typer.Option("--output", "-o", help=N_("Write to this file (atomically) instead of the screen; a CSV file starts with a byte-order mark so that Excel reads it as UTF-8."))]


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
