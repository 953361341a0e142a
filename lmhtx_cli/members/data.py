"""The member side of the office as the rest of the tool sees it: plain records, no files."""

from __future__ import annotations

from dataclasses import dataclass, field

from lmhtx_cli.text import is_nfc, nfc


@dataclass
class Located:
    """A record and where it is written, so messages and `show` can name file and line."""

    record: object
    file: str
    line: int
    year: int | None = None


@dataclass
class MemberData:
    areas: list = field(default_factory=list)
    clubs: list = field(default_factory=list)
    members: list[Located] = field(default_factory=list)
    fees: dict[int, list[Located]] = field(default_factory=dict)
    meetings: dict[int, list[Located]] = field(default_factory=dict)
    petitions: dict[int, list[Located]] = field(default_factory=dict)

    @classmethod
    def from_docs(cls, docs) -> MemberData:
        data = cls()
        areas = docs.model("areas.yaml")
        clubs = docs.model("clubs.yaml")
        data.areas = list(areas.areas) if areas else []
        data.clubs = list(clubs.clubs) if clubs else []
        members = docs.singles.get("members.yaml")
        if members and members.model:
            data.members = located(members, "members")
        for key, attr in (("fees", "fees"), ("meetings", "meetings"), ("petitions", "petitions")):
            for year, loaded in docs.yearly[key].items():
                if loaded.model is None:
                    continue
                getattr(data, key)[year] = located(loaded, attr, year)
        return data

    def member(self, member_id: str) -> object | None:
        index = self.__dict__.get("_by_id")
        if index is None:
            index = self.__dict__["_by_id"] = {m.record.id: m.record for m in self.members}
        return index.get(member_id)

    def area(self, code: str | None) -> object | None:
        return next((a for a in self.areas if a.code == code), None)

    def club(self, code: str) -> object | None:
        return next((c for c in self.clubs if c.code == code), None)

    def all_meetings(self) -> list[Located]:
        return [m for year in sorted(self.meetings) for m in self.meetings[year]]

    def all_petitions(self) -> list[Located]:
        return [p for year in sorted(self.petitions) for p in self.petitions[year]]


def located(loaded, attr: str, year: int | None = None) -> list[Located]:
    """A file's records with their lines (kept with the file's cache entry once worked out)."""
    if getattr(loaded, "records", None) is not None:
        return list(loaded.records)  # a list of its own: the cached one stays as read
    return [Located(_nfc_model(r), loaded.doc.file, loaded.doc.where((attr, i))[0], year) for i, r in enumerate(getattr(loaded.model, attr))]


def _nfc_model(model):
    """Text is compared and shown in NFC whatever the file holds (validate warns about the file)."""
    updates = {k: nfc(v) for k, v in model.__dict__.items() if isinstance(v, str) and not v.isascii() and not is_nfc(v)}
    if not updates:  # already NFC (as nearly all text is): the record itself, not a copy of it
        return model
    if hasattr(model, "model_copy"):
        return model.model_copy(update=updates)
    return type(model)(**(model.__dict__ | updates))


__all__ = ["MemberData", "Located"]
