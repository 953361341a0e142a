"""The two kinds of trouble a user can cause: problems found in data, and errors in what they asked."""

from __future__ import annotations

from dataclasses import dataclass

from lmhtx_cli.i18n import _


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a data file. Lines and columns are 1-based, as people count."""

    file: str
    line: int
    column: int
    level: str  # "error" or "warning"
    code: str
    message: str

    def format(self) -> str:
        """`file:line:col: level: message [code]`, the level in the run's language."""
        return f"{self.file}:{self.line}:{self.column}: {_(self.level)}: {_(self.message)} [{self.code}]"

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "level": self.level,
            "code": self.code,
            "message": self.message,
        }


class UserError(Exception):
    """Something the user asked for cannot be done; the message says why, in one line."""

    def __init__(self, message: str, file: str | None = None, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.column = column

    def format(self) -> str:
        if self.file is None:
            return self.message
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class DataError(UserError):
    """The data does not validate, so a command that needs it cannot run."""

    def __init__(self, problems: list[Problem]):
        errors = [p for p in problems if p.level == "error"]
        first = errors[0] if errors else problems[0]
        more = _(" (and {count} more; run `lmhtx validate`)").format(count=len(errors) - 1) if len(errors) > 1 else ""
        super().__init__(f"{_(first.level)}: {first.message} [{first.code}]{more}", first.file, first.line, first.column)
        self.problems = problems
