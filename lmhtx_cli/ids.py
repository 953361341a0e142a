"""The one home of record ids: their shape and how a new one is given.

An id, once written, never changes: a merge never renumbers, so work done later on either
branch lands on the record it was meant for. A record the tool adds (a task by `plan add`, a
postponement's continuation, a petition) therefore gets an id that no other branch can give
another record: the place it reads by (month and unit, `07-quy-`; a year, `kn-2024-`) and a
short suffix of lowercase letters and digits (`07-quy-k3m`), random for a new record, or worked
out from what the record continues (a postponement's continuation), so that two clerks who
postpone the same task to the same month write one and the same continuation.

Ids written before this (the adopted programme's `05-quy-2`, `kn-2024-03`) stay valid and are
never rewritten; the suffix alphabet has no `i`, `l`, `o`, `u` (read as 1, 0 or v), and every
new suffix holds a letter, so it is never taken for a sequence number.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable

ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"  # Crockford's base 32, lowercase
LETTERS = "abcdefghjkmnpqrstvwxyz"
SUFFIX_LENGTH = 3
ID_PATTERN = r"^[a-z0-9][a-z0-9._-]{0,31}$"  # what a record id may be (the schema's pattern)
NEW_SUFFIX = re.compile(rf"[{ALPHABET}]*[{LETTERS}][{ALPHABET}]*")


def task_prefix(month: int, unit_code: str) -> str:
    return f"{month:02d}-{unit_code}-"


def petition_prefix(year: int) -> str:
    return f"kn-{year}-"


def programme_task_id(month: int, unit_code: str, number: int) -> str:
    """The id of the `number`th task of a month and unit in an adopted programme, as written once
    when the programme is imported or drafted (`05-quy-2`)."""
    return f"{task_prefix(month, unit_code)}{number}"


def _random_suffix(length: int) -> str:
    import secrets  # only when a record is added: not on every command's start-up path

    first = secrets.choice(LETTERS)  # a letter first: never read as a sequence number
    return first + "".join(secrets.choice(ALPHABET) for _ in range(length - 1))


def _derived_suffix(seed: str, length: int, attempt: int) -> str:
    import hashlib

    digest = hashlib.sha256(f"{seed}\n{attempt}".encode()).digest()
    chars = [LETTERS[digest[0] % len(LETTERS)]] + [ALPHABET[b % len(ALPHABET)] for b in digest[1:length]]
    return "".join(chars)


def new_id(prefix: str, taken: Iterable[str], seed: str | None = None, choose: Callable[[int], str] | None = None) -> str:
    """An id `prefix` + a short suffix no record in `taken` holds: random, or worked out from
    `seed` (the same seed gives the same id on every branch)."""
    taken = set(taken)
    for attempt in range(64):
        length = SUFFIX_LENGTH + attempt // 16  # longer only when short ones keep being taken
        if choose is not None:
            suffix = choose(length)
        elif seed is not None:
            suffix = _derived_suffix(seed, length, attempt)
        else:
            suffix = _random_suffix(length)
        candidate = prefix + suffix
        if candidate not in taken:
            return candidate
    raise RuntimeError("no free id")  # 64 draws all taken: not reachable with a 32-letter alphabet


def _pinned(what: str) -> str | None:
    """With $LMHTX_ID_SEED set (tests, demos, re-runs), a new record's suffix is worked out from
    the seed and the record's own text instead of drawn at random: the same run gives the same ids."""
    seed = os.environ.get("LMHTX_ID_SEED")
    return f"{seed}\n{what}" if seed else None


def new_task_id(month: int, unit_code: str, taken: Iterable[str], text: str = "") -> str:
    """The id of a task added to a month and unit (`07-quy-k3m`)."""
    return new_id(task_prefix(month, unit_code), taken, seed=_pinned(text))


def continuation_id(month: int, unit_code: str, continues: str, taken: Iterable[str]) -> str:
    """The id of the continuation in `month` of the task `continues` (`2024/05-quy-2` or
    `05-quy-2`): the same on every branch that postpones that task to that month."""
    return new_id(task_prefix(month, unit_code), taken, seed=f"{continues}>{month:02d}-{unit_code}")


def new_petition_id(year: int, taken: Iterable[str], text: str = "") -> str:
    """The id of a petition received in `year` (`kn-2024-k3m`)."""
    return new_id(petition_prefix(year), taken, seed=_pinned(text))
