"""The README is the manual: it opens with the two commands, and shows every command."""

from __future__ import annotations

import re

from lmhtx_cli.cli.registry import all_command_names
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_it_opens_with_the_install_and_the_test_command():
    blocks = re.findall(r"```sh\n(.*?)```", README, re.S)
    assert blocks[0].strip() == """python3 -m venv .venv && .venv/bin/pip install -q '.[test]' && .venv/bin/lmhtx plan show --month 5 --unit "Quỹ\""""
    assert blocks[1].strip() == ".venv/bin/python -m pytest"
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert blocks[0].strip() in ci and blocks[1].strip() in ci


def test_every_command_is_shown():
    names = all_command_names()
    assert len(names) > 20
    missing = [name for name in names if f"lmhtx {name}" not in README]
    assert missing == []
