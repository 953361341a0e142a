"""Meetings, petitions and fee payments on a date, from their dated records: the one place every
report, list and rule asks.

- A meeting's status on a date is its last history entry on or before it (planned before any);
  its date, the last date an entry by then set, else the date it was planned for.
- A petition's due date likewise: the last one an entry by then set, else the one it came with.
- A petition's steps are dated (received, forwarded, answered, resolved): on a date it stands at
  the last step reached by then, and before it was received it does not exist.
- A fee line's payments are dated (`payments: [{on, amount}]`); what was paid on a date is the sum
  of the payments made by then. A line written the older way (`paid` and `date`) is one payment
  on that date; an amount paid with no date at all counts on every date (validate warns).

The stored `status` of meetings and petitions, and a fee line's `paid`, are kept for people
reading the files; validate checks them against what these functions say.
"""

from __future__ import annotations

import datetime as dt

from lmhtx_cli.dates import entry_on
from lmhtx_cli.members.vocab import PETITION_STAGES

EVER = dt.date.max
OPEN_STAGES = ("received", "forwarded")


# -- dates set by later changes -----------------------------------------------------------
def set_on(record, key: str, day: dt.date = EVER):
    """A date that changes recorded later may set (a meeting's `date`, a petition's `due`) as it
    stood on `day`: the last history entry by then that sets it, else the record's own value,
    as planned or as received. A mark writes the new date in its entry, never over the record's
    own, so a report for an earlier day reads the date that stood then."""
    value = getattr(record, key)
    for entry in sorted(getattr(record, "history", None) or [], key=lambda e: e.on):
        if entry.on > day:
            break
        if getattr(entry, key, None) is not None:
            value = getattr(entry, key)
    return value


def meeting_date_on(meeting, day: dt.date = EVER) -> dt.date | None:
    return set_on(meeting, "date", day)


def petition_due_on(petition, day: dt.date = EVER) -> dt.date | None:
    return set_on(petition, "due", day)


# -- meetings -----------------------------------------------------------------------------
def meeting_entry_on(meeting, day: dt.date):
    return entry_on(meeting.history, day)


def meeting_status_on(meeting, day: dt.date) -> str:
    entry = meeting_entry_on(meeting, day)
    return entry.status if entry is not None else "planned"


def meeting_status(meeting) -> str:
    """What the whole history says: what the stored status must say."""
    return meeting_status_on(meeting, EVER)


# -- petitions ----------------------------------------------------------------------------
def petition_status_on(petition, day: dt.date) -> str | None:
    """The last step reached by `day`; None before the petition was received."""
    if petition.received > day:
        return None
    reached = "received"
    for stage in PETITION_STAGES[1:]:
        when = getattr(petition, stage)
        if when is not None and when <= day:
            reached = stage
    return reached


def petition_status(petition) -> str:
    """The last step the petition's dates reach: what the stored status must say."""
    return petition_status_on(petition, EVER) or "received"


def is_open_on(petition, day: dt.date) -> bool:
    """Received by `day` and not yet answered on it."""
    return petition_status_on(petition, day) in OPEN_STAGES


def is_overdue_on(petition, day: dt.date) -> bool:
    due = petition_due_on(petition, day)
    return is_open_on(petition, day) and due is not None and due < day


# -- fees ---------------------------------------------------------------------------------
def payments_of(fee) -> list[tuple[dt.date | None, int]]:
    """A fee line's payments as (date, amount), in date order (an undated amount first)."""
    listed = [p for p in getattr(fee, "payments", None) or [] if p is not None]
    if listed:
        return sorted(((p.on, p.amount) for p in listed), key=lambda p: p[0])
    if fee.paid:
        return [(fee.date, fee.paid)]
    return []


def paid_on(fee, day: dt.date) -> int:
    return sum(amount for on, amount in payments_of(fee) if on is None or on <= day)


def paid_in_all(fee) -> int:
    return paid_on(fee, EVER)


def last_payment_on(fee, day: dt.date) -> dt.date | None:
    dates = [on for on, _amount in payments_of(fee) if on is not None and on <= day]
    return dates[-1] if dates else None


def fee_state_on(fee, day: dt.date) -> str:
    paid = paid_on(fee, day)
    if paid >= fee.due:
        return "paid"
    return "partial" if paid > 0 else "unpaid"


# -- a member's area group on a date ---------------------------------------------------------
def area_on(member, day: dt.date = EVER) -> str | None:
    """The area group a member belonged to on `day`: the last move made by then (`moves:`, each
    from its `since` day), else the area it was recorded with. Moving a member later never
    rewrites where it was before."""
    area = member.area
    for move in sorted(getattr(member, "moves", None) or [], key=lambda m: m.since):
        if move.since > day:
            break
        area = move.area
    return area
