"""Bounded work: whatever a file holds, reading it costs bounded memory and time. Each hostile file
is read by a child process, whose own peak memory (wait4) and time are measured: it is refused
with a located error, or read, within ~300 MiB and a few seconds; realistic large data still loads."""

from __future__ import annotations

import io
import os
import shutil
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.store.measure import measured

MAX_MIB = 300
MAX_SECONDS = 12  # a few seconds on a quiet machine; room for a loaded one


def _measured(root: Path, *args: str) -> tuple[int, str, str, float, float]:
    return measured(root, *args)


HEAD = "year: 2030\nmonth: 3\n"
TASK = '    - id: 03-vp-1\n      text: "x"\n      status: planned\n'

HOSTILE = {
    # the file: a valid 4 MB file with a two-million-item list
    "two-million-aliases": ("plans/2030/plan.yaml", lambda: "year: 2030\nunits:\n  - code: vp\n    name: V\n    aliases: [" + "a," * 2_000_000 + "a]\n", "too-large"),
    "two-million-history": ("plans/2030/03.yaml", lambda: HEAD + "units:\n  vp:\n" + TASK + "      history: [" + "{on: 2030-03-01, status: done}," * 130_000 + "]\n", "too-large"),
    "two-million-top-level": ("plans/2030/03.yaml", lambda: HEAD + "units: {}\nextra: [" + "1," * 2_000_000 + "1]\n", "too-large"),
    "a-million-empty-tasks": ("plans/2030/03.yaml", lambda: HEAD + "units:\n  vp: [" + "{}," * 1_000_000 + "{}]\n", "too-large"),
    "three-hundred-thousand-units": ("plans/2030/03.yaml", lambda: HEAD + "units:\n" + "".join(f"  u{i}: []\n" for i in range(300_000)), "too-large"),
    "a-deep-block-list": ("plans/2030/03.yaml", lambda: HEAD + "units:\n  vp:\n" + TASK + "      extra:\n" + "        - x\n" * 500_000, "too-large"),
    "words-as-tasks": ("plans/2030/03.yaml", lambda: HEAD + "units:\n  vp: [" + ",".join(f"s{i}" for i in range(300_000)) + "]\n", "too-many-problems"),
    "words-as-members": ("members/members.yaml", lambda: "members: [" + ",".join(f"m{i}" for i in range(300_000)) + "]\n", "too-many-problems"),
    "over-ten-megabytes": ("plans/2030/03.yaml", lambda: HEAD + "units:\n  vp:\n" + TASK * 250_000, "too-large"),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_files_are_refused_in_bounded_memory_and_time(small_root, case):
    name, text, code = HOSTILE[case]
    path = small_root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text(), encoding="utf-8")
    writer = ("members", "list") if name.startswith("members/") else ("plan", "mark", "01-vp-2", "done", "--by", "Lan")
    for args in (("validate",), writer):
        exit_code, out, err, seconds, mib = _measured(small_root, *args)
        assert exit_code in (1, 2), (args, out[-500:], err[-500:])
        assert "Traceback" not in err and "internal error" not in err
        assert f"{name}:" in out + err, (args, out[-800:], err[-800:])
        if args == ("validate",):
            assert f"[{code}]" in out, out[-800:]
        assert seconds < MAX_SECONDS and mib < MAX_MIB, (args, seconds, mib)


VALID_BUT_LARGE = {
    "a-long-list-under-an-unknown-key": ("plans/2030/03.yaml", lambda: HEAD + "units: {}\nextra: [" + ",".join(f"s{i}" for i in range(400_000)) + "]\n"),
    "ten-megabytes-of-text": ("plans/2030/03.yaml", lambda: HEAD + "units:\n  vp:\n" + "".join(f'    - id: 03-vp-{i}\n      text: "{"Tham mưu " * 1400}"\n      status: planned\n' for i in range(1, 640))),
}


@pytest.mark.parametrize("case", list(VALID_BUT_LARGE))
def test_valid_but_large_files_are_read_in_bounded_memory_and_time(small_root, case):
    name, text = VALID_BUT_LARGE[case]
    (small_root / name).write_text(text(), encoding="utf-8")
    for args in (("validate",), ("plan", "mark", "01-vp-2", "done", "--by", "Lan"), ("plan", "show", "-m", "3")):
        exit_code, out, err, seconds, mib = _measured(small_root, *args)
        assert exit_code == 0, (args, out[-500:], err[-500:])
        assert seconds < MAX_SECONDS and mib < MAX_MIB, (args, seconds, mib)


def test_a_realistic_thirty_thousand_member_office_still_loads(tmp_path):
    corpus = tmp_path / "corpus"
    made = subprocess.run([sys.executable, str(REPO / "bench" / "corpus.py"), str(corpus), "--years", "1", "--members", "30000"], capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    assert (corpus / "members" / "members.yaml").stat().st_size > 5_000_000
    exit_code, out, err, seconds, mib = _measured(corpus, "validate")
    assert exit_code == 0, out[-800:] + err[-800:]
    assert seconds < 30 and mib < MAX_MIB, (seconds, mib)


def _docx_with(parts: dict[str, tuple[bytes, int | None]]) -> bytes:
    """A zip with the given parts; a part's declared size may be set to lie (patched in both the
    local header and the central directory, as a zip bomb would)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, (data, _) in parts.items():
            archive.writestr(name, data)
    raw = bytearray(buffer.getvalue())
    for name, (_, declared) in parts.items():
        if declared is None:
            continue
        encoded = name.encode()
        local = raw.find(b"PK\x03\x04" + raw[4:4])  # first local header
        while local != -1:
            name_length = struct.unpack_from("<H", raw, local + 26)[0]
            if raw[local + 30 : local + 30 + name_length] == encoded:
                struct.pack_into("<I", raw, local + 22, declared)
            local = raw.find(b"PK\x03\x04", local + 4)
        central = raw.find(b"PK\x01\x02")
        while central != -1:
            name_length = struct.unpack_from("<H", raw, central + 28)[0]
            if raw[central + 46 : central + 46 + name_length] == encoded:
                struct.pack_into("<I", raw, central + 24, declared)
            central = raw.find(b"PK\x01\x02", central + 4)
    return bytes(raw)


BOMBS = {
    "declares-800-MB": lambda: _docx_with({"[Content_Types].xml": (b"<Types/>", None), "word/document.xml": (b"<w:document/>", 800 * 1024 * 1024)}),
    "inflates-1000-to-1": lambda: _docx_with({"[Content_Types].xml": (b"<Types/>", None), "word/document.xml": (b"\0" * (60 * 1024 * 1024), None)}),
    "too-many-parts": lambda: _docx_with({f"word/media/p{i}.xml": (b"x", None) for i in range(2_500)}),
    "parts-adding-up": lambda: _docx_with({f"word/p{i}.xml": (os.urandom(200 * 1024), 25 * 1024 * 1024) for i in range(4)}),
}


@pytest.mark.parametrize("case", list(BOMBS))
def test_a_word_file_that_would_expand_hugely_is_refused_before_inflating(tmp_path, case):
    office = tmp_path / "office"
    shutil.copytree(REPO / "plans", office / "plans")
    source = tmp_path / "chuong-trinh.docx"
    source.write_bytes(BOMBS[case]())
    exit_code, out, err, seconds, mib = _measured(office, "import", "programme", str(source), "--year", "2031")
    assert exit_code == 2, out + err
    assert str(source) in err and "Traceback" not in err and err.count("\n") == 1
    assert seconds < MAX_SECONDS and mib < MAX_MIB, (seconds, mib)
    assert not (office / "plans" / "2031").exists()
