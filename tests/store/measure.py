"""Run one lmhtx process and measure its own peak memory and time.

A child's max RSS counts the memory of the process it was forked from until it calls exec, and the
test process grows as the suite runs; so the command is started by a small helper process (a fresh
interpreter of a few MiB), which waits for it with wait4 and reports the command's own peak."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HELPER = """
import json, os, subprocess, sys, time
argv, env, out, err = json.loads(sys.argv[1])
with open(out, "wb") as o, open(err, "wb") as e:
    started = time.monotonic()
    process = subprocess.Popen(argv, stdout=o, stderr=e, stdin=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    print(json.dumps([os.waitstatus_to_exitcode(status), time.monotonic() - started, usage.ru_maxrss / 1024]))
"""


def measured(root: Path, *args: str, **extra: str) -> tuple[int, str, str, float, float]:
    """(exit code, stdout, stderr, seconds, peak MiB) of `lmhtx --root ROOT ARGS…`."""
    env = {k: v for k, v in os.environ.items() if k != "LMHTX_ROOT"} | {"LMHTX_NO_CACHE": "1", "LMHTX_LANG": "en", "LMHTX_TODAY": "2030-06-01"} | extra
    with tempfile.TemporaryDirectory() as folder:
        out, err = os.path.join(folder, "out"), os.path.join(folder, "err")
        argv = [sys.executable, "-m", "lmhtx_cli", "--root", str(root), *args]
        report = subprocess.run([sys.executable, "-c", HELPER, json.dumps([argv, env, out, err])], capture_output=True, text=True, timeout=300)
        assert report.returncode == 0, report.stderr
        code, seconds, mib = json.loads(report.stdout)
        with open(out, encoding="utf-8", errors="replace") as o, open(err, encoding="utf-8", errors="replace") as e:
            return code, o.read(), e.read(), seconds, mib
