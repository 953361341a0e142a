"""Text rules: NFC storage, folding for diacritic-insensitive matching, Vietnamese sorting."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

_NON_WORD = re.compile(r"[^0-9a-z]+")
_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def is_nfc(text: str) -> bool:
    return unicodedata.is_normalized("NFC", text)


def fold(text: str) -> str:
    """Lower-case, strip diacritics and punctuation so "QUỸ", "quy" and "Quỹ" compare equal."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return _NON_WORD.sub(" ", bare).strip()


def fold_keep_spacing(text: str) -> str:
    """Fold for substring search: like `fold` but keeps punctuation so "66/KH" still matches."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return _SPACES.sub(" ", bare).strip()


def collapse_spaces(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def money(amount: int) -> str:
    """Đồng with dots between thousands, as Vietnamese documents write them: 2.000.000."""
    return f"{amount:,}".replace(",", ".")


def strings_in(data: object, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from strings_in(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from strings_in(value, path + (i,))


# What splits a line (str.splitlines): an id, a code or a key holding one is two lines to a person,
# to grep and to a diff, and the same name with a stray "\n" is another name to the tool.
LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
# Keys whose values are ids or codes (of a record, a unit, an area, a club, a member, a meeting …).
NAME_KEYS = frozenset({"id", "code", "continues", "continued_as", "thread", "to", "area", "member", "meeting", "unit", "lead_unit", "clubs", "invited", "attendees"})


def has_line_break(text: str) -> bool:
    return any(ch in LINE_BREAKS for ch in text)


def shown_line_breaks(text: str) -> str:
    """The text with each line break written as an escape (\\n, \\u2028 …), on one line."""
    return "".join(ch.encode("unicode_escape").decode("ascii") if ch in LINE_BREAKS else ch for ch in text)


def broken_names(data: object, path: tuple = ()) -> Iterator[tuple[tuple, bool, str]]:
    """(path, on_key, text) of every mapping key, and every id or code value, holding a line break."""
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str) and has_line_break(key):
                yield path + (key,), True, key
            if key in NAME_KEYS:
                names = value if isinstance(value, list) else [value]
                for i, name in enumerate(names):
                    if isinstance(name, str) and has_line_break(name):
                        yield path + ((key, i) if isinstance(value, list) else (key,)), False, name
            if isinstance(value, (dict, list)):
                yield from broken_names(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from broken_names(value, path + (i,))
