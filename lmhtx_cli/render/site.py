"""The dashboard as a folder of static files: HTML pages, one style sheet and SVG charts.

Every page opens from disk (file://) with no server and no network: no script, no external
style, font or image; links are relative. Values reach the pages through Jinja2's sandbox with
autoescaping on, and the charts are SVG files drawn by the tool and loaded with <img> (render/chart.py). The
same dashboard gives the same bytes: nothing depends on the clock or the machine.
"""

from __future__ import annotations

import re

from lmhtx_cli.i18n import _
from lmhtx_cli.labels import label
from lmhtx_cli.periods import format_date, month_label
from lmhtx_cli.render.chart import completion_chart_svg
from lmhtx_cli.render.data import json_of
from lmhtx_cli.render.numbers import percent
from lmhtx_cli.render.provenance import provenance_comment, provenance_line
from lmhtx_cli.render.templates import render_template
from lmhtx_cli.reports.figures import Counts

SITE_MARKER = ".lmhtx-site"  # a folder holding it was written by `lmhtx site` and may be replaced


def site_labels() -> dict[str, str]:
    """The site's own words in the run's language (statuses and legends come from labels.py)."""
    return {
        "site_title": _("Work programme progress"),
        "overview": _("Overview"),
        "overdue": _("Overdue"),
        "units": _("Units"),
        "initiatives": _("Initiatives"),
        "members": _("Meetings and petitions"),
        "skip": _("Skip to the content"),
        "figures_to_date": _("Tasks due so far"),
        "figures_to_date_note": _("Tasks of the months begun by the as-of date (months 1 to {month})."),
        "figures_none_begun": _("The plan year has not begun on the as-of date."),
        "whole_year": _("Whole year"),
        "tasks": _("Tasks"),
        "done": _("Done"),
        "in_progress": _("In progress"),
        "overdue_count": _("Overdue"),
        "rate": _("Completion"),
        "done_on_time": label("col_done_on_time"),
        "done_late": label("col_done_late"),
        "open_in_time": label("col_open_in_time"),
        "open_overdue": label("col_open_overdue"),
        "rate_to_date": _("Completion so far"),
        "rate_year": _("Completion, whole year"),
        "chart_units": _("Completion so far by unit"),
        "chart_months": _("Completion by month"),
        "chart_initiatives": _("Completion by initiative"),
        "grid_title": _("Completion by month and unit"),
        "grid_note": _("Each cell: tasks done of the month's tasks, and the completion rate. Months not begun are greyed."),
        "month": _("Month"),
        "unit": _("Unit"),
        "no_tasks": _("No task."),
        "overdue_title": _("Overdue tasks"),
        "overdue_none": _("No task is overdue."),
        "overdue_more": _("See all {count} overdue tasks"),
        "tasks_by_month": _("Tasks by month"),
        "initiatives_title": _("Initiatives: projects and events spanning several months"),
        "initiatives_none": _("The plan defines no initiative."),
        "timeline": _("Timeline"),
        "steps": _("Steps"),
        "months": _("Months"),
        "meetings_title": _("Member meetings"),
        "meetings_none": _("No member meeting is planned for the year."),
        "petitions_title": _("Petitions not yet answered"),
        "petitions_none": _("No petition is waiting for an answer."),
        "no_members": _("This data folder has no members/ folder: no meetings or petitions to show."),
        "when": _("When"),
        "area": _("Area"),
        "lead": _("Lead unit"),
        "status": _("Status"),
        "member": _("Member"),
        "topic": _("Topic"),
        "petition": _("Petition"),
        "received": _("Received"),
        "forwarded_to": _("Forwarded to"),
        "answer_due": _("Answer due"),
        "answer_overdue": _("answer overdue"),
        "sample": _("sample"),
        "ref": _("Document"),
        "note": _("Note"),
        "by": _("By"),
        "footer": _("Written by lmhtx from the data files; figures as of {date}."),
        "legend": label("legend"),
        "chart_alt": _("Bar chart of the completion rates listed in the table below."),
        "table_scroll": _("Table (scrolls sideways)"),
        "not_begun": _("not begun"),
    }


def office_title(settings) -> str:
    """The office's name from its letter-head lines; nothing while they are the placeholder."""
    from lmhtx_cli.settings import Settings

    return "" if settings.agency == Settings().agency else " ".join(settings.agency)


def rate_class(counts: Counts | None) -> str:
    """A completion bucket for the colour of a cell: none (no task), na (all cancelled), 0-100."""
    if counts is None or counts.total == 0:
        return "r-none"
    rate = counts.rate
    if rate is None:
        return "r-na"
    for floor, name in ((1.0, "r-100"), (0.75, "r-75"), (0.5, "r-50"), (0.25, "r-25")):
        if rate >= floor:
            return name
    return "r-0"


def _slugs(codes: list[str]) -> dict[str, str]:
    """File names for unit and initiative pages: the code where it is plain, never a path."""
    taken: dict[str, str] = {}
    used: set[str] = set()
    for code in codes:
        slug = re.sub(r"[^a-z0-9_-]+", "-", code.lower()).strip("-") or "x"
        candidate, n = slug, 2
        while candidate in used:
            candidate, n = f"{slug}-{n}", n + 1
        used.add(candidate)
        taken[code] = candidate
    return taken


def _counts(counts: Counts | None, lang: str) -> dict:
    counts = counts or Counts()
    record = counts.as_dict()
    record["rate_text"] = percent(counts.rate, lang)
    record["class"] = rate_class(counts)
    return record


def _task(line, unit_names: dict[str, str], lang: str) -> dict:
    task, entry = line.task, line.entry
    return {
        "id": task.id,
        "month": month_label(task.month, task.year, lang),
        "unit": unit_names.get(task.unit, task.unit),
        "text": task.text,
        "status": line.status,
        "status_label": label(line.status, lang),
        "overdue": line.overdue,
        "date": format_date(entry.on) if entry is not None else "",
        "by": getattr(entry, "by", None) or "",
        "ref": getattr(entry, "ref", None) or "",
        "note": getattr(entry, "note", None) or "",
    }


def _by_month(lines, unit_names: dict[str, str], lang: str) -> list[dict]:
    months: dict[int, list[dict]] = {}
    year = None
    for line in lines:
        months.setdefault(line.task.month, []).append(_task(line, unit_names, lang))
        year = line.task.year
    return [{"label": month_label(month, year, lang), "tasks": tasks} for month, tasks in sorted(months.items())]


def _by_unit(lines, unit_order: list[str], unit_names: dict[str, str], slugs: dict[str, str], lang: str) -> list[dict]:
    groups: dict[str, list[dict]] = {}
    for line in lines:
        groups.setdefault(line.task.unit, []).append(_task(line, unit_names, lang))
    ordered = sorted(groups.items(), key=lambda item: unit_order.index(item[0]) if item[0] in unit_order else len(unit_order))
    return [{"code": code, "name": unit_names.get(code, code), "href": f"unit-{slugs.get(code, 'x')}.html", "tasks": tasks} for code, tasks in ordered]


def site_files(dashboard, office: str, lang: str, provenance: dict | None = None) -> dict[str, bytes]:
    """Every file of the site: relative path -> bytes; each page's footer says what it was computed
    from when `provenance` is given (render/provenance.py), and its end carries the tool's comment."""
    t = site_labels()
    programme = dashboard.programme
    year = programme.year
    unit_names = {u.code: u.label(lang) for u in programme.units} | {u.code: u.name for u in dashboard.units if u.code not in {p.code for p in programme.units}}
    unit_order = [u.code for u in dashboard.units]
    unit_slugs = _slugs(unit_order)
    thread_slugs = _slugs([thread.definition.code for thread in dashboard.threads])
    begun = dashboard.begun_months
    last_begun = begun[-1] if begun else 0

    units = [
        {
            "code": u.code,
            "name": unit_names.get(u.code, u.code),
            "href": f"unit-{unit_slugs[u.code]}.html",
            "to_date": _counts(u.to_date, lang),
            "year": _counts(u.year, lang),
            "overdue": len(u.overdue),
            "cells": [{"month": m, "counts": _counts(u.months.get(m), lang), "future": m not in begun, "empty": m not in u.months} for m in range(1, 13)],
        }
        for u in dashboard.units
    ]
    threads = []
    for thread in dashboard.threads:
        code = thread.definition.code
        threads.append(
            {
                "code": code,
                "name": thread.definition.label(lang),
                "href": f"initiative-{thread_slugs[code]}.html",
                "counts": _counts(thread.counts, lang),
                "months": ", ".join(str(m) for m in thread.months),
                "units": [unit_names.get(c, c) for c in thread.units],
                "timeline": _by_month(thread.steps, unit_names, lang),
            }
        )
    common = {
        "t": t,
        "lang": lang,
        "office": office,
        "year": year,
        "title": programme.title or "",
        "as_of_text": label("as_of", lang, date=format_date(dashboard.as_of)),
        "footer": t["footer"].format(date=format_date(dashboard.as_of)) + (" " + provenance_line(provenance) if provenance else ""),
        "nav_units": [{"name": u["name"], "href": u["href"]} for u in units],
    }

    def page(template: str, current: str, page_title: str, **values) -> bytes:
        context = common | {"current": current, "page_title": page_title} | values
        return _bytes(render_template(template, context, None, packaged="site", html=True) + (f"\n{provenance_comment(provenance)}" if provenance else ""))

    files: dict[str, bytes] = {SITE_MARKER: b"Written by lmhtx site; the folder is replaced as a whole when the site is built again.\n"}
    files["style.css"] = _bytes(render_template("style.css.j2", {}, None, packaged="site"))
    files["charts/units.svg"] = _svg([(u["name"], u_pic.to_date.rate) for u, u_pic in zip(units, dashboard.units)], lang)
    overdue_groups = _by_unit(dashboard.overdue, unit_order, unit_names, unit_slugs, lang)
    files["index.html"] = page(
        "index.html.j2",
        "index",
        t["overview"],
        units=units,
        total_to_date=_counts(dashboard.to_date, lang),
        total_year=_counts(dashboard.year, lang),
        begun=bool(begun),
        to_date_note=t["figures_to_date_note"].format(month=last_begun),
        overdue_count=len(dashboard.overdue),
        overdue_more=t["overdue_more"].format(count=len(dashboard.overdue)),
        threads=threads,
        months=list(range(1, 13)),
    )
    files["overdue.html"] = page("overdue.html.j2", "overdue", t["overdue_title"], groups=overdue_groups, overdue_count=len(dashboard.overdue))
    for u, picture in zip(units, dashboard.units):
        chart = f"charts/unit-{unit_slugs[u['code']]}.svg"
        files[chart] = _svg([(month_label(m, year, lang), (picture.months.get(m) or Counts()).rate if m in dashboard.begun_months else None) for m in range(1, 13)], lang)
        files[u["href"]] = page("unit.html.j2", "units", u["name"], unit=u, chart=chart, months=_by_month(picture.lines, unit_names, lang), overdue=[_task(line, unit_names, lang) for line in picture.overdue])
    if threads:
        files["charts/initiatives.svg"] = _svg([(th["name"], thread.counts.rate) for th, thread in zip(threads, dashboard.threads)], lang)
    files["initiatives.html"] = page("initiatives.html.j2", "initiatives", t["initiatives"], threads=threads)
    for thread in threads:
        files[thread["href"]] = page("initiative.html.j2", "initiatives", thread["name"], thread=thread)
    files["members.html"] = page("members.html.j2", "members", t["members"], **_members(dashboard, unit_names, lang))
    files["data.json"] = _bytes(json_of(site_figures(dashboard, lang)))
    return files


def site_figures(dashboard, lang: str) -> dict:
    """The figures the pages show, for machines (data.json): `so_far` (the months begun on the
    as-of date) and `year`, each in the shape of `lmhtx report --format json` (units[].code,
    units[].counts, total), computed by the same function as the reports."""
    from lmhtx_cli.render.report_data import figures_data

    return {"as_of": dashboard.as_of.isoformat(), "so_far": figures_data(dashboard.to_date_report, lang), "year": figures_data(dashboard.year_report, lang)}


def _members(dashboard, unit_names: dict[str, str], lang: str) -> dict:
    from lmhtx_cli.members.timeline import petition_due_on, petition_status_on
    from lmhtx_cli.render.members import area_name, when_text

    data = dashboard.members
    if data is None:
        return {"has_members": False, "meetings": [], "petitions": []}
    meetings = [
        {
            "id": line.meeting.id,
            "when": when_text(line.meeting, line.year, lang, dashboard.as_of),
            "area": area_name(data, line.meeting.area, lang),
            "lead": unit_names.get(line.meeting.lead_unit, line.meeting.lead_unit),
            "status": line.status,
            "status_label": label(f"meeting_{line.status}", lang) if f"meeting_{line.status}" in _meeting_statuses() else line.status,
            "themes": ", ".join(line.meeting.themes),
            "sample": line.meeting.sample,
        }
        for line in dashboard.meetings
    ]
    petitions = []
    for located in dashboard.open_petitions:
        petition = located.record
        member = data.member(petition.member)
        due = petition_due_on(petition, dashboard.as_of)
        petitions.append(
            {
                "id": petition.id,
                "member": member.name if member else petition.member,
                "topic": petition.topic,
                "text": petition.text,
                "unit": unit_names.get(petition.unit, petition.unit or ""),
                "received": format_date(petition.received),
                "forwarded_to": petition.forwarded_to or "",
                "due": format_date(due) if due else "",
                "overdue": petition.id in dashboard.overdue_petitions,
                "status_label": label(f"petition_{petition_status_on(petition, dashboard.as_of) or 'received'}", lang),
                "sample": petition.sample,
            }
        )
    return {"has_members": True, "meetings": meetings, "petitions": petitions}


def _meeting_statuses() -> set[str]:
    from lmhtx_cli.labels import LABELS

    return {key for key in LABELS if key.startswith("meeting_")}


def _svg(rows: list[tuple[str, float | None]], lang: str) -> bytes:
    """A completion chart; a row without a rate (a month not begun, nothing to count) says so."""
    return _bytes(completion_chart_svg(rows, None, lang, not_begun=_("not begun"))) if rows else _bytes('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>')


def _bytes(text: str) -> bytes:
    return (text.rstrip("\n") + "\n").encode("utf-8")


def site_written(year: int, folder) -> str:
    """What `lmhtx site` says when it is done: where the dashboard is and which page to open."""
    return _("Wrote the dashboard of {year} to {folder}; open {index} in a browser.").format(year=year, folder=folder, index=folder / "index.html") + "\n"


def dashboard_files(sources, as_of, lang: str) -> dict[str, bytes]:
    """The site of workspace/site_sources.SiteSources as on `as_of`: the dashboard's figures
    (reports/dashboard.py), then every file."""
    from lmhtx_cli.reports.dashboard import build_dashboard

    made_from = {**sources.provenance, "as_of": as_of.isoformat(), "lang": lang} if getattr(sources, "provenance", None) else None
    return site_files(build_dashboard(sources.programme, as_of, sources.members), office_title(sources.settings), lang, made_from)
