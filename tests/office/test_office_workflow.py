"""A new office from start to its first month: init, git, marks on two branches merged with the
merge driver, the digest, the site, and the CI files checked; all offline."""

from __future__ import annotations

import json
import subprocess

from tests.gitutil import git, init_repo
from tests.office.conftest import OFFICE, check_jsonschema, tool


def _run(root, *args: str) -> subprocess.CompletedProcess:
    """The tool as a real process, as git's merge driver and CI run it."""
    return subprocess.run([tool("lmhtx"), *args], cwd=root, capture_output=True, text=True, timeout=120, env={"PATH": "/usr/bin:/bin", "LMHTX_NO_CACHE": "1", "LMHTX_TODAY": "2025-02-10"})


def test_a_new_office_from_init_to_its_dashboard(lmhtx, tmp_path, monkeypatch):
    monkeypatch.setenv("LMHTX_TODAY", "2025-01-06")  # the office types its programme at the start of the year
    root = tmp_path / "ninh-binh"
    assert lmhtx("init", str(root), "--office", OFFICE, "--year", "2025", root=None).code == 0
    init_repo(root)
    installed = _run(root, "merge-driver", "install")
    assert installed.returncode == 0, installed.stderr
    assert git(root, "check-attr", "merge", "plans/2025/01.yaml").stdout.strip().endswith("merge: lmhtx")

    # The office types in January's and February's programme.
    for month, unit, text in [(1, "vp", "Tham mưu kế hoạch công tác năm 2025."), (1, "quy", "Rà soát hồ sơ vay vốn quý I."), (1, "khth", "Tổng hợp báo cáo tháng 1."), (2, "tttt", "Phát hành bản tin tháng 2.")]:
        run = lmhtx("plan", "add", "--month", str(month), "--unit", unit, text, root=root)
        assert run.code == 0, run.err
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Chương trình tháng 1-2")

    # Two clerks record progress on two branches.
    git(root, "checkout", "-q", "-b", "lan")
    assert lmhtx("plan", "mark", "01-vp-jkz", "done", "--on", "20/01/2025", "--by", "Lan", "--ref", "Số 01/KH-LMHTX", root=root).code == 0
    git(root, "commit", "-qam", "01-vp-jkz xong")
    git(root, "checkout", "-q", "main")
    git(root, "checkout", "-q", "-b", "minh")
    assert lmhtx("plan", "mark", "01-quy-zr6", "in_progress", "--on", "25/01/2025", "--by", "Minh", root=root).code == 0
    assert lmhtx("plan", "mark", "01-khth-swq", "done", "--on", "31/01/2025", "--by", "Minh", root=root).code == 0
    git(root, "commit", "-qam", "tháng 1: quỹ, khth")
    git(root, "checkout", "-q", "main")
    git(root, "merge", "-q", "--no-edit", "lan")
    merged = git(root, "merge", "--no-edit", "minh", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert git(root, "status", "--porcelain").stdout == ""

    # What the hooks and CI run, on the merged data.
    assert _run(root, "validate").returncode == 0
    tasks = {t["id"]: t["status"] for t in json.loads(lmhtx("plan", "show", "--year", "2025", "-f", "json", root=root).out)}
    assert tasks == {"01-vp-jkz": "done", "01-quy-zr6": "in_progress", "01-khth-swq": "done", "02-tttt-cq7": "planned"}
    diff = _run(root, "plan", "diff", "main~2", "HEAD", "--format", "md")
    assert diff.returncode == 0 and "01-vp-jkz" in diff.stdout and "01-quy-zr6" in diff.stdout

    digest = _run(root, "digest", "--month", "2025-02", "--output", "digest.md")
    assert digest.returncode == 0, digest.stderr
    text = (root / "digest.md").read_text(encoding="utf-8")
    assert "Tháng 2/2025" in text and "01-quy-zr6" in text and "02-tttt-cq7" in text and "01-vp-jkz" not in text  # overdue, due, and done (not listed)

    site = _run(root, "site", "--output", "_site", "--as-of", "10/02/2025")
    assert site.returncode == 0, site.stderr
    index = (root / "_site/index.html").read_text(encoding="utf-8")
    assert "LIÊN MINH HỢP TÁC XÃ TỈNH NINH BÌNH" in index and "10/02/2025" in index
    assert "<div><dt>Hoàn thành</dt><dd>2</dd></div>" in index
    assert "01-vp-jkz" in (root / "_site/unit-vp.html").read_text(encoding="utf-8")
    assert "2025-q1" in (root / "_site/members.html").read_text(encoding="utf-8")
    assert "_site" not in git(root, "status", "--porcelain").stdout  # .gitignore keeps the build out of the data

    for schema, name in (("vendor.github-workflows", ".github/workflows/lmhtx.yml"), ("vendor.gitlab-ci", ".gitlab-ci.yml")):
        checked = check_jsonschema(schema, root / name)
        assert checked.returncode == 0, checked.stdout + checked.stderr
