"""Commands stay thin: a command parses its options, asks one domain or workspace function and
hands the result to one renderer. Every function decorated with `@app.command(...)` in cli/ has
a body of at most 25 lines (its docstring left out), so logic has to live in the layers below."""

from __future__ import annotations

import ast

import pytest

from tests.conftest import REPO

MOST = 25
CLI = REPO / "lmhtx_cli" / "cli"


def _is_command(decorator: ast.expr) -> bool:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    return isinstance(target, ast.Attribute) and target.attr == "command" and isinstance(target.value, ast.Name) and target.value.id == "app"


def _commands() -> list[tuple[str, ast.FunctionDef]]:
    found = []
    for path in sorted(CLI.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and any(_is_command(d) for d in node.decorator_list):
                found.append((f"{path.name}:{node.name}", node))
    return found


def body_lines(function: ast.FunctionDef) -> int:
    """Lines from the first statement of the body to the last, a docstring left out."""
    body = function.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
        body = body[1:]
    if not body:
        return 0
    return body[-1].end_lineno - body[0].lineno + 1


def test_the_commands_are_found():
    names = {name for name, _ in _commands()}
    assert {"plan.py:show", "plan.py:mark", "report.py:report", "report.py:digest", "petitions.py:petitions_add", "meetings.py:meetings_mark"} <= names
    assert len(names) >= 25


@pytest.mark.parametrize("name, function", _commands(), ids=[name for name, _ in _commands()])
def test_a_command_body_is_at_most_25_lines(name, function):
    assert body_lines(function) <= MOST, f"{name} has {body_lines(function)} lines; move its logic into workspace/ or a domain, its words into render/"


def test_the_measure_counts_lines_without_the_docstring():
    tree = ast.parse('def f():\n    """Doc\n    string."""\n    a = 1\n\n    return a\n')
    assert body_lines(tree.body[0]) == 3
