"""A repository from someone else is data, never instructions: whatever links, devices or
journals it holds, lmhtx writes nothing outside the data folder and nothing inside `.git/`, and
`--output` never replaces a data file of the tool."""

from __future__ import annotations

import json
import os
import shutil
import zlib
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.gitutil import git, init_repo

MARK = ("plan", "mark", "05-vp-1", "done", "--year", "2024", "--by", "Lan", "--on", "20/05/2024")


@pytest.fixture
def office(tmp_path, monkeypatch) -> Path:
    """The 2024 data in a git repository, with a file outside it that must never change."""
    monkeypatch.setenv("LMHTX_LANG", "en")
    monkeypatch.setenv("LMHTX_TODAY", "2024-05-20")
    from lmhtx_cli import i18n

    monkeypatch.setattr(i18n, "_state", {})
    root = tmp_path / "office"
    shutil.copytree(REPO / "plans", root / "plans")
    shutil.copytree(REPO / "members", root / "members")
    init_repo(root)
    (tmp_path / "bashrc").write_text("keep me\n", encoding="utf-8")
    (tmp_path / "a-folder").mkdir()
    return root


def _link(link: Path, kind: str, tmp_path: Path, root: Path) -> Path:
    """A link of one kind at `link`; returns what must stay as it is."""
    link.parent.mkdir(parents=True, exist_ok=True)
    if kind == "file-outside":
        link.symlink_to(tmp_path / "bashrc")
        return tmp_path / "bashrc"
    if kind == "relative-outside":
        link.symlink_to(os.path.relpath(tmp_path / "bashrc", link.parent))
        return tmp_path / "bashrc"
    if kind == "dangling":
        link.symlink_to(tmp_path / "nothing-here")
        return tmp_path / "nothing-here"
    if kind == "into-git":
        link.symlink_to(root / ".git" / "config")
        return root / ".git" / "config"
    if kind == "folder":
        link.symlink_to(tmp_path / "a-folder")
        return tmp_path / "a-folder"
    if kind == "data-file":
        link.symlink_to(root / "plans/2024/05.yaml")
        return root / "plans/2024/05.yaml"
    raise AssertionError(kind)


def _state(path: Path):
    if path.is_dir():
        return sorted(os.listdir(path))
    return path.read_bytes() if path.exists() else None


KINDS = ["file-outside", "relative-outside", "dangling", "into-git", "folder"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_committed_link_at_the_lock_is_never_opened(lmhtx, office, tmp_path, kind):
    kept = _link(office / ".lmhtx/lock", kind, tmp_path, office)
    before, month = _state(kept), (office / "plans/2024/05.yaml").read_bytes()
    run = lmhtx(*MARK, root=office)
    assert run.code == 2 and ".lmhtx/lock" in run.err and "symbolic link" in run.err
    assert _state(kept) == before and (office / "plans/2024/05.yaml").read_bytes() == month


@pytest.mark.parametrize("kind", [*KINDS, "data-file"])
def test_a_link_at_a_schema_file_is_refused(lmhtx, office, tmp_path, kind):
    kept = _link(office / "schema/plan.schema.json", kind, tmp_path, office)
    before = _state(kept)
    run = lmhtx("schema", root=office)
    assert run.code == 2 and "plan.schema.json" in run.err and "nothing was written" in run.err
    assert _state(kept) == before and not (office / "schema/month.schema.json").exists()


@pytest.mark.parametrize("kind", ["file-outside", "folder", "into-git"])
def test_a_schema_folder_that_is_a_link_is_refused(lmhtx, office, tmp_path, kind):
    if kind == "into-git":
        (office / "schema").symlink_to(office / ".git" / "hooks")
        kept = office / ".git" / "hooks"
    else:
        (office / "schema").symlink_to(tmp_path / "a-folder")
        kept = tmp_path / "a-folder"
    before = _state(kept)
    assert lmhtx("schema", root=office).code == 2
    assert _state(kept) == before


@pytest.mark.parametrize("kind", [*KINDS, "data-file"])
def test_a_link_at_gitattributes_is_refused(lmhtx, office, tmp_path, kind):
    kept = _link(office / ".gitattributes", kind, tmp_path, office)
    before = _state(kept)
    run = lmhtx("merge-driver", "install", root=office)
    assert run.code == 2 and ".gitattributes" in run.err
    assert _state(kept) == before


@pytest.mark.parametrize("kind", ["folder", "into-git-hooks", "another-year", "dangling"])
def test_a_year_folder_that_is_a_link_is_refused(lmhtx, office, tmp_path, kind):
    year = office / "plans/2025"
    if kind == "folder":
        year.symlink_to(tmp_path / "a-folder")
        kept = tmp_path / "a-folder"
    elif kind == "into-git-hooks":
        year.symlink_to(office / ".git" / "hooks")
        kept = office / ".git" / "hooks"
    elif kind == "another-year":
        year.symlink_to("2024")
        kept = office / "plans/2024"
    else:
        year.symlink_to(tmp_path / "nowhere")
        kept = tmp_path / "nowhere"
    before = {p.name: p.read_bytes() for p in kept.iterdir()} if kept.is_dir() else None
    run = lmhtx("plan", "new-year", "2025", "--from", "2024", "--force", root=office)
    assert run.code == 2 and "plans/2025" in run.err
    assert ({p.name: p.read_bytes() for p in kept.iterdir()} if kept.is_dir() else None) == before
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.parametrize("where", ["outside", "inside"])
def test_a_folder_on_the_way_that_is_a_link_is_refused_for_a_data_file(lmhtx, office, tmp_path, where):
    outside = tmp_path / "a-folder" if where == "outside" else office / "archive"
    shutil.copytree(office / "plans/2024", outside / "2024")
    shutil.rmtree(office / "plans/2024")
    (office / "plans/2024").symlink_to(outside / "2024")
    before = (outside / "2024/05.yaml").read_bytes()
    run = lmhtx(*MARK, root=office)
    assert run.code in (1, 2) and "plans/2024" in run.err + run.out
    assert (outside / "2024/05.yaml").read_bytes() == before


# -- --output ------------------------------------------------------------------------------------
OUTPUTS = {
    "report-md": ("report", "month", "5", "--year", "2024", "-f", "md"),
    "report-json": ("report", "month", "5", "--year", "2024", "-f", "json"),
    "report-docx": ("report", "month", "5", "--year", "2024", "-f", "docx"),
    "digest": ("digest", "--month", "2024-05"),
    "ics": ("meetings", "ics"),
}
DATA_FILES = ["plans/2024/05.yaml", "plans/2024/plan.yaml", "members/members.yaml", "settings.yaml", "schema/plan.schema.json", "templates/report.md.j2"]


@pytest.mark.parametrize("data_file", DATA_FILES)
@pytest.mark.parametrize("command", list(OUTPUTS))
def test_output_never_replaces_a_data_file(lmhtx, office, command, data_file):
    path = office / data_file
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        path.write_text("# kept\n", encoding="utf-8")
    before = path.read_bytes()
    os.chdir(office)
    try:
        run = lmhtx(*OUTPUTS[command], "--output", data_file, root=office)
    finally:
        os.chdir(REPO)
    assert run.code == 2 and "--output" in run.err and data_file in run.err and "data file" in run.err
    assert path.read_bytes() == before


@pytest.mark.parametrize("target", ["plans", "members/new-folder", "templates", ".git/x", "."])
def test_a_site_never_lands_on_the_data(lmhtx, office, target):
    before = git(office, "status", "--porcelain", "--untracked-files=all").stdout
    run = lmhtx("site", "--output", str(office / target), "--year", "2024", root=office)
    assert run.code == 2
    assert git(office, "status", "--porcelain", "--untracked-files=all").stdout == before


@pytest.mark.parametrize("target", ["plans", "members", ".git"])
def test_schemas_never_land_in_another_data_folder(lmhtx, office, target):
    before = sorted(os.listdir(office / target))
    assert lmhtx("schema", "--output", str(office / target), root=office).code == 2
    assert sorted(os.listdir(office / target)) == before


def test_output_into_git_is_refused(lmhtx, office):
    before = sorted(os.listdir(office / ".git"))
    run = lmhtx(*OUTPUTS["report-md"], "--output", str(office / ".git" / "info" / "report.md"), root=office)
    assert run.code == 2 and ".git" in run.err
    assert sorted(os.listdir(office / ".git")) == before and not (office / ".git/info/report.md").exists()


def test_an_output_beside_the_data_is_still_written(lmhtx, office):
    run = lmhtx(*OUTPUTS["report-md"], "--output", str(office / "reports" / "05.md"), root=office)
    assert run.code == 0, run.err
    assert (office / "reports/05.md").is_file()
    assert lmhtx("schema", "--output", str(office / "schema"), root=office).code == 0


# -- journals that this clone did not begin ------------------------------------------------------
def _plant(root: Path, target: str, data: bytes = b"#!/bin/sh\necho pwned\n", owner: bool = False) -> None:
    journal = root / ".lmhtx/journal"
    journal.mkdir(parents=True)
    (journal / "0.new").write_bytes(data)
    manifest: dict = {"files": [{"target": target, "data": "0.new", "old": None, "new": [len(data), zlib.crc32(data)]}]}
    if owner:  # a copy of the proof with a guessed identity: the change time cannot be guessed
        (journal / "owner").write_text("0" * 32, encoding="ascii")
        info = os.lstat(journal / "owner")
        manifest["owner"] = {"nonce": "0" * 32, "dev": info.st_dev, "ino": info.st_ino, "ctime": info.st_ctime_ns - 1}
    (journal / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


def _written(root: Path) -> list[str]:
    return [p for p in (".git/hooks/pre-commit", ".git/info/attributes", "templates/report.md.j2", "plans/2024/13.yaml") if (root / p).exists()]


@pytest.mark.parametrize(
    "target",
    [".git/hooks/pre-commit", ".git/info/attributes", "templates/report.md.j2", "plans/2024/05.yaml", "plans/2024/13.yaml"],
)
@pytest.mark.parametrize("owner", [False, True], ids=["no-proof", "forged-proof"])
@pytest.mark.parametrize("command", [("plan", "show", "--year", "2024"), MARK, ("validate",)], ids=["show", "mark", "validate"])
def test_a_planted_journal_is_never_replayed(lmhtx, office, target, owner, command):
    month = (office / "plans/2024/05.yaml").read_bytes()
    _plant(office, target, owner=owner)
    run = lmhtx(*command, root=office)
    assert run.code == 2 and ".lmhtx/journal/" in run.err and "not acted on" in run.err
    assert _written(office) == [] and (office / "plans/2024/05.yaml").read_bytes() == month
    assert (office / ".lmhtx/journal/manifest.json").is_file()  # kept for a person to look at


def test_a_journal_that_git_tracks_is_never_replayed(lmhtx, office):
    _plant(office, "plans/2024/13.yaml", b"year: 2024\n")
    git(office, "add", "-f", ".lmhtx/journal")
    run = lmhtx("plan", "show", "--year", "2024", root=office)
    assert run.code == 2 and "git tracks" in run.err
    assert _written(office) == []


@pytest.mark.parametrize("what", ["link-to-folder", "foreign-file", "link-inside"])
def test_an_odd_journal_folder_is_refused_not_removed(lmhtx, office, tmp_path, what):
    journal = office / ".lmhtx/journal"
    journal.parent.mkdir()
    if what == "link-to-folder":
        (tmp_path / "a-folder" / "keep").write_text("x", encoding="utf-8")
        journal.symlink_to(tmp_path / "a-folder")
    elif what == "foreign-file":
        journal.mkdir()
        (journal / "run-me.sh").write_text("x", encoding="utf-8")
    else:
        journal.mkdir()
        (journal / "0.new").symlink_to(tmp_path / "bashrc")
    run = lmhtx("plan", "show", "--year", "2024", root=office)
    assert run.code == 2 and ".lmhtx/journal/" in run.err
    assert (tmp_path / "bashrc").read_text(encoding="utf-8") == "keep me\n"
    assert what != "link-to-folder" or (tmp_path / "a-folder" / "keep").exists()


def test_a_journal_copied_with_the_folder_is_not_replayed_in_the_copy(office, tmp_path):
    """Even lmhtx's own journal, copied to another place (an archive, a copy), is refused there."""
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("LMHTX_TEST_HOLD")} | {"LMHTX_TEST_HOLD_BETWEEN": "60"}
    process = subprocess.Popen([sys.executable, "-m", "lmhtx_cli", "--root", str(office), "plan", "mark", "05-vp-1", "postponed", "--to", "2024-07", "--year", "2024", "--by", "Lan"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    import time

    deadline = time.monotonic() + 60
    while not (office / ".lmhtx/journal/manifest.json").exists():
        assert process.poll() is None and time.monotonic() < deadline, process.communicate()
        time.sleep(0.01)
    time.sleep(0.5)
    process.kill()
    process.wait()
    copy = tmp_path / "copy"
    shutil.copytree(office, copy, symlinks=True)
    env.pop("LMHTX_TEST_HOLD_BETWEEN")
    there = subprocess.run([sys.executable, "-m", "lmhtx_cli", "--root", str(copy), "plan", "show", "--year", "2024"], env=env, capture_output=True, text=True, timeout=60)
    assert there.returncode == 2 and "not acted on" in there.stderr
    here = subprocess.run([sys.executable, "-m", "lmhtx_cli", "--root", str(office), "plan", "show", "--year", "2024"], env=env, capture_output=True, text=True, timeout=60)
    assert here.returncode == 0, here.stderr
    assert not (office / ".lmhtx/journal").exists()


# -- new folders: an import's --output, a new office ----------------------------------------------
@pytest.mark.parametrize("target", ["members", "templates", ".git/lmhtx", "settings.yaml"])
def test_an_import_never_writes_its_year_into_another_data_folder_or_git(lmhtx, office, tmp_path, target):
    source = tmp_path / "programme.txt"
    source.write_text("CHƯƠNG TRÌNH\nCông tác năm 2031\nTháng 1\n1. Văn phòng:\n- Việc.\n", encoding="utf-8")
    (office / "templates").mkdir(exist_ok=True)
    (office / "settings.yaml").write_text("# kept\n", encoding="utf-8")
    before = git(office, "status", "--porcelain", "--untracked-files=all").stdout
    git_before = sorted(os.listdir(office / ".git"))
    run = lmhtx("import", "programme", str(source), "--year", "2031", "--output", str(office / target), root=office)
    assert run.code == 2, run.err
    assert git(office, "status", "--porcelain", "--untracked-files=all").stdout == before
    assert sorted(os.listdir(office / ".git")) == git_before


@pytest.mark.parametrize("where", ["link-to-empty-folder", "inside-git", "link-on-the-way-into-git"])
def test_a_new_office_is_never_made_through_a_link_or_inside_git(lmhtx, office, tmp_path, where):
    empty = tmp_path / "empty"
    empty.mkdir()
    if where == "link-to-empty-folder":
        target = tmp_path / "new-office"
        target.symlink_to(empty)
    elif where == "inside-git":
        target = office / ".git" / "new-office"
    else:
        (tmp_path / "via").symlink_to(office / ".git")
        target = tmp_path / "via" / "new-office"
    git_before = sorted(os.listdir(office / ".git"))
    run = lmhtx("init", str(target), "--office", "Liên minh Hợp tác xã tỉnh Thử", "--year", "2025", root=None)
    assert run.code == 2
    assert os.listdir(empty) == [] and sorted(os.listdir(office / ".git")) == git_before


@pytest.mark.parametrize(
    "manifest",
    [b"not json at all", b'{"owner": "mine", "files": []}', b'{"files": "plans/2024/05.yaml"}', b"[1, 2, 3]", b'{"owner": {"nonce": "00"}, "files": []}'],
    ids=["not-json", "owner-a-string", "files-a-string", "a-list", "half-a-proof"],
)
def test_a_planted_manifest_of_any_shape_is_refused_and_kept(lmhtx, office, manifest):
    journal = office / ".lmhtx/journal"
    journal.mkdir(parents=True)
    (journal / "manifest.json").write_bytes(manifest)
    run = lmhtx("plan", "show", "--year", "2024", root=office)
    assert run.code == 2 and ".lmhtx/journal/" in run.err and "not acted on" in run.err
    assert (journal / "manifest.json").read_bytes() == manifest


def test_a_folder_swapped_for_a_link_after_the_checks_still_gets_nothing_outside(lmhtx, office, tmp_path, monkeypatch):
    """The write renames into the folder it opened without following links, not into a path
    looked up again: a year folder swapped for a link while the write runs leads nowhere."""
    from lmhtx_cli.store import writeback

    outside = tmp_path / "a-folder" / "2024"
    shutil.copytree(office / "plans/2024", outside)
    before = (outside / "05.yaml").read_bytes()

    def swap(variable: str = "LMHTX_TEST_HOLD_WRITE") -> None:
        if variable == "LMHTX_TEST_HOLD_WRITE" and not (office / "plans/2024").is_symlink():
            (office / "plans/2024").rename(office / "plans/2024-moved")
            (office / "plans/2024").symlink_to(outside)

    monkeypatch.setattr(writeback, "_pause_for_fault_tests", swap)
    lmhtx(*MARK, root=office)
    assert (outside / "05.yaml").read_bytes() == before
    assert b"status: done" in (office / "plans/2024-moved/05.yaml").read_bytes()
