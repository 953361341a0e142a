"""Task statuses, typed in English or Vietnamese, with or without accents."""

from __future__ import annotations

from lmhtx_cli.errors import UserError
from lmhtx_cli.text import fold

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
    key = fold(typed).replace("_", " ")
    if key in _WORDS:
        return _WORDS[key]
    if typed.strip() in STATUSES:
        return typed.strip()
    raise UserError(f'unknown status "{typed}": use one of {", ".join(STATUSES)} (or hoàn thành, đang thực hiện, hoãn, hủy)')


def parse_statuses(typed: str) -> set[str]:
    return {parse_status(part) for part in typed.split(",") if part.strip()}
