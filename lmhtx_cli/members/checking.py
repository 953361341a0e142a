"""The members' pipeline: read members/, run every rule over it, build the member data.

The loader reads documents, the rules judge them; this module, above both, puts them together,
so neither imports the other.
"""

from __future__ import annotations

from pathlib import Path

from lmhtx_cli.errors import DataError, Problem
from lmhtx_cli.members.data import MemberData
from lmhtx_cli.members.loading import MemberDocs, read_members
from lmhtx_cli.members.rules import run_member_checks


def member_problems(docs: MemberDocs, plan_units: dict[int, set[str]]) -> list[Problem]:
    problems = list(docs.problems)
    for loaded in docs.singles.values():
        problems.extend(loaded.doc.problems)
    for by_year in docs.yearly.values():
        for loaded in by_year.values():
            problems.extend(loaded.doc.problems)
    problems.extend(run_member_checks(docs, plan_units))
    return sorted(set(problems))


def load_members(root: Path, plan_units: dict[int, set[str]], use_cache: bool = True) -> tuple[MemberData, list[Problem]]:
    """The member data set, or DataError when members/ holds errors (warnings pass through)."""
    docs = read_members(root, use_cache=use_cache)
    problems = member_problems(docs, plan_units)
    if any(p.level == "error" for p in problems):
        raise DataError(problems)
    return MemberData.from_docs(docs), problems
