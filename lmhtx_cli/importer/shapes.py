"""The shapes a programme's lines take in any office's document: month and quarter headings,
list markers, the document's frame (letter-head, motto, number, place and date, closing, signer)
and the times and deadlines written in a task or a table cell.

Each function looks at one line (or one cell) and says what it is; the reader decides from the
line's neighbourhood whether to believe it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from lmhtx_cli.text import fold as _fold_text


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """`text.fold`, remembered: the reader folds each line several times."""
    return _fold_text(text)


# -- list markers ------------------------------------------------------------------------------
# Every bullet Word or a PDF extractor produces, and the dashes typed by hand.
BULLETS = "-–—―•◦▪▫●○■□◆◇►▸➢➤✓✔❖⁃‣∙·*+"
# Word's symbol-font bullets come out of a PDF as private-use characters (U+F0B7 , U+F0A7 , U+F0D8 …),
# and its second-level "o" as a letter o before a capital.
_PRIVATE_BULLETS = "\uf000-\uf0ff"
TASK_BULLET = re.compile(r"^\s*(?:[" + re.escape(BULLETS) + _PRIVATE_BULLETS + r"]+|\.\.\.|…|o(?=\s+[A-ZĐÀ-Ỹ]))\s*(.*)$")
# "1." "1)" "1.2." "a)" "a." "(1)" "(a)" "I." "IV)" "i)" — a numbered list item (task or heading).
NUMBERED = re.compile(r"^\s*(?:(?P<num>\d{1,2}(?:\.\d{1,2}){0,2})\s*[.)]|(?P<roman>[IVXivx]{1,4})\s*[.)]|(?P<letter>[a-zđA-ZĐ])\s*[.)]|\(\s*(?:\d{1,2}|[a-zđ]|[ivx]{1,4})\s*\))\s+(?P<rest>\S.*)$")
_ANY_MARKER = re.compile(r"^\s*(?:(?:\d{1,2}(?:\.\d{1,2}){0,2}|[IVXivx]{1,4}|[a-zđA-ZĐ])\s*[.)]|\(\s*(?:\d{1,2}|[a-zđ]|[ivx]{1,4})\s*\)|[" + re.escape(BULLETS) + _PRIVATE_BULLETS + r"]+|\.\.\.|…)\s*")


def without_marker(line: str) -> tuple[str, bool]:
    """The line without its list marker (number, letter, roman numeral or bullet), and whether it had one."""
    m = _ANY_MARKER.match(line)
    if m and m.end() < len(line.rstrip()):
        return line[m.end() :].strip(), True
    return line.strip(), False


def in_capitals(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


# -- month and quarter headings ----------------------------------------------------------------
MONTH_WORDS = {
    "mot": 1,
    "gieng": 1,
    "hai": 2,
    "ba": 3,
    "tu": 4,
    "bon": 4,
    "nam": 5,
    "sau": 6,
    "bay": 7,
    "tam": 8,
    "chin": 9,
    "muoi": 10,
    "muoi mot": 11,
    "muoi hai": 12,
    "chap": 12,
}
_MONTH_WORD = "|".join(sorted(MONTH_WORDS, key=len, reverse=True))
_YEAR_TAIL = r"(?:\s*(?:nam\s+)?(?P<year>\d{4}))?"
_LEAD_WORDS = r"(?:(?:cac\s+)?(?:nhiem vu|cong tac|cong viec|noi dung|chuong trinh|ke hoach)(?:\s+(?:trong tam|chu yeu|chinh|cong tac))?\s+)?"
_FOLDED_MONTH = re.compile(r"^" + _LEAD_WORDS + r"thang\s+(?P<month>\d{1,2}|" + _MONTH_WORD + r")" + _YEAR_TAIL + r"(?:\s+quy\s+(?:[ivx]{1,4}|[1-4]))?(?:\s+nam\s+\d{4})?$")
_FOLDED_QUARTER = re.compile(r"^" + _LEAD_WORDS + r"quy\s+(?P<quarter>[ivx]{1,4}|[1-4])" + _YEAR_TAIL + r"(?:\s+(?:tu\s+)?thang\s+.*)?$")
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


_TRAILING_BRACKET = re.compile(r"\s*\((?!\s*qu)[^)]*\)\s*[:.]?\s*$")
_COLUMNS = re.compile(r"\s{3,}|\t")


def _heading_body(line: str) -> str | None:
    """The folded words of a line that could be a heading: no list marker, no closing ':' or '.'."""
    body, _marked = without_marker(line)
    body = _TRAILING_BRACKET.sub("", body)  # "(từ 01/01 đến 31/01)" after the heading
    body = body.rstrip(" :.;")
    if not body or len(body) > 60:
        return None
    return fold(body)


def month_heading(line: str) -> tuple[int, int | None] | None:
    """(month, year or None) when the whole line is a month heading: "Tháng 1", "THÁNG MƯỜI HAI",
    "III. Tháng 9", "- Tháng 02 - 2025:", "Tháng 3/2025 (Quý I)", "Tháng 4 năm 2025"."""
    folded = _heading_body(line)
    if folded is None or "thang " not in folded:
        return None
    m = _FOLDED_MONTH.match(folded)
    if not m:
        return None
    word = m.group("month")
    month = int(word) if word.isdigit() else MONTH_WORDS[word]
    return month, int(m.group("year")) if m.group("year") else None


def quarter_heading(line: str) -> tuple[int, int | None] | None:
    """(quarter, year or None) when the whole line is a quarter heading: "Quý I", "QUÝ II/2025",
    "II. Quý 2 năm 2025 (tháng 4, 5, 6)"."""
    folded = _heading_body(line)
    if folded is None or "quy " not in folded:
        return None
    m = _FOLDED_QUARTER.match(folded)
    if not m:
        return None
    word = m.group("quarter")
    quarter = int(word) if word.isdigit() else ROMAN.get(word, 0)
    if not 1 <= quarter <= 4:
        return None
    return quarter, int(m.group("year")) if m.group("year") else None


# -- the document's frame ----------------------------------------------------------------------
MOTTO = ("cong hoa xa hoi chu nghia viet nam", "doc lap tu do hanh phuc")
AGENCY = ("lien minh hop tac xa", "lien minh htx", "lmhtx", "uy ban nhan dan", "ubnd", "thanh pho hai phong", "co quan lien minh")
_PROVINCE = ("tinh", "thanh pho", "tp")


def made_of(folded: str, marks: tuple[str, ...], provinces: bool = False) -> bool:
    """Whether the folded line is nothing but the given phrases, one after another; with
    `provinces`, "tỉnh X" / "thành phố X" (a place of up to four words) count as one too."""
    if not folded:
        return True
    for mark in marks:
        if folded == mark or folded.startswith(mark + " "):
            if made_of(folded[len(mark) :].lstrip(), marks, provinces):
                return True
    if provinces:
        for word in _PROVINCE:
            if folded.startswith(word + " "):
                rest = folded[len(word) + 1 :].split()
                for size in range(1, min(4, len(rest)) + 1):
                    if made_of(" ".join(rest[size:]), marks, provinces):
                        return True
    return False


_NUMBER_LINE = re.compile(r"^\s*S[ốố]\s*(?:[:.]\s*\S*|\s*\d*\s*/\s*\S+)\s*$", re.IGNORECASE)
_PLACE_DATE = re.compile(r"^\s*[^,]{2,40},\s*ng[àa]y\b.{0,12}\bth[áa]ng\b.{0,12}\bn[ăa]m\s*(?:\d{4}|\.+|…)?\s*$", re.IGNORECASE)
_SIGNER = re.compile(r"^(?:(?:tm|kt|tl|tuq|q)\s+)?(?:ban thuong vu|ban chap hanh|chu tich|pho chu tich|giam doc|pho giam doc|chanh van phong|truong phong|thu truong co quan)$")
_SIGNED = re.compile(r"^\(?\s*(?:da ky|ky ten|ky ten dong dau|ky ghi ro ho ten|ky va ghi ro ho ten|ky dong dau)\s*\)?$")
_CLOSING = re.compile(r"^\s*(?:N[ơo]i\s+nh[ậa]n|N[ƠO]I\s+NH[ẬA]N)\s*:")


def frame_kind(line: str, agency: tuple[str, ...] = ()) -> str | None:
    """What part of the document's frame a line is, if it can be nothing else: "letter-head"
    (the agency in capitals, any office's, or the lines of settings.yaml), "motto", "number"
    ("Số: 12/CTr-LMHTX"), "place-date", "signer" ("TM. BAN THƯỜNG VỤ", "CHỦ TỊCH", "(Đã ký)")."""
    stripped = line.strip()
    folded = fold(stripped)
    if not folded:
        return None
    parts = _COLUMNS.split(stripped)
    if len(parts) > 1:
        # two columns of the frame side by side ("Số: 15/CTr-LMHTX      Quảng Ninh, ngày …")
        kinds = [frame_kind(part, agency) for part in parts]
        return kinds[0] if all(kinds) else None
    if made_of(folded, MOTTO):
        return "motto"
    if _NUMBER_LINE.match(stripped):
        return "number"
    if _PLACE_DATE.match(stripped):
        return "place-date"
    if in_capitals(stripped) and (_SIGNER.match(folded) or made_of(folded, MOTTO + AGENCY + agency, provinces=True)):
        return "signer" if _SIGNER.match(folded) else "letter-head"
    if _SIGNED.match(folded):
        return "signer"
    return None


def is_closing(line: str) -> bool:
    """ "Nơi nhận:": the recipients follow, then the signer; nothing of it is a task."""
    return bool(_CLOSING.match(line))


def looks_like_a_name(line: str) -> bool:
    """A signer's name under the title: two to five words, each capitalised, no punctuation."""
    words = line.split()
    return 2 <= len(words) <= 5 and all(w[:1].isupper() and w.isalpha() for w in words)


# -- times and deadlines -----------------------------------------------------------------------
def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True)
class When:
    """Where a task belongs in the year and when it is due (None: the end of its month)."""

    month: int
    due: dt.date | None = None


def _quarter_number(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else ROMAN.get(word, 0)


def quarter_when(quarter: int, year: int) -> When:
    """A task of a quarter: in the quarter's first month, due on the quarter's last day."""
    return When(3 * quarter - 2, month_end(year, 3 * quarter))


_DAY = re.compile(r"(?<![\d/])(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?(?![\d/])")
_MONTH_YEAR = re.compile(r"^(?:th[áa]ng\s*|t)?(\d{1,2})\s*(?:[/.-]|\s+n[ăa]m\s+)\s*(\d{4})$", re.IGNORECASE)
_MONTH_ONLY = re.compile(r"^(?:trong\s+)?th[áa]ng\s+(\d{1,2})$|^t(\d{1,2})$", re.IGNORECASE)
_QUARTER_CELL = re.compile(r"^(?:trong\s+)?(?:qu[ýy]|q)\s*([IVX]{1,4}|[1-4])(?:\s*(?:[/.-]|n[ăa]m)\s*(\d{4}))?$", re.IGNORECASE)


def time_cell(text: str, year: int) -> When | None:
    """A table's time: a month ("Tháng 3", "3/2025", "T3"), a quarter ("Quý II", "Quý 2/2025"), or a
    date ("15/3/2025", "Trước ngày 15/3"); None when it is none of these, or of another year."""
    value = " ".join(text.split()).rstrip(".;")
    if not value:
        return None
    for pattern in (_MONTH_ONLY, _MONTH_YEAR):
        if m := pattern.match(value):
            groups = [g for g in m.groups() if g]
            month = int(groups[0])
            if len(groups) > 1 and int(groups[1]) != year or not 1 <= month <= 12:
                return None
            return When(month)
    if m := _QUARTER_CELL.match(value):
        quarter = _quarter_number(m.group(1))
        if not 1 <= quarter <= 4 or (m.group(2) and int(m.group(2)) != year):
            return None
        return quarter_when(quarter, year)
    words = re.sub(r"^(?:ho[àa]n\s+th[àa]nh\s+)?(?:tr[ưu][ớo]c|ch[ậa]m\s+nh[ấa]t|h[ạa]n|đ[ếe]n)?\s*(?:ng[àa]y\s+)?", "", value, flags=re.IGNORECASE)
    if (m := _DAY.fullmatch(words)) is not None:
        day = _date(m, year)
        return When(day.month, day) if day else None
    return None


def _date(m: re.Match, year: int) -> dt.date | None:
    if m.group(3) and int(m.group(3)) != year:
        return None
    try:
        return dt.date(year, int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None


# Deadlines written in a task's text. An event's planned month ("dự kiến tổ chức trong tháng 5")
# is not the task's deadline, nor a past quarter a report is about ("Báo cáo quý I/2024").
_DEADLINES = (
    ("day", re.compile(r"(?:tr[ưu][ớo]c|ch[ậa]m\s+nh[ấa]t(?:\s+l[àa])?|h[ạa]n\s+ch[óo]t|th[ờo]i\s+h[ạa]n|đ[ếe]n\s+h[ếe]t)\s+(?:ng[àa]y\s+)?" + _DAY.pattern, re.IGNORECASE)),
    ("month", re.compile(r"\btrong\s+th[áa]ng\s+(\d{1,2})(?:\s*(?:/|n[ăa]m)\s*(\d{4}))?(?![\d/])", re.IGNORECASE)),
    ("quarter", re.compile(r"(?:\btrong\s+|\(\s*)qu[ýy]\s+([IVX]{1,4}|[1-4])\b(?:\s*(?:/|n[ăa]m)\s*(\d{4}))?", re.IGNORECASE)),
)
_EXPECTED = re.compile(r"d[ựu]\s+ki[ếe]n", re.IGNORECASE)


@dataclass(frozen=True)
class Deadline:
    due: dt.date
    words: str  # the words of the task that give it, as written


def deadline_in(text: str, year: int, month: int) -> Deadline | None:
    """The first deadline a task's text gives that lies in the year and not before its month."""
    found: list[tuple[int, Deadline]] = []
    for kind, pattern in _DEADLINES:
        for m in pattern.finditer(text):
            clause = re.split(r"[(;.]", text[: m.start()])[-1]
            if _EXPECTED.search(clause) or _EXPECTED.search(text[max(0, m.start() - 12) : m.start()]):
                continue
            due = None
            if kind == "day":
                day_match = _DAY.search(m.group(0))
                due = _date(day_match, year) if day_match else None
            elif kind == "month":
                wanted = int(m.group(1))
                if 1 <= wanted <= 12 and not (m.group(2) and int(m.group(2)) != year):
                    due = month_end(year, wanted)
            else:
                quarter = _quarter_number(m.group(1))
                if 1 <= quarter <= 4 and not (m.group(2) and int(m.group(2)) != year):
                    due = month_end(year, 3 * quarter)
            if due is not None and due >= dt.date(year, month, 1):
                found.append((m.start(), Deadline(due, m.group(0).strip(" ()"))))
    return min(found, key=lambda item: item[0])[1] if found else None
