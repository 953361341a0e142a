"""The data set a command works on: where it is, which years it has, and each year's programme."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from lmhtx_cli.errors import Problem, UserError
from lmhtx_cli.loader import load_programme
from lmhtx_cli.paths import find_root, plan_years
from lmhtx_cli.programme import Programme
from lmhtx_cli.query import resolve_year


def today_by_clock() -> dt.date:
    """Today's date, or $LMHTX_TODAY (YYYY-MM-DD) so that tests and re-runs can pin the clock."""
    pinned = os.environ.get("LMHTX_TODAY")
    if pinned:
        try:
            return dt.date.fromisoformat(pinned)
        except ValueError:
            raise UserError(f'LMHTX_TODAY="{pinned}" is not a date (YYYY-MM-DD)') from None
    return dt.date.today()


class Workspace:
    def __init__(self, root_option: str | None = None):
        self._root_option = root_option
        self._root: Path | None = None
        self._programmes: dict[int, tuple[Programme, list[Problem]]] = {}
        self._members = None

    @property
    def root(self) -> Path:
        if self._root is None:
            self._root = find_root(self._root_option)
        return self._root

    def years(self) -> list[int]:
        return plan_years(self.root)

    def pick_year(self, requested: int | None, today: dt.date | None = None) -> tuple[int, bool]:
        """The year asked for, else this year if it has a plan, else the latest (fell_back=True)."""
        today = today or today_by_clock()
        return resolve_year(self.years(), requested, today.year)

    def members(self):
        """The member data set (empty when there is no members/ folder), validated."""
        if self._members is None:
            from lmhtx_cli.loader import plan_units
            from lmhtx_cli.member_loader import load_members

            self._members = load_members(self.root, plan_units(self.root))
        return self._members

    def programme(self, year: int) -> tuple[Programme, list[Problem]]:
        if year not in self._programmes:
            self._programmes[year] = load_programme(self.root, year)
        return self._programmes[year]
