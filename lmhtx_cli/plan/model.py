"""The shape of the data files, as pydantic models; the single source for validation and JSON Schema."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from lmhtx_cli.ids import ID_PATTERN
from lmhtx_cli.plan.status import STATUSES  # noqa: E402,F401  (re-exported for older imports)

Status = Literal["planned", "in_progress", "done", "postponed", "cancelled"]

CODE_PATTERN = r"^[a-z][a-z0-9_-]{0,15}$"
THREAD_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,39}$"
YEAR_MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"


class _Record(BaseModel):
    # Unknown keys are reported by the checks as warnings with a suggestion, so they are ignored here.
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=False, frozen=False)


class HistoryEntry(_Record):
    """One recorded change of a task's status: when, to what, by whom, and on which document."""

    on: dt.date
    status: Status
    by: str | None = None
    note: str | None = None
    ref: str | None = None
    to: str | None = Field(default=None, pattern=YEAR_MONTH_PATTERN, description="YYYY-MM a postponed task moves to")
    continued_as: str | None = Field(default=None, description="Not needed: the continuation names this task in its `continues`, and the tool derives this from it; where written, validate checks that it agrees")


class Task(_Record):
    model_config = ConfigDict(populate_by_name=True)
    id: str = Field(pattern=ID_PATTERN, description="Stable, short id, unique within the year")
    text: str = Field(min_length=1, description="The task as the programme words it, on one line")
    status: Status = Field(description="The current status")
    thread: str | None = Field(default=None, description="The initiative this task is a step of")
    continues: str | None = Field(default=None, description="Id of the postponed task this one carries on (YYYY/id for another year)")
    added: dt.date | None = Field(default=None, description="The day a task was added to the adopted programme (plan add); a report for an earlier day leaves it out")
    due: dt.date | None = None
    with_: list[str] = Field(default_factory=list, alias="with", description="The units that help with the task (a programme table's 'phối hợp' column), as the programme names them")
    history: list[HistoryEntry] = Field(default_factory=list)


class MonthFile(_Record):
    """plans/<year>/<MM>.yaml: one month's tasks, grouped by unit code."""

    year: int = Field(ge=1900, le=2999)
    month: int = Field(ge=1, le=12)
    units: dict[str, list[Task]] = Field(default_factory=dict)


class UnitDef(_Record):
    code: str = Field(pattern=CODE_PATTERN, description="Short code typed on the command line")
    name: str = Field(min_length=1)
    name_en: str | None = None
    aliases: list[str] = Field(default_factory=list)


class ThreadDef(_Record):
    """An initiative whose steps are spread over several months (a project, a congress, a contest)."""

    code: str = Field(pattern=THREAD_PATTERN, description="Short name used in tasks' thread:")
    name: str = Field(min_length=1)
    name_en: str | None = None
    aliases: list[str] = Field(default_factory=list)


class PlanFile(_Record):
    """plans/<year>/plan.yaml: the year's title, closing note and units."""

    year: int = Field(ge=1900, le=2999)
    title: str | None = None
    note: str | None = None
    units: list[UnitDef] = Field(min_length=1)
    threads: list[ThreadDef] = Field(default_factory=list)


def present(items: list) -> list:
    """The records of a list that passed the schema (a partially valid file holds None for the rest)."""
    return [item for item in items if item is not None]
