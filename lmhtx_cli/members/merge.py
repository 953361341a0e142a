"""How member files merge in git: the records of each file and the key that identifies them.

Meetings and petitions are keyed by `id` and their status follows the last entry of their
history; a merge never changes an id (a new petition's, `kn-2024-k3m`, is one no other branch
gives, `lmhtx_cli/ids.py`): two different petitions under one id are left between markers. Fee lines are keyed by member, their payments united and `paid`
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


_LAYOUTS = (
    (re.compile(r"(?:^|/)members/meetings/[^/]+\.ya?ml$"), Layout({"meetings": Records("id")}, _STATUS)),
    (re.compile(r"(?:^|/)members/petitions/[^/]+\.ya?ml$"), Layout({"petitions": Records("id")}, _STATUS)),
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
