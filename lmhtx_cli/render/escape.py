"""Text from the data, made safe for a terminal: characters that would drive it (escape
sequences, carriage returns, bidirectional overrides, line separators…) are shown as their
escapes, `\\x1b`, `\\r`, `\\u202e`, as `git` and `ls` show such file names. Markdown, JSON, CSV and
Word keep the data exactly; only what is printed for a person to read goes through here."""

from __future__ import annotations

from lmhtx_cli.typed import UNSAFE

_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(ch: str) -> str:
    if ch in _NAMED:
        return _NAMED[ch]
    point = ord(ch)
    if point <= 0xFF:
        return f"\\x{point:02x}"
    if point <= 0xFFFF:
        return f"\\u{point:04x}"
    return f"\\U{point:08x}"


def shown(value: object) -> str:
    """One value (a cell, a name, a note) as the terminal may show it: nothing in it acts."""
    text = value if isinstance(value, str) else str(value)
    return UNSAFE.sub(lambda m: _escape(m.group()), text) if UNSAFE.search(text) else text


def shown_lines(text: str) -> str:
    """Rendered terminal text whose line breaks are its own: every other character that would act
    on the terminal is escaped. For text that holds no styling of the tool's own."""
    if not UNSAFE.search(text.replace("\n", "")):
        return text
    return "\n".join(shown(line) for line in text.split("\n"))


def shown_tree(data: object) -> object:
    """Every string in a structure of dicts and lists escaped as `shown` does (keys included)."""
    if isinstance(data, str):
        return shown(data)
    if isinstance(data, dict):
        return {shown_tree(k): shown_tree(v) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [shown_tree(v) for v in data]
    return data
