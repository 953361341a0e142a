"""What a user types round-trips or is refused at the argument.

Every text value given on the command line is stored so that `show --format json` gives it back
exactly (in NFC), or the command exits 2 naming the option, before it reads or writes anything:
control characters, line separators, bidirectional overrides, noncharacters, and bytes of the
command line that are not UTF-8."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

# Unusual but storable: YAML's own signs, spacing, accents in both forms, emoji, very long text.
STORABLE = [
    "a  b",
    " leading and trailing ",
    "không\u00a0ngắt",
    "a\u3000b",
    "# not a comment",
    "key: value",
    "- dash",
    "'single'",
    '"double"',
    "back\\slash \\n \\x1b",
    "null",
    "~",
    "yes",
    "0123",
    "2024-05-20",
    "[x, y]",
    "{a: b}",
    "&anchor *alias !tag %p @a `b` |",
    "Le\u0302 Thi\u0323 Lan",  # decomposed: stored and shown composed
    "🌾 HTX",
    "zero\u200bwidth\u200djoiner",
    "Số 66/KH-LMHTX",
    "x" * 5000,
]

# Each is refused, wherever it stands in the value.
HOSTILE = {
    "escape": "a\x1b[2Jb",
    "bell": "\x07ring",
    "nul": "a\x00b",
    "tab": "a\tb",
    "newline": "line one\nline two",
    "carriage-return": "fake\rreal",
    "del": "a\x7fb",
    "c1-csi": "a\x9b31mb",
    "next-line": "a\x85b",
    "line-separator": "Lan\u2028Anh",
    "paragraph-separator": "a\u2029b",
    "bidi-override": "abc\u202edcba",
    "bidi-isolate": "a\u2066b\u2069",
    "noncharacter-fffe": "a\ufffeb",
    "noncharacter-ffff": "x\uffffy",
    "noncharacter-plane-1": "a\U0001fffeb",
    "noncharacter-fdd0": "a\ufdd0b",
    "invalid-utf8": "ab\udcff\udcfe",  # how Python hands over the bytes \xff\xfe of argv
    "lone-surrogate": "a\ud800b",
}


def _tree_hash(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and ".lmhtx" not in path.name:
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _json(run) -> object:
    assert run.code == 0, run.err
    return json.loads(run.out)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def test_notes_authors_and_references_of_a_mark_come_back_exactly(lmhtx, office):
    tasks = [t["id"] for t in _json(lmhtx("plan", "show", "--month", "3", "--format", "json", root=office))]
    for task_id, value in zip(tasks, STORABLE):
        run = lmhtx("plan", "mark", task_id, "in_progress", "--on", "20/03/2024", "--note", value, "--by", value, "--ref", value, root=office)
        assert run.code == 0, (value, run.err)
        entry = _json(lmhtx("plan", "show", task_id, "--format", "json", root=office))["history"][-1]
        assert (entry["note"], entry["by"], entry["ref"]) == (_nfc(value),) * 3, value
    assert lmhtx("validate", root=office).code == 0


def test_a_new_task_keeps_its_text_as_typed(lmhtx, office):
    for value in STORABLE:
        run = lmhtx("plan", "add", "--month", "8", "--unit", "quy", "--", value, root=office)
        assert run.code == 0, (value, run.err)
        assert _json(lmhtx("plan", "show", "--month", "8", "--unit", "quy", "--format", "json", root=office))[-1]["text"] == _nfc(value)


def test_petitions_keep_text_topic_body_answer_note_and_author(lmhtx, office):
    for value in STORABLE[::2]:
        run = lmhtx("petitions", "add", "--member", "thang-thuy", "--topic", value, "--forwarded-to", value, "--on", "20/11/2024", "--", value, root=office)
        assert run.code == 0, (value, run.err)
        petition = _json(lmhtx("petitions", "list", "--format", "json", root=office))[-1]
        assert (petition["text"], petition["topic"], petition["forwarded_to"]) == (_nfc(value),) * 3
        marked = lmhtx("petitions", "mark", petition["id"], "answered", "--answer", value, "--note", value, "--by", value, "--on", "25/11/2024", root=office)
        assert marked.code == 0, (value, marked.err)
        petition = next(p for p in _json(lmhtx("petitions", "list", "--format", "json", root=office)) if p["id"] == petition["id"])
        assert (petition["answer"], petition["history"][-1]["note"], petition["history"][-1]["by"]) == (_nfc(value),) * 3


def test_meeting_minutes_note_and_author_come_back_exactly(lmhtx, office):
    for value in STORABLE[1::3]:
        run = lmhtx("meetings", "mark", "2024-q4", "planned", "--on", "01/10/2024", "--minutes", value, "--note", value, "--by", value, root=office)
        assert run.code == 0, (value, run.err)
        meeting = _json(lmhtx("meetings", "show", "2024-q4", "--format", "json", root=office))
        assert (meeting["minutes"], meeting["history"][-1]["note"], meeting["history"][-1]["by"]) == (_nfc(value),) * 3


# (the words of a command before the value, the option named in the message, words after it)
REFUSING = [
    (["plan", "mark", "03-quy-1", "done", "--note"], "--note", []),
    (["plan", "mark", "03-quy-1", "done", "--by"], "--by", []),
    (["plan", "mark", "03-quy-1", "done", "--ref"], "--ref", []),
    (["plan", "mark", "03-quy-1", "postponed", "--to"], "--to", []),
    (["plan", "add", "--month", "8", "--unit", "quy", "--"], "TEXT", []),
    (["plan", "add", "--month", "8", "--unit"], "--unit", ["Việc mới."]),
    (["plan", "show", "--grep"], "--grep", []),
    (["plan", "mark"], "STATUS", []),
    (["meetings", "mark", "2024-q4", "done", "--minutes"], "--minutes", []),
    (["meetings", "mark", "2024-q4", "done", "--attendees"], "--attendees", []),
    (["meetings", "mark", "2024-q4", "cancelled", "--note"], "--note", []),
    (["petitions", "add", "Đề nghị.", "--member", "thang-thuy", "--topic"], "--topic", []),
    (["petitions", "add", "--member", "thang-thuy", "--topic", "vốn", "--"], "TEXT", []),
    (["petitions", "add", "Đề nghị.", "--member", "thang-thuy", "--topic", "vốn", "--forwarded-to"], "--forwarded-to", []),
    (["petitions", "mark", "kn-2024-03", "answered", "--answer"], "--answer", []),
    (["report", "month", "5", "--output"], "--output", []),
]


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_what_cannot_be_stored_is_refused_at_the_argument(lmhtx, office, kind):
    value = HOSTILE[kind]
    before = _tree_hash(office)
    for words, option, after in REFUSING:
        run = lmhtx(*words, value, *after, root=office)
        assert run.code == 2, (words, run.out, run.err)
        assert run.err.startswith("lmhtx: ") and f" {option}: " in run.err, run.err
        assert "internal error" not in run.err and "Traceback" not in run.err
        assert "plans/" not in run.err and "members/" not in run.err  # no file line to look at: the value is wrong
        assert value not in run.err  # the message names the character, it does not print it
    root_run = lmhtx("--root", str(office / value), "plan", "show", root=None)
    assert root_run.code == 2 and " --root: " in root_run.err
    assert _tree_hash(office) == before


def test_the_message_says_which_character_and_where(lmhtx, office, english):
    run = lmhtx("plan", "mark", "03-quy-1", "done", "--note", "Đã xong\x1b[31m", root=office)
    assert run.err.strip() == "lmhtx: error: --note: character 8 is a control character (U+001B), which cannot be stored or shown safely; type the text without it"
    run = lmhtx("plan", "mark", "03-quy-1", "done", "--by", "Lan\u2028Anh", root=office)
    assert "--by: character 4 is a line separator (U+2028)" in run.err
    run = lmhtx("plan", "mark", "03-quy-1", "done", "--ref", "Số\udcff", root=office)
    assert "--ref: character 3 is the byte \\xff, which is not UTF-8; set the terminal or shell to UTF-8" in run.err


def test_a_git_user_name_that_cannot_be_stored_is_refused(lmhtx, office, english):
    from tests.gitutil import git, init_repo

    init_repo(office, user="Lan\x1b[2J")
    before = _tree_hash(office)
    run = lmhtx("plan", "mark", "03-quy-1", "done", root=office)
    assert run.code == 2 and "--by (from git's user.name): character 4 is a control character (U+001B)" in run.err
    assert lmhtx("plan", "mark", "03-quy-1", "done", "--by", "Lan", root=office).code == 0
    assert _tree_hash(office) != before
    git(office, "config", "user.name", "Lan")


def _process(root: Path, *argv: bytes | str, locale: str = "C.UTF-8") -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("LMHTX_ROOT", "LC_ALL", "LANG", "PYTHONIOENCODING")} | {"LC_ALL": locale, "LMHTX_LANG": "en", "LMHTX_NO_CACHE": "1"}
    return subprocess.run([sys.executable, "-m", "lmhtx_cli", "--root", str(root), *argv], capture_output=True, env=env, timeout=60)


@pytest.mark.parametrize("locale", ["C.UTF-8", "C"])
@pytest.mark.parametrize(
    "argv, option",
    [
        ([b"plan", b"mark", b"03-quy-1", b"done", b"--note", b"\xff\xfe"], "--note"),
        ([b"plan", b"mark", b"03-quy-1", b"done", b"--by", b"L\xe2n"], "--by"),  # Latin-1 from an old terminal
        ([b"plan", b"add", b"--month", b"8", b"--unit", b"quy", b"Vi\xe1\xbb"], "TEXT"),  # a cut UTF-8 sequence
        ([b"petitions", b"add", b"x", b"--member", b"thang-thuy", b"--topic", b"\xc0\xaf"], "--topic"),  # an overlong slash
        ([b"meetings", b"mark", b"2024-q4", b"done", b"--minutes", b"\xed\xa0\x80"], "--minutes"),  # a UTF-8 encoded surrogate
        ([b"plan", b"mark", b"03-quy-1", b"done", b"--note", "Lan\u2028Anh".encode()], "--note"),
        ([b"plan", b"mark", b"03-quy-1", b"done", b"--ref", "x\ufffe".encode()], "--ref"),
    ],
    ids=["invalid-bytes", "latin-1", "cut-sequence", "overlong", "encoded-surrogate", "line-separator", "noncharacter"],
)
def test_real_processes_refuse_bytes_that_are_not_utf8(office, argv, option, locale):
    before = _tree_hash(office)
    run = _process(office, *argv, locale=locale)
    err = run.stderr.decode("utf-8", "replace")
    assert run.returncode == 2, err
    assert err.startswith("lmhtx: error: ") and f" {option}: character " in err and len(err.splitlines()) == 1, err
    assert "Traceback" not in err
    assert _tree_hash(office) == before


def test_a_real_process_stores_what_it_was_given(office):
    value = "Lê Thị\u00a0Lan — Số 66/KH-LMHTX 🌾"
    run = _process(office, "plan", "mark", "03-quy-1", "done", "--on", "20/03/2024", "--note", value.encode(), "--by", unicodedata.normalize("NFD", value).encode())
    assert run.returncode == 0, run.stderr.decode()
    shown = _process(office, "plan", "show", "03-quy-1", "--format", "json")
    entry = json.loads(shown.stdout)["history"][-1]
    assert entry["note"] == value and entry["by"] == value
