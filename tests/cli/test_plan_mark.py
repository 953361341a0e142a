"""`lmhtx plan mark` and `plan add`: progress recorded as small, exact edits of the files."""

from __future__ import annotations

import difflib
import json
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import DATA, REPO


def changed_lines(before: str, after: str) -> list[int]:
    """1-based numbers of the lines of `before` that were replaced or had lines inserted after them."""
    touched = []
    for tag, i1, i2, _, _ in difflib.SequenceMatcher(None, before.splitlines(), after.splitlines()).get_opcodes():
        if tag != "equal":
            touched.extend(range(i1, max(i2, i1 + 1)))
    return touched


@pytest.fixture
def layout_root(tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA / "layout", target)
    return target


def show(lmhtx, root, task_id):
    return json.loads(lmhtx("plan", "show", task_id, "-f", "json", root=root).out)


def test_marking_a_task_done_changes_only_its_own_lines(lmhtx, small_root):
    path = small_root / "plans/2030/01.yaml"
    before = path.read_text(encoding="utf-8")
    run = lmhtx("plan", "mark", "01-vp-2", "done", "--on", "24/05/2030", "--note", "Đã tuyển 2 người", "--ref", "Số 66/KH-LMHTX", "--by", "Lan", root=small_root)
    assert run.code == 0, run.err
    after = path.read_text(encoding="utf-8")
    assert "- id: 01-vp-2" in before
    task_first = before.splitlines().index("    - id: 01-vp-2") + 1
    assert all(task_first <= n <= task_first + 2 for n in changed_lines(before, after))
    assert (
        after.replace(
            '      status: done\n      history:\n        - on: 2030-05-24\n          status: done\n          by: "Lan"\n          note: "Đã tuyển 2 người"\n          ref: "Số 66/KH-LMHTX"\n',
            "      status: planned\n",
        )
        == before
    )
    task = show(lmhtx, small_root, "01-vp-2")
    assert task["status"] == "done"
    assert task["history"] == [{"on": "2030-05-24", "status": "done", "by": "Lan", "note": "Đã tuyển 2 người", "ref": "Số 66/KH-LMHTX"}]
    assert lmhtx("validate", root=small_root).code == 0


def test_a_second_mark_appends_to_the_history(lmhtx, small_root):
    lmhtx("plan", "mark", "01-vp-1", "in_progress", "--on", "2030-02-01", "--by", "Lan", root=small_root)
    task = show(lmhtx, small_root, "01-vp-1")
    assert [h["status"] for h in task["history"]] == ["done", "in_progress"]
    assert task["status"] == "in_progress"
    detail = lmhtx("plan", "show", "01-vp-1", root=small_root).out
    assert "20/01/2030 · hoàn thành · Nguyễn Văn A" in detail and "01/02/2030 · đang thực hiện · Lan" in detail


def test_comments_quoting_blank_lines_and_unknown_keys_survive(english, lmhtx, layout_root):
    path = layout_root / "plans/2030/01.yaml"
    before = path.read_text(encoding="utf-8")
    assert lmhtx("plan", "mark", "01-vp-2", "01-quy-1", "01-vp-1", "done", "--on", "2030-01-31", "--by", "Lan", root=layout_root).code == 0
    after = path.read_text(encoding="utf-8")
    for line in before.splitlines():
        if "status:" not in line:
            assert line in after.splitlines()
    assert "      status: done  # not started" in after
    assert "      owner: chị Lan   # a key the tool does not know\n      history:\n        - on: 2030-01-31" in after
    assert '        status: done\n        history:\n          - on: 2030-01-31\n            status: done\n            by: "Lan"\n# end of file comment' in after
    assert [t["status"] for t in json.loads(lmhtx("plan", "show", "-f", "json", "-m", "1", root=layout_root).out)] == ["done"] * 3
    assert lmhtx("validate", "--strict", root=layout_root).out.count("error") == 2  # only the owner warning, made an error


def test_crlf_and_byte_order_mark_are_kept(lmhtx, layout_root):
    path = layout_root / "plans/2030/02.yaml"
    before = path.read_bytes()
    assert lmhtx("plan", "mark", "02-vp-1", "done", "--on", "2030-02-02", "--by", "Lan", root=layout_root).code == 0
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf") and b"\n" not in after.replace(b"\r\n", b"")
    assert after.replace(b'      status: done\r\n      history:\r\n        - on: 2030-02-02\r\n          status: done\r\n          by: "Lan"\r\n', b"      status: planned\r\n", 1) == before


def test_vietnamese_status_words_are_accepted(lmhtx, small_root):
    lmhtx("plan", "mark", "01-quy-1", "hoàn thành", root=small_root)
    lmhtx("plan", "mark", "05-quy-1", "dang thuc hien", root=small_root)
    assert show(lmhtx, small_root, "01-quy-1")["status"] == "done"
    assert show(lmhtx, small_root, "05-quy-1")["status"] == "in_progress"
    # the date defaults to today (pinned by the tests to 24/11/2026)
    assert show(lmhtx, small_root, "01-quy-1")["history"][-1]["on"] == "2026-11-24"


def test_cancelling_needs_a_reason(english, lmhtx, small_root):
    before = (small_root / "plans/2030/01.yaml").read_bytes()
    run = lmhtx("plan", "mark", "01-quy-1", "hủy", root=small_root)
    assert run.code == 2 and "needs a reason" in run.err
    assert (small_root / "plans/2030/01.yaml").read_bytes() == before
    assert lmhtx("plan", "mark", "01-quy-1", "cancelled", "--note", "Không còn cần", root=small_root).code == 0
    assert show(lmhtx, small_root, "01-quy-1")["history"][-1]["note"] == "Không còn cần"


def test_postponing_carries_the_task_to_a_later_month_and_links_both_ends(lmhtx, small_root):
    run = lmhtx("plan", "mark", "01-quy-1", "hoãn", "--to", "2030-05", "--on", "15/01/2030", "--note", "Chờ vốn", root=small_root)
    assert run.code == 0, run.err
    assert "01-quy-1 được chuyển tiếp thành 05-quy-tcy" in run.out
    old = show(lmhtx, small_root, "01-quy-1")
    new = show(lmhtx, small_root, "05-quy-tcy")
    assert old["status"] == "postponed"
    assert old["history"][-1] | {"by": None} == {"on": "2030-01-15", "status": "postponed", "to": "2030-05", "continued_as": "05-quy-tcy", "note": "Chờ vốn", "by": None}
    assert new == new | {"month": 5, "unit": "quy", "status": "planned", "continues": "01-quy-1", "text": old["text"]}
    assert "Chuyển thành: 05-quy-tcy" in lmhtx("plan", "show", "01-quy-1", root=small_root).out
    assert "Tiếp nối:   01-quy-1" in lmhtx("plan", "show", "05-quy-tcy", root=small_root).out
    assert lmhtx("validate", root=small_root).code == 0


def test_postponing_into_a_month_without_a_file_creates_it(lmhtx, small_root):
    assert lmhtx("plan", "mark", "02-ttht-1", "postponed", "--to", "2030-09", root=small_root).code == 0
    assert show(lmhtx, small_root, "09-ttht-a54")["continues"] == "02-ttht-1"
    assert (small_root / "plans/2030/09.yaml").read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")


@pytest.mark.parametrize(
    "args, message",
    [
        (["01-quy-1", "postponed"], "needs the month it moves to"),
        (["01-quy-1", "postponed", "--to", "2030-01"], "--to must be a later month"),
        (["01-quy-1", "done", "--to", "2030-05"], "--to goes with postponed only"),
        (["01-quy-1", "done", "--on", "31/02/2030"], "is not a real date"),
        (["01-quy-1", "done", "--on", "yesterday"], "is not a date"),
        (["01-quy-1", "finished"], 'unknown status "finished"'),
        (["01-quy-9", "done"], 'no task "01-quy-9"'),
        (["01-quy-1", "done", "--unit", "quy"], "not both"),
        (["done"], "which tasks?"),
        (["--unit", "quy", "--month", "12", "done"], "no task matches"),
    ],
)
def test_mistakes_change_nothing_and_say_why(english, lmhtx, small_root, args, message):
    before = {p.name: p.read_bytes() for p in (small_root / "plans/2030").iterdir()}
    run = lmhtx("plan", "mark", *args, root=small_root)
    assert run.code == 2
    assert message in run.err and len(run.err.strip().splitlines()) == 1
    assert {p.name: p.read_bytes() for p in (small_root / "plans/2030").iterdir()} == before


def _copy_2024(tmp_path) -> Path:
    root = tmp_path / "office"
    shutil.copytree(REPO / "plans", root / "plans")
    return root


def test_bulk_marking_by_filter_shows_and_asks_first(lmhtx, tmp_path):
    root = _copy_2024(tmp_path)
    args = ("plan", "mark", "--unit", "tttt", "--grep", "Bản tin", "--month", "1-5", "done", "--on", "31/05/2024")
    dry = lmhtx(*args, "--dry-run", root=root)
    assert dry.code == 0
    assert [line.split()[0] for line in dry.out.splitlines()[:-1]] == ["01-tttt-4", "02-tttt-4", "03-tttt-3", "04-tttt-3", "05-tttt-3"]
    assert "chưa ghi gì" in dry.out
    assert lmhtx("plan", "show", "--status", "done", "-f", "json", root=root).out == "[]\n"
    refused = lmhtx(*args, root=root)  # no answer on standard input: nothing is written
    assert refused.code == 1 and "đã dừng, chưa thay đổi gì" in refused.err
    assert lmhtx("plan", "show", "--status", "done", "-f", "json", root=root).out == "[]\n"
    done = lmhtx(*args, "--yes", root=root)
    assert done.code == 0
    marked = json.loads(lmhtx("plan", "show", "--status", "done", "-f", "json", root=root).out)
    assert [t["id"] for t in marked] == ["01-tttt-4", "02-tttt-4", "03-tttt-3", "04-tttt-3", "05-tttt-3"]
    assert lmhtx("validate", root=root).code == 0


def test_bulk_marking_answers_yes_at_the_prompt(tmp_path):
    from typer.testing import CliRunner

    from lmhtx_cli.cli import app

    root = _copy_2024(tmp_path)
    result = CliRunner().invoke(app, ["--root", str(root), "plan", "mark", "-u", "quy", "-m", "5", "done"], input="y\n")
    assert result.exit_code == 0, result.stderr
    assert "Đã ghi 3 nhiệm vụ vào plans/2024/05.yaml." in result.stdout


def test_adding_a_task_gives_it_an_id_of_its_month_and_unit_no_other_branch_gives(lmhtx, small_root, monkeypatch):
    monkeypatch.delenv("LMHTX_ID_SEED")  # drawn at random, as for a user
    run = lmhtx("plan", "add", "--month", "1", "--unit", "vp", "Tổ   chức  hội nghị\u00a0cán bộ.", root=small_root)
    assert run.code == 0, run.err
    new_id = re.search(r"01-vp-[a-z][0-9a-hjkmnp-tv-z]{2}\b", run.out).group(0)  # month, unit, a short suffix
    task = show(lmhtx, small_root, new_id)
    assert task["text"] == "Tổ   chức  hội nghị\u00a0cán bộ." and task["status"] == "planned"  # as typed (tests/inputs)
    ids = [t["id"] for t in json.loads(lmhtx("plan", "show", "-m", "1", "-f", "json", root=small_root).out)]
    assert ids == ["01-vp-1", "01-vp-2", new_id, "01-ttdt-1", "01-quy-1"]


def test_adding_a_task_for_a_unit_new_to_the_month_keeps_the_plans_unit_order(lmhtx, small_root):
    assert lmhtx("plan", "add", "-m", "1", "-u", "Hỗ trợ ttht", "Việc mới của Trung tâm Hỗ trợ.", root=small_root).code == 2  # not a unit name
    assert lmhtx("plan", "add", "-m", "1", "-u", "ttht", "Việc mới của Trung tâm Hỗ trợ.", root=small_root).code == 0
    text = (small_root / "plans/2030/01.yaml").read_text(encoding="utf-8")
    assert text.index("  vp:") < text.index("  ttht:\n    - id: 01-ttht-xxd") < text.index("  ttdt:")


def test_adding_to_an_empty_month(lmhtx, tmp_path, monkeypatch):
    root = tmp_path / "data"
    shutil.copytree(DATA / "layout", root)
    monkeypatch.setenv("LMHTX_TODAY", "2030-02-14")
    assert lmhtx("plan", "add", "-m", "3", "-u", "quy", "Thu hồi vốn.", root=root).code == 0
    assert (root / "plans/2030/03.yaml").read_text(encoding="utf-8") == 'year: 2030\nmonth: 3\nunits:\n  quy:\n    - id: 03-quy-j34\n      text: "Thu hồi vốn."\n      status: planned\n      added: 2030-02-14\n'


def test_the_author_defaults_to_gits_user_name(lmhtx, small_root):
    from tests.gitutil import init_repo

    init_repo(small_root, user="Nguyễn Thị Lan")
    lmhtx("plan", "mark", "05-quy-1", "done", root=small_root)
    assert show(lmhtx, small_root, "05-quy-1")["history"][-1]["by"] == "Nguyễn Thị Lan"


def test_data_with_errors_is_not_written_to(lmhtx, small_root):
    month = small_root / "plans/2030/02.yaml"
    month.write_text(month.read_text(encoding="utf-8").replace("status: cancelled\n      history", "status: cancelled\n      continues: 5\n      history"), encoding="utf-8")
    before = month.read_bytes()
    run = lmhtx("plan", "mark", "02-ttht-1", "done", root=small_root)
    assert run.code == 1 and "plans/2030/02.yaml" in run.err
    assert month.read_bytes() == before
