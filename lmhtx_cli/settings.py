"""The office's own settings for the documents it signs: agency lines, symbol, recipients, signer."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from lmhtx_cli.errors import DataError, Problem


class Signature(BaseModel):
    model_config = ConfigDict(extra="ignore")
    authority: str | None = None
    title: str = "CHỦ TỊCH"
    name: str = ""


class Settings(BaseModel):
    model_config = ConfigDict(extra="ignore")
    agency: list[str] = Field(default_factory=lambda: ["TÊN CƠ QUAN"], min_length=1)
    parent_agency: str | None = None
    symbol: str = "CQ"
    place: str = ""
    recipients: list[str] = Field(default_factory=list)
    signature: Signature = Field(default_factory=Signature)
    report_cutoff_day: int | None = Field(
        default=None, ge=1, le=28, description="The day of the month a periodic report's data stop (Decree 09/2019/NĐ-CP: 14); the data run from the next day of the month before the period. Absent: the period's own days"
    )


def settings_problems(root: Path) -> list[Problem]:
    from lmhtx_cli.store.documents import conform, read_doc
    from lmhtx_cli.store.paths import exists

    path = root / "settings.yaml"
    if not exists(path):
        return []
    doc = read_doc(path, root)
    conform(doc, Settings.__name__, lambda: Settings)
    return doc.problems


def load_settings(root: Path) -> Settings:
    """settings.yaml of the data folder; placeholders when there is none (the office fills them)."""
    from lmhtx_cli.store.documents import conform, read_doc
    from lmhtx_cli.store.paths import exists

    path = root / "settings.yaml"
    if not exists(path):
        return Settings()
    doc = read_doc(path, root)
    model = conform(doc, Settings.__name__, lambda: Settings)
    errors = [p for p in doc.problems if p.level == "error"]
    if errors or model is None:
        raise DataError(errors or doc.problems)
    return model


def cutoff_day(root: Path) -> int | None:
    """The office's report cut-off day (settings.yaml `report_cutoff_day`), None when not set.
    Only this key is read: a problem elsewhere in the letter-head does not stop a report that
    does not print one (`validate` and a Word report still name it)."""
    from lmhtx_cli.i18n import _
    from lmhtx_cli.store.documents import read_doc
    from lmhtx_cli.store.paths import exists

    path = root / "settings.yaml"
    if not exists(path):
        return None
    doc = read_doc(path, root)
    errors = [p for p in doc.problems if p.level == "error"]
    if errors and not isinstance(doc.data, dict):
        raise DataError(errors)
    value = doc.data.get("report_cutoff_day") if isinstance(doc.data, dict) else None
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 28:
        message = _("report_cutoff_day is {value}: use a day from 1 to 28 (the day of the month a report's figures stop), or leave it out for the period's last day").format(value=value)
        raise DataError([doc.problem(("report_cutoff_day",), "schema", message)])
    return value
