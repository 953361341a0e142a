"""The units table: what --unit accepts."""

from __future__ import annotations

import json

from lmhtx_cli.labels import label
from lmhtx_cli.plan.programme import Programme
from lmhtx_cli.render.escape import shown_lines
from lmhtx_cli.render.wrapping import wrap_words


def units_table(programme: Programme, width: int, lang: str = "vi") -> str:
    code_width = max(len(label("code", lang)), *(len(u.code) for u in programme.units))
    name_width = max(len(label("name", lang)), *(len(u.label(lang)) for u in programme.units))
    lines = [f"{label('programme', lang, year=programme.year)}", ""]
    lines.append(f"{label('code', lang):<{code_width}}  {label('name', lang):<{name_width}}  {label('aliases', lang)}")
    rest = max(20, width - code_width - name_width - 4)
    for unit in programme.units:
        aliases = wrap_words(", ".join(unit.aliases), rest) or [""]
        lines.append(f"{unit.code:<{code_width}}  {unit.label(lang):<{name_width}}  {aliases[0]}")
        lines.extend(" " * (code_width + name_width + 4) + more for more in aliases[1:])
    return shown_lines("\n".join(lines) + "\n")


def units_json(programme: Programme) -> str:
    records = [{"code": u.code, "name": u.name, "name_en": u.name_en, "aliases": u.aliases} for u in programme.units]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
