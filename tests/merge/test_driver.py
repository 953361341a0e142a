"""The merge driver under real git: progress and additions on two branches merge task by task."""

from __future__ import annotations

import json

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
    assert merged.returncode == 0, merged.stdout + merged.stderr
    task = office.tasks()["01-vp-2"]
    entries = [(h["on"], h["by"], h["status"]) for h in task["history"]]
    assert [e[0] for e in entries] == sorted(e[0] for e in entries)
    assert sorted(e[1] for e in entries) == ["Lan", "Minh"]
    if lan_day == minh_day:
        assert [e[1] for e in entries] == ["Minh", "Lan"]  # same day: ours first, then theirs
    assert task["status"] == entries[-1][2]  # the status follows the later entry
    assert office.validates()


def test_both_sides_adding_to_the_same_month_and_unit_keep_every_task_under_its_own_id(office):
    merged = office.two_branches(
        lan=[("plan", "add", "--month", "1", "--unit", "vp", "Việc của Lan.")],
        minh=[("plan", "add", "--month", "1", "--unit", "vp", "Việc của Minh."), ("plan", "add", "--month", "1", "--unit", "vp", "Việc thứ hai của Minh.")],
    )
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert "01-vp-3" in merged.stderr and "01-vp-5" in merged.stderr  # the renumbering is said
    vp = {i: t["text"] for i, t in office.tasks().items() if i.startswith("01-vp-")}
    assert vp == {
        "01-vp-1": "Quyết toán tài chính năm 2029.",
        "01-vp-2": "Tham mưu công tác tuyển dụng.",
        "01-vp-3": "Việc của Minh.",
        "01-vp-4": "Việc thứ hai của Minh.",
        "01-vp-5": "Việc của Lan.",
    }
    text = office.text(MONTH_1)
    assert text.index("Việc thứ hai của Minh.") < text.index("Việc của Lan.") < text.index("  ttdt:")
    assert office.validates()


def test_both_sides_adding_a_unit_new_to_the_month_merge(office):
    merged = office.two_branches(lan=[("plan", "add", "--month", "5", "--unit", "vp", "Việc của Lan.")], minh=[("plan", "add", "--month", "5", "--unit", "vp", "Việc của Minh.")])
    assert merged.returncode == 0, merged.stdout + merged.stderr
    tasks = office.tasks()
    assert (tasks["05-vp-1"]["text"], tasks["05-vp-2"]["text"]) == ("Việc của Minh.", "Việc của Lan.")
    assert office.text(MONTH_5).count("  vp:") == 1
    assert office.validates()


def chain_ids(office, task_id: str, year: int = 2030) -> list[str]:
    shown = office.lmhtx("plan", "show", task_id, "--year", str(year), "-f", "json", root=office.root)
    assert shown.code == 0, shown.err
    return [f"{link['year']}/{link['id']}" for link in json.loads(shown.out)["chain"]]


def test_both_sides_postponing_into_one_month_and_unit_keep_both_continuations(office):
    office.run("plan", "add", "--month", "1", "--unit", "vp", "Việc thứ ba.")
    office.commit("a third task")
    merged = office.two_branches(
        lan=[("plan", "mark", "01-vp-2", "postponed", "--to", "2030-05", "--on", "01/02/2030", "--note", "Chờ", "--by", "Lan")],
        minh=[("plan", "mark", "01-vp-3", "postponed", "--to", "2030-05", "--on", "02/02/2030", "--note", "Chờ", "--by", "Minh")],
        into="lan",
    )
    assert merged.returncode == 0, merged.stdout + merged.stderr  # clean: nothing to fix by hand
    assert "05-vp-1" in merged.stderr and "05-vp-2" in merged.stderr  # the renumbering is said
    month_5 = office.text(MONTH_5)
    assert month_5.index("continues: 01-vp-2") < month_5.index("continues: 01-vp-3")  # ours first, theirs after
    tasks = office.tasks()
    assert (tasks["05-vp-1"]["continues"], tasks["05-vp-2"]["continues"]) == ("01-vp-2", "01-vp-3")
    assert tasks["01-vp-2"]["status"] == tasks["01-vp-3"]["status"] == "postponed"
    assert [h.get("continued_as") for h in tasks["01-vp-3"]["history"]] == ["05-vp-2"]  # derived from 05-vp-2's continues
    assert chain_ids(office, "01-vp-3") == chain_ids(office, "05-vp-2") == ["2030/01-vp-3", "2030/05-vp-2"]
    assert chain_ids(office, "01-vp-2") == ["2030/01-vp-2", "2030/05-vp-1"]
    assert office.validates()
    git(office.root, "diff", "--quiet", "HEAD")  # the merge commit holds it all


def test_postponing_from_two_months_into_one_on_two_branches_merges_cleanly(office):
    """Each origin's file changed on one side only, so git merges them without the driver."""
    office.run("plan", "add", "--month", "2", "--unit", "vp", "Việc tháng Hai.")
    office.commit("a February task")
    merged = office.two_branches(
        lan=[("plan", "mark", "01-vp-2", "postponed", "--to", "2030-05", "--on", "01/02/2030", "--by", "Lan")],
        minh=[("plan", "mark", "02-vp-1", "postponed", "--to", "2030-05", "--on", "20/02/2030", "--by", "Minh")],
    )
    assert merged.returncode == 0, merged.stdout + merged.stderr
    tasks = office.tasks()
    assert (tasks["05-vp-1"]["continues"], tasks["05-vp-2"]["continues"]) == ("02-vp-1", "01-vp-2")
    assert chain_ids(office, "01-vp-2") == ["2030/01-vp-2", "2030/05-vp-2"]
    assert chain_ids(office, "02-vp-1") == ["2030/02-vp-1", "2030/05-vp-1"]
    office.run("plan", "mark", "01-vp-2", "done", "--on", "20/05/2030", "--by", "Lan")  # goes to the live end
    assert office.tasks()["05-vp-2"]["status"] == "done" and office.tasks()["05-vp-1"]["status"] == "planned"
    assert office.validates()


def test_postponing_into_the_next_year_on_two_branches_merges_cleanly(office):
    plan = office.text("plans/2030/plan.yaml").replace("year: 2030", "year: 2031").replace("năm 2030", "năm 2031")
    (office.root / "plans/2031").mkdir()
    office.write("plans/2031/plan.yaml", plan)
    office.run("plan", "add", "--year", "2030", "--month", "1", "--unit", "vp", "Việc thứ ba.")
    office.commit("the 2031 plan")
    merged = office.two_branches(
        lan=[("plan", "mark", "01-vp-2", "postponed", "--year", "2030", "--to", "2031-01", "--on", "01/02/2030", "--by", "Lan")],
        minh=[("plan", "mark", "01-vp-3", "postponed", "--year", "2030", "--to", "2031-01", "--on", "02/02/2030", "--by", "Minh")],
        into="lan",
    )
    assert merged.returncode == 0, merged.stdout + merged.stderr
    next_year = office.tasks(2031)
    assert (next_year["01-vp-1"]["continues"], next_year["01-vp-2"]["continues"]) == ("2030/01-vp-2", "2030/01-vp-3")
    assert chain_ids(office, "01-vp-3") == ["2030/01-vp-3", "2031/01-vp-2"]
    assert chain_ids(office, "01-vp-2", 2031) == ["2030/01-vp-3", "2031/01-vp-2"]
    this_year = office.tasks(2030)
    assert [h.get("continued_as") for h in this_year["01-vp-3"]["history"]] == ["2031/01-vp-2"]  # derived across years
    assert "→ 01/2031 (2031/01-vp-2)" in office.run("plan", "show", "01-vp-3", "--year", "2030").out
    report = office.lmhtx("report", "year", "--year", "2030", "--unit", "vp", "--as-of", "31/12/2030", "-f", "json", root=office.root)
    lines = {t["id"]: t for t in json.loads(report.out)["units"][0]["tasks"]}
    assert (lines["01-vp-2"]["continued_as"], lines["01-vp-3"]["continued_as"]) == ("2031/01-vp-1", "2031/01-vp-2")
    assert office.validates()


def test_the_same_postponement_on_two_branches_keeps_one_continuation(office):
    merged = office.two_branches(
        lan=[("plan", "mark", "01-vp-2", "postponed", "--to", "2030-05", "--on", "01/02/2030", "--note", "Chờ", "--by", "Lan")],
        minh=[("plan", "mark", "01-vp-2", "postponed", "--to", "2030-05", "--on", "03/02/2030", "--note", "Chờ kế hoạch", "--by", "Minh")],
        into="lan",
    )
    assert merged.returncode == 0, merged.stdout + merged.stderr
    tasks = office.tasks()
    assert [i for i in tasks if i.startswith("05-vp-")] == ["05-vp-1"]
    assert [h["by"] for h in tasks["01-vp-2"]["history"]] == ["Lan", "Minh"]  # both entries, in date order
    assert chain_ids(office, "01-vp-2") == ["2030/01-vp-2", "2030/05-vp-1"]
    assert office.validates()


def test_one_postponement_on_both_branches_then_marked_on_one_keeps_one_continuation(office):
    merged = office.two_branches(
        lan=[("plan", "mark", "01-vp-2", "postponed", "--to", "2030-05", "--on", "01/02/2030", "--by", "Lan")],
        minh=[
            ("plan", "add", "--month", "5", "--unit", "vp", "Việc tháng Năm của Minh.", "--on", "01/02/2030"),
            ("plan", "mark", "01-vp-2", "postponed", "--to", "2030-05", "--on", "01/02/2030", "--by", "Lan"),
            ("plan", "mark", "01-vp-2", "done", "--on", "20/05/2030", "--by", "Minh"),  # goes to Minh's 05-vp-2
        ],
    )
    assert merged.returncode == 0, merged.stdout + merged.stderr
    tasks = office.tasks()
    assert sorted(i for i in tasks if i.startswith("05-vp-")) == ["05-vp-1", "05-vp-2"]  # Lan's 05-vp-1 is Minh's 05-vp-2
    assert tasks["05-vp-1"]["text"] == "Việc tháng Năm của Minh."
    assert (tasks["05-vp-2"]["continues"], tasks["05-vp-2"]["status"]) == ("01-vp-2", "done")
    assert chain_ids(office, "01-vp-2") == ["2030/01-vp-2", "2030/05-vp-2"]
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
