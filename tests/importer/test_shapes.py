"""The shapes of a programme's lines: headings in every spelling, the frame, times and deadlines."""

from __future__ import annotations

import datetime as dt

import pytest

from lmhtx_cli.importer.shapes import When, deadline_in, frame_kind, month_heading, quarter_heading, time_cell


@pytest.mark.parametrize(
    "line, month",
    [
        ("Tháng 1", 1),
        ("THÁNG 12:", 12),
        ("Tháng 02 - 2025", 2),
        ("Tháng 3/2025", 3),
        ("tháng 4 năm 2025.", 4),
        ("THÁNG MƯỜI HAI", 12),
        ("Tháng Mười Một năm 2025", 11),
        ("Tháng Giêng", 1),
        ("III. Tháng 9", 9),
        ("- Tháng 5 (Quý II):", 5),
        ("• Tháng 6 năm 2025", 6),
        ("5. THÁNG NĂM", 5),
        ("NHIỆM VỤ TRỌNG TÂM THÁNG 7", 7),
        ("Công tác tháng 8/2025:", 8),
    ],
)
def test_a_month_heading_in_any_spelling(line, month):
    assert month_heading(line)[0] == month


@pytest.mark.parametrize("line", ["Tổ chức hội nghị tháng 3", "Tháng hành động vì Hợp tác xã", "- Tổ chức Tháng 3", "tháng 3 tổ chức hội nghị", "Tháng 3 tổ chức hội nghị sơ kết"])
def test_a_line_that_only_mentions_a_month_is_no_heading(line):
    assert month_heading(line) is None


@pytest.mark.parametrize("line, quarter", [("Quý I", 1), ("QUÝ II/2025", 2), ("III. Quý 3 năm 2025", 3), ("Quý IV (tháng 10, 11, 12):", 4)])
def test_a_quarter_heading(line, quarter):
    assert quarter_heading(line)[0] == quarter


@pytest.mark.parametrize(
    "text, due",
    [
        ("Báo cáo kết quả trước ngày 15/3.", dt.date(2025, 3, 15)),
        ("Tổng hợp số liệu, hoàn thành trước 15/3/2025.", dt.date(2025, 3, 15)),
        ("Tổ chức hội nghị trong tháng 3.", dt.date(2025, 3, 31)),
        ("Tổ chức khảo sát (Quý II).", dt.date(2025, 6, 30)),
        ("Hoàn thành trong quý III/2025.", dt.date(2025, 9, 30)),
        ("Nộp hồ sơ chậm nhất ngày 20/02/2025.", dt.date(2025, 2, 20)),
    ],
)
def test_a_deadline_written_in_a_task(text, due):
    assert deadline_in(text, 2025, 2).due == due


@pytest.mark.parametrize(
    "text",
    [
        "Tham mưu kế hoạch thí điểm xúc tiến thương mại quốc tế (dự kiến tổ chức trong tháng 5 năm 2025).",  # an event's month, not the task's
        "Báo cáo tình hình hoạt động của tháng, Quý I/2025.",  # the quarter the report is about
        "Hoàn thành trước 15/3/2024.",  # another year
        "Tổ chức hội nghị trong tháng 1.",  # before the task's month
    ],
)
def test_words_that_are_no_deadline(text):
    assert deadline_in(text, 2025, 2) is None


@pytest.mark.parametrize(
    "cell, when",
    [
        ("Tháng 3", When(3)),
        ("3/2025", When(3)),
        ("T3", When(3)),
        ("Tháng 3 năm 2025", When(3)),
        ("Quý II", When(4, dt.date(2025, 6, 30))),
        ("Quý 2/2025", When(4, dt.date(2025, 6, 30))),
        ("15/3/2025", When(3, dt.date(2025, 3, 15))),
        ("Trước ngày 15/3", When(3, dt.date(2025, 3, 15))),
        ("Thường xuyên", None),
        ("3/2024", None),
    ],
)
def test_a_tables_time(cell, when):
    assert time_cell(cell, 2025) == when


@pytest.mark.parametrize(
    "line, kind",
    [
        ("LIÊN MINH HỢP TÁC XÃ TỈNH QUẢNG NINH", "letter-head"),
        ("LIÊN MINH HTX THÀNH PHỐ HÀ NỘI   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "letter-head"),
        ("Độc lập - Tự do - Hạnh phúc", "motto"),
        ("Số: 15/CTr-LMHTX", "number"),
        ("Quảng Ninh, ngày 05 tháng 01 năm 2025", "place-date"),
        ("TM. BAN THƯỜNG VỤ", "signer"),
        ("KT. CHỦ TỊCH", "signer"),
        ("(Đã ký)", "signer"),
        ("Số: 15/CTr-LMHTX            Quảng Ninh, ngày 05 tháng 01 năm 2025", "number"),
        ("Số: 15/CTr-LMHTX            Tổ chức hội nghị", None),
        ("Liên minh HTX tỉnh tổ chức hội nghị", None),
        ("Tổ chức hội nghị tại Hải Phòng", None),
    ],
)
def test_the_documents_frame_of_any_office(line, kind):
    assert frame_kind(line) == kind


@pytest.mark.parametrize("line", ["\uf0b7 Tham mưu kế hoạch.", "\uf0a7 Tham mưu kế hoạch.", "o Tham mưu kế hoạch.", "➢ Tham mưu kế hoạch."])
def test_the_bullets_a_pdf_makes_of_words_symbol_fonts(line):
    from lmhtx_cli.importer.shapes import TASK_BULLET

    assert TASK_BULLET.match(line).group(1) == "Tham mưu kế hoạch."


def test_a_letter_o_starting_a_sentence_is_no_bullet():
    from lmhtx_cli.importer.shapes import TASK_BULLET

    assert TASK_BULLET.match("ong tác tuyên truyền") is None


@pytest.mark.parametrize("line, closing", [("Nơi nhận:", True), ("NƠI NHẬN:", True), ("Nơi nhận:          TM. BAN THƯỜNG VỤ", True), ("nơi nhận hồ sơ của thành viên", False), ("Nơi nhận hồ sơ", False)])
def test_the_closing_starts_at_noi_nhan(line, closing):
    from lmhtx_cli.importer.shapes import is_closing

    assert is_closing(line) is closing
