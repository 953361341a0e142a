"""`lmhtx validate`: every problem of every file in one run, each located, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import DATA, golden

GOLDEN = Path(__file__).parent / "golden"


def test_clean_data_passes(lmhtx):
    run = lmhtx("validate")
    assert run.code == 0
    assert run.out == "ổn: không có lỗi nào\n"


def test_every_problem_of_every_file_is_one_located_line(english, lmhtx):
    run = lmhtx("validate", root=DATA / "broken")
    assert run.code == 1
    golden(GOLDEN / "validate_broken.txt", run.out)


def test_a_byte_order_mark_and_crlf_line_ends_are_accepted(lmhtx):
    run = lmhtx("validate", root=DATA / "broken")
    assert "03.yaml" not in run.out


def test_json_lists_the_same_problems(english, lmhtx):
    text = lmhtx("validate", root=DATA / "broken").out.splitlines()[:-1]
    problems = json.loads(lmhtx("validate", "--format", "json", root=DATA / "broken").out)
    assert [f"{p['file']}:{p['line']}:{p['column']}: {p['level']}: {p['message']} [{p['code']}]" for p in problems] == text


def test_an_unknown_key_is_a_warning_unless_strict(english, lmhtx, small_root):
    month = small_root / "plans/2030/05.yaml"
    month.write_text(month.read_text(encoding="utf-8").replace("      status: planned", "      status: planned\n      stauts: done"), encoding="utf-8")
    relaxed = lmhtx("validate", root=small_root)
    assert relaxed.code == 0
    assert relaxed.out.startswith('plans/2030/05.yaml:9:7: warning: unknown key "stauts"; did you mean "status"? [unknown-key]')
    strict = lmhtx("validate", "--strict", root=small_root)
    assert strict.code == 1
    assert "plans/2030/05.yaml:9:7: error: unknown key" in strict.out


def test_an_unknown_unit_suggests_the_one_meant(english, lmhtx, small_root):
    month = small_root / "plans/2030/05.yaml"
    month.write_text(month.read_text(encoding="utf-8").replace("  quy:", "  quỹ:"), encoding="utf-8")
    run = lmhtx("validate", root=small_root)
    assert run.code == 1
    assert 'plans/2030/05.yaml:5:3: error: unknown unit "quỹ"; did you mean "quy"' in run.out


def test_a_missing_plan_file_is_reported(english, lmhtx, small_root):
    (small_root / "plans/2030/plan.yaml").unlink()
    run = lmhtx("validate", root=small_root)
    assert run.code == 1
    assert "no plan.yaml" in run.out


def test_an_empty_file_and_a_list_file_are_located_errors(english, lmhtx, small_root):
    (small_root / "plans/2030/03.yaml").write_text("", encoding="utf-8")
    (small_root / "plans/2030/04.yaml").write_text("- a\n- b\n", encoding="utf-8")
    run = lmhtx("validate", root=small_root)
    assert "plans/2030/03.yaml:1:1: error: the file is empty [empty-file]" in run.out
    assert "plans/2030/04.yaml:1:1: error: the file must hold a mapping of keys, not a list [schema]" in run.out


def test_yes_no_and_on_are_words_not_booleans(lmhtx, small_root):
    month = small_root / "plans/2030/05.yaml"
    month.write_text(month.read_text(encoding="utf-8").replace('text: "Triển khai thu hồi vốn; kế hoạch cho vay vốn năm 2030."', "text: yes"), encoding="utf-8")
    assert lmhtx("validate", root=small_root).code == 0


def test_no_data_folder_is_a_clear_error(english, lmhtx, tmp_path):
    run = lmhtx("validate", root=tmp_path)
    assert run.code == 2
    assert run.err == f"lmhtx: error: no plans/ folder in {tmp_path} (given by --root)\n"


def test_due_outside_year(english, lmhtx, small_root):
    """A task's own deadline (`due:`) lies in its programme's year [due-outside-year]."""
    month = small_root / "plans/2030/05.yaml"
    text = month.read_text(encoding="utf-8")
    month.write_text(text.replace("      status: planned", "      status: planned\n      due: 2031-01-15"), encoding="utf-8")
    run = lmhtx("validate", root=small_root)
    assert run.code == 1
    assert "plans/2030/05.yaml:9:12: error: due 15/01/2031 is not in 2030: a task of the 2030 programme is due within its year [due-outside-year]" in run.out
    month.write_text(text.replace("      status: planned", "      status: planned\n      due: 2030-05-15"), encoding="utf-8")
    assert lmhtx("validate", root=small_root).code == 0
