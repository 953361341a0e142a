"""Property-based tests (hypothesis): edits, marks and unit names the examples did not think of."""

from __future__ import annotations

import difflib
import shutil
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from lmhtx_cli.cli import app
from lmhtx_cli.matching import match_unit
from lmhtx_cli.plan.programme import Unit
from lmhtx_cli.text import fold
from lmhtx_cli.workspace.validation import validate_everything
from tests.conftest import DATA, REPO

MONTH = (DATA / "small" / "plans/2030/01.yaml").read_text(encoding="utf-8")
EDIT_CHARS = st.sampled_from(list(":-'\"[]{}#&*!|>%@`, \n\tabcxyz0123456789ữđ") + ["\u00a0", "\x00", "  ", "- ", ": "])


@st.composite
def edited_text(draw) -> str:
    text = MONTH
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "duplicate-line", "swap-lines"]))
        if action == "insert":
            text = text[:position] + draw(EDIT_CHARS) + text[position:]
        elif action == "delete":
            text = text[:position] + text[position + draw(st.integers(1, 5)) :]
        else:
            lines = text.split("\n")
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            if action == "duplicate-line":
                lines.insert(i, lines[j])
            else:
                lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
    return text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=edited_text())
def test_random_edits_never_crash_validate_and_every_problem_is_located(small_root, text):
    path = small_root / "plans/2030/01.yaml"
    path.write_text(text, encoding="utf-8")
    problems = validate_everything(small_root, use_cache=False)
    lines = text.count("\n") + 1
    for problem in problems:
        assert problem.file and problem.level in ("error", "warning") and problem.code and problem.message
        if problem.file == "plans/2030/01.yaml":
            assert 1 <= problem.line <= lines + 1 and problem.column >= 1


TASKS = ["01-vp-1", "01-vp-2", "01-ttdt-1", "01-quy-1"]
MARKS = st.lists(st.tuples(st.sampled_from(TASKS), st.sampled_from(["done", "in_progress", "planned", "cancelled"])), min_size=1, max_size=5)


def _task_ranges(text: str) -> dict[str, range]:
    lines = text.split("\n")
    starts = [(i, l.split("id:")[1].strip()) for i, l in enumerate(lines) if l.strip().startswith("- id:")]
    ranges = {}
    for n, (i, task_id) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
        while end > i + 1 and not lines[end - 1].startswith("      "):
            end -= 1  # the next unit's heading belongs to no task
        ranges[task_id] = range(i, end)
    return ranges


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(marks=MARKS)
def test_any_sequence_of_marks_keeps_the_file_valid_and_touches_only_the_marked_tasks(tmp_path_factory, marks):
    root = tmp_path_factory.mktemp("marks")
    shutil.copytree(DATA / "small", root, dirs_exist_ok=True)
    path = root / "plans/2030/01.yaml"
    runner = CliRunner()
    for task_id, status in marks:
        before = path.read_text(encoding="utf-8")
        args = ["--root", str(root), "plan", "mark", task_id, status, "--on", "2030-02-01", "--by", "Lan"] + (["--note", "lý do"] if status == "cancelled" else [])
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.stderr
        after = path.read_text(encoding="utf-8")
        owned = _task_ranges(before)[task_id]
        for tag, i1, _i2, _, _ in difflib.SequenceMatcher(None, before.split("\n"), after.split("\n")).get_opcodes():
            if tag != "equal":
                assert i1 in owned or i1 == owned.stop, (task_id, tag, i1, owned)
        assert validate_everything(root, use_cache=False) == []


UNITS = [Unit(u.code, u.name, u.name_en, u.aliases) for u in __import__("lmhtx_cli.plan.checking", fromlist=["load_programme"]).load_programme(REPO, 2024)[0].units]


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("đ", "d").replace("Đ", "D")


@settings(max_examples=200, deadline=None)
@given(unit=st.sampled_from(UNITS), spelling=st.sampled_from(["code", "name", "alias"]), case=st.sampled_from(["upper", "lower", "title", "same"]), accents=st.booleans(), form=st.sampled_from(["NFC", "NFD"]))
def test_unit_matching_ignores_case_accents_and_normal_form(unit, spelling, case, accents, form):
    typed = {"code": unit.code, "name": unit.name, "alias": (unit.aliases or [unit.name])[0]}[spelling]
    typed = {"upper": typed.upper(), "lower": typed.lower(), "title": typed.title(), "same": typed}[case]
    if not accents:
        typed = _strip_marks(typed)
    typed = unicodedata.normalize(form, typed)
    assert fold(typed) == fold(_strip_marks(typed))
    assert match_unit(typed, UNITS).code == unit.code
