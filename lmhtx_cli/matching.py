"""Find the unit a person means from what they typed: a code, a prefix, an alias, any case or accent."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from lmhtx_cli.errors import UserError
from lmhtx_cli.i18n import _, pgettext
from lmhtx_cli.text import fold


class UnitLike(Protocol):
    code: str
    name: str
    aliases: list[str]


@dataclass(frozen=True)
class _Key:
    unit_index: int
    folded: str


def _keys(units: Sequence[UnitLike]) -> list[_Key]:
    keys = []
    for i, unit in enumerate(units):
        for spelling in (unit.code, unit.name, *unit.aliases, *getattr(unit, "places", ()), *getattr(unit, "districts", ())):
            folded = fold(spelling)
            if folded:
                keys.append(_Key(i, folded))
    return keys


def _words_start_with(haystack: str, needle: str) -> bool:
    """True when `needle` starts at a word boundary of `haystack` ("ho tro" in "quy ho tro ...")."""
    return haystack.startswith(needle) or f" {needle}" in haystack


def _nouns(what: str) -> tuple[str, str]:
    """The thing being named (unit, area, club, initiative), in the singular and the plural."""
    nouns = {
        "unit": (pgettext("named thing", "unit"), pgettext("named things", "units")),
        "area": (pgettext("named thing", "area"), pgettext("named things", "areas")),
        "club": (pgettext("named thing", "club"), pgettext("named things", "clubs")),
        "initiative": (pgettext("named thing", "initiative"), pgettext("named things", "initiatives")),
    }
    return nouns.get(what, (what, what + "s"))


def match_unit(typed: str, units: Sequence[UnitLike], what: str = "unit") -> UnitLike:
    """Resolve `typed` to one unit, trying exact, then prefix, then word matches.

    Each tier either settles on one unit, or reports the ambiguity, or hands over to the next.
    """
    wanted = fold(typed)
    noun, nouns = _nouns(what)
    if not wanted:
        raise UserError(_("empty {what} name; known: {known}").format(what=noun, known=describe_units(units)))
    keys = _keys(units)
    tiers = (
        lambda k: k.folded == wanted,
        lambda k: k.folded.startswith(wanted),
        lambda k: _words_start_with(k.folded, wanted),
        lambda k: wanted.replace(" ", "") == k.folded.replace(" ", ""),
        lambda k: set(wanted.split()) <= set(k.folded.split()),  # "thong tin tuyen truyen"
    )
    for accepts in tiers:
        hits = sorted({k.unit_index for k in keys if accepts(k)})
        if len(hits) == 1:
            return units[hits[0]]
        if len(hits) > 1:
            candidates = ", ".join(f"{units[i].code} ({units[i].name})" for i in hits)
            raise UserError(_('{what} "{typed}" is ambiguous: it could be {candidates}').format(what=noun, typed=typed, candidates=candidates))
    known = describe_units(units) or _("none")
    raise UserError(_('unknown {what} "{typed}"{hint}; known {whats}: {known}').format(what=noun, typed=typed, hint=_suggestion(wanted, keys, units), whats=nouns, known=known))


def _suggestion(wanted: str, keys: list[_Key], units: Sequence[UnitLike]) -> str:
    close = difflib.get_close_matches(wanted, [k.folded for k in keys], n=1, cutoff=0.6)
    if not close:
        return ""
    unit = units[next(k.unit_index for k in keys if k.folded == close[0])]
    return _(" (did you mean {code}: {name}?)").format(code=unit.code, name=unit.name)


def describe_units(units: Sequence[UnitLike]) -> str:
    return ", ".join(f"{u.code} ({u.name})" for u in units)


def word_for(typed: str, words: dict[str, str], unknown: str) -> str:
    """The code a typed word stands for, compared without case, accents or punctuation
    ("in_progress", "Đang thực hiện"); `unknown` is the error when it stands for none."""
    key = fold(typed)
    if key in words:
        return words[key]
    raise UserError(unknown)
