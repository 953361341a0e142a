"""The real 2024 programme in plans/: complete, faithful and clean of extraction artefacts.

The per-month, per-unit counts below were read off ../shared/seeds/001_77fde082df9cb158.txt by
hand (and agree with the importer), so a lost, merged or invented task fails here.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter

import pytest

from lmhtx_cli.plan.checking import load_programme
from lmhtx_cli.workspace.validation import validate_everything
from tests.conftest import REPO

UNITS = ["vp", "khth", "kttv", "tttt", "ttht", "ttdt", "quy"]
COUNTS = {
    1: [5, 3, 6, 5, 5, 5, 5],
    2: [3, 3, 6, 5, 3, 6, 4],
    3: [3, 3, 7, 4, 3, 3, 4],
    4: [3, 3, 4, 4, 4, 6, 3],
    5: [2, 4, 4, 5, 7, 6, 3],
    6: [4, 5, 4, 6, 5, 4, 5],
    7: [6, 5, 5, 6, 5, 4, 3],
    8: [3, 4, 2, 5, 5, 3, 4],
    9: [5, 5, 4, 4, 5, 3, 4],
    10: [2, 4, 3, 4, 3, 3, 3],
    11: [2, 4, 6, 5, 4, 3, 3],
    12: [8, 5, 4, 5, 5, 3, 5],
}


@pytest.fixture(scope="module")
def programme():
    return load_programme(REPO, 2024)[0]


def test_the_repository_data_validates_without_any_problem():
    assert validate_everything(REPO, use_cache=False) == []


def test_every_month_and_unit_has_the_number_of_tasks_in_the_document(programme):
    counted = Counter((t.month, t.unit) for t in programme.tasks)
    for month, per_unit in COUNTS.items():
        assert [counted[(month, code)] for code in UNITS] == per_unit, f"month {month}"
    assert len(programme.tasks) == 356


def test_the_units_are_the_seven_of_2024_with_the_documents_spellings_as_aliases(programme):
    assert [u.code for u in programme.units] == UNITS
    assert programme.unit("khth").name == "Phòng Kế hoạch - Tổng hợp"
    assert "Phòng Kế hoạch Tổng hợp" in programme.unit("khth").aliases
    assert "Phòng Thông tin Tuyên truyền" in programme.unit("tttt").aliases


def test_no_progress_is_invented(programme):
    assert {t.status for t in programme.tasks} == {"planned"}
    assert all(not t.history for t in programme.tasks)
    raw = (REPO / "plans/2024/05.yaml").read_text(encoding="utf-8")
    assert raw.count("status: planned") == sum(COUNTS[5])


def test_task_texts_are_single_nfc_lines_free_of_pdf_artefacts(programme):
    for task in programme.tasks:
        assert "\n" not in task.text and task.text == task.text.strip()
        assert unicodedata.is_normalized("NFC", task.text)
        assert "  " not in task.text
        assert "CỘNG HOÀ" not in task.text and "Hạnh phúc" not in task.text
        assert "\\" not in task.text
        assert not re.search(r"\s\d{1,2}\s*$", task.text), task.text


def test_repaired_spots_read_as_the_document_means(programme):
    assert programme.task("01-vp-5").text == "Thực hiện nhiệm vụ theo chức năng nhiệm vụ, công tác nội vụ cơ quan."
    # the task typed without its dash under "6. Trung tâm Đào tạo:" in December
    assert programme.task("12-ttdt-1").text.startswith("Tổ chức thực hiện Đề án phát triển trồng rau an toàn")
    # the task that sat after the letter-head block stays in January, Kiểm tra và Tổ chức Thành viên
    assert programme.task("01-kttv-6").text.startswith("Tham mưu triển khai khảo sát đánh giá mức độ hài lòng")
    # a task whose last line came right before the next unit heading, with no full stop
    assert programme.task("12-vp-8").text == "Tổng kết năm, đánh giá kết quả hoạt động năm 2024 của Văn phòng"
    assert programme.task("09-quy-4").text == "Báo cáo tình hình hoat động của tháng, Quý III/2024."


def test_the_closing_paragraph_is_the_plans_note(programme):
    assert programme.note.startswith("Chương trình công tác năm 2024 sẽ được bổ sung, thay đổi")
    assert programme.note.endswith("bổ sung kịp thời./.")
    assert len(programme.note.split("\n")) == 2


def test_ids_are_stored_short_and_unique(programme):
    ids = [t.id for t in programme.tasks]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"\d{2}-[a-z]+-\d+", i) for i in ids)
    raw = (REPO / "plans/2024/01.yaml").read_text(encoding="utf-8")
    assert "- id: 01-vp-1\n" in raw


def test_json_of_the_whole_year_lists_every_task(lmhtx):
    run = lmhtx("plan", "show", "--year", "2024", "--format", "json")
    assert run.code == 0
    assert len(json.loads(run.out)) == 356
