"""The options every command shares (cli/output.py): --format with one name per format across
commands, the old names still accepted with a note, and --lang anywhere on the line."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

# Every command with --format, the arguments it needs on the repository's data, and its formats.
COMMANDS = [
    (("plan", "show"), ["text", "md", "json", "csv"]),
    (("plan", "diff"), ["text", "md", "json"]),
    (("plan", "threads"), ["text", "json"]),
    (("plan", "thread", "rau-an-toan"), ["text", "json"]),
    (("report", "month", "5"), ["text", "md", "json", "docx"]),
    (("digest",), ["md", "text", "json", "docx"]),
    (("members", "list"), ["text", "md", "json", "csv"]),
    (("members", "show", "thang-thuy"), ["text", "json"]),
    (("meetings", "list"), ["text", "md", "json", "csv"]),
    (("meetings", "show", "2024-q1"), ["text", "json"]),
    (("petitions", "list"), ["text", "md", "json", "csv"]),
    (("fees",), ["text", "md", "json", "csv"]),
    (("validate",), ["text", "json"]),
    (("units",), ["text", "json"]),
]
IDS = [" ".join(args) for args, _ in COMMANDS]


@pytest.mark.parametrize("args, formats", COMMANDS, ids=IDS)
def test_every_command_calls_the_terminal_format_text(lmhtx, args, formats):
    run = lmhtx(*args, "-f", "text")
    assert run.code == 0, run.err
    assert run.out.strip() and run.err == ""
    assert lmhtx(*args, "--format", "text").out == run.out


@pytest.mark.parametrize("args, formats", COMMANDS, ids=IDS)
def test_a_format_the_command_lacks_is_a_usage_error_listing_its_formats(lmhtx, args, formats):
    refused = lmhtx(*args, "-f", "xml")
    assert refused.code == 2 and refused.out == ""
    assert refused.err.startswith("lmhtx: lỗi: ") and "'--format' / '-f'" in refused.err
    assert "'xml'" in refused.err and ", ".join(f"'{f}'" for f in formats) + "." in refused.err
    assert "Traceback" not in refused.err


def _real_run(*argv: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "LMHTX_LANG"}
    return subprocess.run([sys.executable, "-m", "lmhtx_cli", *argv], env=env, capture_output=True, timeout=60, text=True, encoding="utf-8")


def test_a_wrong_format_reads_in_vietnamese_by_default_and_in_english_with_lang_en():
    vietnamese = _real_run("members", "list", "-f", "xml")
    assert vietnamese.returncode == 2 and vietnamese.stdout == ""
    assert vietnamese.stderr == "lmhtx: lỗi: Giá trị không hợp lệ cho '--format' / '-f': 'xml' không thuộc 'text', 'md', 'json', 'csv'. (xem `lmhtx members list --help`)\n"
    english = _real_run("members", "list", "-f", "xml", "--lang", "en")
    assert english.returncode == 2
    assert english.stderr == "lmhtx: error: Invalid value for '--format' / '-f': 'xml' is not one of 'text', 'md', 'json', 'csv'. (see `lmhtx members list --help`)\n"


OLD_NAMES = [
    (("plan", "show"), "table"),
    (("plan", "threads"), "table"),
    (("plan", "thread", "rau-an-toan"), "table"),
    (("members", "list"), "table"),
    (("members", "show", "thang-thuy"), "table"),
    (("meetings", "list"), "table"),
    (("meetings", "show", "2024-q1"), "table"),
    (("petitions", "list"), "table"),
    (("fees",), "table"),
    (("units",), "table"),
    (("report", "month", "5"), "term"),
]


@pytest.mark.parametrize("args, old", OLD_NAMES, ids=[" ".join(a) for a, _ in OLD_NAMES])
def test_an_old_format_name_still_works_with_a_note_giving_the_new_one(lmhtx, args, old):
    run = lmhtx(*args, "-f", old)
    assert run.code == 0
    assert run.out == lmhtx(*args, "-f", "text").out
    assert run.err == f'lmhtx: lưu ý: định dạng "{old}" nay gọi là "text"; tên "{old}" sẽ không dùng được nữa trong một bản sau\n'
    english = lmhtx("--lang", "en", *args, "--format", old)
    assert english.code == 0
    assert english.err == f'lmhtx: note: the format "{old}" is now called "text"; "{old}" will stop working in a later release\n'


def test_report_takes_text_and_digest_takes_term_like_the_other_commands(lmhtx):
    """`report -f text` and `digest -f term` used to exit 2."""
    assert lmhtx("report", "month", "5", "-f", "text").out == lmhtx("report", "month", "5").out
    digest = lmhtx("digest", "-f", "term")
    assert digest.code == 0 and digest.out == lmhtx("digest", "-f", "text").out
    assert '"term" nay gọi là "text"' in digest.err


@pytest.mark.parametrize("args", [("plan", "show"), ("report",), ("members", "list"), ("validate",)])
def test_the_help_lists_the_formats(lmhtx, args):
    out = " ".join(lmhtx("--lang", "en", *args, "--help").out.split())
    assert "-f, --format FORMAT" in out and "Output: text" in out
    assert "-f, --format KIỂU" in " ".join(lmhtx("--lang", "vi", *args, "--help").out.split())


# -- --lang anywhere on the line ----------------------------------------------------------
HELP_LINES = [
    ("--help", "--lang", "en"),
    ("--lang", "en", "--help"),
    ("plan", "--help", "--lang", "en"),
    ("plan", "--lang", "en", "--help"),
    ("--lang", "en", "plan", "--help"),
    ("plan", "show", "--help", "--lang", "en"),
    ("plan", "--lang", "en", "show", "--help"),
    ("members", "--help", "--lang=en"),
    ("meetings", "list", "--lang", "en", "--help"),
    ("report", "--help", "--lang", "en"),
    ("digest", "--lang", "en", "--help"),
    ("import", "--help", "--lang", "en"),
]


@pytest.mark.parametrize("argv", HELP_LINES, ids=[" ".join(a) for a in HELP_LINES])
def test_lang_en_anywhere_gives_the_help_in_english(lmhtx, argv):
    run = lmhtx(*argv, root=None)
    assert run.code == 0, run.err
    assert run.out.startswith("Usage: ") and "Options:" in run.out
    assert "--lang [vi|en]" in run.out and "Language: vi (Vietnamese)" in " ".join(run.out.split())
    vietnamese = lmhtx(*[{"en": "vi", "--lang=en": "--lang=vi"}.get(a, a) for a in argv], root=None)
    assert vietnamese.code == 0 and "Ngôn ngữ: vi (tiếng Việt)" in " ".join(vietnamese.out.split())


ERROR_LINES = [
    ("--lang", "en", "plan", "show", "--month", "13"),
    ("plan", "--lang", "en", "show", "--month", "13"),
    ("plan", "show", "--month", "13", "--lang", "en"),
    ("members", "--lang", "en", "list", "-f", "xml"),
    ("members", "list", "-f", "xml", "--lang", "en"),
    ("units", "-f", "xml", "--lang", "en"),
]


@pytest.mark.parametrize("argv", ERROR_LINES, ids=[" ".join(a) for a in ERROR_LINES])
def test_lang_en_anywhere_gives_the_errors_in_english(lmhtx, argv):
    run = lmhtx(*argv)
    assert run.code in (1, 2)
    assert run.err.startswith("lmhtx: error:") and "lỗi" not in run.err


@pytest.mark.parametrize(
    "argv",
    [("--lang", "xx", "plan", "show"), ("plan", "--lang", "xx", "show"), ("plan", "show", "--lang", "xx"), ("members", "list", "--lang=fr"), ("digest", "--lang", "EN")],
)
def test_a_wrong_language_is_a_usage_error_naming_lang(lmhtx, argv):
    run = lmhtx(*argv)
    assert run.code == 2 and run.out == ""
    assert run.err.startswith("lmhtx: lỗi: ") and "'--lang'" in run.err and "'vi', 'en'." in run.err


def test_a_real_run_takes_lang_after_help_on_a_group():
    """The README's promise, in a real process: `lmhtx plan --help --lang en` was refused."""
    result = _real_run("plan", "--help", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Usage: lmhtx plan") and result.stderr == ""
    wrong = _real_run("plan", "--lang", "xx", "show")
    assert wrong.returncode == 2
    assert wrong.stderr == "lmhtx: lỗi: Giá trị không hợp lệ cho '--lang': 'xx' không thuộc 'vi', 'en'. (xem `lmhtx plan --help`)\n"
