"""Where the cache lives: only inside a home or cache folder that exists. A HOME or XDG_CACHE_HOME
that is unset, missing, relative, not a folder or unwritable means no cache, and nothing is created
(`HOME=/nonexistent` once made the tool create that folder)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

LMHTX = str(Path(sys.executable).with_name("lmhtx"))


def _run(root: Path, cwd: Path | None = None, **env: str | None) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in ("LMHTX_CACHE_DIR", "XDG_CACHE_HOME", "HOME", "LMHTX_NO_CACHE", "LMHTX_ROOT")}
    base.update({"LMHTX_TODAY": "2030-06-01", "NO_COLOR": "1"})
    base.update({k: v for k, v in env.items() if v is not None})
    run = subprocess.run([LMHTX, "--root", str(root), "plan", "show"], env=base, cwd=cwd or root, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    return run


def _everything(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


@pytest.mark.parametrize("home", ["missing", "missing/deeper", "a-file"])
def test_a_home_that_is_not_a_folder_gets_no_cache_and_nothing_is_created(small_root, tmp_path, home):
    (tmp_path / "a-file").write_text("not a folder")
    before = _everything(tmp_path)
    _run(small_root, HOME=str(tmp_path / home))
    assert _everything(tmp_path) == before


def test_no_home_at_all_gets_no_cache(small_root, tmp_path):
    before = _everything(tmp_path)
    _run(small_root)
    assert _everything(tmp_path) == before


@pytest.mark.parametrize("xdg", ["missing", "a-file/cache"])
def test_an_xdg_cache_home_that_is_not_a_folder_gets_no_cache(small_root, tmp_path, xdg):
    (tmp_path / "a-file").write_text("not a folder")
    home = tmp_path / "home"
    home.mkdir()
    before = _everything(tmp_path)
    _run(small_root, HOME=str(home), XDG_CACHE_HOME=str(tmp_path / xdg))
    assert _everything(tmp_path) == before


def test_a_relative_xdg_cache_home_is_ignored_and_nothing_lands_in_the_data(small_root, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    before = _everything(small_root)
    _run(small_root, HOME=str(home), XDG_CACHE_HOME="cache")
    assert _everything(small_root) == before
    assert (home / ".cache" / "lmhtx").is_dir()  # the default under HOME, as the XDG rules say


def test_an_existing_home_gets_a_private_cache(small_root, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    _run(small_root, HOME=str(home))
    folder = home / ".cache" / "lmhtx"
    assert folder.is_dir() and stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert list(folder.iterdir())


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes anywhere")
def test_an_unwritable_home_gets_no_cache(small_root, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    home.chmod(0o500)
    try:
        _run(small_root, HOME=str(home))
        assert list(home.iterdir()) == []
    finally:
        home.chmod(0o700)
