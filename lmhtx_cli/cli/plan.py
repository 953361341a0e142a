"""`lmhtx plan …`: questions about the programme, and recording progress on it."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from lmhtx_cli.cli.filters import nonblank
from lmhtx_cli.cli.output import AsOfOption, ByOption, DiffFormatOption, LangOption, ListFormatOption, ListOutputOption, TextJsonOption, YearOption, confirmed, emit, mention_warnings, note, recorded_on, recorded_on_and_by, terminal_width
from lmhtx_cli.i18n import N_

app = typer.Typer(help=N_("Read the work programme and record progress on it."), no_args_is_help=True, rich_markup_mode=None)


@app.command("show", help=N_("What the programme asks, filtered by month, quarter, unit, status or text; with an ID, one task in full with its history."))
def show(
    ctx: typer.Context,
    task_id: Optional[str] = typer.Argument(None, metavar="[ID]", help=N_("A task's id, e.g. 05-quy-2: show that task in full.")),
    year: YearOption = None,
    month: Optional[str] = typer.Option(None, "--month", "-m", callback=nonblank, help=N_("Month 1-12, a range 1-5, or a list 1,3.")),
    quarter: Optional[str] = typer.Option(None, "--quarter", "-q", callback=nonblank, help=N_("Quarter 1-4 or I-IV.")),
    unit: Optional[str] = typer.Option(None, "--unit", "-u", callback=nonblank, help=N_('Unit: code, prefix or alias, any case or accents ("quy", "Quỹ", "tttt"); `lmhtx units` lists them.')),
    status: Optional[str] = typer.Option(
        None, "--status", "-s", callback=nonblank, help=N_("Status: planned, in_progress, done, postponed, cancelled, or in Vietnamese: chưa thực hiện, đang thực hiện, hoàn thành, hoãn, hủy; several with commas.")
    ),
    grep: Optional[str] = typer.Option(None, "--grep", "-g", callback=nonblank, help=N_("Text to find in the task, ignoring case and accents.")),
    format: ListFormatOption = "text",
    output: ListOutputOption = None,
    lang: LangOption = None,
) -> None:
    from lmhtx_cli.cli.shared import deliver
    from lmhtx_cli.labels import check_lang
    from lmhtx_cli.render.task_lists import shown_tasks
    from lmhtx_cli.render.text import use_style
    from lmhtx_cli.workspace.tasks import TaskFilters, task_view

    lang = check_lang(lang)
    view = task_view(ctx.obj, year, TaskFilters(month, quarter, unit, status, grep), task_id)
    mention_warnings(view.problems)
    text, fallback = shown_tasks(view, format, terminal_width(), lang, use_style())
    if fallback:
        note(fallback)
    deliver(text, format, output)


@app.command("mark", help=N_("Record progress on one task or many: done, in progress, postponed (--to), cancelled (--note)."))
def mark(
    ctx: typer.Context,
    words: list[str] = typer.Argument(
        ..., metavar="[ID]... STATUS", help=N_("Task ids (or none, with filters), then the status: planned, in_progress, done, postponed, cancelled, or in Vietnamese: chưa thực hiện, đang thực hiện, hoàn thành, hoãn, hủy.")
    ),
    on: Optional[str] = typer.Option(None, "--on", help=N_("Date of the change: dd/mm/yyyy or yyyy-mm-dd (default: today).")),
    note_text: Optional[str] = typer.Option(None, "--note", help=N_("What happened; required when cancelling.")),
    ref: Optional[str] = typer.Option(None, "--ref", help=N_('The document it rests on, e.g. "Số 66/KH-LMHTX".')),
    by: ByOption = None,
    to: Optional[str] = typer.Option(None, "--to", help=N_("postponed: the month the task moves to, YYYY-MM (e.g. 2024-09).")),
    year: YearOption = None,
    month: Optional[str] = typer.Option(None, "--month", "-m", callback=nonblank, help=N_("Select tasks of these months: 5, 1-5, 1,3.")),
    quarter: Optional[str] = typer.Option(None, "--quarter", "-q", callback=nonblank, help=N_("Select tasks of a quarter, 1-4 or I-IV.")),
    unit: Optional[str] = typer.Option(None, "--unit", "-u", callback=nonblank, help=N_("Select tasks of a unit: code, prefix or alias.")),
    grep: Optional[str] = typer.Option(None, "--grep", "-g", callback=nonblank, help=N_("Select tasks whose text holds this (case and accents ignored).")),
    yes: bool = typer.Option(False, "--yes", "-y", help=N_("Do not ask before changing tasks selected by filters; accept an --on more than a year ahead.")),
    dry_run: bool = typer.Option(False, "--dry-run", help=N_("Only show what would change.")),
    lang: LangOption = None,
) -> None:
    from lmhtx_cli.labels import check_lang, label
    from lmhtx_cli.render.progress import change_lines, mark_notices, marks_recorded
    from lmhtx_cli.workspace.tasks import MarkRequest, TaskFilters, propose_marks, record_marks

    lang = check_lang(lang)
    day, author = recorded_on_and_by(ctx.obj.root, on, by, yes)
    proposal = propose_marks(ctx.obj, year, MarkRequest(words, day, author, note_text, ref, to, yes), TaskFilters(month, quarter, unit, None, grep))
    mention_warnings(proposal.problems)
    emit(mark_notices(proposal, lang))
    if not proposal.marks:
        return
    preview = change_lines(proposal.marks, proposal.programme, terminal_width(), lang)
    if dry_run:
        emit(preview + label("dry_run", lang) + "\n")
        return
    if proposal.filtered and not yes:
        emit(preview)
        if not confirmed(label("confirm_marks", lang, count=len(proposal.marks))):
            raise typer.Abort()
    written, continuations = record_marks(ctx.obj, proposal)
    emit(("" if proposal.filtered else preview) + marks_recorded(len(proposal.marks), written, continuations, lang))


@app.command("unmark", help=N_("Take back a task's last recorded change (or its change dated --on); a postponement goes with the task it made."))
def unmark(
    ctx: typer.Context,
    task_id: str = typer.Argument(..., metavar="ID", help=N_("The task's id, e.g. 05-quy-2.")),
    on: Optional[str] = typer.Option(None, "--on", help=N_("Take back the change dated this day, dd/mm/yyyy or yyyy-mm-dd (default: the last change).")),
    year: YearOption = None,
    yes: bool = typer.Option(False, "--yes", "-y", help=N_("Do not ask before taking the change back.")),
    dry_run: bool = typer.Option(False, "--dry-run", help=N_("Only show what would change.")),
    lang: LangOption = None,
) -> None:
    from lmhtx_cli.dates import parse_day
    from lmhtx_cli.i18n import _
    from lmhtx_cli.labels import check_lang, label
    from lmhtx_cli.render.progress import unmark_lines, unmark_recorded
    from lmhtx_cli.workspace.tasks import propose_unmark, take_back

    lang = check_lang(lang)
    proposal = propose_unmark(ctx.obj, year, task_id, parse_day(on) if on else None)
    mention_warnings(proposal.problems)
    emit(unmark_lines(proposal.unmark, terminal_width(), lang))
    if dry_run:
        return emit(label("dry_run", lang) + "\n")
    if not yes and not confirmed(_("Take this change back?")):
        raise typer.Abort()
    emit(unmark_recorded(take_back(ctx.obj, proposal)))


@app.command("add", help=N_("Add a task to a month and unit; it gets the next free id of that month and unit."))
def add(
    ctx: typer.Context,
    text: str = typer.Argument(..., help=N_("The task, as the programme would word it.")),
    month: int = typer.Option(..., "--month", "-m", min=1, max=12, help=N_("Month 1-12.")),
    unit: str = typer.Option(..., "--unit", "-u", help=N_("The unit that carries it out: code, prefix or alias.")),
    year: YearOption = None,
    thread: Optional[str] = typer.Option(None, "--thread", help=N_("The initiative it belongs to (its code under threads: in plan.yaml).")),
    on: Optional[str] = typer.Option(None, "--on", help=N_("The day the task joined the programme, dd/mm/yyyy or yyyy-mm-dd (default: today); reports for an earlier day leave it out.")),
    lang: LangOption = None,
) -> None:
    from lmhtx_cli.labels import check_lang, label
    from lmhtx_cli.periods import format_date
    from lmhtx_cli.workspace.tasks import add_task_to

    lang = check_lang(lang)
    day = recorded_on(on)
    new_id, written = add_task_to(ctx.obj, year, month, unit, text, thread, day)
    emit(label("added", lang, id=new_id, file=written, day=format_date(day)) + "\n")


@app.command("diff", help=N_("What a plan edit changes, in the programme's terms, grouped by unit."))
def diff(
    ctx: typer.Context,
    revisions: list[str] = typer.Argument(None, metavar="[REV [REV2]]", help=N_("Git revisions to compare (default: HEAD against the working tree).")),
    format: DiffFormatOption = "text",
    lang: LangOption = None,
) -> None:
    from lmhtx_cli.labels import check_lang
    from lmhtx_cli.render.plan_diff import left_out_notes, plan_diff_output
    from lmhtx_cli.workspace.diffing import plan_changes

    lang = check_lang(lang)
    changes = plan_changes(ctx.obj.root, revisions or [])
    for line in left_out_notes(changes.problems, changes.conflicted):
        note(line)
    emit(plan_diff_output(changes, format, lang, terminal_width()))
    if changes.conflicted:
        raise typer.Exit(1)  # the comparison leaves files out: not the whole truth yet


@app.command("tag", help=N_("Tag tasks as steps of an initiative (thread:), so they can be followed across months."))
def tag(
    ctx: typer.Context,
    ids: list[str] = typer.Argument(..., metavar="ID...", help=N_("Tasks that are steps of the initiative.")),
    thread: str = typer.Option(..., "--thread", "-t", help=N_("The initiative, as defined under threads: in plan.yaml (code, prefix or alias).")),
    year: YearOption = None,
    lang: LangOption = None,
) -> None:
    from lmhtx_cli.labels import check_lang
    from lmhtx_cli.render.threads import tagged
    from lmhtx_cli.workspace.tasks import tag_with_thread

    check_lang(lang)
    tasks, code, written = tag_with_thread(ctx.obj, year, ids, thread)
    emit(tagged(tasks, code, written))


@app.command("threads", help=N_("Initiatives spread over months (thread: tags), with their progress."))
def threads(
    ctx: typer.Context,
    year: YearOption = None,
    as_of: AsOfOption = None,
    format: TextJsonOption = "text",
    lang: LangOption = None,
) -> None:
    from lmhtx_cli.dates import parse_day, today_by_clock
    from lmhtx_cli.labels import check_lang
    from lmhtx_cli.render.threads import threads_json, threads_text
    from lmhtx_cli.reports.threads import threads_of
    from lmhtx_cli.workspace.tasks import year_programme

    lang = check_lang(lang)
    chosen, programme = year_programme(ctx.obj, year)
    found = threads_of(programme, parse_day(as_of) if as_of else today_by_clock())
    emit(threads_json(found) if format == "json" else threads_text(found, chosen, terminal_width(), lang))


@app.command("thread", help=N_("One initiative as a timeline across months."))
def thread(
    ctx: typer.Context,
    name: str = typer.Argument(..., help=N_("The initiative: code, prefix or alias (e.g. rau, dai-hoi); `lmhtx plan threads` lists them.")),
    year: YearOption = None,
    as_of: AsOfOption = None,
    format: TextJsonOption = "text",
    lang: LangOption = None,
) -> None:
    from lmhtx_cli.dates import parse_day, today_by_clock
    from lmhtx_cli.labels import check_lang
    from lmhtx_cli.render.data import json_of
    from lmhtx_cli.render.threads import thread_record, thread_timeline
    from lmhtx_cli.reports.threads import threads_of
    from lmhtx_cli.workspace.tasks import initiative_named, year_programme

    lang = check_lang(lang)
    chosen, programme = year_programme(ctx.obj, year)
    found = initiative_named(threads_of(programme, parse_day(as_of) if as_of else today_by_clock()), name)
    emit(json_of(thread_record(found)) if format == "json" else thread_timeline(found, chosen, terminal_width(), lang, {u.code: u for u in programme.units}))


@app.command("new-year", help=N_("Draft next year's programme from the recurring tasks of another year, for the office to edit."))
def new_year(
    ctx: typer.Context,
    year: int = typer.Argument(..., help=N_("The year to draft, e.g. 2025.")),
    source: int = typer.Option(..., "--from", help=N_("The programme to carry recurring tasks over from, e.g. 2024.")),
    min_months: int = typer.Option(7, "--min-months", min=2, max=12, help=N_("A task recurs when it stands in at least this many months (2-12).")),
    force: bool = typer.Option(False, "--force", help=N_("Replace the files of a year that already has some.")),
    dry_run: bool = typer.Option(False, "--dry-run", help=N_("Only show what would be carried over.")),
    units: Optional[Path] = typer.Option(None, "--units", help=N_("A YAML file listing the new year's units (units: [{code, name, aliases}]) when they differ from the source year's.")),
    mapping: Optional[list[str]] = typer.Option(None, "--map", help=N_("OLD=NEW: carry the recurring tasks of the source year's unit OLD to the new unit NEW (a merged unit); repeat for each.")),
    lang: LangOption = None,
) -> None:
    from lmhtx_cli.labels import check_lang
    from lmhtx_cli.render.escape import shown_lines
    from lmhtx_cli.workspace.drafts import write_draft

    check_lang(lang)
    summary, written = write_draft(ctx.obj, year, source, min_months, force, dry_run, units, mapping)
    emit(shown_lines(summary) + (f"→ {written}\n" if written else ""))  # the tasks' texts, from the data
