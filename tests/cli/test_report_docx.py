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
    assert right == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Hải Phòng, ngày      tháng 6 năm 2024"]
    assert heading.cell(0, 1).paragraphs[-1].runs[0].italic
    texts = [p.text for p in document.paragraphs]
    assert "BÁO CÁO" in texts and "Kết quả thực hiện Chương trình công tác Quý II/2024" in texts
    assert "I. TỔNG HỢP" in texts and "II. KẾT QUẢ THỰC HIỆN" in texts and "III. TỒN TẠI, CHẬM TIẾN ĐỘ" in texts
    summary = document.tables[1]
    assert summary.cell(0, 0).text == "Đơn vị" and summary.cell(len(summary.rows) - 1, 0).text == "Tổng cộng"
    assert summary.cell(len(summary.rows) - 1, 1).text == "91"
    closing = document.tables[-1]
    assert closing.cell(1, 0).paragraphs[0].text == "Nơi nhận:"
    assert closing.cell(1, 0).paragraphs[-1].text == "- Lưu VT, KHTH."
    assert [p.text for p in closing.cell(1, 1).paragraphs if p.text] == ["CHỦ TỊCH", "Ngô Ngọc Khánh"]


def test_number_and_day_are_filled_when_given(lmhtx, tmp_path):
    target = tmp_path / "thang-5.docx"
    run = lmhtx("report", "month", "5", "--year", "2024", "--as-of", "31/05/2024", "-f", "docx", "-o", str(target), "--doc-number", "12", "--doc-date", "03/06/2024")
    assert run.code == 0, run.err
    all_text = paragraphs(docx.Document(str(target)))
    assert "Số: 12/BC-LMHTX" in all_text and "Hải Phòng, ngày 03 tháng 6 năm 2024" in all_text


def test_settings_come_from_the_data_folder(lmhtx, small_root, tmp_path):
    (small_root / "settings.yaml").write_text(
        'agency: ["UBND HUYỆN MẪU", "PHÒNG KINH TẾ"]\nsymbol: "PKT"\nplace: "Vĩnh Bảo"\nrecipients: ["Như trên", "Lưu VT"]\nsignature:\n  authority: "KT. TRƯỞNG PHÒNG"\n  title: "PHÓ TRƯỞNG PHÒNG"\n  name: "Người Ký Mẫu"\n',
        encoding="utf-8",
    )
    target = tmp_path / "r.docx"
    assert lmhtx("report", "month", "1", "--year", "2030", "-f", "docx", "-o", str(target), root=small_root).code == 0
    document = docx.Document(str(target))
    assert [p.text for p in document.tables[0].cell(0, 0).paragraphs if p.text] == ["UBND HUYỆN MẪU", "PHÒNG KINH TẾ", "Số:        /BC-PKT"]
    assert [p.text for p in document.tables[-1].cell(1, 1).paragraphs if p.text] == ["KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG", "Người Ký Mẫu"]
    assert [p.text for p in document.tables[-1].cell(1, 0).paragraphs if p.text] == ["Nơi nhận:", "- Như trên;", "- Lưu VT."]
    assert document.tables[0].cell(0, 1).paragraphs[-1].text == "Vĩnh Bảo, ngày      tháng 11 năm 2026"


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


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
UNIT_CODES = {"vp", "khth", "kttv", "tttt", "ttht", "ttdt", "quy"}


@pytest.fixture
def half_year(lmhtx, tmp_path) -> Path:
    target = tmp_path / "so-ket-6-thang.docx"
    run = lmhtx("report", "h1", "--year", "2024", "--as-of", "30/06/2024", "--format", "docx", "--output", str(target))
    assert run.code == 0, run.err
    return target


def _grid_cm(table) -> list[float]:
    return [int(col.get(f"{W}w")) / 20 / 72 * 2.54 for col in table._tbl.tblGrid.iter(f"{W}gridCol")]


def test_the_month_grid_names_its_units(half_year):
    document = docx.Document(str(half_year))
    grid = document.tables[2]
    assert [c.text for c in grid.rows[0].cells] == ["Đơn vị", "T1", "T2", "T3", "T4", "T5", "T6"]
    labels = [row.cells[0].text for row in grid.rows[1:]]
    assert labels[:2] == ["Văn phòng", "Phòng Kế hoạch - Tổng hợp"] and labels[-1] == "Quỹ Hỗ trợ Phát triển HTX"
    assert not UNIT_CODES & {cell.text for table in document.tables for row in table.rows for cell in row.cells}


def test_data_tables_span_the_text_width_with_whole_rows_and_repeated_headers(half_year):
    document = docx.Document(str(half_year))
    for table in document.tables[1:3]:
        widths = _grid_cm(table)
        assert abs(sum(widths) - 16.5) < 0.02
        assert min(widths) > 0.8  # no column squeezed below its figures
        rows = table._tbl.findall(f"{W}tr")
        assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
        assert all(row.find(f"{W}trPr/{W}cantSplit") is not None for row in rows)
        sizes = {run.font.size.pt for row in table.rows for cell in row.cells for p in cell.paragraphs for run in p.runs}
        assert len(sizes) == 1 and 9 <= sizes.pop() <= 11


def test_the_closing_rows_hold_the_last_lines_and_never_split(quarter_report):
    document = docx.Document(str(quarter_report))
    closing = document.tables[-1]
    rows = closing._tbl.findall(f"{W}tr")
    assert len(rows) == 2 and all(row.find(f"{W}trPr/{W}cantSplit") is not None for row in rows)
    last_lines = [p.text for p in closing.cell(0, 0).paragraphs if p.text]
    assert len(last_lines) == 2  # the body's last two lines
    assert all(p.paragraph_format.keep_with_next for p in closing.cell(0, 0).paragraphs)
    assert last_lines[-1] not in [p.text for p in document.paragraphs]  # moved, not copied


@pytest.mark.parametrize(("period", "charted"), [(["month", "5"], False), (["quarter", "II"], False), (["h1"], True), (["9m"], True), (["year"], True)])
def test_long_reports_carry_a_completion_chart_after_the_summary(lmhtx, tmp_path, period, charted):
    target = tmp_path / "r.docx"
    assert lmhtx("report", *period, "--year", "2024", "--as-of", "30/06/2024", "-f", "docx", "-o", str(target)).code == 0
    document = docx.Document(str(target))
    shapes = document.inline_shapes
    assert len(shapes) == (1 if charted else 0)
    texts = [p.text for p in document.paragraphs]
    if charted:
        assert round(shapes[0].width.cm, 2) == 16.5
        assert shapes[0]._inline.docPr.get("descr") == "Tỷ lệ hoàn thành theo đơn vị"
        lead = texts.index("Tỷ lệ hoàn thành theo đơn vị:")
        assert texts.index("I. TỔNG HỢP") < lead < texts.index("II. KẾT QUẢ THỰC HIỆN")


def test_the_chart_speaks_english_in_an_english_report(lmhtx, tmp_path):
    target = tmp_path / "r.docx"
    assert lmhtx("report", "year", "--year", "2024", "--as-of", "30/06/2024", "-f", "docx", "-o", str(target), "--lang", "en").code == 0
    document = docx.Document(str(target))
    assert "Completion rate by unit:" in [p.text for p in document.paragraphs]
    assert "Work programme results, Year 2024" in [p.text for p in document.paragraphs]


def test_the_title_writes_the_period_in_lower_case_mid_sentence(lmhtx, tmp_path):
    for period, title in ((["year"], "Kết quả thực hiện Chương trình công tác năm 2024"), (["month", "5"], "Kết quả thực hiện Chương trình công tác tháng 5/2024")):
        target = tmp_path / "r.docx"
        assert lmhtx("report", *period, "--year", "2024", "--as-of", "30/06/2024", "-f", "docx", "-o", str(target)).code == 0
        assert title in [p.text for p in docx.Document(str(target)).paragraphs]


def test_without_a_place_the_date_line_starts_with_a_capital(lmhtx, small_root, tmp_path):
    (small_root / "settings.yaml").write_text('agency: ["PHÒNG KINH TẾ"]\nparent_agency: "UBND HUYỆN MẪU"\nsymbol: "PKT"\nsignature:\n  title: "TRƯỞNG PHÒNG"\n', encoding="utf-8")
    target = tmp_path / "r.docx"
    assert lmhtx("report", "month", "1", "--year", "2030", "--as-of", "31/01/2030", "-f", "docx", "-o", str(target), "--doc-date", "05/02/2030", root=small_root).code == 0
    heading = docx.Document(str(target)).tables[0]
    assert [p.text for p in heading.cell(0, 0).paragraphs if p.text] == ["UBND HUYỆN MẪU", "PHÒNG KINH TẾ", "Số:        /BC-PKT"]
    assert heading.cell(0, 0).paragraphs[0].runs[0].bold is False and heading.cell(0, 0).paragraphs[1].runs[0].bold
    assert heading.cell(0, 1).paragraphs[-1].text == "Ngày 05 tháng 02 năm 2030"
