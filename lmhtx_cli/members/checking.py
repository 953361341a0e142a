"""The members' pipeline: read members/, run every rule over it, build the member data.

The loader reads documents, the rules judge them; this module, above both, puts them together,
so neither imports the other.
"""

from __future__ import annotations

from pathlib import Path

from lmhtx_cli.errors import DataError, Problem
from lmhtx_cli.members.data import MemberData, located
from lmhtx_cli.members.loading import Loaded, MemberDocs, read_members
from lmhtx_cli.members.rules import MEMBER_RULES

# The rules that judge each file on its own: run once per file as read, kept with its cache entry.
PER_FILE_RULES = ("line-break-in-name", "not-nfc", "control-char")


def prepare_file(loaded: Loaded, key: str | None) -> None:
    """A file as read, completed with what its cache entry keeps: its own rules' problems, and its
    records as the member data holds them."""
    alone = MemberDocs(singles={"": loaded})
    loaded.checked = [p for code in PER_FILE_RULES for p in MEMBER_RULES[code](alone, {})]
    if key is not None and loaded.model is not None and not any(p.level == "error" for p in loaded.doc.problems + loaded.checked):
        loaded.records = located(loaded, key, loaded.year)  # (a file with errors gives no member data)


def read_checked(root: Path, overrides: dict[Path, str] | None = None, use_cache: bool = True) -> MemberDocs:
    """members/ as read, each file with its own problems (unchanged files from their cache entries)."""
    return read_members(root, overrides, use_cache, prepare_file)


def member_problems(docs: MemberDocs, plan_units: dict[int, set[str]]) -> list[Problem]:
    problems = list(docs.problems)
    for loaded in list(docs.singles.values()) + [loaded for by_year in docs.yearly.values() for loaded in by_year.values()]:
        problems.extend(loaded.doc.problems)
        if loaded.checked is None:
            prepare_file(loaded, None)
        problems.extend(loaded.checked)
    for code, check in MEMBER_RULES.items():  # the rules across files run on the whole
        if code not in PER_FILE_RULES:
            problems.extend(check(docs, plan_units))
    return sorted(set(problems))


def load_members(root: Path, plan_units: dict[int, set[str]], use_cache: bool = True) -> tuple[MemberData, list[Problem]]:
    """The member data set, or DataError when members/ holds errors (warnings pass through)."""
    docs = read_checked(root, use_cache=use_cache)
    problems = member_problems(docs, plan_units)
    if any(p.level == "error" for p in problems):
        raise DataError(problems)
    return MemberData.from_docs(docs), problems
