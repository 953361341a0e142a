"""The data set a command works on: where it is, which years it has, and each year's programme."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lmhtx_cli.dates import today_by_clock
from lmhtx_cli.errors import Problem
from lmhtx_cli.i18n import language
from lmhtx_cli.plan.programme import Programme
from lmhtx_cli.plan.query import resolve_year
from lmhtx_cli.store.paths import change_interrupted, find_root, plan_years


class Workspace:
    def __init__(self, root_option: str | None = None, use_cache: bool = True):
        self._root_option = root_option
        self._use_cache = use_cache  # False for a data set that lives only for one run (verify)
        self._root: Path | None = None
        self._programmes: dict[int, tuple[Programme, list[Problem]]] = {}
        self._members = None
        self._years: set[int] | None = None
        self.signatures: dict[int, tuple] = {}  # what each loaded year's files were, for writers

    @property
    def root(self) -> Path:
        if self._root is None:
            self._root = find_root(self._root_option)
            if change_interrupted(self._root):  # a write killed half way: finish or discard it first
                from lmhtx_cli.store.journal import finish_interrupted

                finish_interrupted(self._root)
        return self._root

    def years(self) -> list[int]:
        return plan_years(self.root)

    def programme_if_planned(self, year: int) -> Programme | None:
        """The year's programme when the data folder has a plan for that year, else None (a chain
        or a report reaching into a year nobody has planned yet)."""
        if self._years is None:
            self._years = set(self.years())
        return self.programme(year)[0] if year in self._years else None

    def pick_year(self, requested: int | None, today: dt.date | None = None) -> tuple[int, bool]:
        """The year asked for, else this year if it has a plan, else the latest (fell_back=True)."""
        today = today or today_by_clock()
        return resolve_year(self.years(), requested, today.year)

    def known_for_writing(self, year: int) -> dict:
        """The loaded programme and the signature of the files it came from, for a write to
        check only what it changes (the writer re-checks the signature under its lock)."""
        programme, _ = self.programme(year)
        return {year: (programme, self.signatures[year])}

    def has_members(self) -> bool:
        from lmhtx_cli.store.paths import is_folder

        return is_folder(self.root / "members")

    def plan_units(self) -> dict[int, set[str]]:
        """Each plan year's unit codes (what member records refer to)."""
        from lmhtx_cli.plan.loading import plan_units

        return plan_units(self.root)

    def members(self):
        """The member data set (empty when there is no members/ folder), validated."""
        if self._members is None:
            from lmhtx_cli.store import cache
            from lmhtx_cli.workspace.validation import member_paths

            self._members = cache.cached(self.root, f"members-{language()}", cache.signature(member_paths(self.root)), lambda: _load_members(self.root, self._use_cache), self._use_cache)
        return self._members

    def programme(self, year: int) -> tuple[Programme, list[Problem]]:
        """The year's validated programme, from the cache when its files have not changed."""
        if year not in self._programmes:
            from lmhtx_cli.store import cache

            built_from = cache.signature(cache.folder_files(self.root / "plans" / str(year)))
            self.signatures[year] = built_from
            self._programmes[year] = cache.cached(self.root, f"plan-{year}-{language()}", built_from, lambda: _load_programme(self.root, year), self._use_cache)
        return self._programmes[year]


def _load_programme(root: Path, year: int):
    from lmhtx_cli.plan.checking import load_programme

    return load_programme(root, year)


def _load_members(root: Path, use_cache: bool):
    from lmhtx_cli.members.checking import load_members
    from lmhtx_cli.plan.loading import plan_units

    return load_members(root, plan_units(root), use_cache)
