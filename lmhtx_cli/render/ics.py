"""Member meetings as iCalendar (RFC 5545) for phones and Outlook.

A dated meeting is an all-day event. A meeting planned only for a quarter is an all-day,
"free" event spanning the quarter, titled as not yet scheduled, so it shows without blocking
anyone's diary. Output is the same bytes for the same data (no clock in it).
"""

from __future__ import annotations

import datetime as dt

from lmhtx_cli.labels import label
from lmhtx_cli.members.data import Located, MemberData
from lmhtx_cli.members.timeline import meeting_date_on, meeting_status
from lmhtx_cli.periods import quarter_label, quarter_months
from lmhtx_cli.render.escape import ics_lines, ics_text
from lmhtx_cli.render.members import area_name, format_name, theme_name, unit_name

_STATUS = {"planned": "TENTATIVE", "done": "CONFIRMED", "postponed": "TENTATIVE", "cancelled": "CANCELLED"}


def _day(value: dt.date) -> str:
    return value.strftime("%Y%m%d")


def meetings_calendar(data: MemberData, meetings: list[Located], lang: str = "vi", units: dict | None = None, office: str = "lmhtx") -> tuple[str, list[str]]:
    """The calendar, in words a person reads (the lead unit by name, status, format and themes
    in `lang`), and the ids of the meetings left out for having neither a date nor a quarter.
    Each event's UID names the office (`2025-q1@lien-minh-hop-tac-xa-tinh-x.lmhtx`), so two
    offices' meetings of the same id are two events in a calendar that holds both."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//lmhtx//lmhtx//VI", "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:" + ics_text(label("ics_calendar", lang))]
    skipped = []
    for located in meetings:
        meeting = located.record
        year = located.year
        where = area_name(data, meeting.area, lang)
        status = meeting_status(meeting)
        date = meeting_date_on(meeting)
        if date is not None:
            start, end = date, date + dt.timedelta(days=1)
            summary = label("ics_meeting", lang, where=where)
            transparent = False
        elif meeting.quarter is not None:
            months = quarter_months(meeting.quarter)
            start = dt.date(year, months[0], 1)
            end = dt.date(year + 1, 1, 1) if months[-1] == 12 else dt.date(year, months[-1] + 1, 1)
            summary = label("ics_unscheduled", lang, quarter=quarter_label(meeting.quarter, year, lang), where=where)
            transparent = True
        else:
            skipped.append(meeting.id)
            continue
        details = [f"{label('col_lead', lang)}: {unit_name(meeting.lead_unit, units, lang)}", f"{label('col_status', lang)}: {label('meeting_' + status, lang)}"]
        if meeting.format:
            details.append(f"{label('col_format', lang)}: {format_name(meeting.format, lang)}")
        if meeting.themes:
            details.append(f"{label('col_themes', lang)}: " + ", ".join(theme_name(t, lang) for t in meeting.themes))
        if meeting.note:
            details.append(meeting.note)
        event = [
            "BEGIN:VEVENT",
            f"UID:{ics_text(meeting.id)}@{office}.lmhtx",
            f"DTSTAMP:{_day(start)}T000000Z",
            f"DTSTART;VALUE=DATE:{_day(start)}",
            f"DTEND;VALUE=DATE:{_day(end)}",
            f"SUMMARY:{ics_text(summary)}",
            f"DESCRIPTION:{ics_text(chr(10).join(details))}",
            f"STATUS:{_STATUS[status]}",
            f"TRANSP:{'TRANSPARENT' if transparent else 'OPAQUE'}",
        ]
        if meeting.area and meeting.area != "city":
            event.append(f"LOCATION:{ics_text(where)}")
        event.append("END:VEVENT")
        lines.extend(event)
    lines.append("END:VCALENDAR")
    return ics_lines(lines), skipped  # every text value through render/escape.ics_text, folded, CRLF


def skipped_note(skipped: list[str]) -> str:
    """The meetings a calendar cannot hold, for stderr."""
    from lmhtx_cli.i18n import _

    return _("lmhtx: {count} meeting(s) with neither a date nor a quarter are not in the calendar: {ids}").format(count=len(skipped), ids=", ".join(skipped))
