"""Vietnamese first: what the domains say (errors in what was typed, problems found in the data) is
Vietnamese by default and English with --lang en or LMHTX_LANG=en, with no sentence of the other
language left in between. Data (file paths, codes in [brackets], quoted values, commands in
backticks, YAML keys) is the same in both."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from tests.conftest import DATA, REPO

# Words of an English sentence that no Vietnamese message holds, and the reverse.
ENGLISH = re.compile(r"\b(unknown|is not|are not|cannot|can't|missing|must|should|already|does not|expected|did you mean|found|the|error|warning)\b", re.IGNORECASE)
VIETNAMESE = re.compile(r"\b(không|hãy|chưa|lỗi|cảnh báo|đã được|có phải)\b", re.IGNORECASE)

PLAN_2024 = ["--year", "2024"]
MISTAKES = [
    (["plan", "show", "--month", "13"], "tháng"),
    (["plan", "show", "--month", "may"], "tháng"),
    (["plan", "show", "--quarter", "V"], "quý"),
    (["plan", "show", "--status", "finished"], "trạng thái"),
    (["plan", "show", "--unit", "Trung tâm", *PLAN_2024], "khớp với nhiều đơn vị"),
    (["plan", "show", "--unit", "Phòng Tài chính", *PLAN_2024], "không có đơn vị"),
    (["plan", "show", "05-quy-9", *PLAN_2024], "không có nhiệm vụ"),
    (["plan", "show", "--year", "2023"], "không có chương trình năm 2023"),
    (["report", "week", "3"], "kỳ báo cáo"),
    (["report", "month"], "số của tháng"),
    (["report", "quarter", "5"], "quý"),
    (["report", "h1", "2"], "không kèm theo số"),
    (["members", "list", "--kind", "hội"], "loại thành viên"),
    (["members", "list", "--area", "Hải Dương"], "nhóm địa bàn"),
    (["members", "list", "--club", "câu lạc bộ"], "khớp với nhiều câu lạc bộ"),
    (["meetings", "list", "--status", "xong xuôi"], "sinh hoạt thành viên"),
    (["petitions", "list", "--status", "đang xem"], "kiến nghị"),
    (["plan", "mark", "05-quy-1", "done", "--on", "31/02/2024", *PLAN_2024], "ngày có thật"),
    (["plan", "mark", "05-quy-1", "postponed", "--to", "2024-13", *PLAN_2024], "tháng"),
    (["plan", "mark", "05-quy-1", "postponed", "--to", "2024-03", *PLAN_2024], "tháng sau"),
    (["petitions", "mark", "kn-2024-01", "answered"], "nội dung trả lời"),
]


def _prose(line: str) -> str:
    """A line without what is data in both languages: the file:line:col, the [code], quoted
    values, commands, YAML keys and the options named."""
    line = re.sub(r"^lmhtx: ", "", line)
    line = re.sub(r"^[^\s:]+(:\d+){1,2}: ", "", line)
    line = re.sub(r"\s*\[[a-z0-9-]+\]$", "", line)
    line = re.sub(r'"[^"]*"', '""', line)
    line = re.sub(r"'[^']*'", "''", line)
    line = re.sub(r"`[^`]*`", "``", line)
    line = re.sub(r"--[a-z-]+", "--", line)
    return re.sub(r"\b[a-z_]+:(?=\s|\)|$)", "key:", line)


def _leaks(text: str, words: re.Pattern) -> list[str]:
    return [line for line in text.splitlines() if words.search(_prose(line))]


@pytest.fixture
def office(tmp_path):
    """A copy of the repository's data, for commands that would write (they fail before)."""
    root = tmp_path / "office"
    for folder in ("plans", "members"):
        shutil.copytree(REPO / folder, root / folder)
    return root


@pytest.mark.parametrize("args, vietnamese", MISTAKES, ids=[" ".join(a) for a, _ in MISTAKES])
def test_a_mistake_is_told_in_vietnamese_by_default(lmhtx, office, args, vietnamese):
    run = lmhtx(*args, root=office)
    assert run.code == 2 and run.out == ""
    assert run.err.startswith("lmhtx: lỗi: ") and vietnamese in run.err
    assert _leaks(run.err, ENGLISH) == []


@pytest.mark.parametrize("args, vietnamese", MISTAKES, ids=[" ".join(a) for a, _ in MISTAKES])
def test_the_same_mistake_is_told_in_english_with_lang_en(lmhtx, office, args, vietnamese):
    run = lmhtx("--lang", "en", *args, root=office)
    assert run.code == 2 and run.out == ""
    assert run.err.startswith("lmhtx: error: ") and vietnamese not in run.err
    assert _leaks(run.err, VIETNAMESE) == []


@pytest.mark.parametrize("folder", ["broken", "members_broken"])
def test_validate_speaks_vietnamese_by_default(lmhtx, folder):
    run = lmhtx("validate", root=DATA / folder)
    assert run.code == 1
    problems = [line for line in run.out.splitlines() if re.search(r":\d+:\d+: ", line)]
    assert len(problems) > 10
    assert all(": lỗi: " in line or ": cảnh báo: " in line for line in problems)
    assert _leaks(run.out, ENGLISH) == []


@pytest.mark.parametrize("folder", ["broken", "members_broken"])
def test_validate_speaks_english_when_asked(lmhtx, monkeypatch, folder):
    vietnamese = lmhtx("validate", "-f", "json", root=DATA / folder)
    monkeypatch.setenv("LMHTX_LANG", "en")
    from lmhtx_cli import i18n

    monkeypatch.setattr(i18n, "_state", {})
    run = lmhtx("validate", root=DATA / folder)
    assert run.code == 1
    problems = [line for line in run.out.splitlines() if re.search(r":\d+:\d+: ", line)]
    assert all(": error: " in line or ": warning: " in line for line in problems)
    assert _leaks(run.out, VIETNAMESE) == []
    # The same problems, at the same places, under the same codes: only the message differs.
    english = lmhtx("validate", "-f", "json", root=DATA / folder)
    ours, theirs = json.loads(vietnamese.out), json.loads(english.out)
    where = ("file", "line", "column", "level", "code")
    assert [[p[k] for k in where] for p in ours] == [[p[k] for k in where] for p in theirs]
    assert sum(a["message"] != b["message"] for a, b in zip(ours, theirs)) == len(ours)


def test_a_cached_result_is_not_served_in_the_other_language(lmhtx, office, monkeypatch):
    """Problems and programmes are cached with their messages: an entry made by a Vietnamese run
    must not answer an English one, nor the reverse."""
    month = office / "plans/2024/05.yaml"
    month.write_text(month.read_text(encoding="utf-8").replace("status: planned", "status: done", 1), encoding="utf-8")
    from lmhtx_cli import i18n

    def runs() -> tuple[str, str]:
        return lmhtx("validate", root=office).out, lmhtx("plan", "show", "--month", "5", "--year", "2024", root=office).err

    first = runs()
    assert all('trạng thái ghi "done"' in text for text in first)
    for lang, said, other in (("en", 'status says "done"', VIETNAMESE), ("vi", 'trạng thái ghi "done"', ENGLISH), ("en", 'status says "done"', VIETNAMESE)):
        monkeypatch.setenv("LMHTX_LANG", lang)
        for _ in range(2):  # the second run comes from the cache
            monkeypatch.setattr(i18n, "_state", {})
            validated, shown = runs()
            assert said in validated and said in shown
            assert _leaks(validated, other) == []
    monkeypatch.setattr(i18n, "_state", {})
    monkeypatch.delenv("LMHTX_LANG")
    assert runs() == first
