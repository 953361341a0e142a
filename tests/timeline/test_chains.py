"""Postponement is a chain with one live end: a change goes to the live end, reports count the chain
once, `plan show` shows it from either end, and validate finds a broken one."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.conftest import REPO


def show(lmhtx, root, task_id) -> dict:
    run = lmhtx("plan", "show", task_id, "-f", "json", root=root)
    assert run.code == 0, run.err
    return json.loads(run.out)


def live(chain: list[dict]) -> list[str]:
    return [link["id"] for link in chain if link["status"] != "postponed"]


def test_postponing_the_live_end_again_moves_the_chain_on(lmhtx, small_root):
    assert lmhtx("plan", "mark", "01-quy-1", "postponed", "--to", "2030-05", "--on", "15/01/2030", root=small_root).code == 0
    run = lmhtx("plan", "mark", "05-quy-tcy", "postponed", "--to", "2030-08", "--on", "20/05/2030", root=small_root)
    assert run.code == 0, run.err
    assert "05-quy-tcy được chuyển tiếp thành 08-quy-aas" in run.out
    chain = show(lmhtx, small_root, "01-quy-1")["chain"]
    assert [link["id"] for link in chain] == ["01-quy-1", "05-quy-tcy", "08-quy-aas"] and live(chain) == ["08-quy-aas"]
    assert show(lmhtx, small_root, "08-quy-aas")["continues"] == "05-quy-tcy"
    assert lmhtx("validate", root=small_root).code == 0


def test_postponing_the_original_again_acts_on_its_live_end(lmhtx, small_root):
    assert lmhtx("plan", "mark", "01-quy-1", "postponed", "--to", "2030-05", "--on", "15/01/2030", root=small_root).code == 0
    first = (small_root / "plans/2030/01.yaml").read_text(encoding="utf-8")
    run = lmhtx("plan", "mark", "01-quy-1", "postponed", "--to", "2030-08", "--on", "20/05/2030", root=small_root)
    assert run.code == 0, run.err
    assert run.out.startswith("01-quy-1 đã được hoãn: thay đổi được ghi cho 05-quy-tcy, nhiệm vụ đang hiệu lực của chuỗi.\n")
    assert (small_root / "plans/2030/01.yaml").read_text(encoding="utf-8") == first  # the original keeps one continuation
    assert [h["continued_as"] for h in show(lmhtx, small_root, "01-quy-1")["history"]] == ["05-quy-tcy"]
    assert show(lmhtx, small_root, "05-quy-tcy")["history"][-1]["continued_as"] == "08-quy-aas"
    assert live(show(lmhtx, small_root, "05-quy-tcy")["chain"]) == ["08-quy-aas"]
    assert lmhtx("validate", root=small_root).out == "ổn: không có lỗi nào\n"


def test_any_mark_on_a_postponed_task_goes_to_its_live_end(lmhtx, small_root):
    assert lmhtx("plan", "mark", "01-quy-1", "postponed", "--to", "2030-05", "--on", "15/01/2030", root=small_root).code == 0
    run = lmhtx("plan", "mark", "01-quy-1", "done", "--on", "25/05/2030", "--ref", "Số 3/BC-QHT", root=small_root)
    assert run.code == 0 and "05-quy-tcy" in run.out
    assert show(lmhtx, small_root, "01-quy-1")["status"] == "postponed"
    assert show(lmhtx, small_root, "05-quy-tcy")["status"] == "done"
    assert lmhtx("validate", root=small_root).code == 0


def test_tasks_of_one_chain_selected_together_make_one_mark(lmhtx, small_root):
    assert lmhtx("plan", "mark", "01-quy-1", "postponed", "--to", "2030-05", "--on", "15/01/2030", root=small_root).code == 0
    run = lmhtx("plan", "mark", "--unit", "quy", "--month", "1,5", "done", "--on", "30/05/2030", "--yes", root=small_root)
    assert run.code == 0, run.err
    assert [h["status"] for h in show(lmhtx, small_root, "05-quy-tcy")["history"]] == ["done"]
    assert [h["status"] for h in show(lmhtx, small_root, "01-quy-1")["history"]] == ["postponed"]


def test_the_new_month_must_be_after_the_live_end(english, lmhtx, small_root):
    assert lmhtx("plan", "mark", "01-quy-1", "postponed", "--to", "2030-05", "--on", "15/01/2030", root=small_root).code == 0
    before = {p.name: p.read_bytes() for p in (small_root / "plans/2030").iterdir()}
    run = lmhtx("plan", "mark", "01-quy-1", "postponed", "--to", "2030-03", "--on", "20/01/2030", root=small_root)
    assert run.code == 2
    assert run.err.endswith("lmhtx: error: 05-quy-tcy (where 01-quy-1 continues) is due in 05/2030; --to must be a later month\n")
    assert {p.name: p.read_bytes() for p in (small_root / "plans/2030").iterdir()} == before


def test_plan_show_shows_the_whole_chain_from_either_end(lmhtx, small_root):
    assert lmhtx("plan", "mark", "01-quy-1", "postponed", "--to", "2030-05", "--on", "15/01/2030", root=small_root).code == 0
    assert lmhtx("plan", "mark", "01-quy-1", "postponed", "--to", "2030-08", "--on", "20/05/2030", root=small_root).code == 0
    chains = {}
    for task_id in ("01-quy-1", "05-quy-tcy", "08-quy-aas"):
        text = lmhtx("plan", "show", task_id, root=small_root).out
        block = text[text.index("Chuỗi hoãn") :]
        chains[task_id] = block.replace("*", " ")
        assert f"* {task_id}" in block
    assert chains["01-quy-1"] == chains["05-quy-tcy"] == chains["08-quy-aas"]
    assert chains["01-quy-1"] == ("Chuỗi hoãn (3 nhiệm vụ, nhiệm vụ cuối đang hiệu lực):\n  01-quy-1    Tháng 1/2030 · hoãn → 05/2030\n  05-quy-tcy  Tháng 5/2030 · hoãn → 08/2030\n  08-quy-aas  Tháng 8/2030 · chưa thực hiện\n")
    assert show(lmhtx, small_root, "08-quy-aas")["chain"] == show(lmhtx, small_root, "01-quy-1")["chain"]
    assert "Chuỗi hoãn" not in lmhtx("plan", "show", "01-vp-1", root=small_root).out


def test_reports_count_a_chain_once(lmhtx, later):
    """In the office: 05-vp-1 went to 07-vp-pzw on 20/05, then (marked on 05-vp-1 again) to 08-vp-hyz on 10/07."""
    base = len(json.loads(lmhtx("plan", "show", "--year", "2024", "--unit", "vp", "-f", "json", root=REPO).out))
    year = json.loads(lmhtx("report", "year", "--year", "2024", "--unit", "vp", "--as-of", "31/12/2024", "-f", "json", root=later).out)
    vp = year["units"][0]
    ids = [t["id"] for t in vp["tasks"]]
    assert vp["counts"]["total"] == base and "08-vp-hyz" in ids and "05-vp-1" not in ids and "07-vp-pzw" not in ids
    q3 = json.loads(lmhtx("report", "quarter", "III", "--year", "2024", "--unit", "vp", "--as-of", "15/07/2024", "-f", "json", root=later).out)
    lines = {t["id"]: t for t in q3["units"][0]["tasks"]}
    assert "07-vp-pzw" not in lines and lines["08-vp-hyz"]["carried_over"] is True  # the chain came in from May
    q3_before = json.loads(lmhtx("report", "quarter", "III", "--year", "2024", "--unit", "vp", "--as-of", "05/07/2024", "-f", "json", root=later).out)
    lines = {t["id"]: t for t in q3_before["units"][0]["tasks"]}
    assert "08-vp-hyz" not in lines and lines["07-vp-pzw"]["carried_over"] is True  # 08-vp-hyz did not exist yet
    assert q3["units"][0]["counts"]["total"] == q3_before["units"][0]["counts"]["total"]
    digest = json.loads(lmhtx("digest", "--month", "2024-07", "--as-of", "31/07/2024", "-f", "json", root=later).out)
    upcoming = [t["id"] for unit in digest["upcoming"] for t in unit["tasks"]]
    assert "08-vp-hyz" in upcoming


def _replace(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


QUY_2 = '    - id: 05-quy-tcy\n      text: "Đôn đốc thu tiền lãi, thu hồi vốn."\n      status: planned\n      continues: 01-quy-1\n'
POSTPONED = '      status: postponed\n      history:\n        - on: 2030-01-15\n          status: postponed\n          to: "2030-05"\n          continued_as: {new}\n'
POSTPONED_TO = '      status: postponed\n      history:\n        - on: 2030-01-15\n          status: postponed\n          to: "{to}"\n'


def _broken(root, case: str) -> None:
    month1, month5 = root / "plans/2030/01.yaml", root / "plans/2030/05.yaml"
    quy_1 = '      text: "Đôn đốc thu tiền lãi, thu hồi vốn."\n      status: planned\n'
    if case == "continues nothing":
        _replace(month5, "      status: planned\n", "      status: planned\n      continues: 01-quy-7\n")
    elif case == "continued as nothing":
        _replace(month1, quy_1, '      text: "Đôn đốc thu tiền lãi, thu hồi vốn."\n' + POSTPONED.format(new="05-quy-9"))
    elif case == "not named back":
        _replace(month5, "  quy:\n", "  quy:\n" + QUY_2)
    elif case == "postponed to another month":
        _replace(month1, quy_1, '      text: "Đôn đốc thu tiền lãi, thu hồi vốn."\n' + POSTPONED_TO.format(to="2030-08"))
        _replace(month5, "  quy:\n", "  quy:\n" + QUY_2)
    elif case == "a written continued_as that disagrees":
        _replace(month1, quy_1, '      text: "Đôn đốc thu tiền lãi, thu hồi vốn."\n' + POSTPONED.format(new="05-quy-1"))
        _replace(month5, "  quy:\n", "  quy:\n" + QUY_2)
    elif case == "a loop":
        _replace(month5, "      status: planned\n", "      status: planned\n      continues: 02-ttht-1\n")
        _replace(root / "plans/2030/02.yaml", "      status: planned\n", "      status: planned\n      continues: 05-quy-1\n")
    elif case == "two continuations":
        _replace(
            month1, quy_1, '      text: "Đôn đốc thu tiền lãi, thu hồi vốn."\n' + POSTPONED.format(new="05-quy-tcy") + '        - on: 2030-02-15\n          status: postponed\n          to: "2030-05"\n          continued_as: 05-quy-3\n'
        )
        _replace(month5, "  quy:\n", "  quy:\n" + QUY_2 + QUY_2.replace("05-quy-tcy", "05-quy-3"))
    elif case == "a live origin":
        _replace(
            month1,
            quy_1,
            '      text: "Đôn đốc thu tiền lãi, thu hồi vốn."\n' + POSTPONED.format(new="05-quy-tcy").replace("status: postponed\n      history", "status: done\n      history") + "        - on: 2030-02-15\n          status: done\n",
        )
        _replace(month5, "  quy:\n", "  quy:\n" + QUY_2)


@pytest.mark.parametrize(
    "case, message",
    [
        ("continues nothing", 'continues "01-quy-7", which is not a task of 2030'),
        ("continued as nothing", 'continued as "05-quy-9", which is not a task of 2030'),
        ("not named back", "continues 01-quy-1, but 01-quy-1 was not postponed to 05/2030 (no postponed entry with to: 2030-05 in its history)"),
        ("postponed to another month", "continues 01-quy-1, but 01-quy-1 was not postponed to 05/2030"),
        ("a written continued_as that disagrees", "continued as 05-quy-1, but 05-quy-1 does not say that it continues 01-quy-1"),
        ("a loop", "the chain loops: 02-ttht-1 → 05-quy-1 → 02-ttht-1"),
        ("two continuations", "05-quy-tcy, 05-quy-3 all continue 01-quy-1: a chain has one live end"),
        ("a live origin", '01-quy-1 has a continuation (05-quy-tcy) but its status is "done": a chain has one live end'),
    ],
)
def test_validate_finds_a_broken_chain(english, lmhtx, small_root, case, message):
    _broken(small_root, case)
    run = lmhtx("validate", root=small_root)
    assert run.code == 1, run.out
    lines = [line for line in run.out.splitlines() if line.endswith("[chain]")]
    assert any(message in line for line in lines), run.out
    assert all(line.startswith("plans/2030/0") and ": error: " in line for line in lines)


def test_a_mark_refuses_to_fork_a_chain_written_meanwhile(english, lmhtx, small_root):
    """The programme was read, then someone else postponed the task before the lock was taken."""
    from lmhtx_cli.errors import UserError
    from lmhtx_cli.plan.checking import load_programme
    from lmhtx_cli.plan.edits import apply_marks
    from lmhtx_cli.plan.progress import plan_mark

    programme = load_programme(small_root, 2030)[0]
    task = programme.task("01-quy-1")
    assert lmhtx("plan", "mark", "01-quy-1", "postponed", "--to", "2030-05", "--on", "15/01/2030", root=small_root).code == 0
    mark = plan_mark(task, "postponed", dt.date(2030, 1, 20), None, None, None, (2030, 8))
    with pytest.raises(UserError, match=r"was postponed meanwhile \(to 05/2030\); run the command again"):
        apply_marks(small_root, [mark], {2030: [u.code for u in programme.units]})
    assert lmhtx("validate", root=small_root).code == 0
