"""One truth for a task's status: every view shows what its history says, also when the stored
`status:` says something else (validate warns about that; reports follow the history)."""

from __future__ import annotations

import pytest


@pytest.fixture
def disagreeing(small_root):
    """01-vp-1 is stored as planned but its history says done; 01-vp-2 is stored as done with no
    history, so it is planned."""
    month = small_root / "plans/2030/01.yaml"
    text = month.read_text(encoding="utf-8")
    text = text.replace('      text: "Quyết toán tài chính năm 2029."\n      status: done', '      text: "Quyết toán tài chính năm 2029."\n      status: planned', 1)
    text = text.replace('      text: "Tham mưu công tác tuyển dụng."\n      status: planned', '      text: "Tham mưu công tác tuyển dụng."\n      status: done', 1)
    month.write_text(text, encoding="utf-8")
    return small_root


def test_the_data_disagrees_as_intended(lmhtx, disagreeing):
    warnings = lmhtx("validate", root=disagreeing).out
    assert warnings.count("[history]") == 2


@pytest.mark.parametrize("fmt", ["text", "md", "json", "csv"])
def test_plan_show_in_every_format_follows_the_history(lmhtx, disagreeing, fmt):
    out = lmhtx("plan", "show", "-m", "1", "-u", "vp", "-f", fmt, root=disagreeing).out
    if fmt == "md":
        assert "- [x] `01-vp-1` Quyết toán tài chính năm 2029. *(hoàn thành)*" in out
        assert "- [ ] `01-vp-2` Tham mưu công tác tuyển dụng. *(chưa thực hiện)*" in out
    elif fmt == "text":
        assert "01-vp-1  hoàn thành" in out and "01-vp-2  chưa thực hiện" in out
    else:
        assert "done" in out.split("01-vp-1", 1)[1].split("01-vp-2")[0] and "planned" in out.split("01-vp-2", 1)[1]


def test_the_mark_preview_starts_from_the_status_the_history_gives(lmhtx, disagreeing):
    run = lmhtx("plan", "mark", "01-vp-1", "01-vp-2", "in_progress", "--on", "2030-02-01", "--by", "A", "--dry-run", root=disagreeing)
    assert run.code == 0, run.err
    assert "01-vp-1  hoàn thành → đang thực hiện" in run.out
    assert "01-vp-2  chưa thực hiện → đang thực hiện" in run.out
