"""The tool as a real process for the store's tests: started to be stopped at a fault point, or run
to the end, with a pinned day, English messages and no inherited data folder or fault hooks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def tool_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LMHTX_ROOT", "LMHTX_TEST_HOLD"))}
    env.update({"LMHTX_TODAY": "2024-05-20", "NO_COLOR": "1", "LMHTX_LANG": "en"}, **extra)
    return env


def start_tool(root: Path, *args: str, **extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "lmhtx_cli", "--root", str(root), *args], env=tool_env(**extra), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def run_tool(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lmhtx_cli", "--root", str(root), *args], env=tool_env(), capture_output=True, text=True, timeout=120)
