"""`lmhtx validate` over every data file, reusing the cached result of folders that did not change."""

from __future__ import annotations

import os
from pathlib import Path

from lmhtx_cli.errors import Problem
from lmhtx_cli.i18n import _, language
from lmhtx_cli.store import cache
from lmhtx_cli.store.paths import display_path, files_in, layout_problems, plan_years


def member_paths(root: Path) -> list[Path]:
    return cache.member_files(root)  # the member writers refresh the entries built from them


PARALLEL_FROM = 8  # years to read before other processes are worth starting


def _check_year(job: tuple[Path, int, bool]) -> list[Problem]:
    """One year's problems, read and checked from its files (and cached for the next run)."""
    from lmhtx_cli.plan.checking import year_problems
    from lmhtx_cli.plan.loading import read_year

    root, year, use_cache = job
    built_from = cache.signature(cache.folder_files(root / "plans" / str(year)))
    found = year_problems(read_year(root, year))
    if use_cache:
        cache.store(root, f"problems-{year}-{language()}", built_from, found)  # messages are in the run's language
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


def validate_everything(root: Path, use_cache: bool = True) -> list[Problem]:
    """Every problem of every data file (plans, members, settings), in one pass; what did not
    change since the last run comes from the cache unless `use_cache` is false. What reads files
    (and loads pydantic and yaml) is imported only when the cache cannot answer."""
    problems: list[Problem] = []
    for path in files_in(root / "plans"):
        problems.append(Problem(display_path(path, root), 1, 1, "warning", "unexpected-file", _("data files belong in plans/<year>/; this one is not read")))
    problems.extend(layout_problems(root))

    years = plan_years(root)
    by_year: dict[int, list[Problem]] = {}
    stale = []
    for year in years:
        built_from = cache.signature(cache.folder_files(root / "plans" / str(year)))
        found = cache.load(root, f"problems-{year}-{language()}", built_from) if use_cache else None
        if found is None:
            stale.append(year)
        else:
            by_year[year] = found
    jobs = [(root, year, use_cache) for year in stale]
    pool = _pool_for(len(stale))
    pending = pool.map(_check_year, jobs) if pool else None

    member_part = cache.cached(root, f"problems-members-{language()}", cache.signature(member_paths(root)), lambda: _member_problems(root, use_cache), use_cache)
    by_year.update(zip(stale, pending if pool is not None else map(_check_year, jobs)))
    if pool is not None:
        pool.shutdown()
    for year in years:
        problems.extend(by_year[year])
    problems.extend(member_part)
    problems.extend(cache.cached(root, f"problems-settings-{language()}", cache.signature([root / "settings.yaml"]), lambda: _settings_problems(root), use_cache))
    return problems


def _member_problems(root: Path, use_cache: bool) -> list[Problem]:
    from lmhtx_cli.members.checking import member_problems, read_checked
    from lmhtx_cli.plan.loading import plan_units

    return member_problems(read_checked(root, use_cache=use_cache), plan_units(root))


def _settings_problems(root: Path) -> list[Problem]:
    from lmhtx_cli.settings import settings_problems

    return settings_problems(root)
