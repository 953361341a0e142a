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
