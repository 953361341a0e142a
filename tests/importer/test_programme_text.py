"""Reading a programme document: the office's shape, and the artefacts PDF extraction leaves."""

from __future__ import annotations

import pytest

from lmhtx_cli.importer.programme import import_programme_text
from lmhtx_cli.importer.programme_text import read_programme_text
from lmhtx_cli.store.emit import UnitSpec
from tests.conftest import DATA, REPO

SEED = REPO.parent / "shared" / "seeds" / "001_77fde082df9cb158.txt"


def test_a_small_document_with_every_artefact_reads_back_cleanly():
    source = read_programme_text((DATA / "programme_small.txt").read_text(encoding="utf-8"))
    assert source.title == "CHƯƠNG TRÌNH Công tác năm 2030 (mẫu)"
    assert [m.month for m in source.months] == [1, 2]
    january = source.months[0]
    assert [u.heading for u in january.units] == ["Văn phòng", "Trung tâm Hỗ trợ", "Quỹ Hỗ trợ Phát triển HTX"]
    assert [t.text for t in january.units[0].tasks] == [
        "Thực hiện nhiệm vụ theo chức năng nhiệm vụ, công tác nội vụ cơ quan.",
        "Tham mưu kế hoạch chi tiết bổ sung thiết bị làm việc phục vụ hoạt động lãnh đạo cơ quan.",
    ]
    assert [t.text for t in january.units[1].tasks] == [
        "Tổng kết công tác hỗ trợ năm 2029.",
        "Phối hợp chuẩn bị hàng hóa phục vụ Tết Nguyên đán",
    ]
    assert [t.text for t in january.units[2].tasks] == ["Thu hồi vốn."]
    february = source.months[1]
    assert [t.text for t in february.units[0].tasks] == ["Tổ chức thực hiện Đề án phát triển trồng rau an toàn."]
    assert source.note == "Chương trình công tác sẽ được bổ sung khi có nhiệm vụ đột xuất./."
    assert source.unplaced == []
    assert {(r.action, r.why) for r in source.repairs} == {("removed", "page-number"), ("removed", "letter-head"), ("joined", "broken-word"), ("read", "no-dash")}


@pytest.mark.skipif(not SEED.exists(), reason="the seed documents sit beside the repository only on the developers' machines")
def test_importing_the_seed_reproduces_the_2024_data_byte_for_byte():
    from lmhtx_cli.plan.checking import load_programme

    programme = load_programme(REPO, 2024)[0]
    units = [UnitSpec(u.code, u.name, u.name_en or "", tuple(u.aliases)) for u in programme.units]
    result = import_programme_text(SEED.read_text(encoding="utf-8"), 2024, units)
    assert result.unplaced == [] and result.unknown_units == []
    assert result.task_count == 356
    for path, text in result.files.items():
        committed = (REPO / path).read_text(encoding="utf-8")
        if path.endswith("plan.yaml"):
            committed = committed.split("# Initiatives:")[0]  # the initiatives were added by hand afterwards
        else:
            committed = "".join(line for line in committed.splitlines(keepends=True) if not line.startswith("      thread: "))
        assert committed == text, path


def _units(text: str):
    units = [UnitSpec("vp", "Văn phòng"), UnitSpec("khth", "Phòng Kế hoạch - Tổng hợp", aliases=("Phòng Kế hoạch Tổng hợp",)), UnitSpec("quy", "Quỹ Hỗ trợ Phát triển HTX")]
    result = import_programme_text(text, 2025, units)
    return result, {path: text for path, text in result.files.items() if "- id:" in text}


def test_a_letter_head_with_rules_a_dated_month_heading_and_a_unit_named_in_a_numbered_phrase():
    result, files = _units("LIÊN MINH HTX TỈNH NINH BÌNH\n-------\nCHƯƠNG TRÌNH CÔNG TÁC NĂM 2025\n*****\nTHÁNG 1 (từ ngày 01/01 đến 31/01):\n1. Văn phòng chủ trì:\n- Việc một.\n2. Nhiệm vụ của Phòng Kế hoạch Tổng hợp:\n+ Việc hai.\n")
    assert result.unplaced == [] and result.unknown_units == [] and result.task_count == 2
    assert 'title: "CHƯƠNG TRÌNH CÔNG TÁC NĂM 2025"' in result.files["plans/2025/plan.yaml"]
    assert list(files) == ["plans/2025/01.yaml"]
    assert '  vp:\n    - id: 01-vp-1\n      text: "Việc một."' in files["plans/2025/01.yaml"]
    assert '  khth:\n    - id: 01-khth-1\n      text: "Việc hai."' in files["plans/2025/01.yaml"]
    assert {(r.line, r.why) for r in result.repairs} >= {(1, "letter-head"), (2, "separator"), (4, "separator"), (6, "unit-in-phrase"), (8, "unit-in-phrase")}


def test_a_programme_by_unit_first_with_quarters_inside():
    result, files = _units("CHƯƠNG TRÌNH\nI. VĂN PHÒNG\nQuý I\n- Việc quý một.\nQuý II:\n• Việc quý hai.\nII. QUỸ HỖ TRỢ PHÁT TRIỂN HTX\nQuý I\n1) Thu hồi vốn.\n")
    assert result.unplaced == [] and result.task_count == 3
    assert '      text: "Việc quý một."\n      status: planned\n      due: 2025-03-31\n' in files["plans/2025/01.yaml"]
    assert '  quy:\n    - id: 01-quy-1\n      text: "Thu hồi vốn."\n      status: planned\n      due: 2025-03-31\n' in files["plans/2025/01.yaml"]
    assert '      text: "Việc quý hai."\n      status: planned\n      due: 2025-06-30\n' in files["plans/2025/04.yaml"]
    assert result.missing_months == [7, 8, 9, 10, 11, 12]


def test_a_preamble_before_the_months_is_neither_title_nor_task_and_is_listed():
    result, files = _units("CHƯƠNG TRÌNH CÔNG TÁC NĂM 2025\nI. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích: triển khai kịp thời các nhiệm vụ.\n2. Yêu cầu: bám sát chỉ đạo.\nII. NỘI DUNG\nTháng 1\nVăn phòng:\n- Việc một.\n")
    assert result.unplaced == [] and result.task_count == 1
    assert 'title: "CHƯƠNG TRÌNH CÔNG TÁC NĂM 2025"' in result.files["plans/2025/plan.yaml"]
    assert [r.line for r in result.repairs if r.why == "preamble"] == [2, 3, 4, 5]


def test_sub_items_stay_in_their_task_and_numbered_tasks_stay_apart():
    result, files = _units(
        "CHƯƠNG TRÌNH\nTháng 1\nVăn phòng:\n- Tổ chức các hội nghị sau:\na) Hội nghị tổng kết;\nb) Hội nghị cán bộ.\n- Việc khác.\nPhòng Kế hoạch - Tổng hợp:\n1. Tham mưu các nội dung:\n- báo cáo tháng;\n- báo cáo quý.\n2. Việc thứ hai.\n"
    )
    assert result.unplaced == [] and result.task_count == 4
    month = files["plans/2025/01.yaml"]
    assert 'text: "Tổ chức các hội nghị sau: a) Hội nghị tổng kết; b) Hội nghị cán bộ."' in month
    assert 'text: "Tham mưu các nội dung: - báo cáo tháng; - báo cáo quý."' in month
    assert 'text: "Việc thứ hai."' in month and 'text: "Việc khác."' in month
    assert [r.line for r in result.repairs if r.why == "sub-item"] == [5, 6, 10, 11]


def test_plus_items_under_a_dash_task_ending_with_a_colon_are_its_sub_items():
    result, files = _units("CHƯƠNG TRÌNH\nTháng 1\nVăn phòng:\n- Tham mưu tổ chức:\n+ Hội nghị A;\n+ Hội nghị B.\n- Việc khác.\n+ Việc thứ ba.\n")
    assert [t for t in files["plans/2025/01.yaml"].splitlines() if "text:" in t] == [
        '      text: "Tham mưu tổ chức: + Hội nghị A; + Hội nghị B."',
        '      text: "Việc khác."',
        '      text: "Việc thứ ba."',
    ]


def test_a_text_table_by_quarter_with_helpers_and_deadlines():
    result, files = _units(
        "KẾ HOẠCH CÔNG TÁC NĂM 2025\n| STT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian hoàn thành |\n"
        "| 1 | Tổ chức hội nghị | Văn phòng | Phòng Kế hoạch - Tổng hợp; Quỹ | Quý I |\n"
        "| 2 | Báo cáo sơ kết | Phòng Kế hoạch Tổng hợp | | 15/6/2025 |\n"
        "| 3 | Khảo sát thành viên, hoàn thành trước ngày 20/11 | Quỹ Hỗ trợ Phát triển HTX | | Quý IV/2025 |\n"
        "| 4 | Thu hồi vốn | Quỹ Hỗ trợ Phát triển HTX | | Tháng 12 |\n"
    )
    assert result.unplaced == [] and result.task_count == 4
    assert '      text: "Tổ chức hội nghị"\n      status: planned\n      due: 2025-03-31\n      with: ["Phòng Kế hoạch - Tổng hợp", "Quỹ"]\n' in files["plans/2025/01.yaml"]
    assert '      text: "Báo cáo sơ kết"\n      status: planned\n      due: 2025-06-15\n' in files["plans/2025/06.yaml"]
    assert '      text: "Khảo sát thành viên, hoàn thành trước ngày 20/11"\n      status: planned\n      due: 2025-11-20\n' in files["plans/2025/10.yaml"]
    assert '      text: "Thu hồi vốn"\n      status: planned\n' in files["plans/2025/12.yaml"]
    assert result.missing_months == [4, 5, 7, 8, 9]


def test_a_table_row_whose_time_cannot_be_read_stops_the_import_with_its_line(english):
    result, _files = _units("CHƯƠNG TRÌNH\n| Nội dung | Đơn vị chủ trì | Thời gian |\n| Việc thường xuyên | Văn phòng | Thường xuyên |\n")
    assert result.unplaced == [(3, 'the time "Thường xuyên" is no month, quarter or date of 2025: Việc thường xuyên')]
