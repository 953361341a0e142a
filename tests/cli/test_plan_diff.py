"""`lmhtx plan diff`: a plan edit explained in the programme's own terms."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import DATA, golden
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
    _edit(repo / "plans/2030/02.yaml", "units:\n", 'units:\n  ttdt:\n    - id: 01-ttdt-1\n      text: "Vận động thành viên tham gia Câu lạc bộ nuôi trồng thủy sản."\n      status: in_progress\n      history:\n        - on: 2030-01-15\n          status: in_progress\n')
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
