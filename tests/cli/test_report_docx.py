"""Word reports in the layout of Nghị định 30/2020/NĐ-CP, read back with python-docx."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from tests.conftest import DATA, REPO


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


def _table_starting(document, first: str):
    return next(table for table in document.tables if table.cell(0, 0).text == first and len(table.columns) > 2)


def _grid(document):
    return next(table for table in document.tables if [c.text for c in table.rows[0].cells][1:2] == ["T1"])


def test_the_month_grid_names_its_units(half_year):
    document = docx.Document(str(half_year))
    grid = _grid(document)
    assert [c.text for c in grid.rows[0].cells] == ["Đơn vị", "T1", "T2", "T3", "T4", "T5", "T6"]
    labels = [row.cells[0].text for row in grid.rows[1:]]
    assert labels[:2] == ["Văn phòng", "Phòng Kế hoạch - Tổng hợp"] and labels[-1] == "Quỹ Hỗ trợ Phát triển HTX"
    assert not UNIT_CODES & {cell.text for table in document.tables for row in table.rows for cell in row.cells}


def test_data_tables_span_the_text_width_with_whole_rows_and_repeated_headers(half_year):
    document = docx.Document(str(half_year))
    for table in (_table_starting(document, "Đơn vị"), _grid(document)):
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


CHART = "Tỷ lệ hoàn thành theo đơn vị"


def _chart_table(document):
    """The chart: the table whose caption (tblCaption) names it, or None."""
    for table in document.tables:
        caption = table._tbl.tblPr.find(f"{W}tblCaption")
        if caption is not None:
            return table, caption.get(f"{W}val")
    return None, None


def _bars(table) -> dict[str, tuple[int, int, str]]:
    """Each chart row's unit name → (grid columns shaded dark, shaded light, the rate's text)."""
    found = {}
    for tr in table._tbl.findall(f"{W}tr"):
        cells = tr.findall(f"{W}tc")
        texts = ["".join(t.text or "" for t in tc.iter(f"{W}t")) for tc in cells]
        if len(cells) < 3 or not texts[0]:
            continue
        spans = {"2F5597": 0, "E4E8F0": 0}
        for tc in cells[1:-1]:
            span = tc.find(f"{W}tcPr/{W}gridSpan")
            fill = tc.find(f"{W}tcPr/{W}shd").get(f"{W}fill")
            spans[fill] += int(span.get(f"{W}val")) if span is not None else 1
        found[texts[0]] = (spans["2F5597"], spans["E4E8F0"], texts[-1])
    return found


@pytest.mark.parametrize(("period", "charted"), [(["month", "5"], False), (["quarter", "II"], False), (["h1"], True), (["9m"], True), (["year"], True)])
def test_long_reports_carry_a_completion_chart_after_the_summary(lmhtx, tmp_path, period, charted):
    target = tmp_path / "r.docx"
    assert lmhtx("report", *period, "--year", "2024", "--as-of", "30/06/2024", "-f", "docx", "-o", str(target)).code == 0
    document = docx.Document(str(target))
    assert len(document.inline_shapes) == 0  # no picture: the chart is drawn with table cells
    table, caption = _chart_table(document)
    assert (table is not None) is charted
    texts = [p.text for p in document.paragraphs]
    if charted:
        assert caption == CHART
        lead = texts.index(CHART + ":")
        assert texts.index("I. TỔNG HỢP") < lead < texts.index("II. KẾT QUẢ THỰC HIỆN")
        assert abs(sum(_grid_cm(table)) - 16.5) < 0.05  # the width of the text


def test_the_chart_bars_are_as_long_as_the_rates(lmhtx, tmp_path):
    target = tmp_path / "r.docx"
    assert lmhtx("report", "h1", "--year", "2024", "--as-of", "30/06/2024", "-f", "docx", "-o", str(target)).code == 0
    data = json.loads(lmhtx("report", "h1", "--year", "2024", "--as-of", "30/06/2024", "-f", "json").out)
    bars = _bars(_chart_table(docx.Document(str(target)))[0])
    assert list(bars) == [u["name"] for u in data["units"]]
    for unit in data["units"]:
        dark, light, text = bars[unit["name"]]
        assert dark + light == 100 and text == unit["counts"]["rate_text"]
        assert dark == round((unit["counts"]["rate"] or 0) * 100)


def test_word_reports_do_not_need_matplotlib(tmp_path):
    """The year report with its chart, in a Python where matplotlib cannot be imported."""
    target = tmp_path / "r.docx"
    code = "import sys; sys.modules['matplotlib'] = None; from lmhtx_cli.cli import main; sys.argv = sys.argv[1:]; main()"
    args = ["--root", str(REPO), "report", "year", "--year", "2024", "--as-of", "30/06/2024", "-f", "docx", "-o", str(target)]
    run = subprocess.run([sys.executable, "-c", code, "lmhtx", *args], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert _chart_table(docx.Document(str(target)))[1] == CHART


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


# Ready to sign, and short (issue 21, item 6): each task once, Nghị định 30/2020 Appendix I.


@pytest.fixture
def marked(lmhtx, office) -> Path:
    """The 2024 data with a history: done with a document, done, postponed, cancelled with a note."""
    for mark in (
        ["05-vp-1", "done", "--on", "20/05/2024", "--ref", "Số 66/KH-LMHTX"],
        ["05-khth-1", "done", "--on", "28/05/2024"],
        ["05-quy-2", "postponed", "--to", "2024-07", "--on", "20/05/2024"],
        ["05-ttht-1", "cancelled", "--note", "Ban tổ chức hủy hội nghị", "--on", "10/05/2024"],
    ):
        run = lmhtx("plan", "mark", *mark, "--by", "Lan", "--yes", root=office)
        assert run.code == 0, run.err
    return office


def _month_report(lmhtx, root: Path, target: Path, *extra: str):
    run = lmhtx("report", "month", "5", "--year", "2024", "--as-of", "31/05/2024", "-f", "docx", "-o", str(target), *extra, root=root)
    assert run.code == 0, run.err
    return docx.Document(str(target))


def _all_text(document) -> str:
    return "\n".join(paragraphs(document))


def test_each_task_is_printed_once_its_results_in_one_table_by_unit(lmhtx, marked, tmp_path):
    document = _month_report(lmhtx, marked, tmp_path / "r.docx")
    data = json.loads(lmhtx("report", "month", "5", "--year", "2024", "--as-of", "31/05/2024", "-f", "json", root=marked).out)
    results = _table_starting(document, "Mã")
    assert [c.text for c in results.rows[0].cells] == ["Mã", "Nội dung", "Trạng thái, ngày, văn bản"]
    rows = {}
    for row in results.rows[1:]:
        cells = row.cells
        if cells[0]._tc is cells[-1]._tc:  # a unit's row, across the table
            rows.setdefault("units", []).append(cells[0].text)
        else:
            rows[cells[0].text] = [c.text for c in cells]
    assert rows["units"] == [f"{i}. {u['name']}" for i, u in enumerate(data["units"], start=1) if u["tasks"]]
    tasks = [task for unit in data["units"] for task in unit["tasks"]]
    assert len(rows) - 1 == len(tasks)
    assert rows["05-vp-1"][2:] == ["Hoàn thành\n20/05/2024\nSố 66/KH-LMHTX"]
    assert rows["05-quy-2"][2] == "Hoãn sang 07/2024\n20/05/2024"
    assert rows["05-ttht-1"][2:] == ["Hủy\n10/05/2024\nBan tổ chức hủy hội nghị"]
    text = _all_text(document)
    upcoming = {task["text"] for unit in data["upcoming"] for task in unit["tasks"]}
    for task in tasks:
        if task["text"] not in upcoming:
            assert text.count(task["text"]) == 1, task["text"]  # results only, not again in the shortfalls


def test_the_shortfalls_are_counts_with_the_ids_behind_them(lmhtx, marked, tmp_path):
    document = _month_report(lmhtx, marked, tmp_path / "r.docx")
    texts = [p.text for p in document.paragraphs]
    start = texts.index("III. TỒN TẠI, CHẬM TIẾN ĐỘ")
    lines = texts[start + 1 : start + 5]
    assert lines[1:] == ["- Hoàn thành quá hạn: 0.", "- Hoãn: 1 (05-quy-2).", "- Hủy: 1 (05-ttht-1)."]
    assert lines[0].startswith("- Quá hạn chưa hoàn thành: ")


def test_the_next_period_is_a_list_one_line_per_unit(lmhtx, marked, tmp_path):
    document = _month_report(lmhtx, marked, tmp_path / "r.docx")
    data = json.loads(lmhtx("report", "month", "5", "--year", "2024", "--as-of", "31/05/2024", "-f", "json", root=marked).out)
    texts = [p.text for p in document.paragraphs]
    start = next(i for i, text in enumerate(texts) if text.startswith("IV. NHIỆM VỤ THÁNG TỚI"))
    lines = texts[start + 1 : start + 1 + len(data["upcoming"])]
    for line, unit in zip(lines, data["upcoming"]):
        assert line.startswith(f"- {unit['name']}: ") and line.endswith(".")
        for task in unit["tasks"]:
            assert task["text"].rstrip(".") in line


def _effective(paragraph, styles, attribute: str) -> str | None:
    """A w:spacing or w:ind attribute as Word applies it: the paragraph's own, else its style's
    (and the styles it is based on), else the document defaults."""
    tag = "spacing" if attribute in ("before", "after", "line") else "ind"
    own = paragraph._p.find(f"{W}pPr/{W}{tag}")
    if own is not None and own.get(f"{W}{attribute}") is not None:
        return own.get(f"{W}{attribute}")
    style_id = paragraph._p.find(f"{W}pPr/{W}pStyle")
    style_id = style_id.get(f"{W}val") if style_id is not None else None
    by_id = {s.get(f"{W}styleId"): s for s in styles.findall(f"{W}style")}
    style = by_id.get(style_id) if style_id else next(s for s in styles.findall(f"{W}style") if s.get(f"{W}default") == "1" and s.get(f"{W}type") == "paragraph")
    while style is not None:
        element = style.find(f"{W}pPr/{W}{tag}")
        if element is not None and element.get(f"{W}{attribute}") is not None:
            return element.get(f"{W}{attribute}")
        based = style.find(f"{W}basedOn")
        style = by_id.get(based.get(f"{W}val")) if based is not None else None
    default = styles.find(f"{W}docDefaults/{W}pPrDefault/{W}pPr/{W}{tag}")
    return default.get(f"{W}{attribute}") if default is not None else None


def _body_paragraphs(document) -> list:
    """The body's own paragraphs from "I. TỔNG HỢP" to the closing, with text (the provenance
    note under the signature, "Số liệu do lmhtx … tính", is not body text)."""
    texts = [p.text for p in document.paragraphs]
    start = texts.index("I. TỔNG HỢP")
    return [p for p in document.paragraphs[start:] if p.text.strip() and not p.text.startswith("Số liệu do lmhtx")]


@pytest.mark.parametrize("period", [["month", "5"], ["h1"]])
def test_body_paragraphs_follow_appendix_one(lmhtx, marked, tmp_path, period):
    target = tmp_path / "r.docx"
    assert lmhtx("report", *period, "--year", "2024", "--as-of", "30/06/2024", "-f", "docx", "-o", str(target), root=marked).code == 0
    document = docx.Document(str(target))
    styles = document.styles.element
    body = _body_paragraphs(document)
    assert len(body) > 10
    for one, following in zip(body, body[1:]):
        if one._p.getnext() is not following._p:
            continue  # a table or the chart lies between them
        gap = int(_effective(one, styles, "after") or 0) + int(_effective(following, styles, "before") or 0)
        assert gap >= 6 * 20, (one.text, following.text, gap / 20)
    for paragraph in body:
        line = int(_effective(paragraph, styles, "line") or 240)
        rule = paragraph._p.find(f"{W}pPr/{W}spacing")
        assert rule is None or rule.get(f"{W}lineRule") in (None, "auto")
        assert 240 <= line <= 360, (paragraph.text, line)
        indent = int(_effective(paragraph, styles, "firstLine") or 0) / 20 / 72 * 2.54
        assert 1.0 <= indent <= 1.27, (paragraph.text, indent)


def test_a_short_rule_under_the_subject_line(quarter_report):
    document = docx.Document(str(quarter_report))
    texts = [p.text for p in document.paragraphs]
    subject = texts.index("Kết quả thực hiện Chương trình công tác Quý II/2024")
    rule = document.paragraphs[subject + 1]
    assert rule.text == "" and rule._p.find(f"{W}pPr/{W}pBdr/{W}bottom").get(f"{W}val") == "single"
    width = 16.5 - rule.paragraph_format.left_indent.cm - rule.paragraph_format.right_indent.cm
    assert 2.5 <= width <= 6.0
    assert abs(rule.paragraph_format.left_indent.cm - rule.paragraph_format.right_indent.cm) < 0.01  # centred


def _parts(path: Path) -> dict[str, bytes]:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_proofing_language_is_vietnamese(quarter_report):
    parts = _parts(quarter_report)
    assert [name for name, raw in parts.items() if b"en-US" in raw] == []
    document = docx.Document(str(quarter_report))
    default = document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert default.get(f"{W}val") == "vi-VN"
    runs = [r for p in paragraphs_of(document) for r in p.runs if r.text.strip()]
    assert runs and all(r._r.find(f"{W}rPr/{W}lang").get(f"{W}val") == "vi-VN" for r in runs)


def paragraphs_of(document) -> list:
    found = list(document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                found.extend(cell.paragraphs)
    return found


def test_core_properties_come_from_the_settings_and_the_document_date(lmhtx, tmp_path):
    target = tmp_path / "r.docx"
    document = _month_report(lmhtx, REPO, target, "--doc-date", "03/06/2024")
    core = document.core_properties
    assert core.author == core.last_modified_by == "LIÊN MINH HỢP TÁC XÃ THÀNH PHỐ HẢI PHÒNG"
    assert core.title == "Báo cáo: Kết quả thực hiện Chương trình công tác tháng 5/2024"
    assert core.created.date() == core.modified.date() == dt.date(2024, 6, 3)
    assert core.language == "vi-VN"
    parts = _parts(target)
    raw = parts["docProps/core.xml"]
    assert b"python-docx" not in raw and b"2013" not in raw
    assert not any("thumbnail" in name for name in parts)  # no picture of the library's template
    undated = _month_report(lmhtx, REPO, tmp_path / "u.docx").core_properties
    assert undated.created.date() == dt.date(2024, 5, 31)  # no --doc-date: the as-of date


def test_the_same_inputs_give_the_same_bytes(lmhtx, tmp_path):
    import time

    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    _month_report(lmhtx, REPO, first)
    time.sleep(2.1)  # zip entries are dated to two seconds
    _month_report(lmhtx, REPO, second)
    assert first.read_bytes() == second.read_bytes()


def test_the_overdue_ids_are_grouped_by_unit(quarter_report, lmhtx):
    data = json.loads(lmhtx("report", "quarter", "2", "--year", "2024", "--as-of", "20/06/2024", "-f", "json").out)
    texts = [p.text for p in docx.Document(str(quarter_report)).paragraphs]
    line = next(text for text in texts if text.startswith("- Quá hạn chưa hoàn thành: "))
    overdue = {u["name"]: [t["id"] for t in u["tasks"] if t["overdue"] and t["status"] not in ("done", "postponed", "cancelled")] for u in data["units"]}
    groups = "; ".join(f"{name}: {', '.join(ids)}" for name, ids in overdue.items() if ids)
    assert line == f"- Quá hạn chưa hoàn thành: {sum(map(len, overdue.values()))} ({groups})."
    assert sum(1 for ids in overdue.values() if ids) > 1


def test_the_word_digest_writes_a_postponement_month_as_07_2024(lmhtx, marked, tmp_path):
    target = tmp_path / "digest.docx"
    run = lmhtx("digest", "--month", "2024-05", "--as-of", "2024-05-31", "-f", "docx", "-o", str(target), root=marked)
    assert run.code == 0, run.err
    text = _all_text(docx.Document(str(target)))
    assert "hoãn sang 07/2024" in text and "2024-07" not in text
