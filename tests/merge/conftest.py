"""A data repository in git with the merge driver installed, and the steps of a two-branch story."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import DATA, REPO
from tests.gitutil import git, init_repo


class Office:
    """A data folder under git, with the lmhtx merge driver set up (the driver runs as `python -m lmhtx_cli`)."""

    def __init__(self, root: Path, lmhtx):
        self.root = root
        self.lmhtx = lmhtx

    def run(self, *args: str):
        result = self.lmhtx(*args, root=self.root)
        assert result.code == 0, result.out + result.err
        return result

    def branch(self, name: str, start: str = "main") -> None:
        git(self.root, "checkout", "-q", "-b", name, start)

    def commit(self, message: str) -> None:
        git(self.root, "add", "-A")
        git(self.root, "commit", "-q", "-m", message)

    def merge(self, other: str, into: str = "main"):
        git(self.root, "checkout", "-q", into)
        return git(self.root, "merge", "--no-edit", other, check=False)

    def two_branches(self, lan: list[tuple[str, ...]], minh: list[tuple[str, ...]], into: str = "minh"):
        """Lan's commands on branch `lan` and Minh's on branch `minh`, both from main, each
        branch committed; then the other branch merged into `into`."""
        for name, commands, start in (("lan", lan, "main"), ("minh", minh, "main")):
            self.branch(name, start)
            for args in commands:
                self.run(*args)
            self.commit(f"{name}'s work")
        return self.merge("lan" if into == "minh" else "minh", into=into)

    def text(self, name: str) -> str:
        return (self.root / name).read_text(encoding="utf-8")

    def write(self, name: str, text: str) -> None:
        (self.root / name).write_text(text, encoding="utf-8")

    def tasks(self, year: int = 2030) -> dict[str, dict]:
        shown = self.lmhtx("plan", "show", "--year", str(year), "-f", "json", root=self.root)
        assert shown.code == 0, shown.err
        return {t["id"]: t for t in json.loads(shown.out)}

    def id_of(self, text: str, year: int = 2030) -> str:
        """The id of the one task whose text is `text`."""
        found = [i for i, t in self.tasks(year).items() if t["text"] == text]
        assert len(found) == 1, found
        return found[0]

    def at(self, branch: str, year: int = 2030) -> dict[str, dict]:
        """The tasks as branch `branch` holds them (the work tree must be clean)."""
        current = git(self.root, "rev-parse", "--abbrev-ref", "HEAD").stdout.strip()
        git(self.root, "checkout", "-q", branch)
        try:
            return self.tasks(year)
        finally:
            git(self.root, "checkout", "-q", current)

    def validates(self) -> bool:
        return self.lmhtx("validate", root=self.root).code == 0


def _office(root: Path, lmhtx, install: bool = True) -> Office:
    init_repo(root)
    office = Office(root, lmhtx)
    if install:
        office.run("merge-driver", "install")
        office.commit("merge driver")
    return office


@pytest.fixture
def office(tmp_path, lmhtx) -> Office:
    """The small sample programme (2030) in git, the driver installed."""
    root = tmp_path / "office"
    shutil.copytree(DATA / "small", root)
    return _office(root, lmhtx)


@pytest.fixture
def member_office(tmp_path, lmhtx) -> Office:
    """The repository's own plans and members in git, the driver installed."""
    root = tmp_path / "office"
    shutil.copytree(REPO / "plans", root / "plans")
    shutil.copytree(REPO / "members", root / "members")
    return _office(root, lmhtx)


@pytest.fixture
def bare_office(tmp_path, lmhtx) -> Office:
    """The small sample programme in git, without the driver."""
    root = tmp_path / "office"
    shutil.copytree(DATA / "small", root)
    return _office(root, lmhtx, install=False)
