"""Word reports as the clerk gets them: laid out by LibreOffice, printed to PDF and read back.

The PDF tests convert a Word report of each period (month, quarter, h1, 9m, year), made by the
command line from a copy of the repository's data with progress recorded, in one LibreOffice
call, and read the text back with pdftotext; they skip where LibreOffice or poppler-utils is not
installed. The others check the pieces without LibreOffice: text widths, column fitting, the
decree's dates and the chart.
"""

from __future__ import annotations

import calendar
import datetime as dt
import io
import json
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from lmhtx_cli.cli import app
from lmhtx_cli.render.chart import completion_chart_svg
from lmhtx_cli.render.docx_report import decree_date, report_docx
from lmhtx_cli.render.table_fit import fit_columns
from lmhtx_cli.render.text_measure import longest_word, text_width, width_for_lines, wrap_lines
from lmhtx_cli.settings import Settings
from tests.conftest import REPO

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
HAS_OFFICE = bool(SOFFICE and shutil.which("pdftotext") and shutil.which("pdfimages"))
needs_office = pytest.mark.skipif(not HAS_OFFICE, reason="LibreOffice (soffice) and poppler-utils (pdftotext) are not installed")

SIGNER = "Ngô Ngọc Khánh"
TEXT_WIDTH_PT = 16.5 / 2.54 * 72

# period → (arguments, --as-of, --doc-date, the date line as the decree writes it)
REPORTS = {
    "month": (["month", "1"], "31/01/2024", "05/02/2024", r"Hải Phòng, ngày 05 tháng 02 năm 2024"),
    "quarter": (["quarter", "II"], "30/06/2024", "03/07/2024", r"Hải Phòng, ngày 03 tháng 7 năm 2024"),
    "h1": (["h1"], "30/06/2024", None, r"Hải Phòng, ngày\s+tháng 6 năm 2024"),
    "9m": (["9m"], "30/09/2024", "10/10/2024", r"Hải Phòng, ngày 10 tháng 10 năm 2024"),
    "year": (["year"], "31/12/2024", "15/01/2025", r"Hải Phòng, ngày 15 tháng 01 năm 2025"),
}
MARKS = [
    ["01-kttv-1", "done", "--on", "20/01/2024", "--ref", "Số 05/BC-LMHTX"],
    ["04-tttt-1", "done", "--on", "15/04/2024"],
    ["--month", "1-6", "--unit", "vp", "done", "--on", "20/06/2024"],
    ["--month", "1-9", "--unit", "khth", "--grep", "báo cáo", "done", "--on", "25/09/2024"],
    ["--month", "1-3", "--unit", "tttt", "done", "--on", "31/03/2024"],
    ["--month", "4-5", "--unit", "ttdt", "in_progress", "--on", "15/05/2024"],
    ["05-quy-2", "postponed", "--to", "2024-07", "--on", "20/05/2024"],
    ["06-ttht-3", "cancelled", "--note", "Ban tổ chức hủy hội nghị", "--on", "10/06/2024"],
    ["--month", "7-12", "--unit", "kttv", "done", "--on", "20/12/2024"],
]
SWEEP = 18  # signature variants: four more table rows each, more than a whole page's worth
MONTH_ENDS = {m: f"{calendar.monthrange(2024, m)[1]:02d}/{m:02d}/2024" for m in range(1, 13)}
A4 = (595.28, 841.89)  # points
MM = 72 / 25.4


@dataclass
class Printed:
    docx: Path
    data: dict
    text: str  # pdftotext -layout, pages separated by form feeds
    images: int  # pictures in the PDF
    pdf: Path

    @property
    def pages(self) -> list[str]:
        return self.text.split("\f")


def _cli(root: Path, *args: str) -> str:
    result = CliRunner().invoke(app, ["--root", str(root), *args])
    assert result.exit_code == 0, (args, result.stdout, result.stderr, result.exception)
    return result.stdout


def _sweep_docs(root: Path, folder: Path) -> list[Path]:
    """The same month report with 0, 4, 8 … extra one-line tasks: somewhere in the sweep
    the signature block meets the end of a page."""
    from lmhtx_cli.labels import labels_for

    data = json.loads(_cli(root, "report", "month", "5", "--unit", "quy", "--as-of", "31/05/2024", "--format", "json"))
    settings = Settings(agency=["LIÊN MINH HỢP TÁC XÃ", "THÀNH PHỐ HẢI PHÒNG"], symbol="LMHTX", place="Hải Phòng", recipients=["Như trên", "Lưu VT, KHTH"], signature={"title": "CHỦ TỊCH", "name": SIGNER})
    template = data["units"][0]["tasks"][0]
    paths = []
    for extra in range(SWEEP):
        variant = json.loads(json.dumps(data))
        variant["units"][0]["tasks"] += [dict(template, id=f"x-{n}", text=f"Nhiệm vụ bổ sung số {n}.") for n in range(4 * extra)]
        path = folder / f"sweep-{extra:02d}.docx"
        path.write_bytes(report_docx(variant, labels_for("vi"), settings))
        paths.append(path)
    return paths


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[str, Printed]:
    if not HAS_OFFICE:
        pytest.skip("LibreOffice (soffice) and poppler-utils (pdftotext) are not installed")
    base = tmp_path_factory.mktemp("printed")
    root = base / "data"
    for name in ("plans", "members"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "settings.yaml", root / "settings.yaml")
    out = base / "out"
    out.mkdir()
    from lmhtx_cli import i18n

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LMHTX_CACHE_DIR", str(base / "cache"))
        mp.setenv("LMHTX_TODAY", "2024-12-31")
        mp.setenv("NO_COLOR", "1")
        mp.delenv("LMHTX_LANG", raising=False)
        mp.setattr(i18n, "_state", {})
        for mark in MARKS:
            _cli(root, "plan", "mark", *mark, "--by", "Lan", "--yes")
        datas = {}
        for period, (args, as_of, doc_date, _) in REPORTS.items():
            _cli(root, "report", *args, "--as-of", as_of, "--format", "docx", "--output", str(out / f"{period}.docx"), *(["--doc-date", doc_date] if doc_date else []))
            datas[period] = json.loads(_cli(root, "report", *args, "--as-of", as_of, "--format", "json"))
        for month, as_of in MONTH_ENDS.items():
            _cli(root, "report", "month", str(month), "--as-of", as_of, "--format", "docx", "--output", str(out / f"month-{month:02d}.docx"))
        sweep = _sweep_docs(root, out)
    documents = [out / f"{period}.docx" for period in REPORTS] + [out / f"month-{m:02d}.docx" for m in MONTH_ENDS] + sweep
    profile = (base / "lo-profile").as_uri()  # a profile of its own: another soffice running does not interfere
    run = subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(out), *map(str, documents)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    found = {}
    for document in documents:
        pdf = document.with_suffix(".pdf")
        assert pdf.exists(), (document, run.stdout, run.stderr)
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
        images = sum(1 for line in listing.splitlines()[2:] if line.split()[2:3] == ["image"])
        found[document.stem] = Printed(document, datas.get(document.stem, {}), text, images, pdf)
    return found


def _region(text: str) -> str:
    """The summary part: from "I. TỔNG HỢP" to "II. KẾT QUẢ THỰC HIỆN" (tables, chart, leads)."""
    start, end = text.index("I. TỔNG HỢP"), text.index("II. KẾT QUẢ THỰC HIỆN")
    return text[start:end]


def _docx_region_words(path: Path) -> Counter:
    """Every word the Word file has in its summary part: table cells and the lines between."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    words: Counter = Counter()
    inside = False
    for element in document.element.body.iterchildren():
        if element.tag.endswith("}p"):
            text = Paragraph(element, document).text
            if text.startswith("I. "):
                inside = True
            elif text.startswith("II. "):
                break
            if inside:
                words.update(text.split())
        elif element.tag.endswith("}tbl") and inside:
            for row in Table(element, document).rows:
                seen = set()  # a cell spanning grid columns is listed once per column
                for cell in row.cells:
                    if id(cell._tc) not in seen:
                        seen.add(id(cell._tc))
                        words.update(cell.text.split())
    return words


def _whole(word: str, text: str) -> int:
    return len(re.findall(rf"(?<!\w){re.escape(word)}(?!\w)", text))


PERIODS = list(REPORTS)


@needs_office
@pytest.mark.parametrize("period", PERIODS)
def test_no_word_of_the_tables_is_broken(printed, period):
    report = printed[period]
    region = _region(report.text)
    expected = _docx_region_words(report.docx)
    assert {"Nhiệm", "Chuyển", "tiếp", "Tỷ", "thực", "hiện", "Tổng", "cộng"} <= set(expected)
    broken = {word: (count, _whole(word, region)) for word, count in expected.items() if _whole(word, region) < count}
    assert broken == {}, region


@needs_office
@pytest.mark.parametrize("period", PERIODS)
def test_no_percent_sign_stands_alone(printed, period):
    report = printed[period]
    region = _region(report.text)
    assert not [line for line in report.text.splitlines() if line.strip() == "%"]
    assert re.search(r"(?<!\d)%", region) is None, region
    rates = [u["counts"]["rate_text"] for u in report.data["units"]] + [report.data["total"]["rate_text"]]
    rates += [cell["rate_text"] for row in report.data["grid"] for cell in row["cells"] if cell]
    assert any("," in rate for rate in rates)  # figures such as 43,5% are there to be broken
    assert [rate for rate in set(rates) if _whole(rate, region) == 0] == []


@needs_office
@pytest.mark.parametrize("period", PERIODS)
def test_units_are_named_not_coded(printed, period):
    report = printed[period]
    region = _region(report.text)
    codes = [u["code"] for u in report.data["units"]]
    assert len(codes) == 7
    assert [code for code in codes if _whole(code, region)] == [], region
    if report.data["grid"]:
        names = [row["name"] for row in report.data["grid"]]
        assert all(_whole(word, region) >= 2 for name in names for word in name.split()), region  # summary and grid


def _body_lines_before_signature(page: str) -> list[str]:
    before = page.split("Nơi nhận:")[0]
    return [line for line in before.splitlines() if line.strip() and not line.strip().isdigit()]  # the page number is not body


@needs_office
@pytest.mark.parametrize("period", PERIODS)
def test_the_signature_block_is_on_one_page_with_the_last_lines(printed, period):
    pages = printed[period].pages

    def page_of(needle: str) -> int:
        return max(i for i, page in enumerate(pages) if needle in page)

    signature = page_of("CHỦ TỊCH")
    assert page_of(SIGNER) == signature == page_of("Nơi nhận:")
    assert len(_body_lines_before_signature(pages[signature])) >= 2  # the body's last lines came along


@needs_office
def test_the_signature_block_never_splits_wherever_the_page_ends(printed):
    sweep = [printed[f"sweep-{n:02d}"] for n in range(SWEEP)]
    placements = []
    for n, report in enumerate(sweep):
        pages = [i for i, page in enumerate(report.pages) if page.strip()]
        with_title = [i for i, page in enumerate(report.pages) if "CHỦ TỊCH" in page]
        with_name = [i for i, page in enumerate(report.pages) if SIGNER in page]
        assert with_title == with_name == [pages[-1]], f"{4 * n} extra lines: title on {with_title}, name on {with_name}"
        assert len(_body_lines_before_signature(report.pages[pages[-1]])) >= 2, f"{4 * n} extra lines: the signature's page has no line of the body"
        placements.append(len(pages))
    assert len(set(placements)) > 1  # the sweep did push the block over a page end


@needs_office
@pytest.mark.parametrize("period", PERIODS)
def test_the_date_line_follows_the_decree(printed, period):
    first_page = printed[period].pages[0]
    assert re.search(REPORTS[period][3], first_page), first_page
    assert re.search(r"ngày[\s\d]*tháng 0[3-9]", printed[period].text) is None


@needs_office
@pytest.mark.parametrize("period", PERIODS)
def test_a_completion_chart_follows_the_summary_in_long_reports(printed, period):
    """Drawn with table cells: no picture in the PDF, the names, rates and scale are text."""
    report = printed[period]
    charted = period in ("h1", "9m", "year")
    assert report.images == 0
    region = _region(report.text)
    assert ("Tỷ lệ hoàn thành theo đơn vị:" in region) is charted
    assert (re.search(r"0%\s+25%\s+50%\s+75%\s+100%", region) is not None) is charted
    assert not docx.Document(str(report.docx)).inline_shapes


def _words(pdf: Path) -> list[tuple[int, float, float, float, float, str]]:
    """Every word of the PDF with its page and box (pdftotext -bbox): page, x0, y0, x1, y1, text."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    found, page = [], 0
    for line in html.splitlines():
        if "<page " in line:
            page += 1
        match = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>', line)
        if match:
            found.append((page, *map(float, match.groups()[:4]), match.group(5)))
    return found


def _page_numbers(words) -> set[tuple[int, str]]:
    """(page, text) of the words in the top margin: the page number in the header."""
    return {(page, text) for page, _x0, _y0, _x1, y1, text in words if y1 < 20 * MM}


@needs_office
@pytest.mark.parametrize("name", PERIODS + [f"month-{m:02d}" for m in MONTH_ENDS])
def test_pages_follow_appendix_one(printed, name):
    """A4; text within margins of 20 mm top and bottom, 30 mm left, 15 mm right; page numbers
    at the top from page 2 on; Times New Roman (or its metric twin where it is not installed)."""
    report = printed[name]
    info = subprocess.run(["pdfinfo", str(report.pdf)], capture_output=True, text=True, check=True).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert (round(width), round(height)) == tuple(round(v) for v in A4)
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    words = _words(report.pdf)
    numbers = _page_numbers(words)
    assert numbers == {(page, str(page)) for page in range(2, pages + 1)}
    body = [w for w in words if (w[0], w[5]) not in numbers]
    slack = 3  # a word's box is its font's ascent and descent, a little beyond the line's
    assert min(w[1] for w in body) >= 30 * MM - slack
    assert max(w[3] for w in body) <= A4[0] - 15 * MM + slack
    assert min(w[2] for w in body) >= 20 * MM - slack
    assert max(w[4] for w in body) <= A4[1] - 20 * MM + slack
    fonts = subprocess.run(["pdffonts", str(report.pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    names = {line.split()[0].split("+")[-1].split(",")[0].split("-")[0] for line in fonts if line.strip()}
    assert names and names <= {"TimesNewRomanPSMT", "TimesNewRoman", "TimesNewRomanPS", "LiberationSerif"}, names


@needs_office
def test_every_month_report_of_2024_is_at_most_four_pages(printed):
    pages = {m: len([p for p in printed[f"month-{m:02d}"].pages if p.strip()]) for m in MONTH_ENDS}
    assert max(pages.values()) <= 4, pages


@needs_office
@pytest.mark.parametrize(("period", "most"), [("quarter", 10), ("h1", 18), ("9m", 20), ("year", 22)])
def test_longer_reports_stay_short(printed, period, most):
    """Each task once: the quarter was 18 pages, the year 44, when every unfinished task was
    printed twice."""
    assert len([p for p in printed[period].pages if p.strip()]) <= most


# Without LibreOffice: the pieces.


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2024, 6, 3), "ngày 03 tháng 6 năm 2024"),
        (dt.date(2024, 1, 5), "ngày 05 tháng 01 năm 2024"),
        (dt.date(2024, 2, 29), "ngày 29 tháng 02 năm 2024"),
        (dt.date(2024, 3, 10), "ngày 10 tháng 3 năm 2024"),
        (dt.date(2024, 11, 9), "ngày 09 tháng 11 năm 2024"),
        (dt.date(2025, 12, 31), "ngày 31 tháng 12 năm 2025"),
    ],
)
def test_dates_are_written_as_the_decree_writes_them(day, expected):
    assert decree_date(day, day) == expected


@pytest.mark.parametrize(("month", "written"), [(1, "01"), (2, "02"), (3, "3"), (6, "6"), (10, "10")])
def test_a_blank_day_keeps_the_month_and_year(month, written):
    assert re.fullmatch(rf"ngày\s+tháng {written} năm 2024", decree_date(None, dt.date(2024, month, 15)))


def test_diacritics_do_not_widen_a_word_but_bold_does():
    assert text_width("Nhiệm", 11) == text_width("Nhiem", 11)
    assert text_width("Chuyển tiếp", 11) == text_width("Chuyen tiep", 11)
    assert text_width("Đ", 11) == text_width("D", 11)
    assert text_width("ư", 11) > text_width("u", 11)  # the horn
    assert text_width("Nhiệm vụ", 11, bold=True) > text_width("Nhiệm vụ", 11)
    assert text_width("Nhiệm", 22) == 2 * text_width("Nhiệm", 11)
    assert text_width("\u0301", 11) == 0  # a combining accent alone
    assert text_width("漢", 11) == text_width("M", 11)  # unknown: as wide as M


@pytest.mark.parametrize("text", ["Phòng Kiểm tra và Tổ chức Thành viên", "Tỷ lệ hoàn thành", "Quỹ Hỗ trợ Phát triển HTX", "Nhiệm vụ", "HTX"])
@pytest.mark.parametrize("lines", [1, 2, 3])
def test_the_narrowest_width_for_some_lines_keeps_words_whole(text, lines):
    width = width_for_lines(text, lines, 10)
    wrapped = wrap_lines(text, width, 10)
    assert len(wrapped) <= max(lines, 1) or width == longest_word(text, 10)
    assert " ".join(wrapped) == text  # nothing lost, nothing cut
    assert all(text_width(line, 10) <= width + 1e-9 for line in wrapped)
    if width > longest_word(text, 10):
        assert len(wrap_lines(text, width - 0.5, 10)) > lines  # and it is the narrowest


SUMMARY_HEADERS = ["Đơn vị", "Nhiệm vụ", "Hoàn thành", "Đang thực hiện", "Chưa thực hiện", "Hoãn", "Hủy", "Quá hạn", "Chuyển tiếp", "Tỷ lệ hoàn thành"]
UNIT_NAMES = ["Văn phòng", "Phòng Kế hoạch - Tổng hợp", "Phòng Kiểm tra và Tổ chức Thành viên", "Phòng Thông tin và Tuyên truyền", "Trung tâm Hỗ trợ", "Trung tâm Đào tạo", "Quỹ Hỗ trợ Phát triển HTX"]


def _check_fit(headers, rows, fit, padding, bold_rows=frozenset()):
    assert fit.fits and sum(fit.widths) <= TEXT_WIDTH_PT + 1e-6
    for i, header in enumerate(headers):
        assert fit.widths[i] - padding >= longest_word(header, fit.size, bold=True)
        assert len(wrap_lines(header, fit.widths[i] - padding, fit.size, bold=True)) <= 2
        for r, row in enumerate(rows):
            assert fit.widths[i] - padding >= longest_word(row[i], fit.size, bold=r in bold_rows)


def test_the_summary_table_fits_at_eleven_points_with_whole_words():
    rows = [[name, "356", "66", "12", "277", "0", "1", "258", "0", "18,6%"] for name in UNIT_NAMES] + [["Tổng cộng", "356", "66", "12", "277", "0", "1", "258", "0", "100%"]]
    fit = fit_columns(SUMMARY_HEADERS, rows, TEXT_WIDTH_PT, 5.7, bold_rows={len(rows) - 1})
    assert fit.size == 11
    _check_fit(SUMMARY_HEADERS, rows, fit, 5.7, {len(rows) - 1})
    assert abs(sum(fit.widths) - TEXT_WIDTH_PT) < 1e-6  # the table spans the text width
    assert fit.widths[0] == max(fit.widths)  # the spare room went to the unit names


def test_the_month_grid_shrinks_its_font_rather_than_break_a_word():
    headers = ["Đơn vị"] + [f"T{m}" for m in range(1, 13)]
    rows = [[name] + ["33,3%"] * 12 for name in UNIT_NAMES]
    fit = fit_columns(headers, rows, TEXT_WIDTH_PT, 5.7)
    assert 9 <= fit.size < 11
    _check_fit(headers, rows, fit, 5.7)
    assert len({round(w, 6) for w in fit.widths[1:]}) == 1  # the months are evenly wide


def test_a_table_too_wide_for_the_page_still_keeps_its_words_whole():
    headers = ["Đơn vị"] + [f"Tháng {m}" for m in range(1, 25)]
    rows = [["Văn phòng"] + ["100,0%"] * 24]
    fit = fit_columns(headers, rows, TEXT_WIDTH_PT, 5.7)
    assert not fit.fits and fit.size == 9
    assert all(w - 5.7 >= longest_word("100,0%", 9) for w in fit.widths[1:])


UNITS = [(name, rate) for name, rate in zip(UNIT_NAMES, [0.435, 0.167, 0.436, 0.241, 0.0, None, 1.0])]


def test_the_chart_as_svg_keeps_its_words_as_text_and_is_always_the_same():
    svg = completion_chart_svg(UNITS, title="Tỷ lệ hoàn thành theo đơn vị")
    assert svg.startswith("<?xml") and "<svg" in svg
    assert completion_chart_svg(UNITS, title="Tỷ lệ hoàn thành theo đơn vị") == svg
    for text in ("Văn phòng", "Tỷ lệ hoàn thành theo đơn vị", "43,5%", "100%", "–"):
        assert text in svg
    assert "<dc:date>" not in svg
    english = completion_chart_svg(UNITS, lang="en")
    assert "43.5%" in english and "43,5%" not in english


def test_a_character_xml_cannot_hold_is_shown_not_a_crash():
    from lmhtx_cli.labels import labels_for

    task = {"id": "05-vp-1", "text": "Nhiệm vụ\x07 lạ", "status": "done", "status_label": "hoàn thành", "overdue": False, "date_text": "20/05/2024", "ref": "Số\x0b1", "note": None, "to": None}
    counts = dict.fromkeys(("total", "done", "in_progress", "not_started", "postponed", "cancelled", "overdue", "carried_over"), 0) | {"rate": None, "rate_text": "–"}
    data = {
        "kind": "month",
        "period": "Tháng 5/2024",
        "as_of": "2024-05-31",
        "as_of_text": "31/05/2024",
        "lang": "vi",
        "units": [{"code": "vp", "name": "Văn phòng", "counts": counts, "tasks": [task], "shortfalls": []}],
        "total": counts,
        "grid": [],
        "upcoming_period": None,
        "upcoming": [],
        "members": None,
    }
    raw = report_docx(data, labels_for("vi"), Settings())
    text = "\n".join(cell.text for table in docx.Document(io.BytesIO(raw)).tables for row in table.rows for cell in row.cells)
    assert "Nhiệm vụ\\x07 lạ" in text and "Số\n1" in text  # a vertical tab is Word's own line break


def _report_json(*args: str) -> dict:
    result = CliRunner().invoke(app, ["--root", str(REPO), "report", *args, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_the_four_ways_a_task_stands_are_shown_when_the_report_has_them():
    """The government's four counts (done on time, done late, open within the deadline, open
    past it): a table of their own when the report's data carry them, with the late tasks' ids."""
    from lmhtx_cli.labels import labels_for

    data = _report_json("month", "5", "--year", "2024", "--as-of", "31/05/2024")
    keys = ("done_on_time", "done_late", "open_in_time", "open_overdue")
    assert all(key in data["total"] for key in keys)  # the report's one computation gives them
    for n, unit in enumerate(data["units"]):
        unit["counts"].update(zip(keys, (n, 1, 2, 3)))
    data["total"].update(zip(keys, (21, 7, 14, 21)))
    late = data["units"][0]["tasks"][0]
    late.update(status="done", status_label="hoàn thành", date="2024-06-03", date_text="03/06/2024", due="2024-05-31", standing="done_late")
    document = docx.Document(io.BytesIO(report_docx(data, labels_for("vi"), Settings())))
    texts = [p.text for p in document.paragraphs]
    table = document.tables[1]  # the summary, after the letter-head's
    headers = [c.text for c in table.rows[0].cells]
    four = [headers.index(h) for h in (labels_for("vi")["col_done_on_time"], labels_for("vi")["col_done_late"], labels_for("vi")["col_open_in_time"], labels_for("vi")["col_open_overdue"])]
    assert four == [2, 3, 4, 5] and headers[0] == "Đơn vị"
    assert [table.rows[-1].cells[i].text for i in four] == ["21", "7", "14", "21"] and table.rows[-1].cells[0].text == "Tổng cộng"
    assert f"- Hoàn thành quá hạn: 7 ({late['id']})." in texts
    assert "- Quá hạn chưa hoàn thành: 21." in texts or any(t.startswith("- Quá hạn chưa hoàn thành: 21 (") for t in texts)
