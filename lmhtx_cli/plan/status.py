"""Task statuses, typed in English or Vietnamese, with or without accents."""

from __future__ import annotations

from lmhtx_cli.i18n import _
from lmhtx_cli.matching import word_for

STATUSES = ("planned", "in_progress", "done", "postponed", "cancelled")

_WORDS = {
    "planned": "planned",
    "plan": "planned",
    "ke hoach": "planned",
    "chua thuc hien": "planned",
    "in progress": "in_progress",
    "in_progress": "in_progress",
    "doing": "in_progress",
    "dang thuc hien": "in_progress",
    "dang lam": "in_progress",
    "done": "done",
    "hoan thanh": "done",
    "da hoan thanh": "done",
    "xong": "done",
    "postponed": "postponed",
    "hoan": "postponed",
    "tam hoan": "postponed",
    "cancelled": "cancelled",
    "canceled": "cancelled",
    "huy": "cancelled",
    "da huy": "cancelled",
}


def parse_status(typed: str) -> str:
    return word_for(typed, _WORDS, _('unknown status "{typed}": use one of {statuses} (or hoàn thành, đang thực hiện, hoãn, hủy)').format(typed=typed, statuses=", ".join(STATUSES)))


def parse_statuses(typed: str) -> set[str]:
    return {parse_status(part) for part in typed.split(",") if part.strip()}
