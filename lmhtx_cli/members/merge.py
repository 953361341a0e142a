"""How member files merge in git: the records of each file and the key that identifies them.

Meetings and petitions are keyed by `id` and their status follows the last entry of their
history; a petition added on both sides under one id (`kn-2024-04`) keeps both, theirs taking the
next free number of the year. Fee lines are keyed by member, their payments united and `paid`
and `date` worked out from them again; members, areas and clubs by id or code. The merging itself
is the file layer's (`store/record_merge.py`).
"""

from __future__ import annotations

import re

from lmhtx_cli.store.record_merge import MISSING, Layout, Records


def _status(lists: dict[str, list]):
    """A meeting's or petition's status is its history's last entry's."""
    history = lists.get("history")
    return history[-1].get("status", MISSING) if history else MISSING


def _paid(lists: dict[str, list]):
    """A fee's `paid` is the sum of its payments."""
    payments = lists.get("payments")
    amounts = [p.get("amount") for p in payments or []]
    return sum(amounts) if payments and all(type(a) is int for a in amounts) else MISSING


def _last_payment(lists: dict[str, list]):
    """A fee's `date` is its last payment's."""
    payments = lists.get("payments")
    return payments[-1].get("on", MISSING) if payments else MISSING


_STATUS = {"status": _status}


def next_petition_id(container: tuple, old_id: str, taken: set) -> str | None:
    """The next free kn-YYYY-NN of the petition's year (None for an id not shaped so)."""
    match = re.fullmatch(r"kn-(\d{4})-\d+", old_id)
    if match is None:
        return None
    prefix = f"kn-{match.group(1)}-"
    number = 1 + sum(1 for i in taken if str(i).startswith(prefix))
    while f"{prefix}{number:02d}" in taken:
        number += 1
    return f"{prefix}{number:02d}"


_LAYOUTS = (
    (re.compile(r"(?:^|/)members/meetings/[^/]+\.ya?ml$"), Layout({"meetings": Records("id")}, _STATUS)),
    (re.compile(r"(?:^|/)members/petitions/[^/]+\.ya?ml$"), Layout({"petitions": Records("id", renumber=next_petition_id)}, _STATUS)),
    (re.compile(r"(?:^|/)members/fees/[^/]+\.ya?ml$"), Layout({"fees": Records("member")}, {"paid": _paid, "date": _last_payment})),
    (re.compile(r"(?:^|/)members/members\.ya?ml$"), Layout({"members": Records("id")})),
    (re.compile(r"(?:^|/)members/areas\.ya?ml$"), Layout({"areas": Records("code")})),
    (re.compile(r"(?:^|/)members/clubs\.ya?ml$"), Layout({"clubs": Records("code")})),
)


def layout_for(name: str) -> Layout | None:
    """The layout of a member file named as git names it (`members/meetings/2024.yaml`), else None."""
    for pattern, layout in _LAYOUTS:
        if pattern.search(name):
            return layout
    return None
