"""Shared fixtures: the repository's real data, small sample data, and a CLI runner."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lmhtx_cli.cli import app

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _pinned_clock(monkeypatch, tmp_path_factory):
    """Tests run as if on 24/11/2026 (no 2026 plan) unless they say otherwise, with reproducible
    new ids; no colour; a cache folder of their own."""
    monkeypatch.setenv("LMHTX_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
    monkeypatch.setenv("LMHTX_TODAY", "2026-11-24")
    monkeypatch.setenv("LMHTX_ID_SEED", "tests")  # new ids worked out from each record's text, not drawn at random
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.delenv("LMHTX_ROOT", raising=False)
    # Vietnamese, as users run it, unless a test asks for English (the `english` fixture, or
    # --lang en); the language chosen by one run must not leak into the next in-process run.
    monkeypatch.delenv("LMHTX_LANG", raising=False)
    from lmhtx_cli import i18n

    monkeypatch.setattr(i18n, "_state", {})


@pytest.fixture
def english(monkeypatch):
    """Messages in English for this test (LMHTX_LANG=en), for assertions on English wording."""
    monkeypatch.setenv("LMHTX_LANG", "en")
    from lmhtx_cli import i18n

    monkeypatch.setattr(i18n, "_state", {})


class Run:
    def __init__(self, result):
        self.code = result.exit_code
        self.out = result.stdout
        self.err = result.stderr
        self.exception = result.exception


@pytest.fixture
def lmhtx():
    """Run the CLI as a user would; returns exit code, stdout and stderr separately."""
    runner = CliRunner()

    def run(*args: str, root: Path | str | None = REPO) -> Run:
        argv = (["--root", str(root)] if root is not None else []) + list(args)
        result = runner.invoke(app, argv)
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return Run(result)

    return run


@pytest.fixture
def office(tmp_path) -> Path:
    """A private copy of the repository's real data (plans/ and members/), safe to change; a test
    module that needs another office defines its own `office`."""
    root = tmp_path / "office"
    shutil.copytree(REPO / "plans", root / "plans")
    shutil.copytree(REPO / "members", root / "members")
    return root


@pytest.fixture
def small_root(tmp_path) -> Path:
    """A private copy of the small sample data set, safe to change."""
    target = tmp_path / "data"
    shutil.copytree(DATA / "small", target)
    return target


def golden(path: Path, actual: str) -> None:
    """Compare with a golden file; LMHTX_UPDATE_GOLDEN=1 rewrites it (review the diff in git)."""
    if os.environ.get("LMHTX_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"golden file {path} is missing; run with LMHTX_UPDATE_GOLDEN=1 to create it"
    assert actual == path.read_text(encoding="utf-8")
