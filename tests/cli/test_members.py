"""Members, meetings, petitions and fees through the CLI, on the repository's members/ and copies."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import DATA, golden
from tests.gitutil import git, init_repo

GOLDEN = Path(__file__).parent / "golden"


def ids(run) -> list[str]:
    assert run.code == 0, run.err
    return [r["id"] for r in json.loads(run.out)]


def test_the_2024_meeting_plan_is_in_the_data(lmhtx):
    meetings = json.loads(lmhtx("meetings", "list", "--year", "2024", "-f", "json").out)
    assert [m["id"] for m in meetings][:4] == ["2024-q1", "2024-q2", "2024-q3", "2024-q4"]
    assert [m["quarter"] for m in meetings[:4]] == [1, 2, 3, 4]
    assert {m["area"] for m in meetings[4:]} == {"vinh-bao", "tien-lang", "thuy-nguyen", "an-duong-kien-an-an-lao", "duong-kinh-do-son-kien-thuy", "noi-thanh"}
    assert all(m["status"] == "planned" and m["lead_unit"] == "khth" and not m["minutes"] and not m["attendees"] for m in meetings)
    for key in ("id", "quarter", "date", "area", "format", "themes", "lead_unit", "status"):
        assert key in meetings[0]


def test_only_the_two_named_members_are_real(lmhtx):
    members = json.loads(lmhtx("members", "list", "-f", "json").out)
    real = [m["id"] for m in members if not m["sample"]]
    assert real == ["thang-thuy", "quang-hai"]
    assert all("(mẫu)" in m["name"] for m in members if m["sample"])


@pytest.mark.parametrize(
    "args, expected",
    [
        (["--area", "Tiên Lãng"], ["mau-dien-tien-lang"]),
        (["--area", "kien an"], ["mau-rau-an-lao"]),
        (["--club", "thủy sản"], ["mau-thuy-san-do-son"]),
        (["--kind", "doanh nghiệp"], ["quang-hai"]),
        (["--kind", "lien-hiep-htx"], ["mau-lien-hiep-thuy-nguyen"]),
        (["--search", "THANG THUY"], ["thang-thuy"]),
        (["--fee", "unpaid", "--year", "2024"], ["mau-thuy-san-do-son", "mau-lien-hiep-thuy-nguyen"]),
        (["--fee", "partial", "--year", "2024"], ["mau-dien-tien-lang"]),
        (["--area", "vinh-bao", "--active"], ["thang-thuy"]),
    ],
)
def test_member_filters(lmhtx, args, expected):
    assert ids(lmhtx("members", "list", *args, "-f", "json")) == expected


@pytest.mark.parametrize("args, message", [(["--area", "Hải Dương"], 'unknown area "Hải Dương"'), (["--club", "câu lạc bộ"], "ambiguous"), (["--kind", "hội"], 'unknown kind "hội"'), (["--fee", "maybe"], 'unknown fee status "maybe"')])
def test_member_filter_mistakes(english, lmhtx, args, message):
    run = lmhtx("members", "list", *args)
    assert run.code == 2 and message in run.err


def test_member_table_and_detail(lmhtx):
    table = lmhtx("members", "list")
    assert "thang-thuy" in table.out and "8 thành viên" in table.out
    assert max(len(line) for line in table.out.splitlines()) <= 80
    detail = lmhtx("members", "show", "mau-dien-tien-lang")
    golden(GOLDEN / "members_show.txt", detail.out)
    assert lmhtx("members", "show", "quang hai").out.startswith("Công ty TNHH Quang Hải\n")
    assert lmhtx("members", "show", "nobody").code == 2


def test_fees_totals_and_rate(lmhtx):
    run = lmhtx("fees", "--year", "2024")
    golden(GOLDEN / "fees_2024.txt", run.out)
    data = json.loads(lmhtx("fees", "--year", "2024", "-f", "json").out)
    assert (data["due"], data["paid"], data["rate"]) == (10_500_000, 5_000_000, 0.4762)
    assert data["not_billed"] == ["thang-thuy", "quang-hai"]
    unpaid = lmhtx("fees", "--year", "2024", "--unpaid", "-f", "csv").out.splitlines()
    assert len(unpaid) == 4  # header + partial + two unpaid


def test_petitions_open_and_overdue_views(lmhtx):
    assert ids(lmhtx("petitions", "list", "--open", "-f", "json")) == ["kn-2024-01", "kn-2024-03"]
    assert ids(lmhtx("petitions", "list", "--overdue", "--as-of", "2024-11-01", "-f", "json")) == ["kn-2024-01"]
    assert ids(lmhtx("petitions", "list", "--overdue", "--as-of", "2024-10-01", "-f", "json")) == []
    assert ids(lmhtx("petitions", "list", "--unit", "quy", "-f", "json")) == ["kn-2024-02"]


def test_recording_a_meeting_changes_only_its_lines(lmhtx, office):
    init_repo(office)
    run = lmhtx("meetings", "mark", "2024-q2", "đã tổ chức", "--date", "14/06/2024", "--on", "14/06/2024", "--attendees", "thang-thuy,mau-rau-an-lao", "--minutes", "Trao đổi về vốn và thị trường.", "--by", "Lan", root=office)
    assert run.code == 0, run.err
    diff = git(office, "diff", "-U0").stdout
    changed = [l for l in diff.splitlines() if l[:1] in "+-" and not l.startswith(("+++", "---"))]
    assert changed == [
        "-    status: planned",
        "+    status: done",
        '+    minutes: "Trao đổi về vốn và thị trường."',
        "+    attendees: [thang-thuy, mau-rau-an-lao]",
        "+    history:",
        "+      - on: 2024-06-14",
        "+        status: done",
        "+        date: 2024-06-14",  # the date this change set; the meeting's own date: is the one planned
        '+        by: "Lan"',
    ]
    meeting = json.loads(lmhtx("meetings", "show", "2024-q2", "-f", "json", root=office).out)
    assert meeting["date"] == "2024-06-14" and meeting["attendees"] == ["thang-thuy", "mau-rau-an-lao"]
    assert lmhtx("validate", root=office).code == 0
    assert "Thành viên dự: HTX Nông nghiệp Thắng Thủy, HTX Rau sạch An Lão (mẫu)" in lmhtx("meetings", "show", "2024-q2", root=office).out


def test_a_meeting_marked_held_later_is_held_from_its_date(lmhtx, office, monkeypatch):
    monkeypatch.setenv("LMHTX_TODAY", "2024-07-03")  # recorded in July, held in June
    assert lmhtx("meetings", "mark", "2024-q2", "done", "--date", "14/06/2024", "--by", "Lan", root=office).code == 0
    meeting = json.loads(lmhtx("meetings", "show", "2024-q2", "-f", "json", root=office).out)
    assert meeting["history"] == [{"on": "2024-06-14", "status": "done", "date": "2024-06-14", "by": "Lan"}]
    report = json.loads(lmhtx("report", "quarter", "II", "--year", "2024", "--as-of", "30/06/2024", "-f", "json", root=office).out)
    assert report["members"]["meetings_held"] == 1
    assert lmhtx("meetings", "mark", "2024-q3", "postponed", "--date", "05/09/2024", "--note", "Trùng hội chợ", root=office).code == 0
    assert json.loads(lmhtx("meetings", "show", "2024-q3", "-f", "json", root=office).out)["history"][0]["on"] == "2024-07-03"


def test_meeting_mistakes(english, lmhtx, office):
    assert "needs a reason" in lmhtx("meetings", "mark", "2024-q3", "hủy", root=office).err
    assert 'unknown member "ai-do"' in lmhtx("meetings", "mark", "2024-q3", "done", "--attendees", "ai-do", root=office).err
    wrong_quarter = lmhtx("meetings", "mark", "2024-q3", "done", "--date", "2024-02-01", root=office)
    assert wrong_quarter.code == 0  # held in another quarter than planned: recorded, and validate says so
    assert "the meeting's date is set to 01/02/2024, outside Q3/2024 it was planned for" in lmhtx("validate", root=office).out
    assert "no meeting" in lmhtx("meetings", "mark", "2024-q9", "done", root=office).err


def test_a_petition_from_received_to_resolved(lmhtx, office):
    added = lmhtx("petitions", "add", "Đề nghị hỗ trợ   xây dựng nhãn hiệu.", "--member", "thang-thuy", "--topic", "thị trường", "--meeting", "2024-q4", "--unit", "ttht", "--on", "20/11/2024", root=office)
    assert added.code == 0, added.err
    assert "kn-2024-vkx" in added.out
    refused = lmhtx("petitions", "mark", "kn-2024-vkx", "forwarded", root=office)
    assert refused.code == 2 and "--forwarded-to" in refused.err
    assert lmhtx("petitions", "mark", "kn-2024-vkx", "đã chuyển", "--forwarded-to", "Sở Khoa học và Công nghệ", "--due", "15/12/2024", "--on", "22/11/2024", root=office).code == 0
    assert lmhtx("petitions", "mark", "kn-2024-vkx", "answered", root=office).code == 2  # the answer is required
    assert lmhtx("petitions", "mark", "kn-2024-vkx", "answered", "--answer", "Sở hướng dẫn hồ sơ đăng ký nhãn hiệu.", "--on", "10/12/2024", root=office).code == 0
    assert lmhtx("petitions", "mark", "kn-2024-vkx", "resolved", "--on", "20/12/2024", root=office).code == 0
    petition = json.loads(lmhtx("petitions", "list", "--member", "thang-thuy", "-f", "json", root=office).out)[0]
    assert [h["status"] for h in petition["history"]] == ["forwarded", "answered", "resolved"]
    assert petition | {"file": "", "line": 0, "history": []} == {
        "id": "kn-2024-vkx",
        "year": 2024,
        "member": "thang-thuy",
        "member_name": "HTX Nông nghiệp Thắng Thủy",
        "meeting": "2024-q4",
        "topic": "thị trường",
        "text": "Đề nghị hỗ trợ   xây dựng nhãn hiệu.",  # as typed
        "unit": "ttht",
        "forwarded_to": "Sở Khoa học và Công nghệ",
        "due": "2024-12-15",
        "status": "resolved",
        "overdue": False,
        "answer": "Sở hướng dẫn hồ sơ đăng ký nhãn hiệu.",
        "received": "2024-11-20",
        "forwarded": "2024-11-22",
        "answered": "2024-12-10",
        "resolved": "2024-12-20",
        "sample": False,
        "history": [],
        "file": "",
        "line": 0,
    }
    assert lmhtx("validate", root=office).code == 0


def test_a_petition_for_an_unknown_member_is_refused(lmhtx, office):
    run = lmhtx("petitions", "add", "Văn bản.", "--member", "khong-co", "--topic", "vốn", root=office)
    assert run.code == 2 and 'không có thành viên "khong-co"' in run.err


def test_calendar_for_phones_and_outlook(lmhtx, office):
    lmhtx("meetings", "mark", "2024-vinh-bao", "planned", "--date", "2024-09-12", "--note", "Đã chốt ngày", root=office)
    target = office / "lich.ics"
    run = lmhtx("meetings", "ics", "--year", "2024", "--output", str(target), root=office)
    assert run.code == 0
    text = target.read_bytes().decode("utf-8")
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR" and lines[-1] == ""
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    assert text.count("BEGIN:VEVENT") == 5  # four quarterly meetings, and the one now dated
    unfolded = text.replace("\r\n ", "")
    assert "UID:2024-vinh-bao@ten-co-quan.lmhtx\r\nDTSTAMP:20240912T000000Z\r\nDTSTART;VALUE=DATE:20240912\r\nDTEND;VALUE=DATE:20240913" in unfolded
    assert "SUMMARY:Sinh hoạt thành viên Quý II/2024 (chưa xếp lịch): chưa xác định" in unfolded
    assert "DESCRIPTION:Chủ trì: Phòng Kế hoạch - Tổng hợp\\nTrạng thái: dự kiến" in unfolded  # words, not codes
    assert "Hình thức: sinh hoạt theo địa bàn" in unfolded and "LOCATION:Địa bàn huyện Vĩnh Bảo" in unfolded
    assert "khth" not in unfolded and "planned" not in unfolded and "dia-ban" not in unfolded
    english = re.sub(r"\r?\n ", "", lmhtx("--lang", "en", "meetings", "ics", "--year", "2024", root=office).out)
    assert "SUMMARY:Member meeting\\, Q2/2024 (not yet scheduled): to be decided" in english
    assert "Lead: Planning and General Affairs Department\\nStatus: planned" in english and "Format: area meeting" in english
    assert "5 buổi sinh hoạt chưa có ngày cũng chưa có quý" in run.err
    assert lmhtx("meetings", "ics", root=office).out.startswith("BEGIN:VCALENDAR")


def test_validation_across_member_files(lmhtx):
    run = lmhtx("validate", root=DATA / "members_broken")
    assert run.code == 1
    golden(GOLDEN / "validate_members_broken.txt", run.out)


def test_the_digest_and_reports_show_the_member_side(lmhtx):
    digest = lmhtx("digest", "--month", "2024-11", "--as-of", "2024-11-25")
    assert "## 4. Hội nghị sinh hoạt thành viên trong kỳ" in digest.out
    assert "- `2024-q4` Quý IV/2024" in digest.out
    assert "## 5. Kiến nghị chưa được trả lời (1 quá hạn trả lời)" in digest.out
    report = json.loads(lmhtx("report", "quarter", "4", "--year", "2024", "--as-of", "2024-11-25", "-f", "json").out)
    assert report["members"]["overdue_count"] == 1
    assert report["members"]["fees"]["rate_text"] == "47,6%"
    assert [m["id"] for m in report["members"]["meetings"]] == ["2024-q4"]


def test_a_plan_with_errors_does_not_stop_the_meetings_list(lmhtx, office):
    """Lead units are named from the plan; a plan that does not validate leaves their codes."""
    assert "| Phòng Kế hoạch - Tổng hợp |" in lmhtx("meetings", "list", "--year", "2024", "-f", "md", root=office).out
    month = office / "plans/2024/05.yaml"
    month.write_text(month.read_text(encoding="utf-8").replace("status: planned", "status: planed", 1), encoding="utf-8")
    run = lmhtx("meetings", "list", "--year", "2024", "-f", "md", root=office)
    assert run.code == 0, run.err
    assert "| khth |" in run.out


def test_two_offices_calendars_never_share_an_event_id(lmhtx, office, tmp_path):
    """Both offices plan a `2024-q1` meeting; a phone that subscribes to both shows two events."""
    uids = []
    for agency in (["LIÊN MINH HỢP TÁC XÃ", "THÀNH PHỐ HẢI PHÒNG"], ["LIÊN MINH HỢP TÁC XÃ", "TỈNH ĐIỆN BIÊN"]):
        (office / "settings.yaml").write_text("agency:\n" + "".join(f'  - "{line}"\n' for line in agency), encoding="utf-8")
        assert lmhtx("meetings", "ics", "--year", "2024", "--output", str(tmp_path / "lich.ics"), root=office).code == 0
        text = (tmp_path / "lich.ics").read_bytes().decode("utf-8").replace("\r\n ", "")
        uids.append({line for line in text.split("\r\n") if line.startswith("UID:")})
    assert "UID:2024-q1@lien-minh-hop-tac-xa-thanh-pho-hai-phong.lmhtx" in uids[0]
    assert "UID:2024-q1@lien-minh-hop-tac-xa-tinh-dien-bien.lmhtx" in uids[1]
    assert not uids[0] & uids[1]
