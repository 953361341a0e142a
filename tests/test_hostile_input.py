"""Hostile or broken input is refused quickly, with a located error, in bounded memory; never a crash."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.store.measure import measured

HEADER = "year: 2030\nmonth: 3\n"


def _validate_in_a_child(root: Path) -> tuple[subprocess.CompletedProcess, float, float]:
    """Run validate as its own process, to see a crash as a crash and to measure its own peak
    memory (not that of the test process it was forked from)."""
    code, out, err, elapsed, peak_mib = measured(root, "validate")
    return subprocess.CompletedProcess(["lmhtx", "validate"], code, out, err), elapsed, peak_mib


def _month(small_root: Path, text: str) -> Path:
    path = small_root / "plans/2030/03.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "body, code",
    [
        ("units: " + "[" * 100_000 + "]" * 100_000 + "\n", "too-deep"),  # crashes libyaml's own composer
        ("units:\n  vp:\n" + "    " + "- " * 100_000 + "x\n", "too-deep"),
        ("units: " + "{a: " * 60_000 + "1" + "}" * 60_000 + "\n", "too-deep"),
        ("units: !!python/object/apply:os.system ['echo pwned']\n", "tag"),
        ("a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nunits: {}\n", "alias"),
        ('units:\n  vp:\n    - id: 03-vp-1\n      text: "bell \x07 here"\n      status: planned\n', "yaml-syntax"),
        ("units: {}\n---\nyear: 2031\n", "yaml-syntax"),
        ("units: {}\n!!python/name:os.system x: {a: [1, {b: 2}]}\n", "tag"),  # found by the property test
        ("units:\n  vp: []\n  vp: {a: [1]}\n", "duplicate-key"),
    ],
    ids=["deep-flow", "deep-compact-sequence", "deep-flow-mapping", "python-tag", "alias-bomb", "control-character", "two-documents", "refused-key-with-nested-value", "duplicate-key-with-nested-value"],
)
def test_hostile_files_are_refused_with_a_located_error(small_root, body, code):
    _month(small_root, HEADER + body)
    run, elapsed, peak = _validate_in_a_child(small_root)
    assert run.returncode == 1, run.stderr
    line = next(l for l in run.stdout.splitlines() if l.startswith("plans/2030/03.yaml:"))
    assert line.endswith(f"[{code}]"), line
    assert "Traceback" not in run.stderr
    assert elapsed < 30 and peak < 300


def test_a_50_mb_file_is_refused_before_it_is_read(english, small_root):
    path = small_root / "plans/2030/03.yaml"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(HEADER + "units:\n  vp:\n")
        chunk = '    - id: 03-vp-1\n      text: "' + "x" * 1000 + '"\n      status: planned\n'
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(chunk)
    run, elapsed, peak = _validate_in_a_child(small_root)
    assert run.returncode == 1
    assert "plans/2030/03.yaml:1:1: error: the file is 50 MB; data files are limited to 10 MB [too-large]" in run.stdout
    assert elapsed < 10 and peak < 300


def test_a_very_long_line_is_just_a_long_text(small_root):
    _month(small_root, HEADER + 'units:\n  vp:\n    - id: 03-vp-1\n      text: "' + "Tham mưu " * 200_000 + '"\n      status: planned\n')
    run, elapsed, peak = _validate_in_a_child(small_root)
    assert run.returncode == 0, run.stdout
    assert elapsed < 30 and peak < 300


def test_binary_garbage_is_a_located_error(english, small_root):
    (small_root / "plans/2030/03.yaml").write_bytes(b"year: 2030\n\xff\xfe\x00garbage\n")
    run, _, _ = _validate_in_a_child(small_root)
    assert run.returncode == 1
    assert "plans/2030/03.yaml:2:1: error: not UTF-8" in run.stdout
