"""`lmhtx plan new-year`: a draft of next year's programme from this year's recurring tasks."""

from __future__ import annotations

import json
import shutil

from tests.conftest import REPO


def test_recurring_tasks_are_carried_over_with_the_year_moved_on(lmhtx, tmp_path):
    root = tmp_path / "office"
    shutil.copytree(REPO / "plans", root / "plans")
    run = lmhtx("plan", "new-year", "2025", "--from", "2024", root=root)
    assert run.code == 0, run.err
    assert run.out.startswith("68 nhiệm vụ thường xuyên từ chương trình năm 2024 (trên tổng số 356 nhiệm vụ): ")
    assert lmhtx("validate", root=root).code == 0
    draft = json.loads(lmhtx("plan", "show", "--year", "2025", "-f", "json", root=root).out)
    texts = {(t["month"], t["unit"], t["text"]) for t in draft}
    assert {(m, "tttt", "Xây dựng Bản tin kinh tế tập thể.") for m in range(1, 13)} <= texts
    assert (5, "tttt", "Phối hợp với Báo, Đài Phát thanh và Truyền hình Hải Phòng tuyên truyền về kinh tế tập thể tháng 5 năm 2025.") in texts
    assert all(t["status"] == "planned" and not t["history"] for t in draft)
    assert not any("Đại hội lần thứ 7" in t["text"] for t in draft)  # one-off steps are left out
    assert (root / "plans/2025/01.yaml").read_text(encoding="utf-8").splitlines()[1].startswith("# DRAFT carried over from 2024")
    assert json.loads(lmhtx("units", "--year", "2025", "-f", "json", root=root).out)[0]["code"] == "vp"
    again = lmhtx("plan", "new-year", "2025", "--from", "2024", root=root)
    assert again.code == 2 and "--force" in again.err


def test_a_dry_run_lists_and_writes_nothing(lmhtx, tmp_path):
    root = tmp_path / "office"
    shutil.copytree(REPO / "plans", root / "plans")
    run = lmhtx("plan", "new-year", "2025", "--from", "2024", "--min-months", "12", "--dry-run", root=root)
    assert run.code == 0
    assert run.out.splitlines()[1:] == [f"  {m:02d} tttt  Xây dựng Bản tin kinh tế tập thể." for m in range(1, 13)]
    assert not (root / "plans/2025").exists()
