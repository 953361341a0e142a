"""A report as plain data: the one structure behind the JSON, the Markdown templates and the terminal."""

from __future__ import annotations

from lmhtx_cli.labels import label
from lmhtx_cli.periods import format_date, format_month_ref
from lmhtx_cli.plan.due import due_date
from lmhtx_cli.render.numbers import percent
from lmhtx_cli.reports.figures import Counts, Report, TaskLine
from lmhtx_cli.text import money

COUNT_KEYS = ("total", "done", "in_progress", "not_started", "postponed", "cancelled", "overdue", "carried_over")
STANDING_KEYS = ("done_on_time", "done_late", "open_in_time", "open_overdue")  # the four ways against deadlines (plan/due.py)


def line_record(line: TaskLine, lang: str) -> dict:
    task, entry = line.task, line.entry
    record = {
        "id": task.id,
        "month": task.month,
        "year": task.year,
        "unit": task.unit,
        "text": task.text,
        "status": line.status,
        "status_label": label(line.status, lang),
        "overdue": line.overdue,
        "carried_over": line.carried_over,
        "continues": task.continues,
        "date": entry.on.isoformat() if entry is not None else None,
        "date_text": format_date(entry.on) if entry is not None else "",
        "note": getattr(entry, "note", None),
        "ref": getattr(entry, "ref", None),
        "to": getattr(entry, "to", None),
        "to_text": format_month_ref(entry.to) if getattr(entry, "to", None) else "",
        "due": due_date(task).isoformat(),
        "standing": line.standing,
        "continued_as": line.continued_as,
        "by": getattr(entry, "by", None),
    }
    return record


def counts_record(counts: Counts, lang: str) -> dict:
    record = counts.as_dict()
    record["rate_text"] = percent(counts.rate, lang)
    return record


def _unit_name(programme, code: str, lang: str) -> str:
    return programme.unit(code).label(lang) if code in {u.code for u in programme.units} else code


def figures_data(report: Report, lang: str = "vi") -> dict:
    """A report's figures alone, in the shape of its JSON: the period, units[].code, .name,
    .counts and total (the dashboard's data.json)."""
    return {
        "period": report.period.label(lang),
        "months": report.period.months,
        "as_of": report.as_of.isoformat(),
        "units": [{"code": unit.code, "name": _unit_name(report.programme, unit.code, lang), "counts": counts_record(unit.counts, lang)} for unit in report.units],
        "total": counts_record(report.total, lang),
    }


def upcoming_record(line: TaskLine, lang: str) -> dict:
    """A task of the next period: still to do; its status is shown when it is not planned."""
    task = line.task
    return {"id": task.id, "unit": task.unit, "month": task.month, "year": task.year, "text": task.text, "status": line.status, "status_label": label(line.status, lang) if line.status != "planned" else "", "due": due_date(task).isoformat()}


def report_data(report: Report, lang: str = "vi", window: tuple | None = None) -> dict:
    programme = report.programme
    units = []
    for unit in report.units:
        name = _unit_name(programme, unit.code, lang)
        lines = [line_record(line, lang) for line in unit.lines]
        units.append(
            {
                "code": unit.code,
                "name": name,
                "counts": counts_record(unit.counts, lang),
                "tasks": lines,
                "shortfalls": [r for r in lines if r["overdue"] or r["status"] in ("postponed", "cancelled")],
            }
        )
    grid = []
    if report.period.multi_month:
        for unit in report.units:
            cells = []
            for month in report.period.months:
                counts = report.grid.get((month, unit.code))
                cells.append(None if counts is None else {"month": month, "rate": counts.rate, "rate_text": percent(counts.rate, lang), "total": counts.total, "done": counts.done})
            grid.append({"code": unit.code, "name": units[[u["code"] for u in units].index(unit.code)]["name"], "cells": cells})
    upcoming_units: dict[str, list[dict]] = {}
    for line in report.upcoming:
        upcoming_units.setdefault(line.task.unit, []).append(upcoming_record(line, lang))
    order = [u.code for u in programme.units]
    upcoming = [{"code": code, "name": programme.unit(code).label(lang), "tasks": tasks} for code, tasks in sorted(upcoming_units.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order))]
    return {
        "kind": report.period.kind,
        "year": report.period.year,
        "months": report.period.months,
        "period": report.period.label(lang),
        "as_of": report.as_of.isoformat(),
        "as_of_text": format_date(report.as_of),
        "data_window": None if window is None else {"from": window[0].isoformat(), "to": window[1].isoformat()},
        "data_window_text": "" if window is None else label("data_window", lang, start=format_date(window[0]), end=format_date(window[1])),
        "title": programme.title,
        "units": units,
        "total": counts_record(report.total, lang),
        "grid": grid,
        "upcoming_period": report.upcoming_period.label(lang) if report.upcoming_period else None,
        "upcoming": upcoming,
        "lang": lang,
    }


def digest_data(digest, lang: str = "vi") -> dict:
    from lmhtx_cli.periods import month_label

    programme = digest.programme
    order = [u.code for u in programme.units] if programme else []

    def name(code: str) -> str:
        return programme.unit(code).label(lang) if programme else code

    def grouped(records: list[dict]) -> list[dict]:
        groups: dict[str, list[dict]] = {}
        for record in records:
            groups.setdefault(record["unit"], []).append(record)
        ranked = sorted(groups.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order))
        return [{"code": code, "name": name(code), "tasks": tasks} for code, tasks in ranked]

    upcoming = [upcoming_record(line, lang) for line in digest.upcoming]
    totals = []
    for code, counts in digest.totals:
        record = counts_record(counts, lang)
        record.update({"code": code, "name": name(code)})
        totals.append(record)
    return {
        "year": digest.year,
        "month": digest.month,
        "period": month_label(digest.month, digest.year, lang),
        "as_of": digest.as_of.isoformat(),
        "as_of_text": format_date(digest.as_of),
        "has_plan": programme is not None,
        "title": programme.title if programme else None,
        "due": grouped([line_record(line, lang) for line in digest.due]),
        "overdue": grouped([line_record(line, lang) for line in digest.overdue]),
        "next_period": month_label(digest.next_month[1], digest.next_month[0], lang),
        "upcoming": grouped(upcoming),
        "totals": totals,
        "total": counts_record(digest.total, lang),
        "lang": lang,
    }


def member_section(data, summary, lang: str = "vi") -> dict:
    """The member part of a report or digest, as plain data for templates and JSON: every status
    and amount as it stood on the summary's as-of date, the same date as the tasks'."""
    from lmhtx_cli.members.timeline import meeting_entry_on, meeting_status_on, petition_due_on, petition_status_on
    from lmhtx_cli.render.members import area_name, when_text

    as_of = summary.as_of
    meetings = []
    for located in summary.meetings:
        meeting = located.record
        status = meeting_status_on(meeting, as_of)
        entry = meeting_entry_on(meeting, as_of)
        meetings.append(
            {
                "id": meeting.id,
                "when": when_text(meeting, located.year, lang, as_of),
                "area": area_name(data, meeting.area, lang),
                "status": status,
                "status_label": label(f"meeting_{status}", lang),
                "sample": meeting.sample,
                "status_date": entry.on.isoformat() if entry is not None else None,
            }
        )
    petitions = []
    overdue_ids = {p.record.id for p in summary.overdue_petitions}
    for located in summary.open_petitions:
        petition = located.record
        member = data.member(petition.member)
        status = petition_status_on(petition, as_of) or "received"
        forwarded = petition.forwarded is not None and petition.forwarded <= as_of
        due = petition_due_on(petition, as_of)
        petitions.append(
            {
                "id": petition.id,
                "member": member.name if member else petition.member,
                "topic": petition.topic,
                "text": petition.text,
                "status": status,
                "status_label": label(f"petition_{status}", lang),
                "unit": petition.unit,
                "forwarded_to": petition.forwarded_to if forwarded else None,
                "due_text": format_date(due) if due else "",
                "overdue": petition.id in overdue_ids,
                "sample": petition.sample,
            }
        )
    fees = None
    if summary.fees is not None:
        fees = {
            "year": summary.fees.year,
            "due": summary.fees.due,
            "paid": summary.fees.paid,
            "rate": summary.fees.rate,
            "rate_text": percent(summary.fees.rate, lang),
            "line": label("fee_rate_line", lang, year=summary.fees.year, paid=money(summary.fees.paid), due=money(summary.fees.due), rate=percent(summary.fees.rate, lang)),
        }
    held = sum(1 for m in meetings if m["status"] == "done")
    answered = [{"id": p.record.id, "date": (p.record.answered or p.record.resolved).isoformat()} for p in summary.answered_petitions]
    return {"meetings": meetings, "meetings_held": held, "open_petitions": petitions, "overdue_count": len(overdue_ids), "answered_petitions": answered, "fees": fees, "as_of": as_of.isoformat()}


def report_document(sources, lang: str = "vi") -> dict:
    """A report as plain data, figures computed from workspace/reporting.ReportSources, with its
    member part."""
    from lmhtx_cli.reports.figures import build_report

    data = report_data(build_report(sources.programme, sources.period, sources.day, sources.unit, sources.next_programme, sources.earlier, sources.load_year), lang, sources.window)
    data["members"] = member_section(sources.members.data, sources.members.summary, lang) if sources.members else None
    data["provenance"] = {**sources.provenance, "lang": lang} if sources.provenance else None
    return data


def digest_document(sources, lang: str = "vi") -> dict:
    """The digest as plain data, figures computed from workspace/reporting.DigestSources, with its
    member part."""
    from lmhtx_cli.reports.figures import build_digest

    data = digest_data(build_digest(sources.year, sources.month, sources.day, sources.programmes), lang)
    data["members"] = member_section(sources.members.data, sources.members.summary, lang) if sources.members else None
    data["provenance"] = {**sources.provenance, "lang": lang} if sources.provenance else None
    return data
