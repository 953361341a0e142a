"""Meetings and petitions recorded on two branches merge by id under real git."""

from __future__ import annotations

import json
import re

from tests.gitutil import git

MEETINGS = "members/meetings/2024.yaml"
PETITIONS = "members/petitions/2024.yaml"


def _json(office, *args):
    run = office.run(*args, "--format", "json")
    return json.loads(run.out)


def test_petitions_added_on_both_sides_are_both_kept_under_distinct_ids(member_office):
    office = member_office
    merged = office.two_branches(
        lan=[("petitions", "add", "Đề nghị hỗ trợ vốn mua máy gặt.", "--member", "thang-thuy", "--topic", "vốn", "--on", "02/12/2024")],
        minh=[("petitions", "add", "Đề nghị tập huấn về thuế.", "--member", "quang-hai", "--topic", "thuế", "--on", "03/12/2024")],
    )
    assert merged.returncode == 0, merged.stdout + merged.stderr
    petitions = {p["text"]: p["id"] for p in _json(office, "petitions", "list", "--year", "2024")}
    git(office.root, "checkout", "-q", "lan")
    lans = {p["text"]: p["id"] for p in _json(office, "petitions", "list", "--year", "2024")}
    assert petitions["Đề nghị hỗ trợ vốn mua máy gặt."] == lans["Đề nghị hỗ trợ vốn mua máy gặt."]  # never renumbered: Lan's later steps land on it
    assert re.fullmatch(r"kn-2024-[a-z][0-9a-z]{2}", petitions["Đề nghị tập huấn về thuế."])
    git(office.root, "checkout", "-q", "minh")
    assert office.validates()


def test_one_meeting_recorded_on_both_sides_unites_its_history(member_office):
    office = member_office
    merged = office.two_branches(
        lan=[
            ("meetings", "mark", "2024-q2", "postponed", "--on", "10/06/2024", "--note", "Trùng hội nghị", "--by", "Lan"),
            ("meetings", "mark", "2024-q3", "done", "--on", "20/09/2024", "--date", "20/09/2024", "--by", "Lan"),
        ],
        minh=[("meetings", "mark", "2024-q2", "done", "--on", "14/06/2024", "--date", "14/06/2024", "--attendees", "thang-thuy,quang-hai", "--by", "Minh")],
    )
    assert merged.returncode == 0, merged.stdout + merged.stderr
    text = office.text(MEETINGS)
    q2 = text[text.index("- id: 2024-q2") : text.index("- id: 2024-q3")]
    assert q2.index("on: 2024-06-10") < q2.index("on: 2024-06-14")
    assert "status: done" in q2.split("history:")[0]  # the later entry decides
    assert "attendees: [thang-thuy, quang-hai]" in q2 and "date: 2024-06-14" in q2
    q3 = text[text.index("- id: 2024-q3") : text.index("- id: 2024-q4")]
    assert "status: done" in q3 and "date: 2024-09-20" in q3
    assert office.validates()
