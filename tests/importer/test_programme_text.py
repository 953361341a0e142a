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
