"""The architecture is checked, not hoped for: import contracts, lint, and the file layer's monopoly."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "lmhtx_cli"
BIN = Path(sys.executable).parent

# What touches the file system or git: only lmhtx_cli/store/ may do it.
PATH_CALLS = {"open", "read_text", "read_bytes", "write_text", "write_bytes", "iterdir", "glob", "rglob", "mkdir", "unlink", "chmod", "stat", "lstat", "exists", "is_file", "is_dir", "touch", "rmdir", "resolve", "samefile"}
OS_CALLS = {"open", "replace", "rename", "remove", "unlink", "listdir", "scandir", "stat", "lstat", "makedirs", "mkdir", "chmod", "fsync", "walk"}
FILE_MODULES = {"subprocess", "shutil", "tempfile", "fcntl", "filelock", "zipfile", "pickle"}


def _tool(name: str) -> str:
    path = BIN / name
    if not path.exists():
        pytest.skip(f"{name} is not installed beside this Python (pip install '.[test]')")
    return str(path)


def test_import_contracts_hold():
    run = subprocess.run([_tool("lint-imports"), "--no-cache"], cwd=REPO, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "0 broken" in run.stdout


def test_ruff_finds_nothing():
    run = subprocess.run([_tool("ruff"), "check", "lmhtx_cli", "tests", "bench"], cwd=REPO, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-3000:]


def test_code_is_formatted():
    run = subprocess.run([_tool("ruff"), "format", "--check", "lmhtx_cli", "tests", "bench"], cwd=REPO, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-3000:]


def _offences(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            found += [f"{path.relative_to(REPO)}:{node.lineno}: imports {n}" for n in names if n.split(".")[0] in FILE_MODULES]
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id == "open":
                found.append(f"{path.relative_to(REPO)}:{node.lineno}: calls open()")
            elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in ("os", "path") and func.attr in OS_CALLS:
                found.append(f"{path.relative_to(REPO)}:{node.lineno}: calls {func.value.id}.{func.attr}()")
            elif isinstance(func, ast.Attribute) and func.attr in PATH_CALLS and not (isinstance(func.value, ast.Name) and func.value.id in ("os", "sys", "json", "re", "io")):
                found.append(f"{path.relative_to(REPO)}:{node.lineno}: calls {func.attr}()")
    return found


def test_only_the_file_layer_touches_files_or_git():
    offences = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "store" in path.relative_to(PACKAGE).parts or path.name == "i18n.py":  # i18n reads its own catalogs
            continue
        offences += _offences(path)
    assert offences == []


def test_the_check_would_notice_a_file_opened_elsewhere(tmp_path):
    sample = REPO / "lmhtx_cli" / "plan" / "_probe_for_test.py"
    sample.write_text("from pathlib import Path\n\ndef f(p: Path):\n    return p.read_text()\n", encoding="utf-8")
    try:
        assert _offences(sample) == ["lmhtx_cli/plan/_probe_for_test.py:4: calls read_text()"]
    finally:
        sample.unlink()
