"""Small helpers the commands share: choosing a format, the width, and writing the result."""

from __future__ import annotations

import shutil
import sys

from lmhtx_cli.errors import Problem, UserError


def check_format(value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise UserError(f'unknown format "{value}": use one of {", ".join(allowed)}')
    return value


def terminal_width() -> int:
    return max(40, shutil.get_terminal_size((80, 24)).columns)


def emit(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def note(text: str) -> None:
    sys.stderr.write(text + "\n")


def mention_warnings(problems: list[Problem]) -> None:
    warnings = [p for p in problems if p.level == "warning"]
    if warnings:
        note(f"lmhtx: {len(warnings)} warning(s) in the data, e.g. {warnings[0].format()}; run `lmhtx validate`")
