"""What an import did, for the person who runs it: the summary, and with --explain every line
of the document the reader removed, joined or kept although it looked like noise."""

from __future__ import annotations

from lmhtx_cli.i18n import N_, _
from lmhtx_cli.render.escape import shown

_WHAT = {
    ("removed", "page-number"): N_("removed page number"),
    ("removed", "letter-head"): N_("removed letter-head line"),
    ("joined", "broken-word"): N_("joined broken word to the line above"),
    ("read", "no-dash"): N_("read as a task (no leading dash under its unit heading)"),
    ("kept", "number-in-sentence"): N_("kept as task text (a number inside an open sentence, not a page number)"),
    ("kept", "letter-head-like"): N_("kept as task text (looks like a letter-head line, but stands inside a task)"),
}


def explanation(result, file: str) -> str:
    """`file:line: <what was done>: <the line>`, one per repair, in the document's order."""
    lines = [f"{shown(file)}:{r.line}: {_(_WHAT[(r.action, r.why)])}: {shown(r.text)}" for r in sorted(result.repairs, key=lambda r: r.line)]
    return "".join(line + "\n" for line in lines)


def summary(result, written: str) -> str:
    counts = result.counts_by_unit()
    text = f"{result.task_count} nhiệm vụ / tasks → {written}\n"
    text += "  " + ", ".join(f"{code} {count}" for code, count in counts.items()) + "\n"
    repaired = [r for r in result.repairs if r.action != "kept"]
    if repaired:
        text += f"  {len(repaired)} sửa lỗi trích xuất / extraction repairs (page numbers, letter-heads, broken words); --explain lists them\n"
    return text
