"""The pip requirement a new office's CI installs the tool with."""

from __future__ import annotations

from lmhtx_cli.store import package
from tests.gitutil import git, init_repo


def test_a_local_clone_with_a_reachable_origin_is_installed_from_its_origin_and_commit(tmp_path):
    clone = tmp_path / "lmhtx"
    clone.mkdir()
    (clone / "README.md").write_text("x\n", encoding="utf-8")
    init_repo(clone)
    git(clone, "remote", "add", "origin", "https://example.invalid/lmhtx.git")
    commit = git(clone, "rev-parse", "HEAD").stdout.strip()
    assert package._clone_origin(str(clone)) == f"lmhtx @ git+https://example.invalid/lmhtx.git@{commit}"


def test_a_folder_ci_cannot_reach_gives_no_git_requirement(tmp_path):
    plain = tmp_path / "plain"
    plain.mkdir()
    assert package._clone_origin(str(plain)) is None
    clone = tmp_path / "clone"
    clone.mkdir()
    (clone / "README.md").write_text("x\n", encoding="utf-8")
    init_repo(clone)
    git(clone, "remote", "add", "origin", str(plain))  # a path on this machine: CI cannot reach it
    assert package._clone_origin(str(clone)) is None
