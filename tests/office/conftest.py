"""What the office tests share: a new office made by `lmhtx init`, and the tool as a process."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent
OFFICE = "Liên minh Hợp tác xã tỉnh Ninh Bình"


def tool(name: str) -> str:
    path = BIN / name
    if path.exists():
        return str(path)
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed")
    return found


def check_jsonschema(schema: str, path: Path) -> subprocess.CompletedProcess:
    """check-jsonschema against one of its built-in (vendored, offline) schemas."""
    return subprocess.run([tool("check-jsonschema"), "--builtin-schema", schema, str(path)], capture_output=True, text=True, timeout=120)


@pytest.fixture
def new_office(lmhtx, tmp_path) -> Path:
    root = tmp_path / "office"
    run = lmhtx("init", str(root), "--office", OFFICE, "--year", "2025", root=None)
    assert run.code == 0, run.err
    return root
