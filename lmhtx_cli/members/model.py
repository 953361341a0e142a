"""The shape of the files under members/: areas, clubs, members, fees, meetings and petitions."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt

CODE = r"^[a-z0-9][a-z0-9_-]{0,39}$"


class _Record(BaseModel):
    model_config = ConfigDict(extra="ignore")


class AreaDef(_Record):
    """An area group for member meetings, valid for a range of years (areas change, as in 2025)."""

    code: str = Field(pattern=CODE)
    name: str = Field(min_length=1)
    places: list[str] = Field(default_factory=list, description="Communes, wards and special zones (xã, phường, đặc khu) in the group")
    districts: list[str] = Field(default_factory=list, description="Districts in the group (before July 2025; read, not needed today)")
    valid_from: int | None = Field(default=None, description="First year the group is used")
    valid_until: int | None = Field(default=None, description="Last year the group is used")
    aliases: list[str] = Field(default_factory=list)
    note: str | None = None


class AreasFile(_Record):
    areas: list[AreaDef] = Field(default_factory=list)  # empty in a new office until it sets its area groups


class ClubDef(_Record):
    code: str = Field(pattern=CODE)
    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    note: str | None = None


class ClubsFile(_Record):
    clubs: list[ClubDef] = Field(default_factory=list)


class AreaMove(_Record):
    """A member moved to another area group on a day (a merger of areas, a new address)."""

    since: dt.date = Field(description="The day from which the member belongs to this area group")
    area: str | None = Field(description="Area group code; empty when not known")
    by: str | None = None
    note: str | None = None


class MemberDef(_Record):
    id: str = Field(pattern=CODE)
    name: str = Field(min_length=1)
    kind: Literal["htx", "lien-hiep-htx", "doanh-nghiep", "to-hop-tac"]
    area: str | None = Field(default=None, description="Area group code the member first belonged to; empty when not known (later ones: moves)")
    moves: list[AreaMove] = Field(default_factory=list, description="Changes of area group, each from a day on; the area on a day is the last move before it, else area")
    address: str | None = None
    commune: str | None = Field(default=None, description="Commune, ward or special zone of the address (xã, phường, đặc khu)")
    representative: str | None = Field(default=None, description="Người đại diện")
    phone: str | None = None
    clubs: list[str] = Field(default_factory=list)
    joined: dt.date | int | None = Field(default=None, description="Date or year the member joined")
    active: bool = True
    sample: bool = Field(default=False, description="True for made-up sample members (not real data)")
    note: str | None = None


class MembersFile(_Record):
    members: list[MemberDef] = Field(default_factory=list)


class Payment(_Record):
    """One payment of a fee: when and how much; what was paid by a date is the sum of these."""

    on: dt.date
    amount: StrictInt = Field(ge=1, description="Amount paid, in whole đồng")
    ref: str | None = Field(default=None, description="Receipt or document number")
    note: str | None = None


class FeeRecord(_Record):
    member: str
    due: StrictInt = Field(ge=0, description="Fee due for the year, in whole đồng")
    paid: StrictInt = Field(default=0, ge=0, description="Amount paid, in whole đồng (the sum of the payments, when they are listed)")
    date: dt.date | None = Field(default=None, description="Date of (the last) payment")
    payments: list[Payment] = Field(default_factory=list, description="The dated payments; the fee's state on any date comes from them")
    sample: bool = False
    note: str | None = None


class FeesFile(_Record):
    year: int = Field(ge=1900, le=2999)
    fees: list[FeeRecord] = Field(default_factory=list)


class EventEntry(_Record):
    on: dt.date
    status: str
    by: str | None = None
    note: str | None = None
    ref: str | None = None
    date: dt.date | None = Field(default=None, description="A meeting's date as this change set it (held, or moved); the meeting's own date: is the one it was planned for")
    due: dt.date | None = Field(default=None, description="A petition's answer due date as this change set it; the petition's own due: is the one given when it was received")


class MeetingDef(_Record):
    id: str = Field(pattern=CODE)
    quarter: int | None = Field(default=None, ge=1, le=4)
    date: dt.date | None = None
    area: str | None = Field(default=None, description='Area group code, "city" for the whole city, empty when not decided')
    format: Literal["chuyen-de", "toa-dam", "chinh-sach", "dia-ban"] | None = None
    themes: list[str] = Field(default_factory=list)
    lead_unit: str = Field(description="Unit code of the plan year that prepares the meeting")
    invited: list[str] = Field(default_factory=list)
    attendees: list[str] = Field(default_factory=list, description="Member ids")
    status: Literal["planned", "done", "postponed", "cancelled"] = "planned"
    minutes: str | None = None
    note: str | None = None
    sample: bool = False
    history: list[EventEntry] = Field(default_factory=list)


class MeetingsFile(_Record):
    year: int = Field(ge=1900, le=2999)
    meetings: list[MeetingDef] = Field(default_factory=list)


class PetitionDef(_Record):
    id: str = Field(pattern=CODE)
    member: str
    meeting: str | None = None
    topic: str = Field(min_length=1)
    text: str = Field(min_length=1)
    unit: str | None = Field(default=None, description="The alliance's unit that follows it up")
    forwarded_to: str | None = Field(default=None, description="The body asked to answer")
    due: dt.date | None = None
    answer: str | None = None
    status: Literal["received", "forwarded", "answered", "resolved"] = "received"
    received: dt.date
    forwarded: dt.date | None = None
    answered: dt.date | None = None
    resolved: dt.date | None = None
    sample: bool = False
    history: list[EventEntry] = Field(default_factory=list)


class PetitionsFile(_Record):
    year: int = Field(ge=1900, le=2999)
    petitions: list[PetitionDef] = Field(default_factory=list)
