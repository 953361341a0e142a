"""The member register as the office keeps it in a spreadsheet, read into member records.

The header row is found wherever it stands (title rows above it) by the usual Vietnamese column
names; each row becomes a member: its kind from "Loại hình" (else from its name: "HTX …",
"Công ty …"), its area group from its commune (the group whose `places:` hold it, for the day of
the import), else from a place named in its address; a stable id from its name. Nothing is
guessed in silence: every rule weaker than a column says so in the row's explanation, and a row
that cannot be placed, or repeats a member, is a problem naming its row.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from lmhtx_cli.i18n import _
from lmhtx_cli.members.vocab import area_in_year
from lmhtx_cli.text import fold, nfc

# Column names as offices write them (folded: no accents, lower case, punctuation as spaces).
COLUMNS = {
    "id": ("ma", "ma thanh vien", "ma don vi", "ma so"),
    "name": ("ten don vi", "ten htx", "ten hop tac xa", "ten thanh vien", "ten to chuc", "ten doanh nghiep", "ten don vi thanh vien", "ten", "don vi", "ten co so"),
    "kind": ("loai hinh", "loai hinh to chuc", "loai", "loai hinh doanh nghiep", "hinh thuc"),
    "address": ("dia chi", "dia chi tru so", "tru so", "tru so chinh", "dia chi tru so chinh"),
    "commune": ("xa phuong dac khu", "xa phuong", "phuong xa", "xa phuong thi tran", "don vi hanh chinh cap xa", "xa", "phuong", "dia ban xa"),
    "representative": ("nguoi dai dien", "nguoi dai dien theo phap luat", "giam doc", "chu tich hdqt", "ho ten nguoi dai dien", "dai dien"),
    "phone": ("dien thoai", "so dien thoai", "sdt", "dt", "dien thoai lien he"),
    "joined": ("nam gia nhap", "ngay gia nhap", "gia nhap", "thoi gian gia nhap", "nam ket nap", "ngay ket nap"),
    "area": ("nhom dia ban", "dia ban"),
}
_HEADER_LOOKUP = {name: key for key, names in COLUMNS.items() for name in names}
HEADER_SEARCH_ROWS = 30
_PLACE_KINDS = ("dac khu", "thi tran", "thi xa", "thanh pho", "phuong", "xa", "huyen", "quan")
_KINDS = (("lien hiep", "lien-hiep-htx"), ("to hop tac", "to-hop-tac"), ("hop tac xa", "htx"), ("htx", "htx"), ("doanh nghiep", "doanh-nghiep"), ("cong ty", "doanh-nghiep"), ("dn", "doanh-nghiep"), ("cty", "doanh-nghiep"))
_ID_DROP = {"cong", "ty", "tnhh", "co", "phan", "mtv"}


@dataclass
class RowProblem:
    row: int
    message: str


@dataclass
class RegisterImport:
    header_row: int | None = None
    columns: dict[str, str] = field(default_factory=dict)  # field → the header as written
    records: list[dict] = field(default_factory=list)
    explained: list[tuple[int, str]] = field(default_factory=list)  # (row, what was done and by which rule)
    problems: list[RowProblem] = field(default_factory=list)
    weaker: int = 0  # rows placed by a rule weaker than their own column (kind from the name, area from the address)
    without_area: int = 0


def _header_key(cell: str) -> str | None:
    folded = fold(cell)
    return _HEADER_LOOKUP.get(folded) or _HEADER_LOOKUP.get(re.sub(r"^(\d+\s+)", "", folded))


def find_header(rows: list[tuple[int, list[str]]]) -> tuple[int, dict[str, int]] | None:
    """The first row, among the first ones, naming a member's name and at least one more known
    column: its index in `rows` and each field's column."""
    for index, (_number, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found: dict[str, int] = {}
        for column, cell in enumerate(cells):
            key = _header_key(cell) if cell else None
            if key and key not in found:
                found[key] = column
        if "name" in found and len(found) >= 2:
            return index, found
    return None


def _strip_place_kind(folded: str) -> str:
    for kind in _PLACE_KINDS:
        if folded.startswith(kind + " "):
            return folded[len(kind) + 1 :]
    return folded


class _Places:
    """The places of the area groups used in a year, to find a commune's group."""

    def __init__(self, areas: list, year: int):
        self.year = year
        self.groups = [a for a in areas if a is not None and area_in_year(a, year)]
        self.full: dict[str, set[str]] = {}
        self.bare: dict[str, set[str]] = {}
        for group in self.groups:
            for place in list(getattr(group, "places", None) or []) + list(getattr(group, "districts", None) or []):  # districts: groups of before July 2025
                folded = fold(place)
                self.full.setdefault(folded, set()).add(group.code)
                self.bare.setdefault(_strip_place_kind(folded), set()).add(group.code)

    def of_commune(self, commune: str) -> set[str]:
        folded = fold(commune)
        return set(self.full.get(folded) or self.bare.get(_strip_place_kind(folded)) or ())

    def in_address(self, address: str) -> set[str]:
        text = f" {fold(address)} "
        found = {code for place, codes in self.full.items() if f" {place} " in text for code in codes}
        return found


def kind_of(text: str) -> str | None:
    folded = f" {fold(text)} "
    return next((kind for words, kind in _KINDS if f" {words} " in folded), None)


def _kind_from_name(name: str) -> str | None:
    folded = fold(name)
    for words, kind in _KINDS:
        if folded.startswith(words + " "):
            return kind
    return None


def slug_id(name: str) -> str:
    words = [w for w in fold(name).split() if w not in _ID_DROP] or fold(name).split() or ["thanh-vien"]
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > 40:
            break
        slug = candidate
    return slug or words[0][:40]


def _joined(text: str) -> dt.date | int | None:
    text = text.strip()
    if not text:
        return None
    if re.fullmatch(r"(19|20)\d\d", text):
        return int(text)
    match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
    try:
        if match:
            return dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise ValueError(text) from None


def _phone(text: str) -> tuple[str, bool]:
    """A phone number as text; a 9-digit number is one whose leading 0 a spreadsheet dropped."""
    digits = text.replace(" ", "").replace(".", "")
    if re.fullmatch(r"[1-9]\d{8}", digits):
        return "0" + digits, True
    return text, False


def read_register(rows: list[tuple[int, list[str]]], existing: list, areas: list, day: dt.date) -> RegisterImport:
    """The register's rows as new member records, checked against the members already kept."""
    result = RegisterImport()
    header = find_header(rows)
    if header is None:
        return result
    index, columns = header
    result.header_row = rows[index][0]
    result.columns = {key: rows[index][1][column] for key, column in columns.items()}
    places = _Places(areas, day.year)
    taken = {m.id: m for m in existing}
    by_name = {fold(m.name): m for m in existing}
    seen_names: dict[str, int] = {}

    def cell(cells: list[str], key: str) -> str:
        column = columns.get(key)
        return nfc(" ".join(cells[column].split())) if column is not None and column < len(cells) else ""

    for number, cells in rows[index + 1 :]:
        if not any(c.strip() for c in cells):
            continue
        name = cell(cells, "name")
        if not name:
            result.problems.append(RowProblem(number, _("the row has no name (column “{column}”)").format(column=result.columns["name"])))
            continue
        how: list[str] = []
        folded = fold(name)
        if folded in by_name:
            result.problems.append(RowProblem(number, _("“{name}” is already a member ({id})").format(name=name, id=by_name[folded].id)))
            continue
        if folded in seen_names:
            result.problems.append(RowProblem(number, _("“{name}” is listed twice (row {row})").format(name=name, row=seen_names[folded])))
            continue
        seen_names[folded] = number
        kind_text = cell(cells, "kind")
        kind = kind_of(kind_text) if kind_text else None
        if kind is None:
            kind = _kind_from_name(name)
            if kind is None:
                result.problems.append(RowProblem(number, _("kind unknown for “{name}”: write HTX, Liên hiệp HTX, Doanh nghiệp or Tổ hợp tác in “Loại hình”").format(name=name)))
                continue
            how.append(_("kind {kind} from the name").format(kind=kind))
            result.weaker += 1
        record: dict = {"id": None, "name": name, "kind": kind}
        given_area = cell(cells, "area")
        commune = cell(cells, "commune")
        address = cell(cells, "address")
        area, problem = _place(given_area, commune, address, places, how, result)
        if problem:
            result.problems.append(RowProblem(number, problem))
            continue
        record["area"] = area
        wanted_id = cell(cells, "id")
        new_id = wanted_id if wanted_id and re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,39}", wanted_id) else slug_id(name)
        if wanted_id and new_id != wanted_id:
            how.append(_("id made from the name (“{id}” is not an id: a-z, 0-9, -)").format(id=wanted_id))
        if new_id in taken:
            if wanted_id == new_id:
                result.problems.append(RowProblem(number, _("id {id} is already used by {name}").format(id=new_id, name=taken[new_id].name)))
                continue
            base, n = new_id[:37], 2
            while f"{base}-{n}" in taken:
                n += 1
            new_id = f"{base}-{n}"
        record["id"] = new_id
        taken[new_id] = _Named(new_id, name)
        for key in ("commune", "address", "representative"):
            if cell(cells, key):
                record[key] = cell(cells, key)
        if cell(cells, "phone"):
            record["phone"], fixed = _phone(cell(cells, "phone"))
            if fixed:
                how.append(_("phone {phone}: the spreadsheet had dropped its leading 0").format(phone=record["phone"]))
        try:
            joined = _joined(cell(cells, "joined"))
        except ValueError:
            result.problems.append(RowProblem(number, _("“{value}” is not a year or a date (column “{column}”)").format(value=cell(cells, "joined"), column=result.columns["joined"])))
            continue
        if joined is not None:
            record["joined"] = joined
        result.records.append(record)
        result.explained.append((number, f"{new_id} ← {name}" + (f" ({'; '.join(how)})" if how else "")))
    return result


@dataclass
class _Named:
    id: str
    name: str


def _place(given_area: str, commune: str, address: str, places: _Places, how: list[str], result: RegisterImport) -> tuple[str | None, str | None]:
    """The area group of a row, and a problem when it cannot be placed."""
    if not places.groups:
        result.without_area += 1
        return None, None
    if given_area:
        folded = fold(given_area)
        hits = {a.code for a in places.groups if folded in (fold(a.code), fold(a.name), *(fold(x) for x in a.aliases))}
        if len(hits) == 1:
            return hits.pop(), None
    if commune:
        hits = places.of_commune(commune)
        if len(hits) == 1:
            return hits.pop(), None
        if len(hits) > 1:
            return None, _("“{commune}” is in several area groups: {groups}").format(commune=commune, groups=", ".join(sorted(hits)))
        return None, _("“{commune}” is in no area group of {year} (places: in members/areas.yaml)").format(commune=commune, year=places.year)
    if address:
        hits = places.in_address(address)
        if len(hits) == 1:
            code = hits.pop()
            how.append(_("area {area} from the address").format(area=code))
            result.weaker += 1
            return code, None
    return None, _("no commune, ward or special zone that an area group lists (column “{column}”, or in the address)").format(column=result.columns.get("commune", "Xã/phường/đặc khu"))
