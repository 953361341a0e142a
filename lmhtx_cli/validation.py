"""`lmhtx validate` over every data file, reusing the cached result of folders that did not change."""

from __future__ import annotations

import os
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


PARALLEL_FROM = 8  # years to read before other processes are worth starting


def _check_year(job: tuple[Path, int]) -> list[Problem]:
    """One year's problems, read and checked from its files, and cached for the next run."""
    from lmhtx_cli.loader import read_year, year_problems

    root, year = job
    built_from = cache.signature(cache.folder_files(root / "plans" / str(year)))
    found = year_problems(read_year(root, year))
    cache.store(root, f"problems-{year}", built_from, found)
    return found


def _pool_for(stale_years: int):
    """Worker processes for a cold start on many years (the members are read meanwhile here)."""
    cores = os.cpu_count() or 1
    if stale_years < PARALLEL_FROM or cores < 2 or os.environ.get("LMHTX_NO_PARALLEL"):
        return None
    import concurrent.futures
    import multiprocessing

    try:
        return concurrent.futures.ProcessPoolExecutor(max_workers=min(cores, 4), mp_context=multiprocessing.get_context("fork"))
    except (OSError, ValueError):
        return None


def validate_everything(root: Path) -> list[Problem]:
    """Every problem of every data file (plans, members, settings), in one pass."""
    problems: list[Problem] = []
    for path in sorted((root / "plans").iterdir()):
        if path.is_file() and path.suffix in (".yaml", ".yml"):
            problems.append(Problem(display_path(path, root), 1, 1, "warning", "unexpected-file", "data files belong in plans/<year>/; this one is not read"))

    years = plan_years(root)
    by_year: dict[int, list[Problem]] = {}
    stale = []
    for year in years:
        built_from = cache.signature(cache.folder_files(root / "plans" / str(year)))
        cached = cache.load(root, f"problems-{year}", built_from)
        if cached is None:
            stale.append(year)
        else:
            by_year[year] = cached
    pool = _pool_for(len(stale))
    pending = pool.map(_check_year, [(root, year) for year in stale]) if pool else None

    def member_problems_now():
        from lmhtx_cli.loader import plan_units
        from lmhtx_cli.member_loader import member_problems, read_members

        return member_problems(read_members(root), plan_units(root))

    member_part = _cached(root, "problems-members", member_paths(root), member_problems_now)
    if pool is not None:
        for year, found in zip(stale, pending):
            by_year[year] = found
        pool.shutdown()
    else:
        for year in stale:
            by_year[year] = _check_year((root, year))
    for year in years:
        problems.extend(by_year[year])
    problems.extend(member_part)

    def settings_problems_now():
        from lmhtx_cli.settings import settings_problems

        return settings_problems(root)

    problems.extend(_cached(root, "problems-settings", [root / "settings.yaml"], settings_problems_now))
    return problems
