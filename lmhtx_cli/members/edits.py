"""Recording what happens to meetings and petitions, as small exact edits of members/ files."""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

from lmhtx_cli.errors import Problem, UserError
from lmhtx_cli.i18n import _, language
from lmhtx_cli.members.checking import member_problems, read_checked
from lmhtx_cli.members.loading import keep_written
from lmhtx_cli.store.record_edits import append_entry, append_record, append_records, locate_record, replace_scalar, set_key
from lmhtx_cli.store.transaction import Transaction, transaction
from lmhtx_cli.store.writeback import plain_or_quoted, quote


def _entry(on: dt.date, status: str, by: str | None, note: str | None, ref: str | None = None, **dates: dt.date | None) -> dict:
    """A history entry; `dates` (a meeting's `date`, a petition's `due`) are what this change set:
    written here, not over the record's own, so the date that stood earlier stays readable."""
    return {"on": on, "status": status, **dates, "by": by, "note": note, "ref": ref}


def _checker(root: Path, plan_units: dict[int, set[str]], checked: dict):
    """The member rules over members/ with the new texts in place of the files being changed
    (the others from their cache entries); what was checked is kept in `checked`."""

    def check(overrides: dict[Path, str]) -> list[Problem]:
        docs = read_checked(root, overrides)
        problems = member_problems(docs, plan_units)
        checked.update(docs=docs, problems=problems, written=set(overrides))
        return problems

    return check


def _commit(tx: Transaction, root: Path, plan_units: dict[int, set[str]]) -> str:
    """Check and write the transaction, then leave the cache holding the member data as now
    written (as plan marks do), so the next member command does not read members/ again."""
    checked: dict = {}
    written = tx.commit(_checker(root, plan_units, checked))
    if checked:
        _refresh_cache(root, checked["docs"], checked["problems"], checked["written"])
    return written[0]


def _refresh_cache(root: Path, docs, problems: list[Problem], written: set[Path]) -> None:
    from lmhtx_cli.members.data import MemberData
    from lmhtx_cli.store import cache

    keep_written(root, docs, written)
    if any(p.level == "error" for p in problems):
        return
    paths = cache.member_files(root)
    if not cache.still_as_read([path for path in paths if path.name == "plan.yaml"]):
        return  # a plan changed since its units were read for the check: the next command checks again
    built_from = cache.signature(paths)
    cache.store(root, f"members-{language()}", built_from, (MemberData.from_docs(docs), problems))  # what `Workspace.members` reads
    cache.store(root, f"problems-members-{language()}", built_from, problems)  # what `validate` reads


@contextlib.contextmanager
def record_of_year(root: Path, kind: str, year: int, record_id: str):
    """Under the lock: the transaction, the year's file of `kind` and the record's path in it."""
    with transaction(root) as tx:
        file = tx.file(root / "members" / kind / f"{year}.yaml")
        yield tx, file, (kind, locate_record(file, kind, record_id))


def mark_meeting(root: Path, plan_units: dict[int, set[str]], year: int, meeting_id: str, status: str, on: dt.date, by: str | None, note: str | None, minutes: str | None, date: dt.date | None, attendees: list[str] | None) -> str:
    with record_of_year(root, "meetings", year, meeting_id) as (tx, file, path):
        record = file.doc._value_at(path)
        if "status" in record:
            replace_scalar(file, path + ("status",), status)
        else:
            set_key(file, path, "status", status)
        file.settle()
        if minutes:
            set_key(file, path, "minutes", quote(minutes))
            file.settle()
        if attendees:
            set_key(file, path, "attendees", "[" + ", ".join(plain_or_quoted(a) for a in attendees) + "]")
            file.settle()
        append_entry(file, path, "history", _entry(on, status, by, note, date=date))
        return _commit(tx, root, plan_units)


def add_petition(root: Path, plan_units: dict[int, set[str]], year: int, record: dict) -> str:
    with transaction(root) as tx:
        path = root / "members" / "petitions" / f"{year}.yaml"
        file = tx.file_or_new(path, lambda: f"# yaml-language-server: $schema=../../schema/petitions.schema.json\n# Member petitions (kiến nghị) of {year}.\nyear: {year}\npetitions: []\n")
        append_record(file, "petitions", record)
        return _commit(tx, root, plan_units)


def mark_petition(root: Path, plan_units: dict[int, set[str]], year: int, petition_id: str, status: str, on: dt.date, by: str | None, note: str | None, answer: str | None, forwarded_to: str | None, due: dt.date | None) -> str:
    with record_of_year(root, "petitions", year, petition_id) as (tx, file, path):
        record = file.doc._value_at(path)
        if status == "forwarded" and not (forwarded_to or record.get("forwarded_to")):
            raise UserError(_('{id}: say where it is forwarded: --forwarded-to "Sở …"').format(id=petition_id))
        if status in ("answered", "resolved") and not (answer or record.get("answer")):
            raise UserError(_('{id}: record the answer: --answer "…"').format(id=petition_id))
        replace_scalar(file, path + ("status",), status)
        file.settle()
        changes = [(status, on.isoformat())] if status != "received" else []
        if forwarded_to:
            changes.append(("forwarded_to", quote(forwarded_to)))
        if answer:
            changes.append(("answer", quote(answer)))
        for key, text in changes:
            set_key(file, path, key, text)
            file.settle()
        append_entry(file, path, "history", _entry(on, status, by, note, due=due))
        return _commit(tx, root, plan_units)


def move_member(root: Path, plan_units: dict[int, set[str]], member_id: str, area: str | None, since: dt.date, by: str | None, note: str | None) -> str:
    """Record that a member belongs to another area group from `since` on: an entry added to its
    `moves:`, never a change of where it was before."""
    with transaction(root) as tx:
        file = tx.file(root / "members" / "members.yaml")
        path = ("members", locate_record(file, "members", member_id))
        append_entry(file, path, "moves", {"since": since, "area": area, "by": by, "note": note})
        return _commit(tx, root, plan_units)


def add_members(root: Path, plan_units: dict[int, set[str]], records: list[dict]) -> str:
    """Add every record to members/members.yaml, or none of them: one edit, checked, written once."""
    with transaction(root) as tx:
        path = root / "members" / "members.yaml"
        file = tx.file_or_new(path, lambda: "# yaml-language-server: $schema=../schema/members.schema.json\n# Đơn vị thành viên.\nmembers: []\n")
        append_records(file, "members", records)
        return _commit(tx, root, plan_units)
