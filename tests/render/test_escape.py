"""Data cannot drive the terminal.

Escape sequences, carriage returns, bells, C1 controls, line separators and bidirectional
overrides in any text of the data (a task, a unit's name, a history note, a member's name, a
petition, a meeting's note, an initiative) are shown escaped in every output meant for a person
on a terminal (tables, details, reports, the plain digest, previews, diffs, messages); Markdown
and JSON keep the data exactly; `validate` warns about each such value where it stands.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from lmhtx_cli.typed import UNSAFE
from tests.conftest import REPO

# In YAML's double-quoted escapes: clear the screen, set the window title (OSC 0), write the
# clipboard (OSC 52), return to the line start, backspace, a C1 CSI, DEL, a line separator, a
# right-to-left override, NUL.
HOSTILE_YAML = r"\e[2J\e]0;pwned\a\e]52;c;ZWNobw==\a\r\b\x9b31m\x7f\u2028\u202e\0"
HOSTILE = "\x1b[2J\x1b]0;pwned\x07\x1b]52;c;ZWNobw==\x07\r\b\x9b31m\x7f\u2028\u202e\x00"
SHOWN = r"\x1b[2J\x1b]0;pwned\x07\x1b]52;c;ZWNobw==\x07\r\x08\x9b31m\x7f\u2028\u202e\x00"

# (file, text to find, text to put before it) — every kind of text a terminal view shows.
PLANTED = [
    ("plans/2024/05.yaml", '"Triển khai thu hồi vốn', "task"),
    ("plans/2024/plan.yaml", '"Quỹ Hỗ trợ Phát triển HTX"', "unit"),
    ("plans/2024/plan.yaml", '"Đề án phát triển trồng rau an toàn', "initiative"),
    ("members/members.yaml", '"HTX Nông nghiệp Thắng Thủy"', "member"),
    ("members/areas.yaml", '"Địa bàn huyện Vĩnh Bảo"', "area"),
    ("members/petitions/2024.yaml", '"Đề nghị hướng dẫn thủ tục thuê đất', "petition"),
    ("members/meetings/2024.yaml", '"Sinh hoạt thành viên Quý I', "meeting"),
]


def acts(text: str) -> list[str]:
    """The characters of `text` that would act on a terminal (its own line breaks aside)."""
    return [m.group() for m in UNSAFE.finditer(text) if m.group() != "\n"]


@pytest.fixture
def hostile(tmp_path) -> Path:
    root = tmp_path / "office"
    shutil.copytree(REPO / "plans", root / "plans")
    shutil.copytree(REPO / "members", root / "members")
    for name, anchor, what in PLANTED:
        path = root / name
        text = path.read_text(encoding="utf-8")
        assert anchor in text, (name, anchor)
        path.write_text(text.replace(anchor, f'"{what}:{HOSTILE_YAML}' + anchor[1:], 1), encoding="utf-8")
    month = root / "plans/2024/05.yaml"
    text = month.read_text(encoding="utf-8")
    task = re.search(r"( +)- id: 05-quy-2\n(?:\1  .*\n)*?\1  status: planned\n", text)
    assert task is not None
    indent = task.group(1)
    history = f'{indent}  history:\n{indent}    - on: 2024-05-20\n{indent}      status: planned\n{indent}      by: "by:{HOSTILE_YAML}"\n{indent}      note: "note:{HOSTILE_YAML}"\n{indent}      ref: "ref:{HOSTILE_YAML}"\n'
    month.write_text(text[: task.end()] + history + text[task.end() :], encoding="utf-8")
    return root


TERMINAL_VIEWS = [
    ("plan", "show", "--year", "2024", "--month", "5"),
    ("plan", "show", "--year", "2024", "--month", "5", "--unit", "quy"),
    ("plan", "show", "--year", "2024", "05-quy-1"),
    ("plan", "show", "--year", "2024", "05-quy-2"),
    ("plan", "mark", "--year", "2024", "05-quy-1", "done", "--dry-run"),
    ("plan", "threads", "--year", "2024"),
    ("plan", "thread", "--year", "2024", "rau-an-toan"),
    ("units", "--year", "2024"),
    ("report", "month", "5", "--year", "2024", "--as-of", "31/05/2024"),
    ("report", "quarter", "IV", "--year", "2024", "--as-of", "31/12/2024"),
    ("report", "year", "--year", "2024", "--as-of", "31/12/2024"),
    ("digest", "--month", "2024-05", "--format", "text"),
    ("digest", "--month", "2024-10", "--format", "text"),
    ("members", "list"),
    ("members", "show", "thang-thuy"),
    ("meetings", "list", "--year", "2024"),
    ("meetings", "show", "2024-q1"),
    ("petitions", "list"),
    ("validate",),
]


@pytest.mark.parametrize("args", TERMINAL_VIEWS, ids=[" ".join(a) for a in TERMINAL_VIEWS])
def test_terminal_views_show_control_characters_escaped(lmhtx, hostile, args):
    run = lmhtx(*args, root=hostile)
    assert run.code in (0, 1), run.err
    assert acts(run.out) == [] and acts(run.err) == []
    if args[0] != "validate":
        assert "\\x1b[2J\\x1b]0;pwned" in re.sub(r"\s+", "", run.out), run.out  # shown as escapes, as git and ls show odd file names


def test_every_planted_text_is_found_and_shown_escaped(lmhtx, hostile):
    outputs = "".join(
        lmhtx(*args, root=hostile).out
        for args in (
            ("plan", "show", "--year", "2024", "--month", "5"),
            ("plan", "show", "--year", "2024", "05-quy-2"),
            ("plan", "thread", "--year", "2024", "rau-an-toan"),
            ("members", "show", "thang-thuy"),
            ("meetings", "show", "2024-q1"),
            ("meetings", "list", "--year", "2024"),
            ("petitions", "list"),
        )
    )
    joined = re.sub(r"\s+", "", outputs)  # a long run without spaces may be wrapped anywhere
    for what in ("task", "unit", "initiative", "member", "area", "petition", "meeting", "by", "note", "ref"):
        assert f"{what}:{SHOWN}" in joined, what


def test_json_and_markdown_keep_the_data_exactly(lmhtx, hostile):
    task = json.loads(lmhtx("plan", "show", "--year", "2024", "05-quy-1", "--format", "json", root=hostile).out)
    assert task["text"].startswith("task:" + HOSTILE) and task["unit_name"].startswith("unit:" + HOSTILE)
    entry = json.loads(lmhtx("plan", "show", "--year", "2024", "05-quy-2", "--format", "json", root=hostile).out)["history"][-1]
    assert (entry["by"], entry["note"], entry["ref"]) == ("by:" + HOSTILE, "note:" + HOSTILE, "ref:" + HOSTILE)
    member = json.loads(lmhtx("members", "show", "thang-thuy", "--format", "json", root=hostile).out)
    assert member["name"] == "member:" + HOSTILE + "HTX Nông nghiệp Thắng Thủy"
    petitions = json.loads(lmhtx("petitions", "list", "--format", "json", root=hostile).out)
    assert petitions[0]["text"].startswith("petition:" + HOSTILE)
    markdown = lmhtx("plan", "show", "--year", "2024", "--month", "5", "--unit", "quy", "--format", "md", root=hostile).out
    assert "\x1b" in markdown and "\u202e" in markdown  # a file for other programs: the data as it is
    digest = lmhtx("digest", "--month", "2024-05", root=hostile).out
    assert "\x1b" in digest


def test_validate_warns_at_each_value(lmhtx, hostile, english):
    run = lmhtx("validate", "--format", "json", root=hostile)
    found = [p for p in json.loads(run.out) if p["code"] == "control-char"]
    files = sorted({p["file"] for p in found})
    assert files == ["members/areas.yaml", "members/meetings/2024.yaml", "members/members.yaml", "members/petitions/2024.yaml", "plans/2024/05.yaml", "plans/2024/plan.yaml"]
    assert all(p["level"] == "warning" for p in found) and len(found) == len(PLANTED) + 3  # by, note and ref of the history entry
    for problem in found:
        line = (hostile / problem["file"]).read_text(encoding="utf-8").splitlines()[problem["line"] - 1]
        assert HOSTILE_YAML in line[problem["column"] - 1 :], (problem, line)  # at the value itself
        assert problem["message"].startswith("character ") and "a control character (U+001B)" in problem["message"]


def test_validate_tells_each_kind_apart(lmhtx, small_root, english):
    month = small_root / "plans/2030/05.yaml"
    texts = {"escape": r"\e", "line separator": r"\u2028", "bidirectional control": r"\u2066", "noncharacter": r"\uffff", "control character (U+0085)": r"\x85"}
    body = month.read_text(encoding="utf-8")
    tasks = "".join(f'    - id: 05-quy-{n}\n      text: "Việc {n} {escape}."\n      status: planned\n' for n, escape in enumerate(texts.values(), start=2))
    month.write_text(body + tasks, encoding="utf-8")
    problems = [p for p in json.loads(lmhtx("validate", "--format", "json", root=small_root).out) if p["code"] == "control-char"]
    lines = month.read_text(encoding="utf-8").splitlines()
    assert [p["line"] for p in problems] == [lines.index(f"    - id: 05-quy-{n}") + 2 for n in range(2, 2 + len(texts))]  # at each text
    messages = " ".join(p["message"] for p in problems)
    for kind in ("a control character (U+001B)", "a line separator (U+2028)", "a bidirectional control (U+2066)", "a noncharacter (U+FFFF)", "a line separator (U+0085)"):
        assert kind in messages


def test_a_paragraph_and_a_tab_are_not_warned_about(lmhtx, small_root):
    plan = small_root / "plans/2030/plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("Dữ liệu mẫu dùng cho kiểm thử.", "Đoạn một.\n\n  Đoạn hai,\tcó tab."), encoding="utf-8")
    run = lmhtx("validate", root=small_root)
    assert run.code == 0 and "control-char" not in run.out


def test_a_diff_of_hostile_text_is_shown_escaped(lmhtx, hostile):
    from tests.gitutil import init_repo

    init_repo(hostile)
    month = hostile / "plans/2024/06.yaml"
    text = month.read_text(encoding="utf-8")
    first = re.search(r'text: "(.*)"', text)
    month.write_text(text.replace(first.group(0), f'text: "{HOSTILE_YAML}{first.group(1)}"', 1), encoding="utf-8")
    run = lmhtx("plan", "diff", root=hostile)
    assert run.code == 0 and SHOWN in run.out and acts(run.out) == []
    markdown = lmhtx("plan", "diff", "--format", "md", root=hostile)
    assert "\x1b" in markdown.out


def test_messages_on_stderr_are_escaped_too(lmhtx, hostile):
    run = lmhtx("plan", "show", "--year", "2024", "--month", "5", root=hostile)
    assert "control-char" in run.err and acts(run.err) == []  # the warning printed beside the result
    typed = lmhtx("plan", "show", "--year", "\x1b[2J2024", root=hostile)  # click's own message quotes the value
    assert typed.code == 2 and acts(typed.err) == [] and "\\x1b[2J" in typed.err


def test_the_tools_own_styling_stays_while_the_datas_is_escaped():
    from lmhtx_cli.plan.programme import Programme, TaskRow, Unit
    from lmhtx_cli.render.text import tasks_table

    unit = Unit("quy", "Quỹ " + HOSTILE, None, [])
    task = TaskRow("05-quy-1", 2024, 5, "quy", "Việc " + HOSTILE, "planned", None, None, [], "plans/2024/05.yaml", 3)
    out = tasks_table([task], Programme(2024, None, None, [unit], [task], []), "Tháng 5 " + HOSTILE, 80, "vi", styled=True)
    assert "\x1b[1m" in out  # bold headings, the tool's own
    assert acts(re.sub(r"\x1b\[[01]m", "", out)) == [] and re.sub(r"\s+", "", out).count(SHOWN) == 3


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal")
@pytest.mark.parametrize("args", [("plan", "show", "--year", "2024", "--month", "5"), ("report", "month", "5", "--year", "2024", "--as-of", "31/05/2024")], ids=["plan show", "report"])
def test_on_a_real_terminal_only_the_tools_colours_reach_it(hostile, args):
    import pty

    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "LMHTX_ROOT")} | {"TERM": "xterm-256color", "COLUMNS": "100", "LMHTX_NO_CACHE": "1"}
    out = b""
    pid, fd = pty.fork()
    if pid == 0:  # the child: the command, on the pseudo-terminal
        os.execve(sys.executable, [sys.executable, "-m", "lmhtx_cli", "--root", str(hostile), *args], env)
    try:
        while True:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
    finally:
        os.waitpid(pid, 0)
    text = out.decode("utf-8").replace("\r\n", "\n")
    assert SHOWN in text
    assert "\x1b[" in text  # the tool's own colours or bold, since this is a terminal
    assert acts(re.sub(r"\x1b\[[0-9;]*m", "", text)) == []  # nothing else: no clear screen, title, clipboard, CR or override


def test_a_new_years_draft_shows_recurring_hostile_text_escaped(lmhtx, hostile):
    for month in (hostile / "plans/2024").glob("[01]*.yaml"):
        text = month.read_text(encoding="utf-8")
        month.write_text(text.replace('"Đôn đốc thu tiền lãi, tiền gốc', f'"recurring:{HOSTILE_YAML}Đôn đốc thu tiền lãi, tiền gốc'), encoding="utf-8")
    run = lmhtx("plan", "new-year", "2025", "--from", "2024", "--dry-run", root=hostile)
    assert run.code == 0, run.err
    assert f"recurring:{SHOWN}" in re.sub(r"\s+", "", run.out) and acts(run.out) == []
