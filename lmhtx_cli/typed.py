"""Characters that text must not hold: what a user typed is refused with them, data is warned
about them, and the terminal shows them escaped.

They are the characters that drive a terminal or break a line without being seen: C0 and C1
control characters and DEL (tab and newline included: every value the tool stores stays on one
line), the Unicode line and paragraph separators, bidirectional overrides and isolates (they
reorder what a reader sees), noncharacters (U+FFFE, U+FFFF, …; YAML refuses them), and lone
surrogates, which is how Python hands over bytes of the command line that are not UTF-8.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lmhtx_cli.errors import UserError
from lmhtx_cli.i18n import _
from lmhtx_cli.text import nfc

_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff" + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17))
UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{_BIDI}\ud800-\udfff{_NONCHARACTERS}]")
_BIDI_SET = re.compile(f"[{_BIDI}]")


def unsafe_characters(text: str) -> Iterator[tuple[int, str]]:
    """(0-based position, character) of every character of `text` that it must not hold."""
    for match in UNSAFE.finditer(text):
        yield match.start(), match.group()


def first_unsafe(text: str, allowed: str = "") -> tuple[int, str] | None:
    for match in UNSAFE.finditer(text):
        if match.group() not in allowed:
            return match.start(), match.group()
    return None


# What a file's text must hold for its data to hold an unsafe character: one itself (line breaks and
# tabs aside), or a backslash, which starts a YAML escape such as "\\x1b" in a quoted value.
_IN_FILE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029{_BIDI}\ud800-\udfff{_NONCHARACTERS}\\\\]")


def unsafe_in_document(text: str | None, data: object) -> Iterator[tuple[tuple, bool, int, str]]:
    """`unsafe_in_data` of a file's data, without walking every value of a file whose text cannot
    give one (nearly every file: one regular-expression search instead of a walk of the data)."""
    if text is not None and not _IN_FILE.search(text):
        return iter(())
    return unsafe_in_data(data)


def unsafe_in_data(data: object, path: tuple = ()) -> Iterator[tuple[tuple, bool, int, str]]:
    """(path, whether it is the key at `path`, 0-based position, character) of the first character
    that text must not hold, in every string and key of a parsed document. Line breaks and tabs
    are left alone: a data file may hold a paragraph (`note: |`)."""
    if isinstance(data, str):
        found = first_unsafe(data, "\n\t")
        if found:
            yield path, False, found[0], found[1]
    elif isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str):
                found = first_unsafe(key, "")
                if found:
                    yield path + (key,), True, found[0], found[1]
            yield from unsafe_in_data(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from unsafe_in_data(value, path + (i,))


def data_text_warning(position: int, ch: str) -> str:
    """The message of `validate`'s control-char warning."""
    return _("character {position} of this text is {kind} ({point}): it may act on a terminal or hide what is written; remove it").format(position=position + 1, kind=kind_of(ch), point=code_point(ch))


def code_point(ch: str) -> str:
    return f"U+{ord(ch):04X}"


def kind_of(ch: str) -> str:
    """What the character is, in words a person understands."""
    point = ord(ch)
    if 0xD800 <= point <= 0xDFFF:
        return _("a lone surrogate, which is not a character")
    if ch in "\u2028\u2029\x85":
        return _("a line separator")
    if _BIDI_SET.match(ch):
        return _("a bidirectional control")
    if point <= 0x1F or 0x7F <= point <= 0x9F:
        return _("a control character")
    return _("a noncharacter")


def describe(text: str) -> str | None:
    """Why `text` cannot be stored, or None when it can."""
    found = first_unsafe(text)
    if found is None:
        return None
    position, ch = found
    point = ord(ch)
    if 0xDC80 <= point <= 0xDCFF:  # surrogateescape: a byte of the command line that is not UTF-8
        return _("character {position} is the byte \\x{byte:02x}, which is not UTF-8; set the terminal or shell to UTF-8").format(position=position + 1, byte=point - 0xDC00)
    return _("character {position} is {kind} ({point}), which cannot be stored or shown safely; type the text without it").format(position=position + 1, kind=kind_of(ch), point=code_point(ch))


def typed_text(value: str, option: str, normalize: bool = True) -> str:
    """`value` as it will be stored (NFC), or a UserError naming `option` when it cannot be."""
    problem = describe(value)
    if problem is not None:
        raise UserError(_("{option}: {problem}").format(option=option, problem=problem))
    return nfc(value) if normalize else value
