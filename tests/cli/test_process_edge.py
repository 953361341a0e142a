"""The process edge, as a shell meets it: closed or failing streams, a question nobody can answer,
Ctrl-C and SIGTERM at any moment. Each gives one line in the user's language and an exit code the
README lists; never a traceback, never "internal error". Every case runs the real `lmhtx` program."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

LMHTX = str(Path(sys.executable).with_name("lmhtx"))
TASK = "01-vp-2"  # planned in the small data set (2030)
TASK_FILE = ("plans", "2030", "01.yaml")


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LMHTX_ROOT", "LMHTX_TEST_HOLD", "LMHTX_LANG", "LMHTX_DEBUG"))}
    env.update({"LMHTX_TODAY": "2030-06-01", "NO_COLOR": "1"}, **extra)
    return env


def _run(root: Path, *args: str, **popen) -> subprocess.CompletedProcess:
    popen.setdefault("stdout", subprocess.PIPE)
    return subprocess.run([LMHTX, "--root", str(root), *args], env=_env(), stderr=subprocess.PIPE, text=True, timeout=60, **popen)


def _one_line(err: str, words: str) -> None:
    assert "Traceback" not in err and "internal error" not in err and "lỗi nội bộ" not in err, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("lmhtx: ") and words in lines[0], err


def _close(fd: int):
    return lambda: os.close(fd)


# -- stdout and stderr ---------------------------------------------------------------------------
@pytest.mark.parametrize("args", [("plan", "show"), ("digest",), ("plan", "mark", TASK, "done")])
def test_stdout_closed_does_nothing_and_says_so(small_root, args):
    before = small_root.joinpath(*TASK_FILE).read_bytes()
    run = _run(small_root, *args, stdout=subprocess.DEVNULL, preexec_fn=_close(1))
    assert run.returncode == 1
    _one_line(run.stderr, "đầu ra chuẩn (stdout) đã bị đóng")
    assert small_root.joinpath(*TASK_FILE).read_bytes() == before


def test_stdout_closed_in_english(small_root):
    run = _run(small_root, "--lang", "en", "plan", "show", stdout=subprocess.DEVNULL, preexec_fn=_close(1))
    assert run.returncode == 1
    _one_line(run.stderr, "the standard output is closed; nothing was done")


def test_stderr_closed_keeps_the_output_and_the_exit_codes(small_root):
    shown = subprocess.run([LMHTX, "--root", str(small_root), "plan", "show", TASK], env=_env(), capture_output=True, text=True, preexec_fn=_close(2))
    assert shown.returncode == 0 and TASK in shown.stdout
    wrong = subprocess.run([LMHTX, "--root", str(small_root), "plan", "show", "--month", "13"], env=_env(), capture_output=True, text=True, preexec_fn=_close(2))
    assert wrong.returncode == 2 and wrong.stdout == ""


@pytest.mark.parametrize("args", [("digest",), ("report", "month", "1"), ("plan", "show", "-f", "json"), ("plan", "show", "-f", "csv")])
def test_a_full_device_is_an_error_not_a_bug(small_root, args):
    with open("/dev/full", "w") as full:
        run = _run(small_root, *args, stdout=full)
    assert run.returncode == 1
    _one_line(run.stderr, "không ghi được đầu ra: thiết bị đã đầy")


def test_a_full_device_in_english(small_root):
    with open("/dev/full", "w") as full:
        run = _run(small_root, "digest", "--lang", "en", stdout=full)
    assert run.returncode == 1
    _one_line(run.stderr, "the output could not be written: the device is full")


@pytest.mark.parametrize("args", [("plan", "show"), ("plan", "show", "-f", "json"), ("report", "month", "1")])
def test_a_reader_that_stops_reading_is_not_an_error(small_root, args):
    process = subprocess.Popen([LMHTX, "--root", str(small_root), *args], env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    process.stdout.close()  # `| head -0`: the reader is gone before the first line
    err = process.stderr.read()
    assert process.wait(timeout=60) == 0
    assert err == ""


# -- a question nobody answers ---------------------------------------------------------------------
@pytest.mark.parametrize("stdin", ["closed", "empty"])
def test_a_question_with_stdin_closed_or_empty_changes_nothing(small_root, stdin):
    before = small_root.joinpath(*TASK_FILE).read_bytes()
    extra = {"stdin": subprocess.DEVNULL, "preexec_fn": _close(0)} if stdin == "closed" else {"stdin": subprocess.DEVNULL}
    run = _run(small_root, "plan", "mark", "--month", "1", "--unit", "vp", "done", **extra)
    assert run.returncode == 1
    _one_line(run.stderr, "đã dừng, chưa thay đổi gì: không có câu trả lời (đầu vào chuẩn stdin đã bị đóng hoặc đã hết); thêm --yes")
    assert small_root.joinpath(*TASK_FILE).read_bytes() == before


def test_a_question_answered_no_changes_nothing(small_root):
    before = small_root.joinpath(*TASK_FILE).read_bytes()
    run = _run(small_root, "plan", "mark", "--month", "1", "--unit", "vp", "done", input="n\n")
    assert run.returncode == 1
    assert small_root.joinpath(*TASK_FILE).read_bytes() == before


def test_ctrl_c_at_the_question_is_ctrl_c(small_root):
    before = small_root.joinpath(*TASK_FILE).read_bytes()
    process = subprocess.Popen([LMHTX, "--root", str(small_root), "--lang", "en", "plan", "mark", "--month", "1", "--unit", "vp", "done"], env=_env(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    seen = b""
    while b"[y/N]" not in seen:
        chunk = os.read(process.stdout.fileno(), 4096)
        assert chunk, process.stderr.read()
        seen += chunk
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 130
    _one_line(err.decode(), "interrupted (Ctrl-C)")
    assert small_root.joinpath(*TASK_FILE).read_bytes() == before


# -- Ctrl-C and SIGTERM ----------------------------------------------------------------------------
def _catches_sigterm(pid: int) -> bool:
    """Whether the process has installed lmhtx's handler (Python itself leaves SIGTERM alone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return True  # already gone
    caught = int(next(line.split()[1] for line in status.splitlines() if line.startswith("SigCgt:")), 16)
    return bool(caught & (1 << (signal.SIGTERM - 1)))


def _signal_during_start_up(root: Path, number: int, delay: float, *args: str) -> tuple[int, str]:
    process = subprocess.Popen([LMHTX, "--root", str(root), *args], env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while not _catches_sigterm(process.pid) and time.monotonic() < deadline:
        time.sleep(0.0005)
    time.sleep(delay)
    process.send_signal(number)
    err = process.communicate(timeout=60)[1]
    return process.returncode, err


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the signal mask from /proc")
@pytest.mark.parametrize("delay", [0.0, 0.005, 0.02, 0.05, 0.3])
@pytest.mark.parametrize(("number", "code", "words"), [(signal.SIGINT, 130, "Ctrl-C"), (signal.SIGTERM, 143, "SIGTERM")])
def test_a_signal_while_the_tool_starts_is_one_line(small_root, delay, number, code, words):
    returncode, err = _signal_during_start_up(small_root, number, delay, "report", "month", "1")
    if returncode == 0:  # finished before the signal came
        assert err == ""
        return
    assert returncode == code, err
    _one_line(err, words)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the signal mask from /proc")
def test_ctrl_c_while_starting_in_english(small_root):
    returncode, err = _signal_during_start_up(small_root, signal.SIGINT, 0.0, "--lang", "en", "report", "month", "1")
    assert returncode == 130
    _one_line(err, "lmhtx: interrupted (Ctrl-C)")


@pytest.mark.parametrize(("number", "code", "words"), [(signal.SIGINT, 130, "đã ngắt (Ctrl-C)"), (signal.SIGTERM, 143, "đã bị dừng (SIGTERM)")])
def test_a_signal_while_a_mark_is_written_leaves_the_data_as_it_was(small_root, number, code, words):
    before = small_root.joinpath(*TASK_FILE).read_bytes()
    process = subprocess.Popen([LMHTX, "--root", str(small_root), "plan", "mark", TASK, "done"], env=_env(LMHTX_TEST_HOLD_WRITE="30"), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    folder = small_root.joinpath(*TASK_FILE[:-1])
    deadline = time.monotonic() + 30
    while not list(folder.glob(".*.lmhtx-tmp")) and time.monotonic() < deadline:  # held between the temporary file and the rename
        time.sleep(0.01)
    process.send_signal(number)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == code
    _one_line(err, words)
    assert small_root.joinpath(*TASK_FILE).read_bytes() == before
    assert not list(folder.glob(".*.lmhtx-tmp"))


@pytest.mark.parametrize(
    ("argv", "env", "expected"),
    [(["lmhtx", "report"], None, "đã ngắt"), (["lmhtx", "--lang", "en", "x"], None, "interrupted"), (["lmhtx", "x", "--lang=en"], None, "interrupted"), (["lmhtx", "x"], "en", "interrupted"), (["lmhtx", "--lang", "vi"], "en", "đã ngắt")],
)
def test_a_signal_while_the_catalog_is_half_imported_still_says_one_line(monkeypatch, argv, env, expected):
    """The handler cannot import the catalog while its module is being imported: the fallback line."""
    import lmhtx_cli

    monkeypatch.setattr(sys, "argv", argv)
    if env:
        monkeypatch.setenv("LMHTX_LANG", env)
    else:
        monkeypatch.delenv("LMHTX_LANG", raising=False)
    assert expected in lmhtx_cli._fallback_line(signal.SIGINT)
    assert "SIGTERM" in lmhtx_cli._fallback_line(signal.SIGTERM)
