"""`plan diff` around merges: during one it compares what is resolved and names what is not; on
a merge commit it shows what the merge brought; every field's change is listed, in JSON too."""

from __future__ import annotations

import json

from tests.gitutil import git

MONTH_1 = "plans/2030/01.yaml"


def _diff(office, *args: str):
    return office.lmhtx("plan", "diff", *args, root=office.root)


def test_a_ref_fixed_and_a_tag_are_changes(english, office):
    office.run("plan", "mark", "01-vp-2", "done", "--on", "03/02/2030", "--by", "Lan", "--ref", "Số 3/BC-VP")
    office.write("plans/2030/plan.yaml", office.text("plans/2030/plan.yaml") + 'threads:\n  - code: tuyen-dung\n    name: "Tuyển dụng"\n')
    office.commit("marked")
    office.write(MONTH_1, office.text(MONTH_1).replace('ref: "Số 3/BC-VP"', 'ref: "Số 4/BC-VP"'))
    office.run("plan", "tag", "01-vp-2", "--thread", "tuyen-dung")
    text = _diff(office)
    assert text.code == 0, text.err
    assert "history: + done, 03/02/2030, Lan, Số 4/BC-VP; − done, 03/02/2030, Lan, Số 3/BC-VP" in " ".join(text.out.split())
    assert "initiative: — → tuyen-dung" in text.out and "No changes." not in text.out
    changes = json.loads(_diff(office, "--format", "json").out)["changes"]
    assert [(c["kind"], c["id"]) for c in changes] == [("history", "01-vp-2"), ("thread", "01-vp-2")]
    assert changes[0]["entries_added"][0]["ref"] == "Số 4/BC-VP" and changes[0]["entries_removed"][0]["ref"] == "Số 3/BC-VP"
    assert (changes[1]["before"]["thread"], changes[1]["after"]["thread"]) == (None, "tuyen-dung")


def test_during_a_conflicted_merge_the_resolved_files_are_compared_and_the_others_named(english, office):
    merged = office.two_branches(
        lan=[("plan", "mark", "01-vp-2", "done", "--on", "03/02/2030", "--by", "Lan"), ("plan", "mark", "05-quy-1", "in_progress", "--on", "03/02/2030", "--by", "Lan")],
        minh=[("plan", "mark", "01-vp-2", "in_progress", "--on", "03/02/2030", "--by", "Minh")],
    )
    assert merged.returncode != 0  # two decisions on one day: 01.yaml stays in conflict
    run = _diff(office)
    assert run.code == 1
    assert "plans/2030/01.yaml: still in conflict in this merge" in run.err
    assert "05-quy-1" in run.out and "01-vp-1" not in run.out and "removed" not in run.out
    listed = json.loads(_diff(office, "-f", "json").out)
    assert listed["conflicted"] == ["plans/2030/01.yaml"] and [c["id"] for c in listed["changes"]] == ["05-quy-1"]


def test_on_a_merge_commit_it_shows_what_the_merge_brought(english, office):
    merged = office.two_branches(
        lan=[("plan", "mark", "01-vp-2", "done", "--on", "03/02/2030", "--by", "Lan", "--note", "Lan xong")],
        minh=[("plan", "mark", "01-vp-2", "in_progress", "--on", "05/01/2030", "--by", "Minh"), ("plan", "mark", "05-quy-1", "in_progress", "--on", "06/01/2030", "--by", "Minh")],
    )
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert len(git(office.root, "rev-list", "--parents", "-n", "1", "HEAD").stdout.split()) == 3
    run = _diff(office)
    assert run.code == 0, run.err
    assert "against its first parent" in run.out
    assert "01-vp-2" in run.out and "Lan xong" in run.out and "Minh" not in run.out  # Lan's mark, not Minh's older entry
    assert "05-quy-1" not in run.out  # already on the first parent
