"""`lmhtx import programme` on text and Word documents shaped the way offices write them."""

from __future__ import annotations

import json
import shutil
import unicodedata
from pathlib import Path

import pytest

from tests.conftest import REPO

SEED = REPO.parent / "shared" / "seeds" / "001_77fde082df9cb158.txt"


@pytest.fixture
def office(tmp_path) -> Path:
    root = tmp_path / "office"
    shutil.copytree(REPO / "plans", root / "plans")
    return root


def tasks(lmhtx, root, year):
    return json.loads(lmhtx("plan", "show", "--year", str(year), "-f", "json", root=root).out)


ODD_TEXT = """CHƯƠNG TRÌNH
Công tác năm 2031 (mẫu)
Tháng 2
3. Quỹ Hỗ trợ Phát triển HTX: - Thu hồi vốn.
- Đôn đốc thu tiền lãi.
1. Văn phòng: Tham mưu công tác tuyển dụng.
Tháng 1
2. Phòng Kế hoạch Tổng hợp:
- Nghiên cứu tham mưu nội dung sinh hoạt thành viên
năm 2031.
4. Phòng Thông tin Tuyên truyền:
- Xây dựng Bản tin kinh tế tập thể.
12
Tháng 4
1. Phòng Tài chính:
- Việc của một đơn vị mới.
"""


def test_months_and_units_in_another_order_a_missing_month_and_a_task_on_the_heading_line(lmhtx, office, tmp_path):
    source = tmp_path / "programme-2031.txt"
    source.write_text(ODD_TEXT.replace("Tháng 4\n1. Phòng Tài chính:\n- Việc của một đơn vị mới.\n", ""), encoding="utf-8")
    run = lmhtx("import", "programme", str(source), "--year", "2031", root=office)
    assert run.code == 0, run.err
    assert "5 nhiệm vụ → plans/2031/" in run.out
    assert "không có Tháng 3, 4, 5, 6, 7, 8, 9, 10, 11, 12" in run.err
    found = [(t["month"], t["unit"], t["id"], t["text"]) for t in tasks(lmhtx, office, 2031)]
    assert found == [
        (1, "khth", "01-khth-1", "Nghiên cứu tham mưu nội dung sinh hoạt thành viên năm 2031."),
        (1, "tttt", "01-tttt-1", "Xây dựng Bản tin kinh tế tập thể."),
        (2, "vp", "02-vp-1", "Tham mưu công tác tuyển dụng."),
        (2, "quy", "02-quy-1", "Thu hồi vốn."),
        (2, "quy", "02-quy-2", "Đôn đốc thu tiền lãi."),
    ]
    assert lmhtx("validate", root=office).code == 0


def test_a_new_unit_asks_for_a_units_file(english, lmhtx, office, tmp_path):
    source = tmp_path / "programme-2031.txt"
    source.write_text(ODD_TEXT, encoding="utf-8")
    run = lmhtx("import", "programme", str(source), "--year", "2031", root=office)
    assert run.code == 2
    assert "line 15: Phòng Tài chính" in run.err and "--units FILE" in run.err
    assert not (office / "plans/2031").exists()
    units = tmp_path / "units.yaml"
    plan = (office / "plans/2024/plan.yaml").read_text(encoding="utf-8").split("# Initiatives:")[0]
    units.write_text(plan + '  - code: tc\n    name: "Phòng Tài chính"\n    aliases: []\n', encoding="utf-8")
    run = lmhtx("import", "programme", str(source), "--year", "2031", "--units", str(units), root=office)
    assert run.code == 0, run.err
    assert [t["unit"] for t in tasks(lmhtx, office, 2031) if t["month"] == 4] == ["tc"]


def test_an_existing_year_is_not_overwritten_without_force(lmhtx, office, tmp_path):
    source = tmp_path / "p.txt"
    source.write_text("Tháng 1\n1. Văn phòng:\n- Việc.\n", encoding="utf-8")
    run = lmhtx("import", "programme", str(source), "--year", "2024", root=office)
    assert run.code == 2 and "--force" in run.err
    assert len(tasks(lmhtx, office, 2024)) == 356


def test_lines_that_cannot_be_placed_are_listed_with_their_numbers_and_nothing_is_written(lmhtx, office, tmp_path):
    source = tmp_path / "p.txt"
    source.write_text("Tháng 1\n- Việc trước mọi đơn vị.\n1. Văn phòng:\n- Việc.\n", encoding="utf-8")
    run = lmhtx("import", "programme", str(source), "--year", "2031", root=office)
    assert run.code == 1
    assert f"{source}:2: không xếp được vào tháng và đơn vị nào: - Việc trước mọi đơn vị." in run.err
    assert not (office / "plans/2031").exists() and sorted(p.name for p in (office / "plans").iterdir()) == ["2024"]


@pytest.mark.skipif(not SEED.exists(), reason="the seed sits beside the repository on the developers' machines only")
def test_the_seed_gives_the_2024_data_back(lmhtx, office, tmp_path):
    run = lmhtx("import", "programme", str(SEED), "--year", "2024", "--output", str(tmp_path / "out"), root=office)
    assert run.code == 0, run.err
    assert "356 nhiệm vụ" in run.out
    for month in range(1, 13):
        imported = (tmp_path / "out" / f"{month:02d}.yaml").read_text(encoding="utf-8")
        committed = "".join(l for l in (REPO / f"plans/2024/{month:02d}.yaml").read_text(encoding="utf-8").splitlines(keepends=True) if not l.startswith("      thread: "))
        assert imported == committed


def _word_document(path: Path) -> None:
    """A programme as Word keeps it: list bullets without "-", numbered headings, a table."""
    import docx

    document = docx.Document()
    document.add_paragraph("CHƯƠNG TRÌNH")
    document.add_paragraph("Công tác năm 2031 (mẫu)")
    document.add_paragraph("Tháng 1")
    document.add_paragraph("Văn phòng:", style="List Number")
    document.add_paragraph("Tham mưu công tác tuyển dụng.", style="List Bullet")
    document.add_paragraph("Quyết toán tài chính năm 2030.", style="List Bullet")
    document.add_paragraph("Quỹ Hỗ trợ Phát triển HTX:", style="List Number")
    document.add_paragraph("Thu hồi vốn.", style="List Bullet")
    table = document.add_table(rows=2, cols=1)
    table.cell(0, 0).text = "Tháng 2"
    cell = table.cell(1, 0)
    cell.text = "1. Trung tâm Đào tạo:"
    cell.add_paragraph("- Tổ chức lớp tập huấn kỹ năng số.")
    cell.add_paragraph("Phối hợp với trường Cao đẳng Kinh tế Kỹ thuật Bắc Bộ.", style="List Bullet")
    document.add_paragraph("Tháng 3")
    document.add_paragraph("1. Văn phòng: - Tham mưu cho Ban Thường vụ.")
    document.add_paragraph(unicodedata.normalize("NFD", "Thực hiện nhiệm vụ theo chức năng nhiệm vụ."), style="List Bullet")  # decomposed, as some keyboards type
    document.save(str(path))


def test_a_word_document_with_list_bullets_numbered_headings_and_a_table(lmhtx, office, tmp_path):
    source = tmp_path / "chuong-trinh-2031.docx"
    _word_document(source)
    run = lmhtx("import", "programme", str(source), "--year", "2031", root=office)
    assert run.code == 0, run.err
    found = [(t["month"], t["unit"], t["text"]) for t in tasks(lmhtx, office, 2031)]
    assert found == [
        (1, "vp", "Tham mưu công tác tuyển dụng."),
        (1, "vp", "Quyết toán tài chính năm 2030."),
        (1, "quy", "Thu hồi vốn."),
        (2, "ttdt", "Tổ chức lớp tập huấn kỹ năng số."),
        (2, "ttdt", "Phối hợp với trường Cao đẳng Kinh tế Kỹ thuật Bắc Bộ."),
        (3, "vp", "Tham mưu cho Ban Thường vụ."),
        (3, "vp", "Thực hiện nhiệm vụ theo chức năng nhiệm vụ."),
    ]
    assert lmhtx("validate", root=office).code == 0


def test_a_damaged_word_file_is_a_clear_error(lmhtx, office, tmp_path):
    source = tmp_path / "hong.docx"
    source.write_bytes(b"PK\x03\x04 not really a zip")
    run = lmhtx("import", "programme", str(source), "--year", "2031", root=office)
    assert run.code == 2 and "không đọc được tệp Word" in run.err


# -- any office's document -------------------------------------------------------------------
def _import(lmhtx, office, source, *args):
    return lmhtx("import", "programme", str(source), "--year", "2031", *args, root=office)


def test_a_page_number_a_page_break_puts_inside_a_sentence_is_removed_and_the_sentence_joined(lmhtx, office, tmp_path, english):
    body = "\n".join(["Tháng 1", "", "1. Văn phòng:", ""] + [f"- Việc số {n}.\n" for n in range(1, 30)] + ["- Tham mưu khảo sát nhu cầu đào", "", "2", "", "tạo nghề cho thành viên.", ""])
    source = tmp_path / "p.txt"
    source.write_text("CHƯƠNG TRÌNH\n\n" + body, encoding="utf-8")
    run = _import(lmhtx, office, source)
    assert run.code == 0, run.err
    assert tasks(lmhtx, office, 2031)[-1]["text"] == "Tham mưu khảo sát nhu cầu đào tạo nghề cho thành viên."
    explain = _import(lmhtx, office, source, "--explain")
    assert f"{source}:67: removed page number inside a sentence and joined its two halves (the next page's number): 2\n" in explain.out


CLOSING = """CHƯƠNG TRÌNH CÔNG TÁC NĂM 2031
Tháng 1
1. Văn phòng:
- Báo cáo kết quả trước ngày 15/1.
- Tổ chức hội nghị trong tháng 2.
Tháng 2
1. Văn phòng:
- Tổ chức khảo sát (Quý II).
- Hoàn thành hồ sơ, hoàn thành trước 10/3/2031.
Chương trình công tác sẽ được bổ sung khi có nhiệm vụ đột xuất
Nơi nhận:                          TM. BAN THƯỜNG VỤ
- Liên minh HTX Việt Nam (b/c);    CHỦ TỊCH
- TT Thành ủy, UBND thành phố (b/c);
- Lưu: VT.
Nguyễn Văn An
"""


def test_deadlines_written_in_tasks_go_into_due_and_the_closing_is_no_task(lmhtx, office, tmp_path, english):
    source = tmp_path / "p.txt"
    source.write_text(CLOSING, encoding="utf-8")
    run = _import(lmhtx, office, source)
    assert run.code == 0, run.err
    assert "4 deadlines read into due" in run.out
    january = (office / "plans/2031/01.yaml").read_text(encoding="utf-8")
    february = (office / "plans/2031/02.yaml").read_text(encoding="utf-8")
    assert '      text: "Báo cáo kết quả trước ngày 15/1."\n      status: planned\n      due: 2031-01-15\n' in january
    assert "due: 2031-02-28" in january
    assert "due: 2031-06-30" in february and "due: 2031-03-10" in february
    assert [t["text"] for t in tasks(lmhtx, office, 2031)] == [
        "Báo cáo kết quả trước ngày 15/1.",
        "Tổ chức hội nghị trong tháng 2.",
        "Tổ chức khảo sát (Quý II).",
        "Hoàn thành hồ sơ, hoàn thành trước 10/3/2031.",
    ]
    assert lmhtx("validate", root=office).code == 0
    explain = _import(lmhtx, office, source, "--explain", "--force")
    assert f"{source}:4: read the deadline into due: trước ngày 15/1 → 15/01/2031\n" in explain.out
    assert f"{source}:11: removed the closing (Nơi nhận: and the recipients): Nơi nhận:" in explain.out
    assert f"{source}:15: removed the closing (Nơi nhận: and the recipients): Nguyễn Văn An\n" in explain.out


def test_a_document_with_no_structure_it_knows_says_what_it_looked_for(lmhtx, office, tmp_path, english):
    source = tmp_path / "p.txt"
    source.write_text("Biên bản họp\nNội dung cuộc họp hôm nay.\n", encoding="utf-8")
    run = _import(lmhtx, office, source)
    assert run.code == 2
    assert "month headings" in run.err and "quarter headings" in run.err and "Văn phòng" in run.err and "tables with a column for the task" in run.err
    assert "it found 0 month heading(s), 0 quarter heading(s), 0 unit heading(s) and 0 such table(s)" in run.err


def test_a_unit_first_document_without_months_stops_at_the_first_task_with_its_line(lmhtx, office, tmp_path, english):
    source = tmp_path / "p.txt"
    source.write_text("CHƯƠNG TRÌNH\nI. VĂN PHÒNG\n- Việc không có tháng.\n", encoding="utf-8")
    run = _import(lmhtx, office, source)
    assert run.code == 1 and f"{source}:3: could not place: - Việc không có tháng." in run.err
    assert not (office / "plans/2031").exists()
