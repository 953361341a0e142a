"""What a report, digest or page was computed from, as people read it (a footer line) and as the
tool reads it back (`<!-- lmhtx-provenance {…} -->` in Markdown and HTML, Word custom properties).
The provenance itself comes from workspace/provenance.py; `lmhtx verify` reads it back from here."""

from __future__ import annotations

import json
import re

from lmhtx_cli.i18n import _

COMMENT_TAG = "lmhtx-provenance"
DOCX_PROPERTY = "lmhtx-provenance"
_COMMENT = re.compile(r"<!-- lmhtx-provenance (\{[^\n]*?\}) -->")


def provenance_line(p: dict) -> str:
    """One sentence: the as-of date, the commit (short) and whether the files differed, the version."""
    from lmhtx_cli.dates import parse_day
    from lmhtx_cli.periods import format_date

    values = {"version": p.get("version", "?"), "date": format_date(parse_day(p["as_of"])), "commit": (p.get("commit") or "")[:12]}
    if not p.get("commit"):
        return _("Computed by lmhtx {version} as of {date} from data outside git (no commit).").format(**values)
    if p.get("dirty"):
        return _("Computed by lmhtx {version} as of {date} from the data at git commit {commit}, with uncommitted changes (dirty).").format(**values)
    return _("Computed by lmhtx {version} as of {date} from the data at git commit {commit}.").format(**values)


def provenance_json(p: dict) -> str:
    """The provenance on one line, sorted, ASCII, and safe inside an HTML comment (no `--`, `<`, `>`)."""
    from lmhtx_cli.render.escape import comment_json

    return comment_json(p)


def provenance_comment(p: dict) -> str:
    return f"<!-- {COMMENT_TAG} {provenance_json(p)} -->"


def template_values(p: dict | None) -> dict | None:
    """What a Markdown template prints at its end (`made_from.line`, `made_from.comment`): the
    tool's own templates do; a template of the office's own may."""
    from lmhtx_cli.render.escape import MarkdownSafe

    return {"line": provenance_line(p), "comment": MarkdownSafe(provenance_comment(p))} if p else None  # the comment is the tool's own, written as it is


def text_with_provenance(text: str, p: dict | None, width: int = 80) -> str:
    """A report or digest for the terminal or mail, with its footer line wrapped to `width`."""
    if not p:
        return text
    import textwrap

    return f"{text.rstrip()}\n\n" + "\n".join(textwrap.wrap(provenance_line(p), max(width, 40), break_on_hyphens=False)) + "\n"


def docx_properties(p: dict) -> dict[str, str]:
    """The Word file's custom properties: the whole provenance for the tool, and its main fields
    for a person looking at File > Properties > Custom."""
    shown = {"commit": p.get("commit") or "", "dirty": "" if p.get("dirty") is None else str(bool(p["dirty"])).lower(), "as_of": p.get("as_of", ""), "version": p.get("version", "")}
    return {DOCX_PROPERTY: provenance_json(p), **{f"lmhtx.{key}": value for key, value in shown.items()}}


def docx_with_provenance(document: bytes, p: dict | None) -> bytes:
    """A Word file with the provenance in its custom properties (docProps/custom.xml)."""
    if not p:
        return document
    from lmhtx_cli.store.docx_parts import with_custom_properties

    return with_custom_properties(document, docx_properties(p))


def provenance_in_text(text: str) -> dict | None:
    """The tool's own provenance comment in a Markdown or HTML text (the last one), else None."""
    found = _COMMENT.findall(text)
    return _loaded(found[-1]) if found else None


def provenance_in_properties(properties: dict[str, str]) -> dict | None:
    value = properties.get(DOCX_PROPERTY)
    return _loaded(value) if value else None


def _loaded(text: str) -> dict | None:
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) and value.get("tool") == "lmhtx" else None
