"""Empty and odd documents: a file whose document is empty or null where a mapping is required
is a located error (exit 1), not a crash later nor tasks silently lost; a file holding empty lists
is valid; odd year folders and month files, `month: true` and an empty `status:` get precise
messages."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.fixture
def cli(lmhtx, english, monkeypatch):
    """The CLI in process, in English, without the cache; an internal error raises (fails the test)."""
    monkeypatch.setenv("LMHTX_NO_CACHE", "1")
    monkeypatch.setenv("LMHTX_TODAY", "2030-06-01")

    def invoke(root: Path, *args: str) -> subprocess.CompletedProcess:
        result = lmhtx(*args, root=root)
        assert "Traceback" not in result.err and "internal error" not in result.err, result.err
        return subprocess.CompletedProcess(args, result.code, result.out, result.err)

    return invoke


def _errors(run: subprocess.CompletedProcess, name: str) -> list[str]:
    return [line for line in run.stdout.splitlines() if line.startswith(f"{name}:") and ": error: " in line]


EMPTY = {
    "tilde": ("~\n", "empty-document", 1),
    "document-start": ("---\n", "empty-document", 1),
    "null-word": ("# the year's plan\nnull\n", "empty-document", 2),
    "document-start-and-end": ("---\n...\n", "empty-document", None),
    "nothing": ("", "empty-file", 1),
    "comments-only": ("# to be written\n# later\n", "empty-file", 1),
    "a-list": ("- vp\n- quy\n", "schema", 1),
    "a-word": ("plan\n", "schema", 1),
    "a-number": ("2030\n", "schema", 1),
}


@pytest.mark.parametrize("name", ["plans/2030/plan.yaml", "plans/2030/05.yaml", "members/members.yaml", "settings.yaml"], ids=["plan", "month", "members", "settings"])
@pytest.mark.parametrize("case", list(EMPTY))
def test_an_empty_or_null_document_is_a_located_error(cli, small_root, case, name):
    text, code, line = EMPTY[case]
    path = small_root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    run = cli(small_root, "validate")
    assert run.returncode == 1, run.stdout
    (error,) = _errors(run, name)
    assert error.endswith(f"[{code}]"), error
    number = int(error.split(":")[1])
    assert 1 <= number <= max(text.count("\n"), 1)  # a line the file has
    if line is not None:
        assert number == line


@pytest.mark.parametrize("case", ["tilde", "document-start", "nothing"])
def test_commands_say_so_rather_than_crash(cli, small_root, case):
    (small_root / "plans/2030/plan.yaml").write_text(EMPTY[case][0], encoding="utf-8")
    for args in (("plan", "show"), ("report", "month", "5", "--year", "2030"), ("units",), ("plan", "mark", "05-quy-1", "done")):
        run = cli(small_root, *args)
        assert run.returncode in (1, 2), args
        assert "plans/2030/plan.yaml:" in run.stderr, (args, run.stderr)


def test_a_month_of_null_does_not_silently_lose_its_tasks(cli, small_root):
    (small_root / "plans/2030/05.yaml").write_text("~\n", encoding="utf-8")
    run = cli(small_root, "plan", "show", "--year", "2030", "-m", "5")
    assert run.returncode == 1 and "plans/2030/05.yaml:1:1" in run.stderr


@pytest.mark.parametrize(
    "name, text",
    [
        ("plans/2030/05.yaml", "year: 2030\nmonth: 5\nunits: {}\n"),
        ("plans/2030/05.yaml", "year: 2030\nmonth: 5\nunits:\n  vp: []\n  quy: []\n"),
        ("members/members.yaml", "members: []\n"),
        ("members/petitions/2030.yaml", "year: 2030\npetitions: []\n"),
        ("members/meetings/2030.yaml", "year: 2030\nmeetings: []\n"),
    ],
    ids=["no-units", "empty-units", "no-members", "no-petitions", "no-meetings"],
)
def test_empty_lists_are_valid(cli, small_root, name, text):
    path = small_root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    run = cli(small_root, "validate")
    assert run.returncode == 0, run.stdout


ODD_VALUES = {
    "month-true": ("year: 2030\nmonth: true\nunits: {}\n", 2, "bad-value", "month: expected a whole number, got true"),
    "year-false": ("year: false\nmonth: 5\nunits: {}\n", 1, "bad-value", "year: expected a whole number, got false"),
    "empty-status": ('year: 2030\nmonth: 5\nunits:\n  vp:\n    - id: 05-vp-1\n      text: "x"\n      status:\n', 7, "empty-value", "status is empty; it must be one of: planned, in_progress, done, postponed, cancelled"),
    "empty-units": ("year: 2030\nmonth: 5\nunits:\n", 3, "empty-value", "units is empty; it must be a mapping of keys"),
    "empty-id": ('year: 2030\nmonth: 5\nunits:\n  vp:\n    - id:\n      text: "x"\n      status: planned\n', 5, "empty-value", "id is empty; it must be text"),
    "null-history": ('year: 2030\nmonth: 5\nunits:\n  vp:\n    - id: 05-vp-1\n      text: "x"\n      status: planned\n      history:\n', 8, "empty-value", "history is empty; it must be a list"),
}


@pytest.mark.parametrize("case", list(ODD_VALUES))
def test_odd_values_get_precise_messages(cli, small_root, case):
    text, line, code, message = ODD_VALUES[case]
    (small_root / "plans/2030/05.yaml").write_text(text, encoding="utf-8")
    run = cli(small_root, "validate")
    assert run.returncode == 1
    assert any(e.startswith(f"plans/2030/05.yaml:{line}:") and e.endswith(f"{message} [{code}]") for e in _errors(run, "plans/2030/05.yaml")), run.stdout


@pytest.mark.parametrize("folder", ["0000", "１９９９", "٢٠٣٠", "24", "20301", "1899", "3000", "2031 "])
def test_odd_year_folders_are_named_and_not_read(cli, small_root, folder):
    shutil.copytree(small_root / "plans/2030", small_root / "plans" / folder)
    run = cli(small_root, "validate")
    assert run.returncode == 1
    (error,) = _errors(run, f"plans/{folder}/")
    assert error.endswith("[bad-year-folder]")
    for args in (("plan", "show", "--year", "2030", "-f", "csv"), ("report", "month", "5", "--year", "2030")):
        assert cli(small_root, *args).returncode == 0, args  # the real year still works


def test_folders_that_are_not_years_are_left_alone(cli, small_root):
    (small_root / "plans" / "drafts").mkdir()
    (small_root / "plans" / "drafts" / "05.yaml").write_text("~\n", encoding="utf-8")
    assert cli(small_root, "validate").returncode == 0


@pytest.mark.parametrize("name", ["13.yaml", "00.yaml", "5.yaml", "１２.yaml", "005.yaml"])
def test_odd_month_file_names_are_errors_not_silence(cli, small_root, name):
    shutil.copy(small_root / "plans/2030/05.yaml", small_root / "plans/2030" / name)
    run = cli(small_root, "validate")
    assert run.returncode == 1
    (error,) = _errors(run, f"plans/2030/{name}")
    assert error.endswith("[bad-month-file]")


def test_a_month_file_that_is_a_folder_is_an_error(cli, small_root):
    (small_root / "plans/2030/03.yaml").mkdir()
    run = cli(small_root, "validate")
    assert run.returncode == 1 and _errors(run, "plans/2030/03.yaml")


@pytest.mark.parametrize("name", ["２０３０.yaml", "0000.yaml", "203.yaml"])
def test_odd_yearly_member_files_are_errors(cli, small_root, name):
    folder = small_root / "members" / "petitions"
    folder.mkdir(parents=True)
    (folder / name).write_text("year: 2030\npetitions: []\n", encoding="utf-8")
    run = cli(small_root, "validate")
    assert run.returncode == 1
    (error,) = _errors(run, f"members/petitions/{name}")
    assert error.endswith("[bad-year-file]")


def test_the_repository_data_is_still_valid(cli):
    run = cli(REPO, "validate")
    assert run.returncode == 0, run.stdout
