"""Validation problems as lines (`file:line:col: level: message [code]`) or as JSON."""

from __future__ import annotations

import json

from lmhtx_cli.errors import Problem
from lmhtx_cli.i18n import _
from lmhtx_cli.render.escape import shown_lines


def problems_text(problems: list[Problem]) -> str:
    lines = [p.format() for p in problems]
    errors = sum(p.level == "error" for p in problems)
    warnings = len(problems) - errors
    lines.append(_("{errors} error(s), {warnings} warning(s)").format(errors=errors, warnings=warnings) if problems else _("ok: no problems found"))
    return shown_lines("\n".join(lines) + "\n")


def problems_json(problems: list[Problem]) -> str:
    return json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=2) + "\n"
