"""Help in the run's language: every command and every option reads in Vietnamese by default and
in English with --lang en or LMHTX_LANG=en, and the help lists the values an option accepts."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import click
import pytest

from lmhtx_cli import i18n
from lmhtx_cli.cli.registry import COMMANDS, all_command_names, load

NAMES = all_command_names()


def _built(name: str, lang: str) -> click.Command:
    """The command `name` ("plan show") built as a run in `lang` builds it."""
    i18n.set_language(lang)
    group, _, sub = name.partition(" ")
    command = load(group)
    if sub:
        command = command.get_command(click.Context(command, info_name=group), sub)
    return command


def _params(command: click.Command) -> dict[str, click.Parameter]:
    return {p.name: p for p in command.params if p.name != "help"}


def test_every_command_is_covered():
    assert len(NAMES) >= 25 and "plan show" in NAMES and "report" in NAMES and "meetings ics" in NAMES


@pytest.mark.parametrize("name", NAMES)
def test_a_commands_help_is_vietnamese_by_default_and_english_when_asked(name):
    english, vietnamese = _built(name, "en"), _built(name, "vi")
    assert english.help and vietnamese.help and vietnamese.help != english.help
    assert i18n.catalog()[("", english.help)] == vietnamese.help
    vi_params, en_params = _params(vietnamese), _params(english)
    for key, param in en_params.items():
        assert param.help, f"{name}: {key} has no help"
        assert vi_params[key].help != param.help, f"{name}: the help of {key} is not translated: {param.help!r}"
        assert vi_params[key].help == i18n.catalog()[("", param.help)]


@pytest.mark.parametrize("name", [n for n in COMMANDS if COMMANDS[n].group])
def test_a_groups_help_is_translated(lmhtx, name):
    vietnamese = lmhtx(name, "--help", root=None).out
    english = lmhtx("--lang", "en", name, "--help", root=None).out
    english_help = _built(name, "en").help
    assert vietnamese != english and english_help in " ".join(english.split()) and english_help not in vietnamese


def test_the_root_help_and_its_options_are_translated(lmhtx):
    vietnamese = lmhtx("--help", root=None).out
    english = lmhtx("--lang", "en", "--help", root=None).out
    assert "Thư mục dữ liệu chứa plans/" in vietnamese and "Chương trình công tác năm của Liên minh" in vietnamese
    assert "Data folder holding plans/" in english and "The work programme of the Hải Phòng" in english
    assert "Kiểm tra mọi tệp dữ liệu" in vietnamese and "Check every data file" in english  # the commands' short help


def test_arguments_are_listed_once_with_their_help():
    env = {k: v for k, v in os.environ.items() if k != "LMHTX_LANG"}
    result = subprocess.run([sys.executable, "-m", "lmhtx_cli", "meetings", "mark", "--help"], env=env, capture_output=True, timeout=60)
    out = result.stdout.decode("utf-8")
    assert out.count("Mã buổi sinh hoạt") == 1 and out.count("Đối số:") == 1 and "[bắt buộc]" in out
    assert "Positional arguments" not in out and "Arguments:" not in out


@pytest.mark.parametrize(
    "argv, lang, words",
    [
        (["--lang", "en", "plan", "show", "--help"], "en", ["Plan year, e.g. 2024", "Output: text (a table), md (Markdown), json or csv."]),
        (["plan", "show", "--help"], "vi", ["Năm kế hoạch, ví dụ 2024", "Đầu ra: text (bảng), md (Markdown), json hoặc csv."]),
        (["plan", "show", "--help", "--lang", "en"], "en", ["Plan year, e.g. 2024"]),
    ],
)
def test_a_real_run_reads_lang_before_building_help(argv, lang, words):
    """The shared options (--year, --lang …) are declared when the package is imported, before
    --lang is read: their help still follows --lang."""
    env = {k: v for k, v in os.environ.items() if k != "LMHTX_LANG"}
    result = subprocess.run([sys.executable, "-m", "lmhtx_cli", *argv], env=env, capture_output=True, timeout=60)
    out = " ".join(result.stdout.decode("utf-8").split())
    assert result.returncode == 0
    assert all(word in out for word in words), out
    assert ("Usage:" in out) == (lang == "en")


# -- the values an option accepts ----------------------------------------------------------
def _help(lmhtx, *args: str, lang: str = "vi") -> str:
    run = lmhtx(*(("--lang", "en") if lang == "en" else ()), *args, "--help", root=None)
    assert run.code == 0
    return " ".join(run.out.split())


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_report_help_lists_the_periods(lmhtx, lang):
    out = _help(lmhtx, "report", lang=lang)
    for word in ("month N", "quarter N", "1-4", "I-IV", "h1", "9m", "year", "tháng N", "quý N", "năm"):
        assert word in out, word


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize(
    "command, english, vietnamese",
    [
        (("plan", "show"), ["planned", "in_progress", "done", "postponed", "cancelled"], ["chưa thực hiện", "đang thực hiện", "hoàn thành", "hoãn", "hủy"]),
        (("plan", "mark"), ["planned", "in_progress", "done", "postponed", "cancelled"], ["chưa thực hiện", "đang thực hiện", "hoàn thành", "hoãn", "hủy"]),
        (("meetings", "list"), ["planned", "done", "postponed", "cancelled"], ["dự kiến", "đã tổ chức", "hoãn", "hủy"]),
        (("meetings", "mark"), ["planned", "done", "postponed", "cancelled"], ["dự kiến", "đã tổ chức", "hoãn", "hủy"]),
        (("petitions", "list"), ["received", "forwarded", "answered", "resolved"], ["đã tiếp nhận", "đã chuyển", "đã trả lời", "đã giải quyết"]),
        (("petitions", "mark"), ["forwarded", "answered", "resolved"], ["đã chuyển", "đã trả lời", "đã giải quyết"]),
        (("members", "list"), ["htx", "lien-hiep-htx", "doanh-nghiep", "to-hop-tac", "paid", "partial", "unpaid", "none"], ["hợp tác xã", "liên hiệp", "doanh nghiệp", "tổ hợp tác"]),
    ],
)
def test_status_help_lists_the_words_in_english_and_vietnamese(lmhtx, lang, command, english, vietnamese):
    out = _help(lmhtx, *command, lang=lang)
    missing = [word for word in english + vietnamese if word not in out]
    assert missing == []


def test_the_listed_statuses_are_the_ones_accepted(lmhtx, small_root):
    """Every word the help lists for a task's status is one `plan show --status` takes."""
    for word in ("planned", "in_progress", "done", "postponed", "cancelled", "chưa thực hiện", "đang thực hiện", "hoàn thành", "hoãn", "hủy"):
        assert lmhtx("plan", "show", "--status", word, root=small_root).code == 0, word


DATE_OPTIONS = {"on", "as_of", "date", "due", "doc_date"}


@pytest.mark.parametrize("lang, fmt", [("vi", "dd/mm/yyyy hoặc yyyy-mm-dd"), ("en", "dd/mm/yyyy or yyyy-mm-dd")])
def test_every_date_option_says_how_to_write_a_date(lang, fmt):
    found = 0
    for name in NAMES:
        for key, param in _params(_built(name, lang)).items():
            if key in DATE_OPTIONS:
                found += 1
                assert fmt in param.help, f"{name} {key}: {param.help}"
    assert found >= 15


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_month_options_say_yyyy_mm(lmhtx, lang):
    assert "YYYY-MM" in _help(lmhtx, "digest", lang=lang)
    assert "YYYY-MM" in _help(lmhtx, "plan", "mark", lang=lang)


@pytest.mark.parametrize(
    "args",
    [
        ("plan", "show"),
        ("plan", "diff"),
        ("plan", "threads"),
        ("plan", "thread", "rau"),
        ("report", "month", "5"),
        ("digest",),
        ("members", "list"),
        ("members", "show", "x"),
        ("meetings", "list"),
        ("meetings", "show", "x"),
        ("petitions", "list"),
        ("fees",),
        ("validate",),
        ("units",),
    ],
)
def test_every_format_the_command_takes_is_in_its_help(lmhtx, args):
    """The formats a wrong --format lists are the ones its help lists, in either language."""
    refused = lmhtx("--lang", "en", *args, "--format", "xml")
    assert refused.code == 2
    assert "Invalid value for '--format' / '-f'" in refused.err
    formats = re.findall(r"'(\w+)'", re.search(r"'xml' is not one of (.+)\.", refused.err).group(1))
    assert formats and "text" in formats
    for lang in ("vi", "en"):
        out = _help(lmhtx, *[a for a in args if a not in ("rau", "5", "x", "month")], lang=lang)
        assert all(re.search(rf"\b{f}\b", out) for f in formats), (lang, formats, out)
