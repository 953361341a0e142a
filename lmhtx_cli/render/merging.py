"""What the merge driver and its installer tell the person merging (on stderr: git shows it)."""

from __future__ import annotations

from lmhtx_cli.i18n import _


def merge_notes(outcome) -> list[str]:
    notes = []
    if outcome.by_line is not None:
        notes.append(_("{file}: merged line by line, as git does ({reason})").format(file=outcome.name, reason=outcome.by_line))
    if outcome.conflicts:
        notes.append(_("{file}: changed two ways; conflict markers around {records}").format(file=outcome.name, records=", ".join(outcome.conflicts)))
    for record, why in outcome.clashes:
        notes.append(f"{outcome.name}: {record}: {why}")
    return notes


def install_notes(changes, folder: str) -> str:
    if not changes:
        return _("The lmhtx merge driver is already set up in {folder}.").format(folder=folder) + "\n"
    lines = [f"{change.where}: {change.what}" for change in changes]
    lines.append(_("Commit .gitattributes so that everyone's merges use it; each clone runs `lmhtx merge-driver install` once."))
    return "\n".join(lines) + "\n"
