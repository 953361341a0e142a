"""The office's real 2024 programme rearranged into the shapes other offices' documents take.

A generator writes the tasks of plans/2024 back as documents: month headings spelt every way,
units numbered every way or named inside a phrase, units first and months inside them, quarters,
every bullet, numbered tasks, tables (Word and text), another province's letter-head and page
numbers falling inside sentences, a closing "Nơi nhận:" and the signer. Each one is imported with
`lmhtx import programme` and must give exactly the tasks of the plain document, word for word, in
the same month (or quarter) and unit.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO

MONTH_WORDS = ["Một", "Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy", "Tám", "Chín", "Mười", "Mười Một", "Mười Hai"]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
BULLETS = ["-", "–", "—", "•", "◦", "▪", "●", "*", "+", "…", "-"]


def _programme() -> tuple[list[tuple[str, str]], dict[int, dict[str, list[str]]]]:
    """The units (code, name) and the tasks by month and unit code, from the committed 2024 data."""
    plan = yaml.safe_load((REPO / "plans/2024/plan.yaml").read_text(encoding="utf-8"))
    units = [(u["code"], u["name"]) for u in plan["units"]]
    months = {}
    for month in range(1, 13):
        data = yaml.safe_load((REPO / f"plans/2024/{month:02d}.yaml").read_text(encoding="utf-8"))
        months[month] = {code: [t["text"] for t in tasks if not t.get("added")] for code, tasks in data["units"].items()}
    return units, months


UNITS, MONTHS = _programme()


def _wrap(text: str, bullet: str = "- ") -> list[str]:
    """A task as a PDF's text gives it: wrapped over lines of about 80 characters."""
    return textwrap.wrap(text, 80, initial_indent=bullet, break_long_words=False, break_on_hyphens=False) or [bullet]


def _month_heading(style: str, month: int) -> str:
    return {
        "plain": f"Tháng {month}",
        "year": f"THÁNG {month} NĂM 2024",
        "slash": f"Tháng {month:02d}/2024:",
        "dash": f"Tháng {month:02d} - 2024",
        "words": f"THÁNG {MONTH_WORDS[month - 1].upper()}",
        "roman": f"{ROMAN[month - 1]}. Tháng {month}",
        "bullet": f"- Tháng {month} (Quý {ROMAN[(month - 1) // 3]}):",
        "numbered": f"{month}. Tháng {month} năm 2024",
    }[style]


def _unit_heading(style: str, index: int, code: str, name: str) -> str:
    return {
        "plain": f"{index}. {name}:",
        "roman": f"{ROMAN[index - 1]}. {name.upper()}",
        "paren": f"{index}) {name}",
        "letter": f"{'abcdefg'[index - 1]}) {name}:",
        "dash": f"- {name}:",
        "bare": name,
        "phrase": f"Nhiệm vụ của {name}:",
        "giao": f"Giao {name} chủ trì:",
    }[style]


def _text_document(month_style="plain", unit_style="plain", bullets=("- ",), numbered=False, unit_first=False) -> str:
    lines = ["CHƯƠNG TRÌNH", "Công tác năm 2024 của cơ quan Liên minh HTX thành phố", ""]
    count = 0

    def task_lines(tasks: list[str]) -> list[str]:
        nonlocal count
        out = []
        for n, text in enumerate(tasks, start=1):
            marker = f"{n}. " if numbered else bullets[count % len(bullets)]
            count += 1
            out.extend(_wrap(text, marker))
        return out

    if unit_first:
        for index, (code, name) in enumerate(UNITS, start=1):
            lines.append(_unit_heading(unit_style, index, code, name))
            for month in range(1, 13):
                if MONTHS[month].get(code):
                    lines.append(_month_heading(month_style, month))
                    lines.extend(task_lines(MONTHS[month][code]))
    else:
        for month in range(1, 13):
            lines.append(_month_heading(month_style, month))
            for index, (code, name) in enumerate(UNITS, start=1):
                lines.append(_unit_heading(unit_style, index, code, name))
                lines.extend(task_lines(MONTHS[month].get(code, [])))
    lines.append("Chương trình công tác sẽ được bổ sung khi có nhiệm vụ đột xuất./.")
    return "\n".join(lines) + "\n"


def _quarter_document() -> str:
    lines = ["CHƯƠNG TRÌNH CÔNG TÁC NĂM 2024"]
    for quarter in range(1, 5):
        lines.append(["QUÝ I", "Quý II/2024", "III. Quý III năm 2024", "Quý IV (tháng 10, 11, 12):"][quarter - 1])
        for index, (code, name) in enumerate(UNITS, start=1):
            lines.append(f"{index}. {name}:")
            for month in range(3 * quarter - 2, 3 * quarter + 1):
                for text in MONTHS[month].get(code, []):
                    lines.extend(_wrap(text))
    return "\n".join(lines) + "\n"


FRAME_TOP = [
    "LIÊN MINH HỢP TÁC XÃ        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "TỈNH QUẢNG NINH",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: 15/CTr-LMHTX",
    "Quảng Ninh, ngày 05 tháng 01 năm 2024",
    "",
]
FRAME_CLOSING = [
    "Nơi nhận:                                   TM. BAN THƯỜNG VỤ",
    "- Liên minh HTX Việt Nam (b/c);              CHỦ TỊCH",
    "- TT Tỉnh ủy, UBND tỉnh (b/c);",
    "- Các Phòng, Trung tâm, Quỹ;",
    "- Lưu: VT, KH-TH.",
    "",
    "Nguyễn Văn An",
]


def _framed_document(document: str | None = None) -> str:
    """Another province's document: its letter-head, number, place and date on top, the
    letter-head again and page numbers where page breaks fall (inside sentences too), and the
    closing "Nơi nhận:" with the recipients and the signer."""
    body = (document or _text_document()).splitlines()[:-1]
    lines = FRAME_TOP + body[:2]
    page = 1
    for number, line in enumerate(body[2:], start=1):
        lines.append(line)
        if number % 45 == 0:  # a page break, wherever it falls: between tasks or inside a sentence
            page += 1
            lines += ["", "", str(page), "", ""] if page % 2 else ["", str(page), ""]  # the seed's PDF text: one blank line around
            if page % 3 == 0:
                lines += ["LIÊN MINH HỢP TÁC XÃ TỈNH QUẢNG NINH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", ""]
            elif page % 4 == 0:
                lines += ["LIÊN MINH HỢP TÁC XÃ TỈNH QUẢNG NINH", ""]  # a running head alone
    lines += ["Chương trình công tác sẽ được bổ sung khi có nhiệm vụ đột xuất./.", "", *FRAME_CLOSING]
    return "\n".join(lines) + "\n"


def _text_table() -> str:
    lines = ["CHƯƠNG TRÌNH CÔNG TÁC NĂM 2024", "| TT | Nội dung công việc | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian |", "| 1 | 2 | 3 | 4 | 5 |"]
    number = 0
    for month in range(1, 13):
        for code, name in UNITS:
            for text in MONTHS[month].get(code, []):
                number += 1
                lines.append(f"| {number} | {text} | {name} | | Tháng {month}/2024 |")
    return "\n".join(lines) + "\n"


TEXT_SHAPES = {
    "plain": lambda: _text_document(),
    **{f"month-{style}": (lambda style=style: _text_document(month_style=style)) for style in ("year", "slash", "dash", "words", "roman", "bullet", "numbered")},
    **{f"unit-{style}": (lambda style=style: _text_document(unit_style=style)) for style in ("roman", "paren", "letter", "dash", "bare", "phrase", "giao")},
    "bullets": lambda: _text_document(bullets=tuple(b + " " for b in BULLETS)),
    "numbered-tasks": lambda: _text_document(numbered=True),
    "numbered-tasks-under-roman-units": lambda: _text_document(month_style="words", unit_style="roman", numbered=True),
    "unit-first": lambda: _text_document(unit_first=True),
    "unit-first-capitals": lambda: _text_document(month_style="year", unit_style="roman", unit_first=True),
    "other-province-frame": _framed_document,
    "text-table": _text_table,
}


MONTH_STYLES = ["plain", "year", "slash", "dash", "words", "roman", "bullet", "numbered"]
UNIT_STYLES = ["plain", "roman", "paren", "letter", "dash", "bare", "phrase", "giao"]


def _mixed(seed: int) -> str:
    """A shape no test names: a month style, a unit style, bullets or numbers, months or units first,
    drawn at random (with a fixed seed, so that a failure can be replayed)."""
    import random

    pick = random.Random(seed)
    bullets = tuple(b + " " for b in pick.sample(BULLETS, pick.randint(1, 4)))
    return _text_document(month_style=pick.choice(MONTH_STYLES), unit_style=pick.choice(UNIT_STYLES), bullets=bullets, numbered=pick.random() < 0.3, unit_first=pick.random() < 0.4)


TEXT_SHAPES.update({f"mixed-{seed}": (lambda seed=seed: _mixed(seed)) for seed in (*range(10), 47)})
TEXT_SHAPES.update({f"mixed-framed-{seed}": (lambda seed=seed: _framed_document(_mixed(seed))) for seed in (100, 101, 102)})


@pytest.fixture(scope="module")
def office(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("shapes") / "office"
    shutil.copytree(REPO / "plans", root / "plans")
    return root


def _imported(lmhtx, office: Path, source: Path) -> dict[tuple[int, str], list[dict]]:
    output = source.parent / (source.stem + "-out")
    run = lmhtx("import", "programme", str(source), "--year", "2024", "--output", str(output), root=office)
    assert run.code == 0, run.err
    assert "Traceback" not in run.err
    found = {}
    for month in range(1, 13):
        data = yaml.safe_load((output / f"{month:02d}.yaml").read_text(encoding="utf-8"))
        for code, tasks in (data["units"] or {}).items():
            found[(month, code)] = tasks
    return found


def _texts(found) -> dict[tuple[int, str], list[str]]:
    return {key: [t["text"] for t in tasks] for key, tasks in found.items()}


EXPECTED = {(month, code): texts for month, by_unit in MONTHS.items() for code, texts in by_unit.items() if texts}


@pytest.mark.parametrize("shape", list(TEXT_SHAPES))
def test_every_shape_imports_to_the_tasks_of_the_plain_document(lmhtx, office, tmp_path, shape):
    source = tmp_path / f"{shape}.txt"
    source.write_text(TEXT_SHAPES[shape](), encoding="utf-8")
    found = _imported(lmhtx, office, source)
    assert _texts(found) == EXPECTED
    assert not any("due" in t for tasks in found.values() for t in tasks)  # the 2024 tasks give no deadline


def test_a_programme_by_quarter_puts_each_task_in_its_quarter_due_at_its_end(lmhtx, office, tmp_path):
    source = tmp_path / "quarters.txt"
    source.write_text(_quarter_document(), encoding="utf-8")
    found = _imported(lmhtx, office, source)
    expected = {}
    for (month, code), texts in sorted(EXPECTED.items()):
        expected.setdefault((3 * ((month - 1) // 3) + 1, code), []).extend(texts)
    assert _texts(found) == expected
    ends = {1: "2024-03-31", 4: "2024-06-30", 7: "2024-09-30", 10: "2024-12-31"}
    assert all(str(t["due"]) == ends[month] for (month, _code), tasks in found.items() for t in tasks)


def _docx_table(path: Path, by_month_rows: bool) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("LIÊN MINH HTX TỈNH BẮC NINH")
    document.add_paragraph("CHƯƠNG TRÌNH CÔNG TÁC NĂM 2024")
    headers = ["STT", "Nội dung công việc", "Cơ quan chủ trì", "Đơn vị phối hợp", "Thời hạn"] if not by_month_rows else ["TT", "Nhiệm vụ", "Đơn vị thực hiện", "Ghi chú"]
    table = document.add_table(rows=1, cols=len(headers))
    for cell, header in zip(table.rows[0].cells, headers):
        cell.text = header
    number = 0
    for month in range(1, 13):
        if by_month_rows:
            row = table.add_row()
            merged = row.cells[0].merge(row.cells[-1])
            merged.text = f"THÁNG {month}"
        for code, name in UNITS:
            for text in MONTHS[month].get(code, []):
                number += 1
                cells = table.add_row().cells
                cells[0].text = str(number)
                cells[1].text = text
                cells[2].text = name
                if not by_month_rows:
                    cells[3].text = "Văn phòng, Phòng Kế hoạch - Tổng hợp" if number == 1 else ""
                    cells[4].text = ["Tháng {m}", "{m}/2024", "Tháng {m} năm 2024"][number % 3].format(m=month)
    document.add_paragraph("Nơi nhận:")
    document.add_paragraph("- Như trên;")
    document.save(path)


@pytest.mark.parametrize("by_month_rows", [False, True], ids=["time-column", "month-rows"])
def test_a_word_table_with_a_column_per_field_imports_to_the_same_tasks(lmhtx, office, tmp_path, by_month_rows):
    source = tmp_path / "bang.docx"
    _docx_table(source, by_month_rows)
    found = _imported(lmhtx, office, source)
    assert _texts(found) == EXPECTED
    if not by_month_rows:
        assert found[(1, "vp")][0]["with"] == ["Văn phòng", "Phòng Kế hoạch - Tổng hợp"]


def test_the_other_provinces_frame_is_listed_line_by_line(lmhtx, office, tmp_path, english):
    source = tmp_path / "framed.txt"
    source.write_text(_framed_document(), encoding="utf-8")
    explained = lmhtx("import", "programme", str(source), "--year", "2024", "--explain", root=office).out
    assert f"{source}:4: removed the document's number (Số: …): Số: 15/CTr-LMHTX\n" in explained
    assert f"{source}:5: removed the place and date: Quảng Ninh, ngày 05 tháng 01 năm 2024\n" in explained
    assert "removed page number inside a sentence and joined its two halves (the next page's number)" in explained
    assert "removed letter-head line: LIÊN MINH HỢP TÁC XÃ TỈNH QUẢNG NINH\n" in explained
    assert explained.count("removed the closing (Nơi nhận: and the recipients)") == len([line for line in FRAME_CLOSING if line])


def _docx_lists(path: Path) -> None:
    """Word's own list styles: months as headings, units numbered by Word (no number in the text),
    tasks as Word bullets (no dash in the text)."""
    import docx

    document = docx.Document()
    document.add_paragraph("CHƯƠNG TRÌNH CÔNG TÁC NĂM 2024")
    for month in range(1, 13):
        document.add_heading(f"THÁNG {month} NĂM 2024", level=2)
        for code, name in UNITS:
            document.add_paragraph(name, style="List Number")
            for text in MONTHS[month].get(code, []):
                document.add_paragraph(text, style="List Bullet")
    document.save(path)


def test_a_word_document_in_words_own_lists_imports_to_the_same_tasks(lmhtx, office, tmp_path):
    source = tmp_path / "danh-sach.docx"
    _docx_lists(source)
    assert _texts(_imported(lmhtx, office, source)) == EXPECTED
