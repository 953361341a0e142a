"""What an import did, for the person who runs it: the summary, and with --explain every line
of the document the reader removed, joined or kept although it looked like noise."""

from __future__ import annotations

from lmhtx_cli.i18n import N_, _
from lmhtx_cli.render.escape import shown

_WHAT = {
    ("removed", "page-number"): N_("removed page number"),
    ("removed", "letter-head"): N_("removed letter-head line"),
    ("removed", "number"): N_("removed the document's number (Số: …)"),
    ("removed", "place-date"): N_("removed the place and date"),
    ("removed", "signer"): N_("removed the signer's block"),
    ("removed", "closing"): N_("removed the closing (Nơi nhận: and the recipients)"),
    ("removed", "column-numbers"): N_("removed a table's row of column numbers"),
    ("removed", "separator"): N_("removed a separator line"),
    ("removed", "preamble"): N_("removed: before the first heading and after the title (a preamble, no task)"),
    ("joined", "broken-word"): N_("joined broken word to the line above"),
    ("joined", "page-number-in-sentence"): N_("removed page number inside a sentence and joined its two halves (the next page's number)"),
    ("joined", "sub-item"): N_("joined to the task above as one of its sub-items (marked otherwise than the unit's tasks, after a colon or semicolon)"),
    ("joined", "after-full-stop"): N_("joined to the task above (a line after its full stop, before the next task or heading)"),
    ("read", "no-dash"): N_("read as a task (no leading dash under its unit heading)"),
    ("read", "quarter"): N_("read as a quarter: its tasks go to the quarter's first month, due on its last day"),
    ("read", "unit-in-phrase"): N_("read as a unit heading (the unit is named inside the phrase)"),
    ("read", "unit-after-open-sentence"): N_("read as a unit heading although the task above has no full stop"),
    ("read", "deadline"): N_("read the deadline into due"),
    ("read", "table-header"): N_("read as a table's header: a task a row"),
    ("kept", "number-in-sentence"): N_("kept as task text (a number inside an open sentence, not a page number)"),
    ("kept", "letter-head-like"): N_("kept as task text (looks like a letter-head line, but stands inside a task)"),
}
_FRAME = {"page-number", "letter-head", "number", "place-date", "signer", "closing", "column-numbers", "separator", "preamble"}
_WEAKER = {"no-dash", "unit-in-phrase", "unit-after-open-sentence", "after-full-stop", "page-number-in-sentence"}


def explanation(result, file: str) -> str:
    """`file:line: <what was done>: <the line>`, one per repair, in the document's order."""
    lines = [f"{shown(file)}:{r.line}: {_(_WHAT[(r.action, r.why)])}: {shown(r.text)}" for r in sorted(result.repairs, key=lambda r: r.line)]
    return "".join(line + "\n" for line in lines)


def summary(result, written: str) -> str:
    """How many tasks were read and where they went, per unit, and how many repairs were made."""
    counts = result.counts_by_unit()
    text = _("{count} tasks → {folder}").format(count=result.task_count, folder=written) + "\n"
    text += "  " + ", ".join(f"{code} {count}" for code, count in counts.items()) + "\n"
    repaired = [r for r in result.repairs if r.action != "kept"]
    if repaired:
        text += "  " + _("{count} lines repaired or read by a rule; --explain lists each with its line").format(count=len(repaired)) + "\n"
        frame = sum(1 for r in repaired if r.action == "removed" and r.why in _FRAME)
        weaker = sum(1 for r in repaired if r.why in _WEAKER)
        deadlines = sum(1 for r in repaired if r.why == "deadline")
        text += "  " + _("{frame} lines of the document's frame removed, {weaker} placed or joined by a weaker rule, {deadlines} deadlines read into due").format(frame=frame, weaker=weaker, deadlines=deadlines) + "\n"
    return text


def import_notes(result, file: str, explain: bool) -> list[str]:
    """What the import warns of, for stderr: months missing from the document, unit headings it
    does not know (with --explain), lines it could not place, and that nothing was written."""
    notes = []
    if result.missing_months:
        notes.append(_("lmhtx: warning: the document has no month {months}").format(months=", ".join(map(str, result.missing_months))))
    for line, heading in result.unknown_units if explain else []:
        notes.append(_('{file}:{line}: no known unit is called "{heading}"').format(file=file, line=line, heading=heading))
    for line, text in result.unplaced:
        notes.append(_("{file}:{line}: could not place: {text}").format(file=file, line=line, text=text))
    if result.unplaced and not explain:
        notes.append(_("lmhtx: nothing was written: place or remove these lines in the document, then import again"))
    return notes


# -- the member register -----------------------------------------------------------------------
def register_explanation(result, file: str) -> str:
    """`import members --explain`: the header found and what each row becomes, by which rule."""
    lines = [_("{file}:{row}: header row: {columns}").format(file=file, row=result.header_row, columns=", ".join(f"{key} = “{shown(header)}”" for key, header in result.columns.items()))]
    lines += [f"{file}:{row}: {shown(text)}" for row, text in result.explained]
    return "\n".join(lines) + "\n"


def register_problems(result, file: str) -> list[str]:
    """Each row that stops the import, as file:row, then that nothing was written."""
    if not result.problems:
        return []
    lines = [f"{file}:{p.row}: " + _("error") + f": {shown(p.message)}" for p in result.problems]
    return lines + [_("{count} row(s) cannot be added as they are; nothing was written").format(count=len(result.problems))]


def register_summary(result, written: str) -> str:
    parts = [_("{count} member(s) added to {file} (header at row {row})").format(count=len(result.records), file=written, row=result.header_row)]
    if result.weaker:
        parts.append(_("{count} placed by a weaker rule (kind from the name, area from the address): see --explain").format(count=result.weaker))
    if result.without_area:
        parts.append(_("{count} without an area group: no group is used in that year (members/areas.yaml)").format(count=result.without_area))
    return "; ".join(parts) + ".\n"
