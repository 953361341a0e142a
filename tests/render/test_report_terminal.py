"""The terminal report is built as one block: Rich draws only its tables, every other line is
joined by the tool with the styles Rich would write (the goldens in tests/cli pin the plain text)."""

from __future__ import annotations

import rich.console


def test_year_report_goes_through_rich_once_per_table(lmhtx, monkeypatch):
    calls = []
    original = rich.console.Console.print

    def counted(self, *args, **kwargs):
        calls.append(args)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(rich.console.Console, "print", counted)
    run = lmhtx("report", "year", "--year", "2024", "--as-of", "15/06/2024")
    assert run.code == 0
    assert len(run.out.splitlines()) > 500  # the whole year, task by task
    assert len(calls) <= 3  # the three tables, not every line


def test_styles_in_a_terminal_and_with_no_color(lmhtx, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    coloured = lmhtx("report", "year", "--year", "2024", "--as-of", "15/06/2024").out
    lines = coloured.splitlines()
    assert lines[0].startswith("\x1b[1mBÁO CÁO") and lines[0].endswith("\x1b[0m")  # the title in bold
    assert "\x1b[2mNV nhiệm vụ" in coloured  # the legend dimmed
    assert "\x1b[31m" in coloured  # the bars coloured by completion
    monkeypatch.setenv("NO_COLOR", "1")
    plain = lmhtx("report", "year", "--year", "2024", "--as-of", "15/06/2024").out
    assert plain.splitlines()[0].startswith("\x1b[1mBÁO CÁO")  # NO_COLOR keeps bold and dim, drops colours
    assert "\x1b[31m" not in plain
