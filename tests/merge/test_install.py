"""`lmhtx merge-driver install`: .gitattributes and git config set up once, and nothing changed the second time."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA
from tests.gitutil import git, init_repo

LINES = ["plans/**/*.yaml merge=lmhtx", "members/**/*.yaml merge=lmhtx"]


def _repo(tmp_path) -> Path:
    root = tmp_path / "office"
    shutil.copytree(DATA / "small", root)
    init_repo(root)
    return root


def test_installing_twice_changes_nothing(tmp_path, lmhtx):
    root = _repo(tmp_path)
    (root / ".gitattributes").write_text("*.docx binary", encoding="utf-8")  # someone's own line, no final newline
    first = lmhtx("merge-driver", "install", root=root)
    assert first.code == 0, first.err
    attributes = (root / ".gitattributes").read_bytes()
    config = (root / ".git" / "config").read_bytes()
    assert attributes.decode().splitlines()[0] == "*.docx binary"
    assert [line for line in attributes.decode().splitlines() if "merge=" in line] == LINES
    driver = git(root, "config", "merge.lmhtx.driver").stdout.strip()
    assert " merge-driver run %O %A %B %P; " in driver and sys.executable in driver
    assert git(root, "check-attr", "merge", "plans/2030/01.yaml").stdout.strip().endswith("merge: lmhtx")
    again = lmhtx("merge-driver", "install", root=root)
    assert again.code == 0
    assert (root / ".gitattributes").read_bytes() == attributes and (root / ".git" / "config").read_bytes() == config
    assert again.out != first.out and "plans/**" not in again.out


def test_install_records_the_lmhtx_it_was_run_as(tmp_path):
    root = _repo(tmp_path)
    program = Path(sys.executable).parent / "lmhtx"
    run = subprocess.run([str(program), "merge-driver", "install"], cwd=root, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert git(root, "config", "merge.lmhtx.driver").stdout.strip().startswith(f"{program.resolve()} merge-driver run %O %A %B %P; ")


def test_install_outside_a_git_repository_says_so(tmp_path, lmhtx):
    root = tmp_path / "office"
    shutil.copytree(DATA / "small", root)
    run = lmhtx("merge-driver", "install", root=root)
    assert run.code == 2 and "git init" in run.err and "Traceback" not in run.err
    assert not (root / ".gitattributes").exists()


@pytest.mark.parametrize("broken", ["/gone/lmhtx", "false", "sh -c 'exit 1'"])
def test_a_driver_that_cannot_run_falls_back_to_gits_line_merge_with_markers(english, office, broken):
    """lmhtx moved, uninstalled or failing: git's own line merge, markers and all, never ours alone."""
    command = git(office.root, "config", "merge.lmhtx.driver").stdout.strip()
    start = command[: command.index(" merge-driver run")]
    git(office.root, "config", "merge.lmhtx.driver", command.replace(start, broken, 1).replace(" merge-driver run %O %A %B %P;", ";", 1) if broken != "/gone/lmhtx" else command.replace(start, broken, 1))
    merged = office.two_branches(
        lan=[("plan", "mark", "01-vp-2", "done", "--on", "03/02/2030", "--by", "Lan")],
        minh=[("plan", "mark", "01-vp-2", "in_progress", "--on", "01/02/2030", "--by", "Minh")],
    )
    assert merged.returncode != 0 and "CONFLICT" in merged.stdout
    assert "the lmhtx merge driver could not run; git merged" in merged.stderr and "merge-driver install" in merged.stderr
    text = office.text("plans/2030/01.yaml")
    assert "<<<<<<< ours" in text and ">>>>>>> theirs" in text and 'by: "Lan"' in text and 'by: "Minh"' in text  # both sides, between markers
    validate = office.lmhtx("validate", root=office.root)
    assert validate.code == 1 and "[merge-conflict]" in validate.out and "plans/2030/01.yaml:" in validate.out
