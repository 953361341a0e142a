"""`lmhtx site`: a folder of static HTML that opens from disk, all as of a date."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import DATA, REPO
from tests.site.conftest import AS_OF

UNITS = ["vp", "khth", "kttv", "tttt", "ttht", "ttdt", "quy"]
THREADS = ["rau-an-toan", "dai-hoi-7", "cuoc-thi-luat-htx", "hoi-cho-phia-bac", "clb-dich-vu-dien", "clb-thuy-san", "clb-nong-nghiep"]


def _pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_every_page_is_there(built_site):
    pages = set(_pages(built_site))
    expected = {"index.html", "overdue.html", "initiatives.html", "members.html"} | {f"unit-{u}.html" for u in UNITS} | {f"initiative-{t}.html" for t in THREADS}
    assert pages == expected
    charts = {p.name for p in (built_site / "charts").iterdir()}
    assert charts == {"units.svg", "initiatives.svg"} | {f"unit-{u}.svg" for u in UNITS}


def test_the_same_as_of_gives_the_same_bytes(lmhtx, marked_root, built_site, tmp_path):
    again = tmp_path / "again"
    assert lmhtx("site", "--output", str(again), "--as-of", AS_OF, "--year", "2024", root=marked_root).code == 0
    assert _tree(again) == _tree(built_site)


def test_another_as_of_gives_other_figures(lmhtx, marked_root, tmp_path):
    early = tmp_path / "early"
    assert lmhtx("site", "--output", str(early), "--as-of", "15/01/2024", "--year", "2024", root=marked_root).code == 0
    index = (early / "index.html").read_text(encoding="utf-8")
    assert "15/01/2024" in index and "tháng 1 đến tháng 1" in index
    assert "<div><dt>Hoàn thành</dt><dd>0</dd></div>" in index  # the marks are dated after 15/01


def test_the_overview_counts_as_the_year_report_does(lmhtx, marked_root, built_site):
    import json

    report = json.loads(lmhtx("report", "year", "--year", "2024", "--as-of", AS_OF, "--format", "json", root=marked_root).out)
    index = (built_site / "index.html").read_text(encoding="utf-8")
    whole_year = index.split("<h3>Cả năm</h3>", 1)[1]
    assert f"<div><dt>Nhiệm vụ</dt><dd>{report['total']['total']}</dd></div>" in whole_year
    assert f"<div><dt>Hoàn thành</dt><dd>{report['total']['done']}</dd></div>" in whole_year
    assert f"<div><dt>Quá hạn</dt><dd>{report['total']['overdue']}</dd></div>" in whole_year


def test_the_grid_colours_each_month_of_each_unit_by_completion(built_site):
    index = (built_site / "index.html").read_text(encoding="utf-8")
    rows = {re.search(r'href="unit-([a-z]+)\.html"', row).group(1): row for row in re.findall(r"<tr><th scope=\"row\">.*?</tr>", index.split('class="grid"', 1)[1].split("</table>", 1)[0])}
    assert set(rows) == set(UNITS)
    cells = {code: re.findall(r'<td class="cell ([^"]+)">', row) for code, row in rows.items()}
    assert all(len(c) == 12 for c in cells.values())
    assert cells["vp"][0] == "r-50"  # 3 of January's 5 tasks done: 60 %
    assert cells["khth"][0] in ("r-25", "r-0") and cells["kttv"][1].startswith("r-")
    assert all("future" in cells[code][11] for code in UNITS)  # December: not begun on 01/11
    assert not any("future" in cell for code in UNITS for cell in cells[code][:11])


def test_dates_and_words_are_vietnamese(built_site):
    pages = _pages(built_site)
    assert '<html lang="vi">' in pages["index.html"]
    assert "Số liệu tính đến ngày 01/11/2024." in pages["index.html"]
    for words in ("Tổng quan", "Quá hạn", "Chuỗi việc", "Tỷ lệ hoàn thành theo tháng và đơn vị"):
        assert words in pages["index.html"]
    assert "20/01/2024" in pages["unit-vp.html"] and "Số 66/KH-LMHTX" in pages["unit-vp.html"]
    assert "2024-01-20" not in "".join(pages.values())


def test_english_on_request(lmhtx, tmp_path):
    output = tmp_path / "en"
    assert lmhtx("site", "--output", str(output), "--as-of", AS_OF, "--lang", "en", root=DATA / "small").code == 0
    index = (output / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in index and "Overview" in index and "Tổng quan" not in index


def test_data_text_is_escaped(built_site):
    pages = _pages(built_site)
    kttv = pages["unit-kttv.html"]
    assert "Hủy &lt;b&gt;hội nghị&lt;/b&gt; &amp; &#34;bàn&#34; &#39;lại&#39;" in kttv
    assert "<b>" not in kttv


def test_a_hostile_task_text_cannot_add_markup(lmhtx, tmp_path):
    root = tmp_path / "data"
    shutil.copytree(DATA / "small", root)
    first = next(iter(sorted((root / "plans").glob("*/0*.yaml"))))
    text = first.read_text(encoding="utf-8")
    hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    first.write_text(re.sub(r'text: "[^"]*"', f'text: "{hostile}"', text, count=1), encoding="utf-8")
    assert lmhtx("validate", root=root).code == 0
    output = tmp_path / "site"
    assert lmhtx("site", "--output", str(output), "--as-of", "01/12/2030", root=root).code == 0
    html = "".join(_pages(output).values())
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html and "<img src=x" not in html


def test_nothing_reaches_the_network_and_every_link_resolves(built_site):
    for name, html in _pages(built_site).items():
        assert "<script" not in html, name
        for target in re.findall(r'(?:href|src)="([^"]*)"', html):
            if target == "data:,":  # the empty icon: no favicon request
                continue
            assert not re.match(r"^[a-z]+:|^//", target), (name, target)
            path = target.split("#", 1)[0]
            if path:
                assert (built_site / path).is_file(), (name, target)
    css = (built_site / "style.css").read_text(encoding="utf-8")
    assert "url(" not in css and "@import" not in css


def test_it_is_printable_and_fits_a_phone(built_site):
    css = (built_site / "style.css").read_text(encoding="utf-8")
    assert "@media print" in css and "@media (max-width" in css
    index = (built_site / "index.html").read_text(encoding="utf-8")
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in index


def test_charts_are_drawn_by_matplotlib_with_the_units_names(built_site):
    svg = (built_site / "charts/units.svg").read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and "<svg" in svg and "matplotlib" not in svg.lower()
    assert "Văn phòng" in svg and "60%" not in svg  # the overview chart counts the months begun, not January alone
    assert "<script" not in svg


def test_initiatives_have_their_timeline(built_site):
    page = (built_site / "initiative-rau-an-toan.html").read_text(encoding="utf-8")
    assert "Đề án phát triển trồng rau an toàn" in page
    months = re.findall(r"<h3>Tháng (\d+)/2024</h3>", page)
    assert months == sorted(months, key=int) and len(months) >= 2


def test_meetings_and_the_petitions_open_on_the_date(built_site):
    members = (built_site / "members.html").read_text(encoding="utf-8")
    assert "2024-q1" in members and "Quý I/2024" in members
    assert re.search(r"kn-2024-01</code>.*?quá hạn trả lời", members, re.S)  # due 31/10, still open on 01/11
    assert "kn-2024-02" not in members  # answered on 05/10
    assert "kn-2024-03" not in members  # received on 20/11


@pytest.mark.parametrize("day, open_ids, overdue", [("15/07/2024", [], set()), ("01/10/2024", ["kn-2024-01", "kn-2024-02"], set()), ("16/10/2024", ["kn-2024-01"], set()), ("21/11/2024", ["kn-2024-01", "kn-2024-03"], {"kn-2024-01"})])
def test_the_dashboard_takes_petitions_as_they_stood(marked_root, day, open_ids, overdue):
    from lmhtx_cli.dates import parse_day
    from lmhtx_cli.reports.dashboard import build_dashboard
    from lmhtx_cli.workspace.dataset import Workspace

    workspace = Workspace(str(marked_root))
    members, _ = workspace.members()
    dashboard = build_dashboard(workspace.programme(2024)[0], parse_day(day), members)
    assert [p.record.id for p in dashboard.open_petitions] == open_ids
    assert dashboard.overdue_petitions == overdue
    assert [m.meeting.id for m in dashboard.meetings][:4] == ["2024-q1", "2024-q2", "2024-q3", "2024-q4"]


def test_without_members_the_page_says_so(lmhtx, tmp_path):
    root = tmp_path / "data"
    shutil.copytree(DATA / "small", root)
    output = tmp_path / "site"
    assert lmhtx("site", "--output", str(output), root=root).code == 0
    assert "không có thư mục members/" in (output / "members.html").read_text(encoding="utf-8")


def test_an_earlier_site_is_replaced_and_another_folder_refused(lmhtx, tmp_path):
    output = tmp_path / "site"
    assert lmhtx("site", "--output", str(output), "--as-of", AS_OF, root=DATA / "small").code == 0
    (output / "stale.html").write_text("old", encoding="utf-8")
    assert lmhtx("site", "--output", str(output), "--as-of", AS_OF, root=DATA / "small").code == 0
    assert not (output / "stale.html").exists() and (output / "index.html").is_file()
    other = tmp_path / "docs"
    other.mkdir()
    (other / "bao-cao.docx").write_bytes(b"keep")
    run = lmhtx("site", "--output", str(other), root=REPO)
    assert run.code == 2 and "lmhtx" in run.err and sorted(p.name for p in other.iterdir()) == ["bao-cao.docx"]


@pytest.mark.parametrize("args, words", [(["--as-of", "31/02/2024"], "31/02/2024"), (["--year", "1999"], "1999"), ([], "--output")])
def test_bad_options_are_one_line_errors(lmhtx, tmp_path, args, words):
    run = lmhtx("site", *(["--output", str(tmp_path / "s")] if words != "--output" else []), *args, root=REPO)
    assert run.code == 2 and words in run.err and "Traceback" not in run.err
    assert not (tmp_path / "s").exists()


def test_a_unit_chart_says_which_months_have_not_begun(built_site):
    svg = (built_site / "charts/unit-vp.svg").read_text(encoding="utf-8")
    # AS_OF is 01/11/2024: November has begun, December has not
    assert svg.count("chưa bắt đầu") == 1
    assert "12/2024" in svg or "Tháng 12" in svg or "T12" in svg


def test_the_grid_says_not_begun_for_months_after_the_as_of_day_rather_than_0_percent(built_site):
    grid = (built_site / "index.html").read_text(encoding="utf-8").split('class="grid"', 1)[1].split("</table>", 1)[0]
    december = re.findall(r'<td class="cell[^"]*future">(.*?)</td>', grid)
    assert december and all("chưa bắt đầu" in cell and "%" not in cell for cell in december)


def test_wide_tables_scroll_under_a_fixed_first_column_and_take_the_keyboard(built_site):
    index = (built_site / "index.html").read_text(encoding="utf-8")
    scrollers = re.findall(r'<div class="scroll"[^>]*>', index)
    assert scrollers and all('tabindex="0"' in s and 'role="region"' in s and "aria-label=" in s for s in scrollers)
    css = (built_site / "style.css").read_text(encoding="utf-8")
    assert "position: sticky" in css
