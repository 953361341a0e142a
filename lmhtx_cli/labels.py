"""Words users read in reports, lists and tables: each label's key and its English text.

The Vietnamese of each label is in the gettext catalog `locale/vi/labels.po` (context: the key);
`label(key)` gives it in the language asked for (Vietnamese by default).
"""

from __future__ import annotations

from lmhtx_cli.errors import UserError
from lmhtx_cli.i18n import LANGS, catalog, language

LABELS = {
    "planned": "planned",
    "in_progress": "in progress",
    "done": "done",
    "postponed": "postponed",
    "cancelled": "cancelled",
    "tasks": "tasks",
    "no_tasks": "No task matches the filters.",
    "programme": "Work programme {year}",
    "latest_year": "No programme for {wanted}; showing {year}, the latest year with a programme.",
    "id": "ID",
    "year": "Year",
    "month": "Month",
    "unit": "Unit",
    "status": "Status",
    "text": "Task",
    "thread": "Initiative",
    "history": "History",
    "source": "File",
    "code": "Code",
    "name": "Unit name",
    "aliases": "Aliases",
    "filters": "Filters",
    "quarter": "Quarter",
    "grep": "Search",
    "total": "Total",
    "report_title": "WORK PROGRAMME PROGRESS REPORT",
    "as_of": "Figures as of {date}.",
    "summary": "Summary",
    "by_month": "Completion by month",
    "results": "Results",
    "shortfalls": "Shortfalls and delays",
    "upcoming_month": "Next month's tasks",
    "upcoming_other": "Tasks for {period}",
    "col_unit": "Unit",
    "col_total": "Tasks",
    "col_done": "Done",
    "col_in_progress": "In progress",
    "col_not_started": "Not started",
    "col_postponed": "Postponed",
    "col_cancelled": "Cancelled",
    "col_overdue": "Overdue",
    "col_carried_over": "Carried over",
    "col_rate": "Completion",
    "not_started": "not started",
    "overdue": "overdue",
    "carried_over": "carried over",
    "postponed_to": "postponed to {to}",
    "none": "None.",
    "legend": "How it is counted: a task's status is its status on the report date; overdue means past its deadline and neither done, postponed nor cancelled; carried over means postponed into the period from before it; completion = done / (tasks − cancelled).",
    "digest_title": "WORK PROGRAMME DIGEST",
    "digest_due": "Due this month",
    "digest_overdue": "Overdue from earlier months",
    "digest_next": "Next month ({period})",
    "digest_totals": "Totals by unit",
    "digest_no_plan": "There is no work programme for {year} yet.",
    "digest_total_line": "{name}: {total} tasks, {done} done, {in_progress} in progress, {overdue} overdue ({rate})",
    "threads_title": "Initiatives (projects and events spanning several months)",
    "thread_steps": "steps",
    "kind_htx": "Cooperative",
    "kind_lien-hiep-htx": "Union of cooperatives",
    "kind_doanh-nghiep": "Enterprise",
    "kind_to-hop-tac": "Cooperative group",
    "format_chuyen-de": "thematic conference",
    "format_toa-dam": "round table",
    "format_chinh-sach": "policy briefing",
    "format_dia-ban": "area meeting",
    "theme_dat-dai": "land",
    "theme_thue": "tax",
    "theme_von": "capital",
    "theme_thi-truong": "markets",
    "theme_khcn": "science and technology",
    "theme_dao-tao": "training",
    "theme_tham-quan": "model visits",
    "meeting_planned": "planned",
    "meeting_done": "held",
    "meeting_postponed": "postponed",
    "meeting_cancelled": "cancelled",
    "petition_received": "received",
    "petition_forwarded": "forwarded",
    "petition_answered": "answered",
    "petition_resolved": "resolved",
    "fee_paid": "paid",
    "fee_partial": "partly paid",
    "fee_unpaid": "unpaid",
    "fee_none": "not billed",
    "sample": "sample",
    "city": "whole city",
    "undecided": "to be decided",
    "members_title": "Member units",
    "meetings_title": "Member meetings {year}",
    "petitions_title": "Member petitions",
    "fees_title": "Membership fees {year}",
    "col_member": "Member",
    "col_kind": "Kind",
    "col_area": "Area",
    "col_clubs": "Clubs",
    "col_fee": "Fee",
    "col_when": "When",
    "col_format": "Format",
    "col_themes": "Themes",
    "col_lead": "Lead",
    "col_status": "Status",
    "col_topic": "Topic",
    "col_to": "Forwarded to",
    "col_due": "Answer due",
    "col_due_amount": "Due",
    "col_paid": "Paid",
    "collection": "Collected",
    "not_billed": "Active members without a fee line for {year}",
    "member_section": "Members",
    "meetings_in_period": "Member meetings in the period",
    "open_petitions": "Petitions not yet answered",
    "overdue_petitions": "answer overdue",
    "fee_rate_line": "Fees {year}: collected {paid} of {due} đồng ({rate})",
    "petition_added": "Recorded petition {id} in {file}.",
    "meeting_marked": "Recorded {id}: {status} ({file}).",
    "petition_marked": "Recorded {id}: {status} ({file}).",
    "count_members": "{count} members",
    "dry_run": "(dry run: nothing written)",
    "confirm_marks": "Record {count} change(s)?",
    "recorded": "Recorded {count} task(s) in {files}.",
    "continued": "{old} continues as {new}.",
    "added": "Added task {id} to {file}; it counts in reports from {day} (--on).",
    "continues": "Continues",
    "added_on": "Added on",
    "continued_as": "Continued as",
    "diff_heading": "Plan changes: {before} → {after}",
    "diff_worktree": "working tree",
    "diff_none": "No changes.",
    "diff_added": "added to {when}: {text}",
    "diff_removed": "removed from {when}: {text}",
    "diff_moved": "moved from {before} to {after}",
    "diff_reworded": "re-worded: «{before}» → «{after}»",
    "diff_status": "status: {before} → {after}",
    "diff_change": "Change",
    "diff_kind_added": "added",
    "diff_kind_removed": "removed",
    "diff_kind_moved": "moved",
    "diff_kind_reworded": "re-worded",
    "diff_kind_status": "progress",
    "col_joined": "Joined",
    "member_inactive": "No longer active",
    "inactive_mark": "(inactive)",
    "col_attended": "Attended",
    "col_note": "Note",
    "col_invited": "Invited",
    "col_attending": "Members attending",
    "col_minutes": "Minutes",
    "ics_calendar": "LMHTX member meetings",
    "ics_meeting": "Member meeting: {where}",
    "ics_unscheduled": "Member meeting, {quarter} (not yet scheduled): {where}",
    "short_total": "All",
    "short_done": "Done",
    "short_in_progress": "Doing",
    "short_not_started": "New",
    "short_postponed": "Post",
    "short_cancelled": "Canc",
    "short_overdue": "Late",
    "short_carried_over": "Carr",
    "short_rate": "Rate",
    "short_legend": "All tasks · Done · Doing in progress · New not started · Post postponed · Canc cancelled · Late overdue · Carr carried over",
    "short_month": "M{month}",
    "docx_report": "REPORT",
    "docx_report_subject": "Work programme results, {period}",
    "docx_digest": "DIGEST",
    "docx_recipients": "Recipients:",
    "due": "Due",
    "due_on": "due {date}",
    "by_deadline": "Against deadlines",
    "col_done_on_time": "Done on time",
    "col_done_late": "Done late",
    "col_open_in_time": "Open within deadline",
    "col_open_overdue": "Open past deadline",
    "data_window": "Figures from {start} to {end}.",
    "digest_standing_line": "of the month's tasks: {done_on_time} done on time, {done_late} done late, {open_in_time} open within the deadline, {open_overdue} open past it",
    "legend_deadline": "A task is due on the last day of its month unless the programme gives a date (due); done on time: done on or before it; done late: done after it; open within the deadline: planned or in progress and not yet past it; open past it: planned or in progress after it. Postponed and cancelled tasks are not among the four.",
}


def check_lang(lang: str | None) -> str:
    """The language asked for with --lang (None: $LMHTX_LANG, else vi), made the run's language."""
    from lmhtx_cli.i18n import _, set_language

    if lang is None:
        return language()
    if lang not in LANGS:
        raise UserError(_('unknown language "{lang}": use vi or en').format(lang=lang))
    set_language(lang)
    return lang


def _text(key: str, lang: str | None) -> str:
    english = LABELS[key]
    if (lang or language()) == "en":
        return english
    return catalog().get((key, english)) or english


def label(key: str, lang: str | None = None, **values: object) -> str:
    """The label `key` in `lang` (default: the language of the run), with `values` filled in."""
    text = _text(key, lang)
    return text.format(**values) if values else text


def labels_for(lang: str | None = None) -> dict[str, str]:
    """Every label in `lang`, for templates (`t.key`)."""
    return {key: _text(key, lang) for key in LABELS}
