"""`lmhtx plan diff`: a plan edit explained in the programme's own terms."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import DATA, REPO, golden
from tests.gitutil import git, init_repo

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture
def repo(tmp_path):
    root = tmp_path / "office"
    shutil.copytree(DATA / "small", root)
    init_repo(root)
    return root


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_nothing_changed(lmhtx, repo):
    run = lmhtx("plan", "diff", root=repo)
    assert run.code == 0 and "Không có thay đổi nào." in run.out


def test_every_kind_of_change_grouped_by_unit(lmhtx, repo):
    month = repo / "plans/2030/01.yaml"
    lmhtx("plan", "add", "-m", "2", "-u", "ttht", "Tổ chức hội chợ.", root=repo)
    lmhtx("plan", "mark", "01-quy-1", "done", "--on", "31/01/2030", "--by", "Lan", "--ref", "Số 3/BC-QHT", root=repo)
    _edit(month, 'text: "Tham mưu công tác tuyển dụng."', 'text: "Tham mưu công tác tuyển dụng năm 2030."')
    _edit(repo / "plans/2030/05.yaml", '    - id: 05-quy-1\n      text: "Triển khai thu hồi vốn; kế hoạch cho vay vốn năm 2030."\n      status: planned\n', "")
    _edit(repo / "plans/2030/05.yaml", "  quy:\n", "  quy: []\n")
    _edit(month, '  ttdt:\n    - id: 01-ttdt-1\n      text: "Vận động thành viên tham gia Câu lạc bộ nuôi trồng thủy sản."\n      status: in_progress\n      history:\n        - on: 2030-01-15\n          status: in_progress\n', "")
    _edit(
        repo / "plans/2030/02.yaml",
        "units:\n",
        'units:\n  ttdt:\n    - id: 01-ttdt-1\n      text: "Vận động thành viên tham gia Câu lạc bộ nuôi trồng thủy sản."\n      status: in_progress\n      history:\n        - on: 2030-01-15\n          status: in_progress\n',
    )
    assert lmhtx("validate", root=repo).code == 0
    text = lmhtx("plan", "diff", root=repo)
    assert text.code == 0
    golden(GOLDEN / "plan_diff.txt", text.out)
    git(repo, "commit", "-qam", "edit")
    md = lmhtx("plan", "diff", "HEAD~1", "HEAD", "--format", "md", root=repo)
    golden(GOLDEN / "plan_diff.md", md.out)


def test_unknown_revision_and_no_repository_are_clear_errors(english, lmhtx, repo, tmp_path):
    run = lmhtx("plan", "diff", "no-such-branch", root=repo)
    assert run.code == 2 and run.err == 'lmhtx: error: unknown git revision "no-such-branch"\n'
    plain = tmp_path / "plain"
    shutil.copytree(DATA / "small", plain)
    run = lmhtx("plan", "diff", root=plain)
    assert run.code == 2 and "is not in a git repository" in run.err


# -- the data in a subfolder of the repository, and unusual names ------------------------------
ODD_FOLDERS = ["office", "văn phòng 'HTX' \"LM\" [2024] *", "a\\b c"]


def _repo_with_data_in(tmp_path: Path, folder: str, source: Path = REPO / "plans") -> tuple[Path, Path]:
    top = tmp_path / "repo"
    root = top / folder
    shutil.copytree(source, root / "plans")
    (top / "README.md").write_text("Kho dữ liệu của văn phòng.\n", encoding="utf-8")
    init_repo(top)
    return top, root


@pytest.mark.parametrize("folder", ODD_FOLDERS)
def test_data_in_a_subfolder_of_the_repository(lmhtx, tmp_path, monkeypatch, folder):
    top, root = _repo_with_data_in(tmp_path, folder)
    shown = json.loads(lmhtx("plan", "show", "--year", "2024", "--month", "5", "--format", "json", root=root).out)
    ids = [t["id"] for t in shown if t["status"] == "planned"][:31]
    assert len(ids) == 31
    marked = lmhtx("plan", "mark", "--year", "2024", *ids, "done", "--on", "31/05/2024", "--by", "Lan", root=root)
    assert marked.code == 0, marked.err
    run = lmhtx("plan", "diff", root=root)
    assert run.code == 0, run.err
    assert sorted(re.findall(r"^  \* (\S+)", run.out, re.M)) == sorted(ids)
    assert run.out.rstrip().endswith(": 31")
    monkeypatch.chdir(top)  # asked from the top of the repository, and from elsewhere
    assert lmhtx("plan", "diff", root=root.relative_to(top)).out == run.out
    monkeypatch.chdir(tmp_path)
    assert lmhtx("plan", "diff", root=root).out == run.out
    git(top, "commit", "-qam", "marks")
    between = lmhtx("plan", "diff", "HEAD~1", "HEAD", root=root)
    assert sorted(re.findall(r"^  \* (\S+)", between.out, re.M)) == sorted(ids)
    assert "Không có thay đổi nào." in lmhtx("plan", "diff", root=root).out


ODD_NAMES = [
    "plans/2030/ghi chú.yaml",
    "plans/2030/tháng 5 (bản cũ).yaml",
    'plans/2030/"quoted".yaml',
    "plans/2030/line\nbreak.yaml",
    "plans/2030/tab\there.yaml",
    "plans/2030/back\\slash.yaml",
    "plans/2030/cũ/05.yaml",
    "plans/2030 copy/05.yaml",
    "plans/ 2030/05.yaml",
    "plans/2030/05.yaml.orig",
    "plans/2030/-n.yaml",
    "plans/2030/*.yaml",
    "plans/README",
]


def test_unusual_committed_file_names_do_not_disturb_the_comparison(lmhtx, tmp_path):
    top, root = _repo_with_data_in(tmp_path, "office", DATA / "small" / "plans")
    month = (root / "plans/2030/05.yaml").read_bytes()
    for name in ODD_NAMES:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(month.replace(b"05-quy-1", b"05-quy-9"))  # a task that must not show up
    (root / "plans/2030").joinpath(os.fsdecode(b"\xff\xfe-not-utf8.yaml")).write_bytes(month)
    (root / "plans/2030/link.yaml").symlink_to("05.yaml")
    git(top, "add", "-A")
    git(top, "commit", "-qm", "odd names")
    assert lmhtx("plan", "diff", root=root).out.endswith("Không có thay đổi nào.\n")
    assert lmhtx("plan", "mark", "01-quy-1", "done", "--on", "31/01/2030", "--by", "Lan", root=root).code == 0
    for args in ((), ("HEAD",), ("HEAD~1",)):
        run = lmhtx("plan", "diff", *args, root=root)
        assert run.code == 0 and "Traceback" not in run.err, run.err
        assert "05-quy-9" not in run.out and "01-quy-1" in run.out
    assert "01-quy-1" not in lmhtx("plan", "diff", "HEAD~1", "HEAD", root=root).out  # the odd names were all that changed


def test_a_revision_is_never_read_as_an_option(lmhtx, repo, english):
    for revision in ("--output=/tmp/lmhtx-pwned", "-p", "--all", "HEAD --", "HEAD:plans"):
        run = lmhtx("plan", "diff", "--", revision, root=repo)
        assert run.code == 2 and run.err.startswith("lmhtx: error: unknown git revision"), (revision, run.err)
    assert not Path("/tmp/lmhtx-pwned").exists()


def test_a_huge_committed_file_is_a_clear_error(lmhtx, repo, english):
    from lmhtx_cli.store.yamlio import MAX_FILE_BYTES

    limit_mb = MAX_FILE_BYTES // (1024 * 1024)
    big = repo / "plans/2030/03.yaml"
    with open(big, "w", encoding="utf-8") as handle:
        handle.write("year: 2030\nmonth: 3\nunits: {}\n")
        handle.write(("# " + "x" * 1022 + "\n") * ((limit_mb + 1) * 1024))
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "big")
    big.unlink()
    run = lmhtx("plan", "diff", root=repo)
    assert run.code == 2 and run.err.strip() == f"lmhtx: error: plans/2030/03.yaml: at HEAD the file is {limit_mb + 1} MB; data files are limited to {limit_mb} MB"
