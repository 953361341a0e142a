"""The merge driver under real git: progress and additions on two branches merge task by task."""

from __future__ import annotations

import json
import re

import pytest

from tests.gitutil import git

MONTH_1 = "plans/2030/01.yaml"
MONTH_5 = "plans/2030/05.yaml"


@pytest.mark.parametrize("lan_day, minh_day", [("03/02/2030", "01/02/2030"), ("01/02/2030", "03/02/2030"), ("02/02/2030", "02/02/2030")])
def test_the_same_task_marked_on_two_branches_keeps_both_entries(office, lan_day, minh_day):
    merged = office.two_branches(
        lan=[("plan", "mark", "01-vp-2", "done", "--on", lan_day, "--by", "Lan", "--note", "Lan ghi")],
        minh=[("plan", "mark", "01-vp-2", "in_progress", "--on", minh_day, "--by", "Minh")],
    )
    if lan_day == minh_day:  # done and in progress on one day: which stands cannot be told, in either direction
        assert merged.returncode != 0 and "01-vp-2" in merged.stderr
        assert office.text(MONTH_1).count("<<<<<<< ours") == 1
        return
    assert merged.returncode == 0, merged.stdout + merged.stderr
    task = office.tasks()["01-vp-2"]
    entries = [(h["on"], h["by"], h["status"]) for h in task["history"]]
    assert [e[0] for e in entries] == sorted(e[0] for e in entries)
    assert sorted(e[1] for e in entries) == ["Lan", "Minh"]
    assert task["status"] == entries[-1][2]  # the status follows the later entry
    assert office.validates()


def test_both_sides_adding_to_the_same_month_and_unit_keep_every_task_under_its_own_id(office):
    merged = office.two_branches(
        lan=[("plan", "add", "--month", "1", "--unit", "vp", "Việc của Lan.")],
        minh=[("plan", "add", "--month", "1", "--unit", "vp", "Việc của Minh."), ("plan", "add", "--month", "1", "--unit", "vp", "Việc thứ hai của Minh.")],
    )
    assert merged.returncode == 0, merged.stdout + merged.stderr
    given = {t["text"]: i for side in ("lan", "minh") for i, t in office.at(side).items()}
    vp = {t["text"]: i for i, t in office.tasks().items() if i.startswith("01-vp-")}
    assert set(vp) == {"Quyết toán tài chính năm 2029.", "Tham mưu công tác tuyển dụng.", "Việc của Minh.", "Việc thứ hai của Minh.", "Việc của Lan."}
    assert all(vp[text] == given[text] for text in vp)  # no id changed by the merge
    assert re.fullmatch(r"01-vp-[a-z][0-9a-z]{2}", vp["Việc của Lan."])  # month, unit and a short suffix no other branch gives
    text = office.text(MONTH_1)
    assert text.index("Việc thứ hai của Minh.") < text.index("Việc của Lan.") < text.index("  ttdt:")
    assert office.validates()


def test_both_sides_adding_a_unit_new_to_the_month_merge(office):
    merged = office.two_branches(lan=[("plan", "add", "--month", "5", "--unit", "vp", "Việc của Lan.")], minh=[("plan", "add", "--month", "5", "--unit", "vp", "Việc của Minh.")])
    assert merged.returncode == 0, merged.stdout + merged.stderr
    month_5 = office.text(MONTH_5)
    assert month_5.index("Việc của Minh.") < month_5.index("Việc của Lan.")  # ours first, theirs after
    assert office.id_of("Việc của Lan.") == office.at("lan")[office.id_of("Việc của Lan.")]["id"]
    assert office.text(MONTH_5).count("  vp:") == 1
    assert office.validates()


def chain_ids(office, task_id: str, year: int = 2030) -> list[str]:
    shown = office.lmhtx("plan", "show", task_id, "--year", str(year), "-f", "json", root=office.root)
    assert shown.code == 0, shown.err
    return [f"{link['year']}/{link['id']}" for link in json.loads(shown.out)["chain"]]


def test_both_sides_postponing_into_one_month_and_unit_keep_both_continuations(office):
    office.run("plan", "add", "--month", "1", "--unit", "vp", "Việc thứ ba.")
    office.commit("a third task")
    third = office.id_of("Việc thứ ba.")
    merged = office.two_branches(
        lan=[("plan", "mark", "01-vp-2", "postponed", "--to", "2030-05", "--on", "01/02/2030", "--note", "Chờ", "--by", "Lan")],
        minh=[("plan", "mark", third, "postponed", "--to", "2030-05", "--on", "02/02/2030", "--note", "Chờ", "--by", "Minh")],
        into="lan",
    )
    assert merged.returncode == 0, merged.stdout + merged.stderr  # clean: nothing to fix by hand
    month_5 = office.text(MONTH_5)
    assert month_5.index("continues: 01-vp-2") < month_5.index(f"continues: {third}")  # ours first, theirs after
    tasks = office.tasks()
    by_origin = {t["continues"]: i for i, t in tasks.items() if i.startswith("05-vp-")}
    assert by_origin == {"01-vp-2": office.at("lan")[by_origin["01-vp-2"]]["id"], third: office.at("minh")[by_origin[third]]["id"]}  # each kept the id its branch gave
    assert tasks["01-vp-2"]["status"] == tasks[third]["status"] == "postponed"
    assert [h.get("continued_as") for h in tasks[third]["history"]] == [by_origin[third]]  # derived from its continuation's continues
    assert chain_ids(office, third) == chain_ids(office, by_origin[third]) == [f"2030/{third}", f"2030/{by_origin[third]}"]
    assert chain_ids(office, "01-vp-2") == ["2030/01-vp-2", f"2030/{by_origin['01-vp-2']}"]
    assert office.validates()
    git(office.root, "diff", "--quiet", "HEAD")  # the merge commit holds it all


def test_postponing_from_two_months_into_one_on_two_branches_merges_cleanly(office):
    """Each origin's file changed on one side only, so git merges them without the driver."""
    office.run("plan", "add", "--month", "2", "--unit", "vp", "Việc tháng Hai.")
    office.commit("a February task")
    february = office.id_of("Việc tháng Hai.")
    merged = office.two_branches(
        lan=[("plan", "mark", "01-vp-2", "postponed", "--to", "2030-05", "--on", "01/02/2030", "--by", "Lan")],
        minh=[("plan", "mark", february, "postponed", "--to", "2030-05", "--on", "20/02/2030", "--by", "Minh")],
    )
    assert merged.returncode == 0, merged.stdout + merged.stderr
    tasks = office.tasks()
    by_origin = {t["continues"]: i for i, t in tasks.items() if i.startswith("05-vp-")}
    assert set(by_origin) == {february, "01-vp-2"}
    assert chain_ids(office, "01-vp-2") == ["2030/01-vp-2", f"2030/{by_origin['01-vp-2']}"]
    assert chain_ids(office, february) == [f"2030/{february}", f"2030/{by_origin[february]}"]
    office.run("plan", "mark", "01-vp-2", "done", "--on", "20/05/2030", "--by", "Lan")  # goes to the live end
    assert office.tasks()[by_origin["01-vp-2"]]["status"] == "done" and office.tasks()[by_origin[february]]["status"] == "planned"
    assert office.validates()


def test_postponing_into_the_next_year_on_two_branches_merges_cleanly(office):
    plan = office.text("plans/2030/plan.yaml").replace("year: 2030", "year: 2031").replace("năm 2030", "năm 2031")
    (office.root / "plans/2031").mkdir()
    office.write("plans/2031/plan.yaml", plan)
    office.run("plan", "add", "--year", "2030", "--month", "1", "--unit", "vp", "Việc thứ ba.")
    office.commit("the 2031 plan")
    third = office.id_of("Việc thứ ba.")
    merged = office.two_branches(
        lan=[("plan", "mark", "01-vp-2", "postponed", "--year", "2030", "--to", "2031-01", "--on", "01/02/2030", "--by", "Lan")],
        minh=[("plan", "mark", third, "postponed", "--year", "2030", "--to", "2031-01", "--on", "02/02/2030", "--by", "Minh")],
        into="lan",
    )
    assert merged.returncode == 0, merged.stdout + merged.stderr
    by_origin = {t["continues"]: i for i, t in office.tasks(2031).items()}
    assert set(by_origin) == {"2030/01-vp-2", f"2030/{third}"}
    carried = by_origin[f"2030/{third}"]
    assert chain_ids(office, third) == [f"2030/{third}", f"2031/{carried}"]
    assert chain_ids(office, carried, 2031) == [f"2030/{third}", f"2031/{carried}"]
    this_year = office.tasks(2030)
    assert [h.get("continued_as") for h in this_year[third]["history"]] == [f"2031/{carried}"]  # derived across years
    assert f"→ 01/2031 (2031/{carried})" in office.run("plan", "show", third, "--year", "2030").out
    report = office.lmhtx("report", "year", "--year", "2030", "--unit", "vp", "--as-of", "31/12/2030", "-f", "json", root=office.root)
    lines = {t["id"]: t for t in json.loads(report.out)["units"][0]["tasks"]}
    assert (lines["01-vp-2"]["continued_as"], lines[third]["continued_as"]) == (f"2031/{by_origin['2030/01-vp-2']}", f"2031/{carried}")
    assert office.validates()


def test_the_same_postponement_on_two_branches_keeps_one_continuation(office):
    merged = office.two_branches(
        lan=[("plan", "mark", "01-vp-2", "postponed", "--to", "2030-05", "--on", "01/02/2030", "--note", "Chờ", "--by", "Lan")],
        minh=[("plan", "mark", "01-vp-2", "postponed", "--to", "2030-05", "--on", "03/02/2030", "--note", "Chờ kế hoạch", "--by", "Minh")],
        into="lan",
    )
    assert merged.returncode == 0, merged.stdout + merged.stderr
    tasks = office.tasks()
    continuations = [i for i in tasks if i.startswith("05-vp-")]
    assert len(continuations) == 1 and continuations[0] in office.at("lan") and continuations[0] in office.at("minh")  # one id, worked out alike on both branches
    assert [h["by"] for h in tasks["01-vp-2"]["history"]] == ["Lan", "Minh"]  # both entries, in date order
    assert chain_ids(office, "01-vp-2") == ["2030/01-vp-2", f"2030/{continuations[0]}"]
    assert office.validates()


def test_one_postponement_on_both_branches_then_marked_on_one_keeps_one_continuation(office):
    merged = office.two_branches(
        lan=[("plan", "mark", "01-vp-2", "postponed", "--to", "2030-05", "--on", "01/02/2030", "--by", "Lan")],
        minh=[
            ("plan", "add", "--month", "5", "--unit", "vp", "Việc tháng Năm của Minh.", "--on", "01/02/2030"),
            ("plan", "mark", "01-vp-2", "postponed", "--to", "2030-05", "--on", "01/02/2030", "--by", "Lan"),
            ("plan", "mark", "01-vp-2", "done", "--on", "20/05/2030", "--by", "Minh"),  # goes to the continuation
        ],
    )
    assert merged.returncode == 0, merged.stdout + merged.stderr
    tasks = office.tasks()
    may = {t["text"]: i for i, t in tasks.items() if i.startswith("05-vp-")}
    assert len(may) == 2 and set(may.values()) == {i for i in office.at("minh") if i.startswith("05-vp-")}  # Lan's continuation is Minh's
    carried = next(i for i in may.values() if tasks[i]["continues"] == "01-vp-2")
    assert tasks[carried]["status"] == "done"
    assert chain_ids(office, "01-vp-2") == ["2030/01-vp-2", f"2030/{carried}"]
    assert office.validates()


def test_postponed_on_one_branch_and_an_earlier_change_on_the_other_merge(office):
    merged = office.two_branches(
        lan=[("plan", "mark", "01-vp-2", "postponed", "--to", "2030-05", "--on", "10/02/2030", "--by", "Lan")],
        minh=[("plan", "mark", "01-vp-2", "in_progress", "--on", "20/01/2030", "--by", "Minh")],
    )
    assert merged.returncode == 0, merged.stdout + merged.stderr
    task = office.tasks()["01-vp-2"]
    assert [h["status"] for h in task["history"]] == ["in_progress", "postponed"] and task["status"] == "postponed"
    assert office.validates()


@pytest.mark.parametrize(
    "minh, why",
    [
        (("done", "--on", "15/02/2030"), "postponed on one side and changed later on the other"),
        (("cancelled", "--on", "12/02/2030", "--note", "Không cần nữa"), "postponed on one side and changed later on the other"),
        (("postponed", "--to", "2030-08", "--on", "05/02/2030"), "postponed to two different months, one on each side"),
    ],
)
def test_two_decisions_that_cannot_both_stand_leave_markers_around_that_task(english, office, minh, why):
    merged = office.two_branches(
        lan=[("plan", "mark", "01-vp-2", "postponed", "--to", "2030-05", "--on", "01/02/2030", "--by", "Lan")],
        minh=[("plan", "mark", "01-vp-2", *minh, "--by", "Minh")],
    )
    assert merged.returncode != 0
    assert f"plans/2030/01.yaml: 01-vp-2: {why}" in merged.stderr
    lines = office.text(MONTH_1).splitlines()
    start, middle, end = lines.index("<<<<<<< ours"), lines.index("======="), lines.index(">>>>>>> theirs")
    assert lines[start + 1] == lines[middle + 1] == "    - id: 01-vp-2"
    assert '          by: "Minh"' in lines[start:middle] and '          by: "Lan"' in lines[middle:end]
    assert sum(line.startswith("<<<<<<<") for line in lines) == 1


def test_a_rewording_on_one_side_and_a_mark_on_the_other_merge(office):
    office.branch("lan")
    office.write(MONTH_1, office.text(MONTH_1).replace("Tham mưu công tác tuyển dụng.", "Tham mưu công tác tuyển dụng năm 2030."))
    office.commit("Lan rewords")
    office.branch("minh", "main")
    office.run("plan", "mark", "01-vp-2", "done", "--on", "03/02/2030", "--by", "Minh")
    office.commit("Minh marks")
    merged = office.merge("lan", into="minh")
    assert merged.returncode == 0, merged.stdout + merged.stderr
    task = office.tasks()["01-vp-2"]
    assert (task["text"], task["status"], len(task["history"])) == ("Tham mưu công tác tuyển dụng năm 2030.", "done", 1)
    assert office.validates()


def test_a_true_conflict_leaves_markers_around_that_task_only(office):
    office.branch("lan")
    office.write(MONTH_1, office.text(MONTH_1).replace("Tham mưu công tác tuyển dụng.", "Tuyển dụng hai cán bộ."))
    office.run("plan", "mark", "01-quy-1", "done", "--on", "03/02/2030", "--by", "Lan")
    office.commit("Lan")
    office.branch("minh", "main")
    office.write(MONTH_1, office.text(MONTH_1).replace("Tham mưu công tác tuyển dụng.", "Tuyển dụng ba cán bộ."))
    office.run("plan", "mark", "01-vp-2", "in_progress", "--on", "04/02/2030", "--by", "Minh")
    office.commit("Minh")
    merged = office.merge("lan", into="minh")
    assert merged.returncode != 0
    assert "01-vp-2" in merged.stderr
    lines = office.text(MONTH_1).splitlines()
    start, middle, end = lines.index("<<<<<<< ours"), lines.index("======="), lines.index(">>>>>>> theirs")
    ours, theirs = lines[start + 1 : middle], lines[middle + 1 : end]
    assert ours[0] == theirs[0] == "    - id: 01-vp-2"
    assert ours[1] == '      text: "Tuyển dụng ba cán bộ."' and theirs[1] == '      text: "Tuyển dụng hai cán bộ."'
    assert ours[2:] == theirs[2:]  # the rest of the task is merged the same on both sides
    assert "    - id: 01-vp-1" not in ours + theirs and "    - id: 01-ttdt-1" not in ours + theirs
    assert sum(line.startswith("<<<<<<<") for line in lines) == 1
    rest = lines[:start] + lines[end + 1 :]
    assert "    - id: 01-quy-1" in rest and '          by: "Lan"' in rest  # Lan's mark of another task merged
    lines[start : end + 1] = theirs
    office.write(MONTH_1, "\n".join(lines) + "\n")
    assert office.validates()


def test_comments_and_layout_of_each_side_are_kept(office):
    text = office.text(MONTH_1).replace("    - id: 01-vp-2\n", "    # Tuyển dụng theo Kế hoạch số 5.\n    - id: 01-vp-2\n")
    office.write(MONTH_1, text.replace("      status: planned\n  ttdt:", "      status: planned  # chưa bắt đầu\n  ttdt:"))
    office.commit("comments")
    office.branch("lan")
    office.run("plan", "mark", "01-vp-2", "done", "--on", "03/02/2030", "--by", "Lan")
    office.commit("Lan")
    office.branch("minh", "main")
    office.run("plan", "mark", "01-vp-2", "in_progress", "--on", "01/02/2030", "--by", "Minh")
    office.commit("Minh")
    merged = office.merge("lan", into="minh")
    assert merged.returncode == 0, merged.stdout + merged.stderr
    expected = (
        "    # Tuyển dụng theo Kế hoạch số 5.\n"
        "    - id: 01-vp-2\n"
        '      text: "Tham mưu công tác tuyển dụng."\n'
        "      status: done  # chưa bắt đầu\n"
        "      history:\n"
        "        - on: 2030-02-01\n"
        "          status: in_progress\n"
        '          by: "Minh"\n'
        "        - on: 2030-02-03\n"
        "          status: done\n"
        '          by: "Lan"\n'
        "  ttdt:"
    )
    assert expected in office.text(MONTH_1)


def test_a_file_that_does_not_parse_is_merged_line_by_line(office):
    office.branch("lan")
    office.run("plan", "mark", "01-quy-1", "done", "--on", "03/02/2030", "--by", "Lan")
    office.commit("Lan")
    office.branch("minh", "main")
    office.write(MONTH_1, office.text(MONTH_1).replace("month: 1\n", "month: [1\n"))
    office.commit("Minh breaks the YAML")
    merged = office.merge("lan", into="minh")
    assert merged.returncode == 0, merged.stdout + merged.stderr  # lines far apart: git's own merge is clean
    assert "month: [1" in office.text(MONTH_1) and 'by: "Lan"' in office.text(MONTH_1)
    assert "line by line" in merged.stderr or "từng dòng" in merged.stderr


def test_different_tasks_marked_on_two_branches_merge_with_the_driver_too(office):
    office.branch("lan")
    office.run("plan", "mark", "01-vp-2", "done", "--on", "03/02/2030", "--by", "Lan")
    office.commit("Lan")
    office.branch("minh", "main")
    office.run("plan", "mark", "01-quy-1", "done", "--on", "03/02/2030", "--by", "Minh")
    office.commit("Minh")
    merged = office.merge("lan", into="minh")
    assert merged.returncode == 0, merged.stdout + merged.stderr
    tasks = office.tasks()
    assert tasks["01-vp-2"]["status"] == tasks["01-quy-1"]["status"] == "done"


def test_without_the_driver_git_merges_as_before(bare_office):
    office = bare_office
    office.branch("lan")
    office.run("plan", "mark", "01-vp-2", "done", "--on", "03/02/2030", "--by", "Lan")
    office.commit("Lan")
    office.branch("minh", "main")
    office.run("plan", "mark", "01-quy-1", "done", "--on", "03/02/2030", "--by", "Minh")
    office.commit("Minh")
    assert office.merge("lan", into="minh").returncode == 0
    office.branch("lan2", "main")
    office.run("plan", "mark", "01-quy-1", "in_progress", "--on", "01/02/2030", "--by", "Lan")
    office.commit("Lan again")
    same_task = office.merge("lan2", into="minh")
    assert same_task.returncode != 0 and "CONFLICT" in same_task.stdout  # the same task: git's line merge conflicts, as before


def test_reverting_two_marks_of_one_task_older_first_leaves_it_planned(office):
    office.run("plan", "mark", "01-vp-2", "in_progress", "--on", "01/02/2030", "--by", "Lan")
    office.commit("in progress")
    office.run("plan", "mark", "01-vp-2", "done", "--on", "03/02/2030", "--by", "Lan")
    office.commit("done")
    for older_first in ("HEAD~1", "HEAD~1"):  # the in-progress mark, then (now one back) the done mark
        reverted = git(office.root, "revert", "--no-edit", older_first, check=False)
        assert reverted.returncode == 0, reverted.stdout + reverted.stderr
    task = office.tasks()["01-vp-2"]
    assert (task["status"], task["history"]) == ("planned", [])
    assert office.validates()
