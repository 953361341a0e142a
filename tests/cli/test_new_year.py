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
    assert (root / "plans/2025/01.yaml").read_text(encoding="utf-8").splitlines()[1].startswith("# DỰ THẢO do `lmhtx plan new-year` chuyển từ năm 2024")
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


UNITS_2026 = """units:
  - code: vp
    name: "Văn phòng"
  - code: khth
    name: "Ban Kế hoạch - Tổng hợp và Kiểm tra"
  - code: tttt
    name: "Phòng Thông tin và Tuyên truyền"
  - code: htdt
    name: "Trung tâm Hỗ trợ và Đào tạo"
  - code: quy
    name: "Quỹ Hỗ trợ Phát triển HTX"
"""


def _office(tmp_path):
    root = tmp_path / "office"
    shutil.copytree(REPO / "plans", root / "plans")
    (tmp_path / "units.yaml").write_text(UNITS_2026, encoding="utf-8")
    return root, str(tmp_path / "units.yaml")


def test_a_year_with_merged_units_carries_their_recurring_tasks_to_the_new_unit(lmhtx, tmp_path):
    root, units = _office(tmp_path)
    source = json.loads(lmhtx("plan", "show", "--year", "2024", "-f", "json", root=root).out)
    run = lmhtx("plan", "new-year", "2026", "--from", "2024", "--units", units, "--map", "kttv=khth", "--map", "ttht=htdt", "--map", "ttdt=htdt", root=root)
    assert run.code == 0, run.err
    assert lmhtx("validate", "--strict", root=root).code == 0
    listed = json.loads(lmhtx("units", "--year", "2026", "-f", "json", root=root).out)
    assert [u["code"] for u in listed] == ["vp", "khth", "tttt", "htdt", "quy"]
    draft = json.loads(lmhtx("plan", "show", "--year", "2026", "-f", "json", root=root).out)
    assert {t["unit"] for t in draft} <= {"vp", "khth", "tttt", "htdt", "quy"}
    assert {t["unit_name"] for t in draft if t["unit"] == "htdt"} == {"Trung tâm Hỗ trợ và Đào tạo"}
    # every recurring text of the merged centres is carried, once per month
    centre_texts = {(t["month"], t["text"].replace("2024", "2026")) for t in source if t["unit"] in ("ttht", "ttdt")}
    carried = {(t["month"], t["text"]) for t in draft if t["unit"] == "htdt"}
    assert carried and carried <= centre_texts
    assert len(carried) == len([t for t in draft if t["unit"] == "htdt"])  # no task twice
    report = json.loads(lmhtx("report", "year", "--year", "2026", "--as-of", "2026-12-31", "-f", "json", root=root).out)
    assert [u["code"] for u in report["units"]] == ["vp", "khth", "tttt", "htdt", "quy"]  # that year's units


def test_a_unit_with_recurring_tasks_and_no_new_unit_is_an_error_not_a_loss(lmhtx, tmp_path):
    root, units = _office(tmp_path)
    run = lmhtx("plan", "new-year", "2026", "--from", "2024", "--units", units, "--map", "ttht=htdt", root=root)
    assert run.code == 2 and "ttdt" in run.err and "--map" in run.err
    assert not (root / "plans/2026").exists()


def test_a_wrong_map_names_the_option(lmhtx, tmp_path):
    root, units = _office(tmp_path)
    for pair, word in (("kttv", "CŨ=MỚI"), ("xx=khth", '"xx"'), ("kttv=ban", '"ban"')):
        run = lmhtx("plan", "new-year", "2026", "--from", "2024", "--units", units, "--map", pair, root=root)
        assert run.code == 2 and "--map" in run.err and word in run.err, run.err
