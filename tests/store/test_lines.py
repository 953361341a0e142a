"""One idea of a line: the YAML reader, the text edits and validate count lines the same way.

libyaml counts U+2028, U+2029, U+0085 and a lone CR as line breaks; `split("\\n")` does not. A
file holding one of them before a task must still have each mark land on its own task, change
only that task's lines (byte for byte elsewhere, each line keeping its own line end), and never
write such a character raw.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest

from lmhtx_cli.store.yamlio import parse, split_lines
from tests.conftest import REPO

HEADER = "# Sample month (tests only).\nyear: 2030\nmonth: 3\nunits:\n  vp:\n"


def task(number: int, text: str, extra: str = "") -> str:
    return f'    - id: 03-vp-{number}\n      text: "{text}"\n      status: planned\n{extra}'


def show(lmhtx, root, task_id: str) -> dict:
    run = lmhtx("plan", "show", task_id, "-f", "json", root=root)
    assert run.code == 0, run.err
    return json.loads(run.out)


BREAKS = {
    "line-separator": "\u2028",
    "paragraph-separator": "\u2029",
    "next-line": "\x85",
    "lone-cr": "\r",
    "two-separators": "\u2028\u2029",
    "cr-then-separator": "\r\u2028",
}


@pytest.mark.parametrize("breaker", list(BREAKS.values()), ids=list(BREAKS))
def test_a_mark_after_a_raw_line_break_lands_on_its_own_task(lmhtx, small_root, breaker):
    path = small_root / "plans/2030/03.yaml"
    text = HEADER + task(1, f"Lan{breaker}Anh") + task(2, "Hai") + task(3, f"Ba{breaker}bốn") + task(4, "Bốn")
    path.write_bytes(text.encode("utf-8"))
    before = path.read_bytes()
    assert lmhtx("plan", "mark", "03-vp-2", "done", "--on", "2030-03-05", "--by", "Lan", root=small_root).code == 0
    assert lmhtx("plan", "mark", "03-vp-4", "cancelled", "--on", "2030-03-06", "--by", "Lan", "--note", "bỏ", root=small_root).code == 0
    statuses = {n: show(lmhtx, small_root, f"03-vp-{n}")["status"] for n in (1, 2, 3, 4)}
    assert statuses == {1: "planned", 2: "done", 3: "planned", 4: "cancelled"}
    after = path.read_bytes().decode("utf-8")
    record_2 = '      status: done\n      history:\n        - on: 2030-03-05\n          status: done\n          by: "Lan"\n'
    record_4 = '      status: cancelled\n      history:\n        - on: 2030-03-06\n          status: cancelled\n          by: "Lan"\n          note: "bỏ"\n'
    restored = after.replace('"Hai"\n' + record_2, '"Hai"\n      status: planned\n').replace('"Bốn"\n' + record_4, '"Bốn"\n      status: planned\n')
    assert restored.encode("utf-8") == before  # every byte outside the two tasks, raw breaks included
    assert lmhtx("validate", root=small_root).code == 0


def test_the_command_of_the_issue_marks_the_right_task(lmhtx, tmp_path):
    root = tmp_path / "office"
    shutil.copytree(REPO / "plans", root / "plans")
    first = lmhtx("plan", "mark", "05-vp-1", "done", "--year", "2024", "--by", "Lan\u2028Anh", root=root)
    assert first.code in (0, 2), first.err  # stored (escaped) or refused at the option
    assert lmhtx("plan", "mark", "05-khth-1", "done", "--year", "2024", root=root).code == 0
    assert show(lmhtx, root, "05-khth-1")["status"] == "done"
    assert show(lmhtx, root, "05-khth-2")["status"] == "planned"
    text = (root / "plans/2024/05.yaml").read_text(encoding="utf-8")
    assert not re.search("[\x85\u2028\u2029]", text)
    if first.code == 0:
        (entry,) = show(lmhtx, root, "05-vp-1")["history"]
        assert entry["by"] == "Lan\u2028Anh"
    assert lmhtx("validate", root=root).code == 0


@pytest.mark.parametrize("value", ["Lan\u2028Anh", "a\x85b", "p\u2029q", "cr\rinside", "del\x7fc1\x9b", "bom\ufeffx", "tab\tnew\nline"], ids=["ls", "nel", "ps", "cr", "c1", "bom", "tab-newline"])
def test_values_the_tool_writes_never_hold_a_raw_line_break(lmhtx, small_root, value):
    path = small_root / "plans/2030/01.yaml"
    run = lmhtx("plan", "mark", "01-vp-2", "done", "--note", value, root=small_root)
    if run.code == 2:  # refused at the option: nothing written
        assert "--note" in run.err
        return
    assert run.code == 0, run.err
    text = path.read_bytes().decode("utf-8")
    assert not re.search("[\r\x7f-\x9f\u2028\u2029\ufeff]", text)
    lines, _ = split_lines(text)
    assert lines == text.split("\n")[:-1]  # one idea of a line: the file has only plain line ends
    (entry,) = show(lmhtx, small_root, "01-vp-2")["history"]
    assert entry["note"] == value
    assert lmhtx("plan", "mark", "01-ttdt-1", "done", "--on", "2030-06-01", root=small_root).code == 0
    assert show(lmhtx, small_root, "01-ttdt-1")["status"] == "done"


LINE_ENDS = {
    "crlf": ("\r\n", "\r\n"),
    "cr-only": ("\r", "\r"),
    "mixed-crlf-first": ("\r\n", "\n"),
    "mixed-lf-first": ("\n", "\r\n"),
    "mixed-cr": ("\r", "\n"),
}


@pytest.mark.parametrize("ends", list(LINE_ENDS.values()), ids=list(LINE_ENDS))
def test_files_with_other_or_mixed_line_ends_are_edited_only_where_the_task_is(lmhtx, small_root, ends):
    path = small_root / "plans/2030/03.yaml"
    plain = HEADER + task(1, "Một") + task(2, "Hai") + task(3, "Ba")
    lines = plain.split("\n")[:-1]
    # alternate the two line ends, line by line
    text = "".join(line + ends[i % 2] for i, line in enumerate(lines))
    path.write_bytes(text.encode("utf-8"))
    assert lmhtx("plan", "mark", "03-vp-2", "done", "--on", "2030-03-05", root=small_root).code == 0
    assert lmhtx("plan", "mark", "03-vp-3", "in_progress", "--on", "2030-03-06", root=small_root).code == 0
    after = path.read_bytes().decode("utf-8")
    new_lines, new_ends = split_lines(after)
    old_lines, old_ends = split_lines(text)
    # the lines before the changed task are the same, with the same line ends
    first_changed = old_lines.index('      text: "Hai"') + 1
    assert (new_lines[:first_changed], new_ends[:first_changed]) == (old_lines[:first_changed], old_ends[:first_changed])
    assert set(new_ends) <= set(ends)
    assert [show(lmhtx, small_root, f"03-vp-{n}")["status"] for n in (1, 2, 3)] == ["planned", "done", "in_progress"]
    assert lmhtx("validate", root=small_root).code == 0


def test_a_file_without_a_final_line_end_keeps_having_none(lmhtx, small_root):
    path = small_root / "plans/2030/03.yaml"
    path.write_bytes((HEADER + task(1, "Một")).rstrip("\n").encode("utf-8"))
    assert lmhtx("plan", "mark", "03-vp-1", "done", "--on", "2030-03-05", "--by", "Lan", root=small_root).code == 0
    after = path.read_bytes()
    assert after.endswith(b'      status: done\n      history:\n        - on: 2030-03-05\n          status: done\n          by: "Lan"')
    assert show(lmhtx, small_root, "03-vp-1")["status"] == "done"


def test_validate_points_at_the_line_the_writer_would_edit(lmhtx, small_root, english):
    path = small_root / "plans/2030/03.yaml"
    text = HEADER + task(1, "Lan\u2028Anh\x85Chi") + task(2, "Hai").replace("planned", "plannd")
    path.write_bytes(text.encode("utf-8"))
    run = lmhtx("validate", root=small_root)
    assert run.code == 1
    (line,) = [l for l in run.out.splitlines() if l.startswith("plans/2030/03.yaml:") and "unknown-status" in l]
    number, column = map(int, line.split(":")[1:3])
    lines, _ = split_lines(text)
    assert lines[number - 1][column - 1 :] == "plannd"


def test_reader_and_writer_agree_on_every_line_of_awkward_text():
    text = 'a: 1\r\nb: "x\u2028y"\rc: 3\x85d: "p\u2029q"\ne: [1,\r 2]\nf: 6'
    doc = parse(text.replace("\r\n", "\n"), "t.yaml")
    lines, ends = split_lines(text)
    for key in "abcdef":
        line, column = doc.keys[(key,)]
        assert lines[line - 1][column - 1 :].startswith(f"{key}:")
    assert "".join(l + e for l, e in zip(lines, ends)) == text
