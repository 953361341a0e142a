"""`lmhtx plan …`: questions about the programme."""

from __future__ import annotations

from typing import Optional

import typer

from lmhtx_cli.cli.output import check_format, emit, mention_warnings, note, terminal_width

plan_app = typer.Typer(help="Read the work programme.", no_args_is_help=True, rich_markup_mode=None)

SHOW_FORMATS = ("table", "md", "json", "csv")


@plan_app.command("show")
def show(
    ctx: typer.Context,
    task_id: Optional[str] = typer.Argument(None, metavar="[ID]", help="Show one task in full."),
    year: Optional[int] = typer.Option(None, "--year", "-y", help="Plan year (default: this year if it has a plan, else the latest)."),
    month: Optional[str] = typer.Option(None, "--month", "-m", help="Month 1-12, a range 1-5, or a list 1,3."),
    quarter: Optional[str] = typer.Option(None, "--quarter", "-q", help="Quarter 1-4 or I-IV."),
    unit: Optional[str] = typer.Option(None, "--unit", "-u", help='Unit: code, prefix or alias, any case or accents ("quy", "Quỹ", "tttt").'),
    status: Optional[str] = typer.Option(None, "--status", "-s", help="planned, in_progress, done, postponed, cancelled (or Vietnamese); a list with commas."),
    grep: Optional[str] = typer.Option(None, "--grep", "-g", help="Text to find in the task, ignoring case and accents."),
    format: str = typer.Option("table", "--format", "-f", help="table, md, json or csv."),
    lang: str = typer.Option("vi", "--lang", help="Labels in vi or en."),
) -> None:
    """What the programme asks, filtered by month, quarter, unit, status or text."""
    from lmhtx_cli.labels import check_lang, label
    from lmhtx_cli.periods import parse_months, parse_quarter, quarter_months
    from lmhtx_cli.query import TaskQuery, find_task, select_tasks
    from lmhtx_cli.status import parse_statuses
    from lmhtx_cli.units import match_unit

    check_format(format, SHOW_FORMATS)
    check_lang(lang)
    months = parse_months(month) if month else None
    if quarter:
        in_quarter = quarter_months(parse_quarter(quarter))
        months = [m for m in months if m in in_quarter] if months else in_quarter
    statuses = parse_statuses(status) if status else None

    workspace = ctx.obj
    chosen, fell_back = workspace.pick_year(year)
    programme, problems = workspace.programme(chosen)
    mention_warnings(problems)
    fallback_note = label("latest_year", lang, wanted=_this_year(), year=chosen) if fell_back else None

    if task_id:
        from lmhtx_cli.render.data import task_json
        from lmhtx_cli.render.text import task_detail

        task = find_task(programme, task_id)
        emit(task_json(task, programme) if format == "json" else task_detail(task, programme, terminal_width(), lang))
        return

    unit_code = match_unit(unit, programme.units).code if unit else None
    tasks = select_tasks(programme, TaskQuery(months, unit_code, statuses, grep))
    if format == "json":
        from lmhtx_cli.render.data import tasks_json

        if fallback_note:
            note(fallback_note)
        emit(tasks_json(tasks, programme))
    elif format == "csv":
        from lmhtx_cli.render.data import tasks_csv

        if fallback_note:
            note(fallback_note)
        emit(tasks_csv(tasks, programme))
    else:
        heading = _heading(programme, months, quarter, unit_code, statuses, grep, lang)
        if format == "md":
            from lmhtx_cli.render.markdown import tasks_markdown

            body = tasks_markdown(tasks, programme, heading, lang)
            emit(body if not fallback_note else body.replace("\n\n", f"\n\n_{fallback_note}_\n\n", 1))
        else:
            from lmhtx_cli.render.text import tasks_table, use_style

            if fallback_note:
                heading += "\n" + fallback_note
            emit(tasks_table(tasks, programme, heading, terminal_width(), lang, use_style()))


def _this_year() -> int:
    from lmhtx_cli.workspace import today_by_clock

    return today_by_clock().year


def _heading(programme, months, quarter, unit_code, statuses, grep, lang) -> str:
    from lmhtx_cli.labels import label
    from lmhtx_cli.periods import parse_quarter, quarter_label

    parts = [label("programme", lang, year=programme.year)]
    if quarter:
        parts.append(quarter_label(parse_quarter(quarter), programme.year, lang))
    elif months:
        parts.append(f"{label('month', lang)} {_months_text(months)}")
    if unit_code:
        parts.append(programme.unit(unit_code).label(lang))
    if statuses:
        parts.append(", ".join(label(s, lang) for s in sorted(statuses)))
    if grep:
        parts.append(f'"{grep}"')
    return " · ".join(parts)


def _months_text(months: list[int]) -> str:
    months = sorted(months)
    if len(months) > 2 and months == list(range(months[0], months[-1] + 1)):
        return f"{months[0]}-{months[-1]}"
    return ", ".join(map(str, months))
