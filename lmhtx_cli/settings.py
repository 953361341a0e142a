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
