"""`lmhtx report` and `lmhtx digest`: the period reports and the monthly digest."""

from __future__ import annotations

from typing import Optional

import typer

from lmhtx_cli.cli.filters import nonblank
from lmhtx_cli.cli.output import DigestFormatOption, LangOption, ReportFormatOption, YearOption, emit, terminal_width
from lmhtx_cli.i18n import N_

app = typer.Typer(rich_markup_mode=None)  # report, digest

PERIODS_HELP = N_("The period: month N (1-12), quarter N (1-4 or I-IV), h1 (first six months), 9m (nine months) or year; in Vietnamese also tháng N, quý N, năm.")


def write_output(text: str, output: Optional[str], root=None) -> None:
    """To stdout, or atomically to --output (a half-written report never replaces a whole one;
    never a data file of `root`)."""
    if output is None or output == "-":
        emit(text)
        return
    from pathlib import Path

    from lmhtx_cli.store.writeback import write_text_atomically

    write_text_atomically(Path(output), text, root, "--output")


def output_checked(workspace, format: str, output: Optional[str]) -> None:
    """Before any work: a Word report needs --output, and --output is refused where it would
    replace a data file, follow a link or reach into .git/."""
    if format == "docx" and (output is None or output == "-"):
        from lmhtx_cli.errors import UserError
        from lmhtx_cli.i18n import _

        raise UserError(_("a Word report is a file: add --output NAME.docx"))
    if output is not None and output != "-":
        from pathlib import Path

        from lmhtx_cli.store.writeback import write_target

        write_target(Path(output), output, workspace.root, "--output")


def _publish(workspace, format: str, data: dict, template_of: tuple[str, str], builder: str, output, template, doc_number, doc_date) -> None:
    """A report or the digest as asked: a Word file, JSON, Markdown from its template, or text
    for the terminal (the report at the terminal's width, the digest at 80 columns for mail)."""
    from lmhtx_cli.labels import labels_for
    from lmhtx_cli.render.provenance import docx_with_provenance, template_values, text_with_provenance

    labels = labels_for(data["lang"])
    if format == "docx":
        from pathlib import Path

        from lmhtx_cli.dates import parse_day
        from lmhtx_cli.render import docx_report
        from lmhtx_cli.settings import load_settings
        from lmhtx_cli.store.writeback import write_bytes_atomically

        build = getattr(docx_report, f"{builder}_docx")
        document = build(data, labels, load_settings(workspace.root), doc_number, parse_day(doc_date) if doc_date else None)
        write_bytes_atomically(Path(output), docx_with_provenance(document, data.get("provenance")), workspace.root, "--output")
        return
    if format == "json":
        from lmhtx_cli.render.data import json_of

        text = json_of(data)
    elif format == "md":
        from lmhtx_cli.render.templates import render_template

        name, key = template_of
        text = render_template(name, {key: data, "t": labels, "made_from": template_values(data.get("provenance"))}, workspace.root, template)
    elif builder == "report":
        from lmhtx_cli.render.report_terminal import report_terminal

        width = terminal_width()
        text = text_with_provenance(report_terminal(data, labels, width), data.get("provenance"), width)
    else:
        from lmhtx_cli.render.digest_text import digest_text

        text = text_with_provenance(digest_text(data, labels, 80), data.get("provenance"), 80)
    write_output(text, output, workspace.root)


@app.command(help=N_("The period's picture per unit: counts, completion rate, overdue and carried-over tasks."))
def report(
    ctx: typer.Context,
    period: list[str] = typer.Argument(..., metavar="PERIOD", help=PERIODS_HELP),
    year: YearOption = None,
    unit: Optional[str] = typer.Option(None, "--unit", "-u", callback=nonblank, help=N_("Only this unit: code, prefix or alias.")),
    as_of: Optional[str] = typer.Option(
        None,
        "--as-of",
        help=N_("Count everything as on this date, dd/mm/yyyy or yyyy-mm-dd (default: --doc-date when given, else the period's cut-off day, report_cutoff_day in settings.yaml, or its last day; today when that is still to come)."),
    ),
    format: ReportFormatOption = "text",
    output: Optional[str] = typer.Option(None, "--output", "-o", help=N_("Write to this file instead of the screen.")),
    template: Optional[str] = typer.Option(None, "--template", help=N_("A Jinja2 template to use for md (default: templates/report.md.j2).")),
    doc_number: Optional[str] = typer.Option(None, "--doc-number", help=N_("docx: the document's number (default: left blank to fill in).")),
    doc_date: Optional[str] = typer.Option(None, "--doc-date", help=N_("The signing date, dd/mm/yyyy or yyyy-mm-dd, printed on a Word report (default: left blank); also the default --as-of, which may not be later.")),
    lang: LangOption = None,
) -> None:
    from lmhtx_cli.labels import check_lang
    from lmhtx_cli.render.report_data import report_document
    from lmhtx_cli.workspace.reporting import report_sources

    lang = check_lang(lang)
    output_checked(ctx.obj, format, output)
    data = report_document(report_sources(ctx.obj, period, year, unit, as_of, doc_date), lang)
    _publish(ctx.obj, format, data, ("report.md.j2", "r"), "report", output, template, doc_number, doc_date)


@app.command(help=N_("The monthly digest for cron: due this month, overdue, next month, meetings and petitions, totals per unit."))
def digest(
    ctx: typer.Context,
    month: Optional[str] = typer.Option(None, "--month", "-m", callback=nonblank, help=N_("The month, YYYY-MM, e.g. 2024-06 (default: this month by the clock).")),
    as_of: Optional[str] = typer.Option(None, "--as-of", help=N_("Count everything as on this date, dd/mm/yyyy or yyyy-mm-dd (default: --doc-date when given, else today for this month, else the month's first day).")),
    format: DigestFormatOption = "md",
    output: Optional[str] = typer.Option(None, "--output", "-o", help=N_("Write to this file (atomically) instead of the screen.")),
    template: Optional[str] = typer.Option(None, "--template", help=N_("A Jinja2 template to use for md (default: templates/digest.md.j2).")),
    doc_number: Optional[str] = typer.Option(None, "--doc-number", help=N_("docx: the document's number (default: left blank).")),
    doc_date: Optional[str] = typer.Option(None, "--doc-date", help=N_("The signing date, dd/mm/yyyy or yyyy-mm-dd, printed on a Word digest (default: left blank); also the default --as-of, which may not be later.")),
    lang: LangOption = None,
) -> None:
    from lmhtx_cli.labels import check_lang
    from lmhtx_cli.render.report_data import digest_document
    from lmhtx_cli.workspace.reporting import digest_sources

    lang = check_lang(lang)
    output_checked(ctx.obj, format, output)
    data = digest_document(digest_sources(ctx.obj, month, as_of, doc_date), lang)
    _publish(ctx.obj, format, data, ("digest.md.j2", "d"), "digest", output, template, doc_number, doc_date)
