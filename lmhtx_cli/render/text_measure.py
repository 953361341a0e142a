"""How wide a text is in Times New Roman, and where it wraps, for laying out Word tables.

Advance widths in thousandths of an em, the same in Times New Roman and in Liberation Serif (its
metric-compatible stand-in that LibreOffice uses where Times New Roman is not installed). A
Vietnamese letter is as wide as its base letter (the tone marks sit above or below it); only the
horned ơ, ư and Ư are a little wider. Unknown characters count as wide as an "M", so a guess errs
on the side of a wider column, never a broken word.
"""

from __future__ import annotations

import unicodedata

# Widths of the characters U+0020 … U+007E.
_REGULAR = (
    "250 333 408 500 500 833 778 180 333 333 500 564 250 333 250 278 500 500 500 500 500 500 500 500 500 500 278 278 564 564 564 444 921 722 667 667 722 611 556 722 722 333 389 722 611 889 722 722 "
    "556 722 667 556 611 722 722 944 722 722 611 333 278 333 469 500 333 444 500 444 500 444 333 500 500 278 278 500 278 778 500 500 500 500 333 389 278 500 500 722 500 500 444 480 200 480 541"
)
_BOLD = (
    "250 333 555 500 500 1000 833 278 333 333 500 570 250 333 250 278 500 500 500 500 500 500 500 500 500 500 333 333 570 570 570 500 930 722 667 722 722 667 611 778 778 389 500 778 667 944 722 778 "
    "611 778 722 556 667 722 722 1000 722 722 667 333 278 333 581 500 333 500 556 444 556 444 333 500 556 278 333 556 278 833 556 500 556 556 444 389 333 556 500 722 500 500 444 394 220 394 520"
)
_EXTRA_REGULAR = {"đ": 500, "Đ": 722, "ơ": 529, "Ơ": 722, "ư": 542, "Ư": 776, "–": 500, "—": 1000, "…": 1000, "\u00a0": 250, "‘": 333, "’": 333, "“": 444, "”": 444}
_EXTRA_BOLD = {"đ": 556, "Đ": 722, "ơ": 554, "Ơ": 778, "ư": 600, "Ư": 796, "–": 500, "—": 1000, "…": 1000, "\u00a0": 250, "‘": 333, "’": 333, "“": 500, "”": 500}


def _table(widths: str, extra: dict[str, int]) -> dict[str, int]:
    table = {chr(32 + i): int(w) for i, w in enumerate(widths.split())}
    table.update(extra)
    return table


_TABLES = {False: _table(_REGULAR, _EXTRA_REGULAR), True: _table(_BOLD, _EXTRA_BOLD)}


def _char_width(char: str, table: dict[str, int]) -> int:
    width = table.get(char)
    if width is not None:
        return width
    if unicodedata.combining(char):
        return 0
    # The horned letters keep their horn through NFD: ờ -> ơ + grave.
    base = unicodedata.normalize("NFD", char)[0]
    return table.get(base, table["M"])


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of `text` set on one line, in points, at `size` points."""
    table = _TABLES[bold]
    return sum(_char_width(char, table) for char in text) * size / 1000


def longest_word(text: str, size: float, bold: bool = False) -> float:
    """The width of the widest word: a column narrower than this breaks the word inside."""
    return max((text_width(word, size, bold) for word in text.split()), default=0.0)


def wrap_lines(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """`text` wrapped at spaces into lines no wider than `width` points (a word wider than that
    stays whole on a line of its own), the way Word and LibreOffice fill a cell."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(lines[-1] + " " + word, size, bold) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def width_for_lines(text: str, lines: int, size: float, bold: bool = False) -> float:
    """The narrowest width, in points, at which `text` takes at most `lines` lines without
    breaking a word (the longest word's width if even that needs more lines)."""
    words = text.split()
    floor = longest_word(text, size, bold)
    if len(words) <= lines:
        return floor
    # The answer is the width of some run of consecutive words: try them from the narrowest.
    candidates = sorted({text_width(" ".join(words[i:j]), size, bold) for i in range(len(words)) for j in range(i + 1, len(words) + 1)})
    for candidate in candidates:
        if candidate >= floor and len(wrap_lines(text, candidate, size, bold)) <= lines:
            return candidate
    return text_width(text, size, bold)
