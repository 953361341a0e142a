"""Messages a person reads: Vietnamese by default, English with `--lang en` or LMHTX_LANG=en.

Messages are written in English in the code, wrapped in `_()` (or `pgettext(context, …)` where one
English word needs two Vietnamese ones), and translated in gettext catalogs, `locale/vi/*.po`, that
a translator opens in Poedit. This small loader reads the .po files themselves (no compile step);
a test fails when a message in the code has no translation. The language is never taken from
LANG: cron runs with C, and many Vietnamese desktops run an English locale.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

LANGS = ("vi", "en")
_state: dict[str, object] = {}


def language() -> str:
    lang = _state.get("lang")
    if lang is None:
        wanted = os.environ.get("LMHTX_LANG", "vi").strip().lower()
        lang = _state["lang"] = wanted if wanted in LANGS else "vi"
    return lang  # type: ignore[return-value]


def set_language(lang: str) -> None:
    _state["lang"] = lang if lang in LANGS else "vi"


def _(message: str) -> str:
    """`message` in the current language."""
    if language() == "en":
        return message
    return catalog().get(("", message)) or message


def pgettext(context: str, message: str) -> str:
    """`message` in the current language, where the English word alone is ambiguous."""
    if language() == "en":
        return message
    return catalog().get((context, message)) or message


def N_(message: str) -> str:
    """Marks a message for translation where it is defined; `_()` translates it where it is shown."""
    return message


def catalog() -> dict[tuple[str, str], str]:
    """(context, English) -> Vietnamese, from every locale/vi/*.po (read once per process)."""
    found = _state.get("catalog")
    if found is None:
        found = {}
        folder = Path(__file__).parent / "locale" / "vi"
        for path in sorted(folder.glob("*.po")):  # noqa: PTH207 (package data, not user data)
            found.update(parse_po(path.read_text(encoding="utf-8")))
        _state["catalog"] = found
    return found  # type: ignore[return-value]


_ENTRY = re.compile(r'^(msgctxt|msgid|msgstr)\s+"(.*)"\s*$|^"(.*)"\s*$')
_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), text)


def parse_po(text: str) -> dict[tuple[str, str], str]:
    """The translated entries of a .po file (fuzzy and empty ones are left out, as gettext does)."""
    entries: dict[tuple[str, str], str] = {}
    current: dict[str, str] = {}
    key = None
    fuzzy = False

    def finish() -> None:
        if "msgid" in current and current.get("msgstr") and current["msgid"] and not fuzzy:
            entries[(current.get("msgctxt", ""), current["msgid"])] = current["msgstr"]

    for line in text.splitlines():
        line = line.strip()
        if not line:
            finish()
            current, key, fuzzy = {}, None, False
            continue
        if line.startswith("#"):
            fuzzy = fuzzy or (line.startswith("#,") and "fuzzy" in line)
            continue
        match = _ENTRY.match(line)
        if not match:
            continue
        if match.group(1):
            if match.group(1) in current and match.group(1) != "msgstr":
                finish()
                current, fuzzy = {}, False
            key = match.group(1)
            current[key] = _unescape(match.group(2))
        elif key is not None:
            current[key] += _unescape(match.group(3))
    finish()
    return entries
