"""The plan's pipeline: read a year's files, run every rule over them, build the programme.

The loader reads documents, the rules judge them; this module, above both, puts them together
(as Beancount's loader, booking and validation are put together), so neither imports the other.
"""

from __future__ import annotations

from pathlib import Path

from lmhtx_cli.errors import DataError, Problem, UserError
from lmhtx_cli.i18n import _
from lmhtx_cli.plan.loading import YearDocs, build_programme, read_year
from lmhtx_cli.plan.programme import Programme
from lmhtx_cli.plan.rules import run_checks
from lmhtx_cli.store.paths import display_path, is_folder, plan_years


def year_problems(docs: YearDocs) -> list[Problem]:
    problems = list(docs.problems)
    if docs.plan_doc is not None:
        problems.extend(docs.plan_doc.problems)
    for month in docs.months:
        problems.extend(month.doc.problems)
    problems.extend(run_checks(docs))
    return sorted(set(problems))


def load_programme(root: Path, year: int) -> tuple[Programme, list[Problem]]:
    """The year's programme, or DataError when its files hold errors (warnings pass through)."""
    if not is_folder(root / "plans" / str(year)):
        years = plan_years(root)
        have = ", ".join(map(str, years)) or _("none")
        raise UserError(_("no plan for {year} in {folder} (years with a plan: {years})").format(year=year, folder=display_path(root / "plans", root), years=have))
    docs = read_year(root, year)
    problems = year_problems(docs)
    if any(p.level == "error" for p in problems):
        raise DataError(problems)
    return build_programme(docs), problems


def unwritten_year_errors(root: Path, year: int, files: dict[str, str]) -> list[Problem]:
    """Errors in a year's files before they are written (an import, a new-year draft): they are
    checked in memory, alone, whatever the folder holds now."""
    overrides = {root / path: text for path, text in files.items()}
    return [p for p in year_problems(read_year(root, year, overrides, only=set(overrides))) if p.level == "error"]
