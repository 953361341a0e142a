"""The git merge driver's work on one file: the versions read, merged by record with the layout
its domain gives (plan or members), and the result written over ours.

A file no domain knows, or one that cannot be merged by record (a side does not parse, a record
has no id), is merged line by line as git would have done. When a merge by record is clean and
git's line merge is clean too and reads as the same data, git's text is kept: it also keeps
comment edits made on theirs' side. Otherwise theirs' comments and blank lines are merged into
the result by git's line merge where they do not touch a line the record merge wrote.

No id is ever changed here (a record added on a branch has an id no other branch gives), so
work done later on either branch lands on its record, and a continuation's link (`continues`,
written only on the continuation) holds across month files: git's running the driver once
per file is enough.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lmhtx_cli.i18n import _
from lmhtx_cli.members.merge import layout_for as member_layout
from lmhtx_cli.plan.merge import layout_for as plan_layout
from lmhtx_cli.store.merge_files import line_merge, line_merge_onto, read_version, write_result
from lmhtx_cli.store.record_merge import Unmergeable, merge_records, only_comments_added, same_data


@dataclass
class MergeOutcome:
    name: str
    conflicts: list[str] = field(default_factory=list)  # records (or keys) left between markers
    line_conflicts: int = 0  # conflicts of a line-by-line merge
    by_line: str | None = None  # why the file was merged line by line
    clashes: list[tuple[str, str]] = field(default_factory=list)  # (record id, why) of records between markers for their meaning

    @property
    def clean(self) -> bool:
        """Nothing left to do by hand: no conflict, by record or by line."""
        return not self.conflicts and not self.line_conflicts


def merge_data_file(base: Path, ours: Path, theirs: Path, name: str) -> MergeOutcome:
    """Merge theirs into ours (git's %O %A %B, the file being `name`), leaving the result in ours."""
    layout = plan_layout(name) or member_layout(name)
    versions = read_version(base), read_version(ours), read_version(theirs)
    if layout is None:
        return _by_line(base, ours, theirs, name, _("not a plan or member data file"))
    try:
        merged = merge_records(*versions, name, layout)
    except Unmergeable as exc:
        return _by_line(base, ours, theirs, name, str(exc))
    except Exception as exc:  # a merge driver must leave a merge, never a half-written file
        return _by_line(base, ours, theirs, name, _("internal error: {kind}: {reason}").format(kind=type(exc).__name__, reason=exc))
    data = merged.data
    if not merged.conflicts:
        text, conflicts = line_merge(base, ours, theirs)
        if conflicts == 0 and same_data(text, data):
            data = text
        else:  # theirs' comments and blank lines outside the records merged, where git can place them
            data = next((text for text in line_merge_onto(base, data, theirs) if same_data(text, data)), data)
    else:  # markers left: theirs' comments elsewhere still come along, when nothing else moves
        data = next((text for text in line_merge_onto(base, data, theirs) if only_comments_added(data, text)), data)
    write_result(ours, data)
    return MergeOutcome(name, merged.conflicts, clashes=merged.clashes)


def _by_line(base: Path, ours: Path, theirs: Path, name: str, reason: str) -> MergeOutcome:
    text, conflicts = line_merge(base, ours, theirs)
    write_result(ours, text)
    return MergeOutcome(name, line_conflicts=conflicts, by_line=reason)
