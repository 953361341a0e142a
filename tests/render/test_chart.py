"""render/chart.py: the dashboard's completion charts, drawn by the tool as SVG."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from lmhtx_cli.render.chart import completion_chart_svg

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg.encode("utf-8"))


def _texts(svg: str) -> list[str]:
    return [t.text or "" for t in _parse(svg).iter(f"{SVG}text")]


@pytest.mark.parametrize(
    "name",
    ["$x^2$ and $\\alpha$", "<script>alert(1)</script>", "A & B \"quoted\" 'single'", "]]><b>x</b>", "bell \x07 and \x1b[31m", "\ufffe stop"],
)
def test_data_text_is_text_never_markup_nor_mathtext(name):
    svg = completion_chart_svg([(name, 0.5), ("Văn phòng", 1.0)], title=name, lang="vi")
    root = _parse(svg)  # well-formed XML whatever the name holds
    assert not list(root.iter(f"{SVG}script"))
    shown = " ".join(_texts(svg))
    printable = "".join(ch for ch in name if ch.isprintable() and ch != "\ufffe")
    for word in printable.split():
        assert word in shown


def test_a_bar_is_as_long_as_its_rate_and_none_reads_as_not_begun():
    svg = completion_chart_svg([("Một", 0.25), ("Hai", 1.0), ("Ba", None)], lang="vi", not_begun="chưa bắt đầu")
    rects = [r for r in _parse(svg).iter(f"{SVG}rect")]
    tracks = [float(r.get("width")) for r in rects if r.get("fill") == "#e4e8f0"]
    bars = [float(r.get("width")) for r in rects if r.get("fill") == "#2f5597"]
    assert len(tracks) == 3 and len(bars) == 2  # no bar where nothing is counted
    assert bars[0] == pytest.approx(tracks[0] * 0.25) and bars[1] == pytest.approx(tracks[1])
    texts = _texts(svg)
    assert "25%" in texts and "100%" in texts and "chưa bắt đầu" in texts
    assert "12,5%" in _texts(completion_chart_svg([("x", 0.125)], lang="vi")) and "12.5%" in _texts(completion_chart_svg([("x", 0.125)], lang="en"))


def test_it_scales_to_its_container_and_is_the_same_bytes_each_time():
    rows = [(f"Đơn vị số {n} có một cái tên rất dài để xuống dòng theo từ", n / 10) for n in range(11)]
    svg = completion_chart_svg(rows, "Tiêu đề", "vi")
    root = _parse(svg)
    assert root.get("viewBox") and root.get("width") is None and root.get("height") is None
    assert svg == completion_chart_svg(rows, "Tiêu đề", "vi")
