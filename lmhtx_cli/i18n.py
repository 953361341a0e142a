"""Messages a person reads: Vietnamese by default, English with `--lang en` or LMHTX_LANG=en.

Messages are written in English in the code, wrapped in `_()` (or `pgettext(context, …)` where one
English word needs two Vietnamese ones), and translated in gettext catalogs, `locale/vi/*.po`, that
a translator opens in Poedit. The .po files are the truth; `locale/vi/lmhtx.mo` is compiled from
them (`python -m lmhtx_cli.i18n`, checked by a test) and records a checksum of the .po files it
came from: it is used only while they are unchanged, else the .po files are read (5 ms instead of
under 1). A test fails when a message in the code has no translation. The language is never taken
from LANG: cron runs with C, and many Vietnamese desktops run an English locale.
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


FOLDER = Path(__file__).parent / "locale" / "vi"
COMPILED = FOLDER / "lmhtx.mo"


def catalog():
    """(context, English) -> Vietnamese, from locale/vi (read once per process): the compiled
    catalog, looked up in place, while it matches the .po files; else the .po files themselves."""
    found = _state.get("catalog")
    if found is None:
        found = _Compiled.open(COMPILED, _fingerprint())
        if found is None:
            found = {}
            for raw in _sources().values():
                found.update(parse_po(raw.decode("utf-8")))
        _state["catalog"] = found
    return found


def _sources() -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(FOLDER.glob("*.po"))}  # package data, not user data


def _fingerprint() -> str:
    """The .po files' names and a checksum of their contents: what the compiled catalog must have
    been made from, so an edit that keeps a file's size is seen too (a test checks that the
    compiled catalog is exactly the .po files compiled). About 0.3 ms for the ~150 kB."""
    import zlib

    return ",".join(f"{entry.name}:{zlib.crc32(Path(entry.path).read_bytes()):08x}" for entry in sorted(os.scandir(FOLDER), key=lambda e: e.name) if entry.name.endswith(".po"))


# -- the compiled catalog: GNU gettext's .mo format -------------------------------------------
_MAGIC = 0x950412DE


def compile_mo(entries: dict[tuple[str, str], str], fingerprint: str) -> bytes:
    """A .mo file of `entries` (msgctxt joined to msgid by EOT, as gettext does), keys sorted
    for binary search, its header naming the .po files it was compiled from."""
    import struct

    header = f"Content-Type: text/plain; charset=UTF-8\nLanguage: vi\nX-Lmhtx-Sources: {fingerprint}\n"
    pairs = sorted([(b"", header.encode("utf-8"))] + [(_key(c, m), s.encode("utf-8")) for (c, m), s in entries.items()])
    count = len(pairs)
    keys_start = 7 * 4 + 16 * count
    values_start = keys_start + sum(len(k) + 1 for k, _ in pairs)
    key_table, value_table, keys, values = [], [], b"", b""
    for key, value in pairs:
        key_table += [len(key), keys_start + len(keys)]
        value_table += [len(value), values_start + len(values)]
        keys += key + b"\0"
        values += value + b"\0"
    head = struct.pack("<7I", _MAGIC, 0, count, 7 * 4, 7 * 4 + 8 * count, 0, 0)
    return head + struct.pack(f"<{2 * count}I", *key_table) + struct.pack(f"<{2 * count}I", *value_table) + keys + values


def _key(context: str, message: str) -> bytes:
    return (f"{context}\x04{message}" if context else message).encode("utf-8")


class _Compiled:
    """A .mo file read once and searched in place (its keys are sorted): no dictionary of every
    message is built for a command that shows a handful of them."""

    def __init__(self, raw: bytes, count: int, keys: tuple, values: tuple):
        self.raw, self.count, self.keys, self.values = raw, count, keys, values

    @classmethod
    def open(cls, path: Path, fingerprint: str) -> _Compiled | None:
        import struct

        try:
            raw = path.read_bytes()
            magic, _, count, keys_at, values_at = struct.unpack_from("<5I", raw)
            if magic != _MAGIC:
                return None
            found = cls(raw, count, struct.unpack_from(f"<{2 * count}I", raw, keys_at), struct.unpack_from(f"<{2 * count}I", raw, values_at))
        except (OSError, struct.error):
            return None
        header = found._value(0) if count and found._key(0) == b"" else ""
        return found if f"X-Lmhtx-Sources: {fingerprint}\n" in header else None

    def _key(self, i: int) -> bytes:
        return self.raw[self.keys[2 * i + 1] : self.keys[2 * i + 1] + self.keys[2 * i]]

    def _value(self, i: int) -> str:
        return self.raw[self.values[2 * i + 1] : self.values[2 * i + 1] + self.values[2 * i]].decode("utf-8")

    def get(self, key: tuple[str, str], default: str | None = None) -> str | None:
        wanted = _key(*key)
        low, high = 0, self.count
        while low < high:
            middle = (low + high) // 2
            if self._key(middle) < wanted:
                low = middle + 1
            else:
                high = middle
        return self._value(low) if low < self.count and self._key(low) == wanted else default

    def __contains__(self, key: tuple[str, str]) -> bool:
        return self.get(key) is not None

    def __getitem__(self, key: tuple[str, str]) -> str:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def __len__(self) -> int:
        return self.count - 1

    def items(self):
        for i in range(1, self.count):
            context, _, message = self._key(i).decode("utf-8").rpartition("\x04")
            yield (context, message), self._value(i)


def compiled_catalog() -> bytes:
    """What locale/vi/lmhtx.mo must hold: the .po files as they are now, compiled."""
    sources = _sources()
    entries: dict[tuple[str, str], str] = {}
    for raw in sources.values():
        entries.update(parse_po(raw.decode("utf-8")))
    return compile_mo(entries, _fingerprint())


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


if __name__ == "__main__":  # python -m lmhtx_cli.i18n: compile locale/vi/*.po after editing them
    COMPILED.write_bytes(compiled_catalog())
    print(f"{COMPILED}: {len(catalog())} messages")
