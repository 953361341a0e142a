"""Word reports in the layout of Nghị định 30/2020/NĐ-CP, read back with python-docx."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from tests.conftest import DATA


def paragraphs(document) -> list[str]:
    found = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                found.extend(p.text for p in cell.paragraphs)
    return found


@pytest.fixture
def quarter_report(lmhtx, tmp_path) -> Path:
    target = tmp_path / "bao-cao-quy-2.docx"
    run = lmhtx("report", "quarter", "2", "--year", "2024", "--as-of", "20/06/2024", "--format", "docx", "--output", str(target))
    assert run.code == 0, run.err
    return target


def test_page_margins_and_font(quarter_report):
    document = docx.Document(str(quarter_report))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)] == [20, 20, 30, 15]
    fonts = {run.font.name for p in document.paragraphs for run in p.runs if run.text.strip()}
    assert fonts == {"Times New Roman"}
    sizes = {run.font.size.pt for p in document.paragraphs for run in p.runs if run.text.strip()}
    assert sizes <= {13.0, 14.0}


def test_the_heading_number_place_date_title_recipients_and_signature(quarter_report):
    document = docx.Document(str(quarter_report))
    heading = document.tables[0]
    left = [p.text for p in heading.cell(0, 0).paragraphs if p.text]
    right = [p.text for p in heading.cell(0, 1).paragraphs if p.text]
    assert left == ["LIÊN MINH HỢP TÁC XÃ", "THÀNH PHỐ HẢI PHÒNG", "Số:        /BC-LMHTX"]
    assert right == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Hải Phòng, ngày      tháng 06 năm 2024"]
    assert heading.cell(0, 1).paragraphs[-1].runs[0].italic
    texts = [p.text for p in document.paragraphs]
    assert "BÁO CÁO" in texts and "Kết quả thực hiện Chương trình công tác Quý II/2024" in texts
    assert "I. TỔNG HỢP" in texts and "II. KẾT QUẢ THỰC HIỆN" in texts and "III. TỒN TẠI, CHẬM TIẾN ĐỘ" in texts
    summary = document.tables[1]
    assert summary.cell(0, 0).text == "Đơn vị" and summary.cell(len(summary.rows) - 1, 0).text == "Tổng cộng"
    assert summary.cell(len(summary.rows) - 1, 1).text == "91"
    closing = document.tables[-1]
    assert closing.cell(0, 0).paragraphs[0].text == "Nơi nhận:"
    assert closing.cell(0, 0).paragraphs[-1].text == "- Lưu VT, KHTH."
    assert [p.text for p in closing.cell(0, 1).paragraphs if p.text] == ["CHỦ TỊCH", "Ngô Ngọc Khánh"]


def test_number_and_day_are_filled_when_given(lmhtx, tmp_path):
    target = tmp_path / "thang-5.docx"
    run = lmhtx("report", "month", "5", "--year", "2024", "-f", "docx", "-o", str(target), "--doc-number", "12", "--doc-date", "03/06/2024")
    assert run.code == 0
    all_text = paragraphs(docx.Document(str(target)))
    assert "Số: 12/BC-LMHTX" in all_text and "Hải Phòng, ngày 03 tháng 06 năm 2024" in all_text


def test_settings_come_from_the_data_folder(lmhtx, small_root, tmp_path):
    (small_root / "settings.yaml").write_text(
        'agency: ["UBND HUYỆN MẪU", "PHÒNG KINH TẾ"]\nsymbol: "PKT"\nplace: "Vĩnh Bảo"\nrecipients: ["Như trên", "Lưu VT"]\nsignature:\n  authority: "KT. TRƯỞNG PHÒNG"\n  title: "PHÓ TRƯỞNG PHÒNG"\n  name: "Người Ký Mẫu"\n',
        encoding="utf-8",
    )
    target = tmp_path / "r.docx"
    assert lmhtx("report", "month", "1", "--year", "2030", "-f", "docx", "-o", str(target), root=small_root).code == 0
    document = docx.Document(str(target))
    assert [p.text for p in document.tables[0].cell(0, 0).paragraphs if p.text] == ["UBND HUYỆN MẪU", "PHÒNG KINH TẾ", "Số:        /BC-PKT"]
    assert [p.text for p in document.tables[-1].cell(0, 1).paragraphs if p.text] == ["KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG", "Người Ký Mẫu"]


def test_a_bad_settings_file_is_located(lmhtx, small_root, tmp_path):
    (small_root / "settings.yaml").write_text("agency: []\nrecipients: 5\n", encoding="utf-8")
    assert "settings.yaml:1:9" in lmhtx("validate", root=small_root).out
    run = lmhtx("report", "month", "1", "--year", "2030", "-f", "docx", "-o", str(tmp_path / "r.docx"), root=small_root)
    assert run.code == 1 and run.err.startswith("lmhtx: settings.yaml:")


def test_docx_needs_an_output_file(lmhtx):
    run = lmhtx("report", "month", "5", "--year", "2024", "-f", "docx")
    assert run.code == 2 and "--output" in run.err


def test_the_digest_as_a_word_file(lmhtx, tmp_path):
    target = tmp_path / "digest.docx"
    assert lmhtx("digest", "--month", "2024-06", "--as-of", "2024-06-10", "-f", "docx", "-o", str(target)).code == 0
    texts = paragraphs(docx.Document(str(target)))
    assert "1. Nhiệm vụ trong tháng" in texts and "4. Công tác thành viên" in texts
    assert any(t.startswith("- Tham mưu tổ chức triển khai Kế hoạch tuyển dụng năm 2024.") for t in texts)


def test_sample_data_copy_is_untouched():
    assert not (DATA / "small" / "settings.yaml").exists()
