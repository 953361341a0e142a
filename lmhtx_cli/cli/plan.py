"""`lmhtx plan …`: questions about the programme."""

from __future__ import annotations

from typing import Optional

import typer

from lmhtx_cli.cli.filters import nonblank
from lmhtx_cli.cli.output import AsOfOption, ByOption, LangOption, YearOption, check_format, emit, mention_warnings, note, recorded_on_and_by, terminal_width

app = typer.Typer(help="Read the work programme.", no_args_is_help=True, rich_markup_mode=None)

SHOW_FORMATS = ("table", "md", "json", "csv")


@app.command("show")
def show(
    ctx: typer.Context,
    task_id: Optional[str] = typer.Argument(None, metavar="[ID]", help="Show one task in full."),
    year: YearOption = None,
    month: Optional[str] = typer.Option(None, "--month", "-m", callback=nonblank, help="Month 1-12, a range 1-5, or a list 1,3."),
    quarter: Optional[str] = typer.Option(None, "--quarter", "-q", callback=nonblank, help="Quarter 1-4 or I-IV."),
    unit: Optional[str] = typer.Option(None, "--unit", "-u", callback=nonblank, help='Unit: code, prefix or alias, any case or accents ("quy", "Quỹ", "tttt").'),
    status: Optional[str] = typer.Option(None, "--status", "-s", callback=nonblank, help="planned, in_progress, done, postponed, cancelled (or Vietnamese); a list with commas."),
    grep: Optional[str] = typer.Option(None, "--grep", "-g", callback=nonblank, help="Text to find in the task, ignoring case and accents."),
    format: str = typer.Option("table", "--format", "-f", help="table, md, json or csv."),
    lang: LangOption = None,
) -> None:
    """What the programme asks, filtered by month, quarter, unit, status or text."""
    from lmhtx_cli.labels import check_lang, label
    from lmhtx_cli.matching import match_unit
    from lmhtx_cli.plan.query import TaskQuery, find_task, select_tasks
    from lmhtx_cli.plan.status import parse_statuses

    check_format(format, SHOW_FORMATS)
    lang = check_lang(lang)
    months = _months(month, quarter)
    statuses = parse_statuses(status) if status else None

    workspace = ctx.obj
    chosen, fell_back = workspace.pick_year(year)
    programme, problems = workspace.programme(chosen)
    mention_warnings(problems)
    fallback_note = label("latest_year", lang, wanted=_this_year(), year=chosen) if fell_back else None

    if task_id:
        from lmhtx_cli.plan.timeline import chain_of
        from lmhtx_cli.render.data import json_of
        from lmhtx_cli.render.records import task_record
        from lmhtx_cli.render.text import task_detail

        task = find_task(programme, task_id)
        chain = chain_of(task, _finder(workspace, programme))
        emit(json_of(task_record(task, programme, chain)) if format == "json" else task_detail(task, programme, terminal_width(), lang, chain))
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


@app.command("mark")
def mark(
    ctx: typer.Context,
    words: list[str] = typer.Argument(..., metavar="[ID]... STATUS", help="Task ids (or none, with filters), then the status: planned, in_progress, done, postponed, cancelled, or hoàn thành, đang thực hiện, hoãn, hủy."),
    on: Optional[str] = typer.Option(None, "--on", help="Date of the change: dd/mm/yyyy or yyyy-mm-dd (default: today)."),
    note: Optional[str] = typer.Option(None, "--note", help="What happened; required when cancelling."),
    ref: Optional[str] = typer.Option(None, "--ref", help='The document it rests on, e.g. "Số 66/KH-LMHTX".'),
    by: ByOption = None,
    to: Optional[str] = typer.Option(None, "--to", help="postponed: the month the task moves to, YYYY-MM."),
    year: YearOption = None,
    month: Optional[str] = typer.Option(None, "--month", "-m", callback=nonblank, help="Select tasks of these months: 5, 1-5, 1,3."),
    quarter: Optional[str] = typer.Option(None, "--quarter", "-q", callback=nonblank, help="Select tasks of a quarter, 1-4 or I-IV."),
    unit: Optional[str] = typer.Option(None, "--unit", "-u", callback=nonblank, help="Select tasks of a unit."),
    grep: Optional[str] = typer.Option(None, "--grep", "-g", callback=nonblank, help="Select tasks whose text holds this (case and accents ignored)."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask before changing tasks selected by filters."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Only show what would change."),
    lang: LangOption = None,
) -> None:
    """Record progress on one task or many: done, in progress, postponed (--to), cancelled (--note)."""
    from lmhtx_cli.dates import parse_year_month
    from lmhtx_cli.errors import UserError
    from lmhtx_cli.i18n import _
    from lmhtx_cli.labels import check_lang, label
    from lmhtx_cli.matching import match_unit
    from lmhtx_cli.plan.edits import apply_marks
    from lmhtx_cli.plan.progress import plan_marks
    from lmhtx_cli.plan.query import TaskQuery, find_task, select_tasks
    from lmhtx_cli.plan.status import parse_status

    lang = check_lang(lang)
    status = parse_status(words[-1])
    ids = words[:-1]
    filters = any(v is not None for v in (month, quarter, unit, grep))
    if ids and filters:
        raise UserError("give task ids or filters (--month, --quarter, --unit, --grep), not both")
    if not ids and not filters:
        raise UserError("which tasks? give their ids, or select them with --month, --quarter, --unit, --grep")
    day, author = recorded_on_and_by(ctx.obj.root, on, by)
    target = parse_year_month(to) if to else None

    workspace = ctx.obj
    chosen, _fell_back = workspace.pick_year(year)
    programme, problems = workspace.programme(chosen)
    mention_warnings(problems)
    if ids:
        tasks = [find_task(programme, i) for i in dict.fromkeys(ids)]
    else:
        months = _months(month, quarter)
        unit_code = match_unit(unit, programme.units).code if unit else None
        tasks = select_tasks(programme, TaskQuery(months, unit_code, None, grep))
        if not tasks:
            raise UserError("no task matches these filters; nothing changed")
    marks, unchanged = plan_marks(tasks, status, day, author, note, ref, target, _finder(workspace, programme))
    for moved in (m for m in marks + unchanged if m.asked):
        emit(_("{asked} was postponed: the change goes to {id}, the live end of its chain.").format(asked=moved.asked, id=moved.task.id) + "\n")
    if unchanged:
        emit(_("Nothing to change for {ids}: already {status}, and no new note or document.").format(ids=", ".join(m.task.id for m in unchanged), status=label(status, lang)) + "\n")
    if not marks:
        return

    from lmhtx_cli.render.progress import change_lines

    preview = change_lines(marks, programme, terminal_width(), lang)
    if dry_run:
        emit(preview + label("dry_run", lang) + "\n")
        return
    if filters and not yes:
        emit(preview)
        if not typer.confirm(label("confirm_marks", lang, count=len(marks)), default=False):
            raise typer.Abort()
    written, continuations = apply_marks(workspace.root, marks, {chosen: [u.code for u in programme.units]}, workspace.known_for_writing(chosen))
    if not filters:
        emit(preview)
    for old, new in continuations.items():
        emit(label("continued", lang, old=old, new=new) + "\n")
    emit(label("recorded", lang, count=len(marks), files=", ".join(written)) + "\n")


@app.command("add")
def add(
    ctx: typer.Context,
    text: str = typer.Argument(..., help="The task, as the programme would word it."),
    month: int = typer.Option(..., "--month", "-m", min=1, max=12, help="Month 1-12."),
    unit: str = typer.Option(..., "--unit", "-u", help="The unit that carries it out."),
    year: YearOption = None,
    thread: Optional[str] = typer.Option(None, "--thread", help="The initiative it belongs to."),
    lang: LangOption = None,
) -> None:
    """Add a task to a month and unit; it gets the next free id of that month and unit."""
    from lmhtx_cli.errors import UserError
    from lmhtx_cli.labels import check_lang, label
    from lmhtx_cli.matching import match_unit
    from lmhtx_cli.plan.edits import add_task

    lang = check_lang(lang)
    clean = text if text.strip() else ""  # as typed: the option's check refused what cannot be stored, and made it NFC
    if not clean:
        raise UserError("the task's text is empty")
    workspace = ctx.obj
    chosen, _ = workspace.pick_year(year)
    programme, _ = workspace.programme(chosen)
    code = match_unit(unit, programme.units).code
    new_id, written = add_task(workspace.root, chosen, month, code, [u.code for u in programme.units], clean, thread, workspace.known_for_writing(chosen))
    emit(label("added", lang, id=new_id, file=written) + "\n")


@app.command("diff")
def diff(
    ctx: typer.Context,
    revisions: list[str] = typer.Argument(None, metavar="[REV [REV2]]", help="Git revisions to compare (default: HEAD against the working tree)."),
    format: str = typer.Option("text", "--format", "-f", help="text or md (for a merge request)."),
    lang: LangOption = None,
) -> None:
    """What a plan edit changes, in the programme's terms, grouped by unit."""
    from lmhtx_cli.errors import UserError
    from lmhtx_cli.labels import check_lang, label
    from lmhtx_cli.plan.diff import diff_tasks
    from lmhtx_cli.plan.loading import tasks_of_files
    from lmhtx_cli.render.plan_diff import diff_markdown, diff_text
    from lmhtx_cli.store.documents import files_on_disk
    from lmhtx_cli.store.gitio import files_at

    check_format(format, ("text", "md"))
    lang = check_lang(lang)
    revisions = revisions or []
    if len(revisions) > 2:
        raise UserError("give at most two revisions: lmhtx plan diff [REV [REV2]]")
    root = ctx.obj.root
    before_name = revisions[0] if revisions else "HEAD"
    before_files = files_at(root, before_name, "plans")
    if len(revisions) == 2:
        after_name, after_files = revisions[1], files_at(root, revisions[1], "plans")
    else:
        after_name, after_files = label("diff_worktree", lang), files_on_disk(root)
    old_tasks, old_units, _ = tasks_of_files(before_files)
    new_tasks, new_units, problems = tasks_of_files(after_files)
    for problem in problems:
        note(f"lmhtx: {problem.format()} (left out of the comparison)")
    units = {}
    for year_units in list(old_units.values()) + list(new_units.values()):
        for unit in year_units:
            units.setdefault(unit.code, unit)
    result = diff_tasks(old_tasks, new_tasks)
    heading = label("diff_heading", lang, before=before_name, after=after_name)
    emit(diff_markdown(result, units, heading, lang) if format == "md" else diff_text(result, units, heading, lang))


@app.command("tag")
def tag(
    ctx: typer.Context,
    ids: list[str] = typer.Argument(..., metavar="ID...", help="Tasks that are steps of the initiative."),
    thread: str = typer.Option(..., "--thread", "-t", help="The initiative, as defined under threads: in plan.yaml (code, prefix or alias)."),
    year: YearOption = None,
) -> None:
    """Tag tasks as steps of an initiative (thread:), so they can be followed across months."""
    from lmhtx_cli.matching import match_unit
    from lmhtx_cli.plan.edits import tag_tasks
    from lmhtx_cli.plan.query import find_task

    workspace = ctx.obj
    chosen, _ = workspace.pick_year(year)
    programme, _ = workspace.programme(chosen)
    code = match_unit(thread, programme.threads, what="initiative").code
    tasks = [find_task(programme, i) for i in dict.fromkeys(ids)]
    written = tag_tasks(workspace.root, tasks, code, workspace.known_for_writing(chosen))
    emit(f"{len(tasks)} → {code}: {', '.join(written)}\n")


@app.command("threads")
def threads(
    ctx: typer.Context,
    year: YearOption = None,
    as_of: AsOfOption = None,
    format: str = typer.Option("table", "--format", "-f", help="table or json."),
    lang: LangOption = None,
) -> None:
    """Initiatives spread over months (thread: tags), with their progress."""
    from lmhtx_cli.render.threads import threads_json, threads_text

    chosen, found = _initiatives(ctx, year, as_of, format, lang)
    emit(threads_json(found) if format == "json" else threads_text(found, chosen, terminal_width(), lang))


def _initiatives(ctx: typer.Context, year: Optional[int], as_of: Optional[str], format: str, lang: str):
    """The year's initiatives with their progress on the as-of date (default: today)."""
    from lmhtx_cli.dates import parse_day, today_by_clock
    from lmhtx_cli.labels import check_lang
    from lmhtx_cli.reports.threads import threads_of

    check_format(format, ("table", "json"))
    lang = check_lang(lang)
    chosen, _ = ctx.obj.pick_year(year)
    programme, _ = ctx.obj.programme(chosen)
    return chosen, threads_of(programme, parse_day(as_of) if as_of else today_by_clock())


@app.command("thread")
def thread(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The initiative: code, prefix or alias (e.g. rau, dai-hoi)."),
    year: YearOption = None,
    as_of: AsOfOption = None,
    format: str = typer.Option("table", "--format", "-f", help="table or json."),
    lang: LangOption = None,
) -> None:
    """One initiative as a timeline across months."""
    from lmhtx_cli.matching import match_unit
    from lmhtx_cli.render.data import json_of
    from lmhtx_cli.render.threads import thread_record, thread_timeline

    chosen, found = _initiatives(ctx, year, as_of, format, lang)
    wanted = match_unit(name, [t.definition for t in found], what="initiative").code
    chosen_thread = next(t for t in found if t.definition.code == wanted)
    emit(json_of(thread_record(chosen_thread)) if format == "json" else thread_timeline(chosen_thread, chosen, terminal_width(), lang))


@app.command("new-year")
def new_year(
    ctx: typer.Context,
    year: int = typer.Argument(..., help="The year to draft, e.g. 2025."),
    source: int = typer.Option(..., "--from", help="The programme to carry recurring tasks over from."),
    min_months: int = typer.Option(7, "--min-months", min=2, max=12, help="A task recurs when it stands in at least this many months."),
    force: bool = typer.Option(False, "--force", help="Replace the files of a year that already has some."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Only show what would be carried over."),
) -> None:
    """Draft next year's programme from the recurring tasks of another year, for the office to edit."""
    from lmhtx_cli.render.escape import shown_lines
    from lmhtx_cli.workspace.drafts import write_draft

    summary, written = write_draft(ctx.obj, year, source, min_months, force, dry_run)
    emit(shown_lines(summary))  # the tasks' texts, from the data
    if written:
        emit(f"→ {written}\n")


def _finder(workspace, programme):
    """Tasks by (year, id) over the programmes of the data folder, read when a chain reaches them."""
    programmes = {programme.year: programme}
    years = set(workspace.years())

    def find(year: int, task_id: str):
        if year not in programmes:
            programmes[year] = workspace.programme(year)[0] if year in years else None
        found = programmes[year]
        return found.task(task_id) if found is not None else None

    return find


def _months(month: Optional[str], quarter: Optional[str]) -> list[int] | None:
    """The months --month and --quarter select together (None: every month)."""
    from lmhtx_cli.periods import parse_months, parse_quarter, quarter_months

    months = parse_months(month) if month else None
    if quarter:
        in_quarter = quarter_months(parse_quarter(quarter))
        months = [m for m in months if m in in_quarter] if months else in_quarter
    return months


def _this_year() -> int:
    from lmhtx_cli.dates import today_by_clock

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
