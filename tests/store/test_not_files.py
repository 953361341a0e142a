"""Files that are not files: a FIFO, a device, /dev/zero behind a link, a link out of the data
folder, a folder named like a file, an unreadable folder. Each is refused quickly with its name,
never a hang nor an internal error; `--output` never replaces a device, a FIFO or a link by a
rename, and never replaces a read-only file."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

RUN_TIMEOUT = 30


def _run(root: Path, *args: str, **extra: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "LMHTX_ROOT"} | {"LMHTX_NO_CACHE": "1", "LMHTX_LANG": "en", "LMHTX_TODAY": "2030-06-01"} | extra
    started = time.monotonic()
    run = subprocess.run([sys.executable, "-m", "lmhtx_cli", "--root", str(root), *args], capture_output=True, text=True, env=env, timeout=RUN_TIMEOUT)
    assert time.monotonic() - started < 15, "too slow: it must be refused at once"
    assert "Traceback" not in run.stderr, run.stderr
    return run


def _fifo(path: Path) -> None:
    path.unlink(missing_ok=True)
    os.mkfifo(path)


def _device(path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("only root can make a device node")
    path.unlink(missing_ok=True)
    os.mknod(path, 0o644 | stat.S_IFCHR, os.makedev(1, 5))  # the same device as /dev/zero


def _zero_link(path: Path) -> None:
    path.unlink(missing_ok=True)
    path.symlink_to("/dev/zero")


def _outside_link(path: Path) -> None:
    outside = path.parents[3] / "outside.yaml"
    outside.write_text(path.read_text(encoding="utf-8") if path.exists() else "year: 2030\n", encoding="utf-8")
    path.unlink(missing_ok=True)
    path.symlink_to(outside)


def _folder(path: Path) -> None:
    path.unlink(missing_ok=True)
    path.mkdir()
    (path / "inside.yaml").write_text("x: 1\n", encoding="utf-8")


MAKERS = {"fifo": _fifo, "device": _device, "dev-zero-link": _zero_link, "link-out-of-the-folder": _outside_link, "folder": _folder}
FILES = ["plans/2030/05.yaml", "plans/2030/plan.yaml", "plans/2030/03.yaml"]


@pytest.mark.parametrize("name", FILES, ids=["month", "plan", "new-month"])
@pytest.mark.parametrize("kind", list(MAKERS))
def test_validate_refuses_what_is_not_a_file_with_its_name(small_root, kind, name):
    MAKERS[kind](small_root / name)
    run = _run(small_root, "validate")
    assert run.returncode == 1, run.stdout + run.stderr
    located = [line for line in run.stdout.splitlines() if line.startswith(f"{name}:1:1: error:")]
    assert located, run.stdout
    assert any(code in located[0] for code in ("[not-a-file]", "[outside]")), located


@pytest.mark.parametrize("kind", list(MAKERS))
def test_commands_that_read_refuse_it_too(small_root, kind):
    MAKERS[kind](small_root / "plans/2030/05.yaml")
    run = _run(small_root, "plan", "show", "--year", "2030")
    assert run.returncode in (1, 2)
    assert "plans/2030/05.yaml" in run.stderr + run.stdout


@pytest.mark.parametrize("kind", ["fifo", "device", "dev-zero-link", "link-out-of-the-folder"])
def test_a_mark_refuses_it_and_writes_nothing(small_root, kind):
    MAKERS[kind](small_root / "plans/2030/05.yaml")
    run = _run(small_root, "plan", "mark", "01-vp-2", "done", "--by", "Lan")
    assert run.returncode in (1, 2)
    assert "plans/2030/05.yaml" in run.stderr + run.stdout
    assert b"01-vp-2\n      text" in (small_root / "plans/2030/01.yaml").read_bytes()


@pytest.mark.parametrize("name", ["members/members.yaml", "members/meetings/2030.yaml", "settings.yaml"])
@pytest.mark.parametrize("kind", ["fifo", "dev-zero-link", "folder"])
def test_other_data_files_are_refused_alike(small_root, kind, name):
    path = small_root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    MAKERS[kind](path)
    run = _run(small_root, "validate")
    assert run.returncode == 1, run.stdout + run.stderr
    assert any(line.startswith(f"{name}:1:1: error:") for line in run.stdout.splitlines()), run.stdout


def test_a_link_inside_the_data_folder_is_followed_and_kept(small_root):
    month = small_root / "plans/2030/01.yaml"
    real = small_root / "plans/2030/real-january.txt"
    month.rename(real)
    month.symlink_to(real.name)
    assert _run(small_root, "validate").returncode == 0
    assert _run(small_root, "plan", "mark", "01-vp-2", "done", "--by", "Lan").returncode == 0
    assert month.is_symlink() and b"status: done\n      history:\n        - on: 2030-06-01" in real.read_bytes()


def test_an_unreadable_folder_is_a_clear_error(lmhtx, small_root, monkeypatch):
    folder = small_root / "plans/2030"
    real_iterdir = Path.iterdir

    def unreadable(self):
        if self == folder:
            raise PermissionError(13, "Permission denied", str(self))
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", unreadable)
    for args in (("validate",), ("plan", "show")):
        run = lmhtx(*args, root=small_root)
        assert run.code == 2
        assert "plans/2030/" in run.err and run.err.count("\n") == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a folder whatever its mode")
def test_a_folder_without_permissions_is_a_clear_error(small_root):
    folder = small_root / "plans/2030"
    folder.chmod(0)
    try:
        run = _run(small_root, "validate")
    finally:
        folder.chmod(0o755)
    assert run.returncode in (1, 2) and "plans/2030" in run.stdout + run.stderr


# -- --output ------------------------------------------------------------------------------------
REPORT = ("report", "month", "1", "--year", "2030", "-f", "md")


def test_output_through_a_link_replaces_the_linked_file_and_keeps_the_link(small_root, tmp_path):
    target = tmp_path / "reports" / "may.md"
    target.parent.mkdir()
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "latest.md"
    link.symlink_to(target)
    run = _run(small_root, *REPORT, "-o", str(link))
    assert run.returncode == 0, run.stderr
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8") != "old\n"


@pytest.mark.parametrize("what", ["fifo", "device", "dev-null-link", "folder", "dangling-link"])
def test_output_never_replaces_what_is_not_a_file(small_root, tmp_path, what):
    path = tmp_path / "out.md"
    if what == "fifo":
        os.mkfifo(path)
    elif what == "device":
        _device(path)
    elif what == "dev-null-link":
        path.symlink_to("/dev/null")
    elif what == "folder":
        path.mkdir()
    else:
        path.symlink_to(tmp_path / "missing" / "x.md")
    before = os.lstat(path)
    run = _run(small_root, *REPORT, "-o", str(path))
    assert run.returncode == 2
    assert str(path) in run.stderr and run.stderr.count("\n") == 1
    after = os.lstat(path)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    assert not list(tmp_path.glob(".out.md.*"))


@pytest.mark.parametrize("mode", [0o444, 0o400, 0o044])
def test_output_refuses_a_read_only_file(small_root, tmp_path, mode):
    path = tmp_path / "out.md"
    path.write_text("keep me\n", encoding="utf-8")
    path.chmod(mode)
    run = _run(small_root, *REPORT, "-o", str(path))
    assert run.returncode == 2 and "read-only" in run.stderr
    assert path.read_text(encoding="utf-8") == "keep me\n" and stat.S_IMODE(path.stat().st_mode) == mode


def test_a_read_only_data_file_is_not_replaced_by_a_mark(small_root):
    month = small_root / "plans/2030/01.yaml"
    before = month.read_bytes()
    month.chmod(0o444)
    run = _run(small_root, "plan", "mark", "01-vp-2", "done", "--by", "Lan")
    assert run.returncode == 2 and "read-only" in run.stderr and "plans/2030/01.yaml" in run.stderr
    assert month.read_bytes() == before


def test_output_to_a_word_file_through_a_fifo_is_refused(small_root, tmp_path):
    path = tmp_path / "r.docx"
    os.mkfifo(path)
    run = _run(small_root, "report", "month", "1", "--year", "2030", "-f", "docx", "-o", str(path))
    assert run.returncode == 2 and stat.S_ISFIFO(os.lstat(path).st_mode)
