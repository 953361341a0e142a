"""`lmhtx report` and `lmhtx digest`: the period reports and the monthly digest."""

from __future__ import annotations

from typing import Optional

import typer

from lmhtx_cli.cli.filters import nonblank
from lmhtx_cli.cli.output import LangOption, YearOption, check_format, emit, terminal_width

app = typer.Typer(rich_markup_mode=None)  # report, digest


def write_output(text: str, output: Optional[str]) -> None:
    """To stdout, or atomically to --output (a half-written report never replaces a whole one)."""
    if output is None or output == "-":
        emit(text)
        return
    from pathlib import Path

    from lmhtx_cli.store.writeback import write_text_atomically

    write_text_atomically(Path(output), text)


def _docx_needs_output(format: str, output: Optional[str]) -> None:
    if format == "docx" and (output is None or output == "-"):
        from lmhtx_cli.errors import UserError

        raise UserError("a Word report is a file: add --output NAME.docx")


def _publish(workspace, format: str, data: dict, labels: dict, template_of: tuple[str, str], docx_builder: str, plain, output, template, doc_number, doc_date) -> None:
    """A report or the digest as asked: a Word file, JSON, Markdown from its template, or `plain()`."""
    if format == "docx":
        from pathlib import Path

        from lmhtx_cli.dates import parse_day
        from lmhtx_cli.render import docx_report
        from lmhtx_cli.settings import load_settings
        from lmhtx_cli.store.writeback import write_bytes_atomically

        build = getattr(docx_report, docx_builder)
        write_bytes_atomically(Path(output), build(data, labels, load_settings(workspace.root), doc_number, parse_day(doc_date) if doc_date else None))
        return
    if format == "json":
        from lmhtx_cli.render.data import json_of

        text = json_of(data)
    elif format == "md":
        from lmhtx_cli.render.templates import render_template

        name, key = template_of
        text = render_template(name, {key: data, "t": labels}, workspace.root, template)
    else:
        text = plain()
    write_output(text, output)


def report_day(as_of: Optional[str], doc_date: Optional[str], default) -> object:
    """The one date a report or digest counts everything on: --as-of, else --doc-date (the day it
    is signed), else `default()`. A document cannot count what happens after it is signed, so an
    --as-of later than --doc-date is refused."""
    from lmhtx_cli.dates import parse_day

    signed = parse_day(doc_date) if doc_date else None
    day = parse_day(as_of) if as_of else (signed or default())
    if signed is not None and day > signed:
        from lmhtx_cli.errors import UserError
        from lmhtx_cli.i18n import _
        from lmhtx_cli.periods import format_date

        raise UserError(_("--as-of {as_of} is after --doc-date {signed}: a document cannot count what happens after it is signed").format(as_of=format_date(day), signed=format_date(signed)))
    return day


def _member_part(workspace, year: int, months: list[int], day, lang: str):
    """Meetings, open petitions and fees for the period, when the data folder has members/."""
    if not workspace.has_members():
        return None
    from lmhtx_cli.members.query import member_summary
    from lmhtx_cli.render.report_data import member_section

    data, _ = workspace.members()
    return member_section(data, member_summary(data, year, months, day), lang)


@app.command()
def report(
    ctx: typer.Context,
    period: list[str] = typer.Argument(..., metavar="PERIOD", help="month N, quarter N (1-4 or I-IV), h1, 9m or year."),
    year: YearOption = None,
    unit: Optional[str] = typer.Option(None, "--unit", "-u", callback=nonblank, help="Only this unit."),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Count everything as on this date, dd/mm/yyyy or yyyy-mm-dd (default: --doc-date when given, else today)."),
    format: str = typer.Option("term", "--format", "-f", help="term, md, json or docx (Word, needs --output)."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write to this file instead of the screen."),
    template: Optional[str] = typer.Option(None, "--template", help="A Jinja2 template to use for md."),
    doc_number: Optional[str] = typer.Option(None, "--doc-number", help="docx: the document's number (default: left blank to fill in)."),
    doc_date: Optional[str] = typer.Option(None, "--doc-date", help="The signing date, printed on a Word report (default: left blank); also the default --as-of, which may not be later."),
    lang: LangOption = None,
) -> None:
    """The period's picture per unit: counts, completion rate, overdue and carried-over tasks."""
    from lmhtx_cli.dates import today_by_clock
    from lmhtx_cli.labels import check_lang, labels_for
    from lmhtx_cli.matching import match_unit
    from lmhtx_cli.periods import parse_period
    from lmhtx_cli.render.report_data import report_data
    from lmhtx_cli.reports.figures import build_report

    check_format(format, ("term", "md", "json", "docx"))
    lang = check_lang(lang)
    _docx_needs_output(format, output)
    workspace = ctx.obj
    chosen, _ = workspace.pick_year(year)
    parsed = parse_period(period, chosen)
    programme, _ = workspace.programme(chosen)
    day = report_day(as_of, doc_date, today_by_clock)
    unit_code = match_unit(unit, programme.units).code if unit else None
    following = parsed.following()
    next_programme = None
    if following is not None and following.year != chosen and following.year in workspace.years():
        next_programme = workspace.programme(following.year)[0]
    earlier = workspace.programme(chosen - 1)[0] if chosen - 1 in workspace.years() else None
    data = report_data(build_report(programme, parsed, day, unit_code, next_programme, earlier), lang)
    data["members"] = _member_part(workspace, chosen, parsed.months, day, lang) if unit_code is None else None
    labels = labels_for(lang)

    def terminal() -> str:
        from lmhtx_cli.render.report_terminal import report_terminal

        return report_terminal(data, labels, terminal_width())

    _publish(workspace, format, data, labels, ("report.md.j2", "r"), "report_docx", terminal, output, template, doc_number, doc_date)


@app.command()
def digest(
    ctx: typer.Context,
    month: Optional[str] = typer.Option(None, "--month", "-m", callback=nonblank, help="YYYY-MM (default: this month by the clock)."),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Count everything as on this date (default: --doc-date when given, else today for this month, else the month's first day)."),
    format: str = typer.Option("md", "--format", "-f", help="md, text, json or docx (Word, needs --output)."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write to this file (atomically) instead of the screen."),
    template: Optional[str] = typer.Option(None, "--template", help="A Jinja2 template to use for md."),
    doc_number: Optional[str] = typer.Option(None, "--doc-number", help="docx: the document's number (default: left blank)."),
    doc_date: Optional[str] = typer.Option(None, "--doc-date", help="The signing date, printed on a Word digest (default: left blank); also the default --as-of, which may not be later."),
    lang: LangOption = None,
) -> None:
    """The monthly digest for cron: due this month, overdue, next month, totals per unit."""
    import datetime as dt

    from lmhtx_cli.dates import parse_year_month, today_by_clock
    from lmhtx_cli.labels import check_lang, labels_for
    from lmhtx_cli.render.report_data import digest_data
    from lmhtx_cli.reports.figures import build_digest

    check_format(format, ("md", "text", "json", "docx"))
    lang = check_lang(lang)
    _docx_needs_output(format, output)
    today = today_by_clock()
    year, month_number = parse_year_month(month) if month else (today.year, today.month)
    day = report_day(as_of, doc_date, lambda: today if (today.year, today.month) == (year, month_number) else dt.date(year, month_number, 1))
    workspace = ctx.obj
    years = workspace.years()
    wanted = [y for y in (year - 1, year, year + 1) if y in years]
    programmes = {y: workspace.programme(y)[0] for y in wanted}
    data = digest_data(build_digest(year, month_number, day, programmes), lang)
    data["members"] = _member_part(workspace, year, [month_number], day, lang)
    labels = labels_for(lang)

    def plain() -> str:
        from lmhtx_cli.render.digest_text import digest_text

        return digest_text(data, labels, 80)

    _publish(workspace, format, data, labels, ("digest.md.j2", "d"), "digest_docx", plain, output, template, doc_number, doc_date)
