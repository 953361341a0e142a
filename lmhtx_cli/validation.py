"""`lmhtx validate` over every data file, reusing the cached result of folders that did not change."""

from __future__ import annotations

from pathlib import Path

from lmhtx_cli import cache
from lmhtx_cli.errors import Problem
from lmhtx_cli.paths import display_path, plan_years


def member_paths(root: Path) -> list[Path]:
    folder = root / "members"
    paths = cache.folder_files(folder)
    for sub in ("fees", "meetings", "petitions"):
        paths += cache.folder_files(folder / sub)
    paths += [root / "plans" / str(year) / "plan.yaml" for year in plan_years(root)]  # units checked against
    return paths


def _cached(root: Path, subject: str, paths: list[Path], compute) -> list[Problem]:
    built_from = cache.signature(paths)
    problems = cache.load(root, subject, built_from)
    if problems is None:
        problems = compute()
        cache.store(root, subject, built_from, problems)
    return problems


def validate_everything(root: Path) -> list[Problem]:
    """Every problem of every data file (plans, members, settings), in one pass."""
    problems: list[Problem] = []
    for path in sorted((root / "plans").iterdir()):
        if path.is_file() and path.suffix in (".yaml", ".yml"):
            problems.append(Problem(display_path(path, root), 1, 1, "warning", "unexpected-file", "data files belong in plans/<year>/; this one is not read"))

    def year_problems_of(year: int):
        def compute():
            from lmhtx_cli.loader import read_year, year_problems

            return year_problems(read_year(root, year))

        return compute

    for year in plan_years(root):
        folder = root / "plans" / str(year)
        problems.extend(_cached(root, f"problems-{year}", cache.folder_files(folder), year_problems_of(year)))

    def member_problems_now():
        from lmhtx_cli.loader import plan_units
        from lmhtx_cli.member_loader import member_problems, read_members

        return member_problems(read_members(root), plan_units(root))

    problems.extend(_cached(root, "problems-members", member_paths(root), member_problems_now))

    def settings_problems_now():
        from lmhtx_cli.settings import settings_problems

        return settings_problems(root)

    problems.extend(_cached(root, "problems-settings", [root / "settings.yaml"], settings_problems_now))
    return problems
