"""Member meetings as iCalendar (RFC 5545) for phones and Outlook.

A dated meeting is an all-day event. A meeting planned only for a quarter is an all-day,
"free" event spanning the quarter, titled as not yet scheduled, so it shows without blocking
anyone's diary. Output is the same bytes for the same data (no clock in it).
"""

from __future__ import annotations

import datetime as dt

from lmhtx_cli.members.data import Located, MemberData
from lmhtx_cli.periods import ROMAN_OF, quarter_months
from lmhtx_cli.render.members import area_name

_STATUS = {"planned": "TENTATIVE", "done": "CONFIRMED", "postponed": "TENTATIVE", "cancelled": "CANCELLED"}


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """Lines longer than 75 octets continue on the next line after one space."""
    out, current = [], ""
    for ch in line:
        if len((current + ch).encode("utf-8")) > 75:
            out.append(current)
            current = " " + ch
        else:
            current += ch
    out.append(current)
    return out


def _day(value: dt.date) -> str:
    return value.strftime("%Y%m%d")


def meetings_calendar(data: MemberData, meetings: list[Located]) -> tuple[str, list[str]]:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//LMHTX Hai Phong//lmhtx//VI", "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:Sinh hoạt thành viên LMHTX"]
    skipped = []
    for located in meetings:
        meeting = located.record
        year = located.year
        where = area_name(data, meeting.area, "vi")
        if meeting.date is not None:
            start, end = meeting.date, meeting.date + dt.timedelta(days=1)
            summary = f"Sinh hoạt thành viên: {where}"
            transparent = False
        elif meeting.quarter is not None:
            months = quarter_months(meeting.quarter)
            start = dt.date(year, months[0], 1)
            end = dt.date(year + 1, 1, 1) if months[-1] == 12 else dt.date(year, months[-1] + 1, 1)
            summary = f"Sinh hoạt thành viên Quý {ROMAN_OF[meeting.quarter]}/{year} (chưa xếp lịch): {where}"
            transparent = True
        else:
            skipped.append(meeting.id)
            continue
        details = [f"Chủ trì: {meeting.lead_unit}", f"Trạng thái: {meeting.status}"]
        if meeting.format:
            details.append(f"Hình thức: {meeting.format}")
        if meeting.themes:
            details.append("Chủ đề: " + ", ".join(meeting.themes))
        if meeting.note:
            details.append(meeting.note)
        event = [
            "BEGIN:VEVENT",
            f"UID:{meeting.id}@lmhtx",
            f"DTSTAMP:{_day(start)}T000000Z",
            f"DTSTART;VALUE=DATE:{_day(start)}",
            f"DTEND;VALUE=DATE:{_day(end)}",
            f"SUMMARY:{_escape(summary)}",
            f"DESCRIPTION:{_escape(chr(10).join(details))}",
            f"STATUS:{_STATUS[meeting.status]}",
            f"TRANSP:{'TRANSPARENT' if transparent else 'OPAQUE'}",
        ]
        if meeting.area and meeting.area != "city":
            event.append(f"LOCATION:{_escape(where)}")
        event.append("END:VEVENT")
        lines.extend(event)
    lines.append("END:VCALENDAR")
    folded = [piece for line in lines for piece in _fold(line)]
    return "\r\n".join(folded) + "\r\n", skipped
