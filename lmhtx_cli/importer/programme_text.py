"""Read a work programme from text extracted from its PDF or Word file.

The reader knows a document's structure, not one office's shape: month headings ("Tháng 1",
"THÁNG MƯỜI HAI", "III. Tháng 9/2025") or quarter headings ("Quý II"), unit headings numbered in
any way or not at all ("1. Văn phòng:", "II. VĂN PHÒNG", "Nhiệm vụ của Văn phòng:"), units first
and months inside them or the other way round, tasks after any bullet or number, and tables with
a column per field (the task, the lead unit, the units that help, the time). Around the tasks
stands the document's frame — letter-head, motto, "Số: …", place and date, page numbers, "Nơi
nhận:" and the signer — which PDF extraction scatters anywhere, even inside a sentence; it is
removed, never kept as a task. Everything removed, joined, or placed by a weaker rule is listed
as a `Repair`; what cannot be placed is reported with its line number instead of guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from lmhtx_cli.i18n import _
from lmhtx_cli.importer.shapes import (
    AGENCY,
    MOTTO,
    NUMBERED,
    TASK_BULLET,
    When,
    deadline_in,
    fold,
    frame_kind,
    in_capitals,
    is_closing,
    looks_like_a_name,
    made_of,
    month_heading,
    quarter_heading,
    quarter_when,
    time_cell,
    without_marker,
)
from lmhtx_cli.periods import format_date
from lmhtx_cli.text import collapse_spaces, nfc

_UNIT = re.compile(r"^\s*(\d{1,2})\s*[.)]\s+([^:\-–][^:]{1,80}?)\s*:\s*(.*)$")
_UNIT_WORD = re.compile(r"^(Văn phòng|Phòng|Trung tâm|Quỹ|Ban|Tổ|Chi bộ|Công đoàn|Đoàn)\b", re.IGNORECASE)
_TASK = TASK_BULLET
_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?(?:trang\s+)?(\d{1,3})(?:\s*/\s*\d{1,3})?(?:\s*-)?\s*$", re.IGNORECASE)
_LETTERHEAD = MOTTO + AGENCY
_SEPARATOR = re.compile(r"[-–—_=*~.·•]{3,}")  # the rule under a letter-head or a title: "-------", "***"
PAGE_GAP = 2  # blank lines on each side of a line that stands alone on a page break
LINES_PER_PAGE = 25  # fewer lines than any page holds: a page number N cannot stand before line 25·(N-1)
CELL = "\t"  # between the cells of a table row (Word tables, text tables)
CELL_BREAK = "\x1f"  # between the paragraphs of one cell


@dataclass(frozen=True)
class Repair:
    """One thing the reader did to a line of the document, for `import --explain`:
    `action` is "removed" (a page number, a letter-head line, the closing), "joined" (a broken
    word, a sentence across a page number), "read" (a task without its dash, a unit named inside
    a phrase, a deadline, a table) or "kept" (a line that looks like noise but belongs to a task)."""

    line: int
    action: str
    why: str  # a code: page-number, letter-head, broken-word, no-dash, number-in-sentence, letter-head-like, …
    text: str


@dataclass
class SourceTask:
    text: str
    line: int
    due: dt.date | None = None
    helpers: tuple[str, ...] = ()  # the units that help (a table's "phối hợp" column), as written


@dataclass
class SourceUnit:
    heading: str
    line: int
    tasks: list[SourceTask] = field(default_factory=list)


@dataclass
class SourceMonth:
    month: int
    line: int
    units: list[SourceUnit] = field(default_factory=list)


@dataclass
class SourceProgramme:
    title: str = ""
    months: list[SourceMonth] = field(default_factory=list)
    note: str = ""
    unplaced: list[tuple[int, str]] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    covered: set[int] = field(default_factory=set)  # the months its month or quarter headings cover
    found: dict[str, int] = field(default_factory=dict)  # headings and tables seen, by kind: for "no structure" messages


def is_letterhead(line: str, agency: tuple[str, ...] = ()) -> bool:
    """A line made only of letter-head phrases ("LIÊN MINH HỢP TÁC XÃ", "Độc lập - Tự do - Hạnh
    phúc", any "LIÊN MINH HTX TỈNH …" in capitals). A task's own line ("- Liên minh hợp tác xã
    thành phố tổ chức …", "Thành phố Hải Phòng năm 2024") is not one: it has a dash or words of its own."""
    stripped = line.strip()
    if not stripped or _TASK.match(stripped):
        return False
    folded = fold(stripped)
    return made_of(folded, _LETTERHEAD + agency) or (in_capitals(stripped) and made_of(folded, _LETTERHEAD + agency, provinces=True))


def _strong(line: str) -> bool:
    """A letter-head line that cannot be a task's words: the national motto, or set in capitals."""
    letters = [c for c in line if c.isalpha()]
    return made_of(fold(line), MOTTO) or (bool(letters) and all(c.isupper() for c in letters))


@dataclass(frozen=True)
class _Layout:
    """What each line's neighbourhood says: the letter-head blocks and the blank gaps around lines."""

    block: dict[int, tuple[int, bool]]  # line number -> (letter-head lines in its block, any of them strong)
    gap: dict[int, tuple[int, int]]  # line number -> (blank lines just before, just after)


def _layout(lines: list[str], agency: tuple[str, ...]) -> _Layout:
    blank = [not line.strip() for line in lines]
    before, after = [0] * len(lines), [0] * len(lines)
    for i in range(1, len(lines)):
        before[i] = before[i - 1] + 1 if blank[i - 1] else 0
    for i in range(len(lines) - 2, -1, -1):
        after[i] = after[i + 1] + 1 if blank[i + 1] else 0
    block: dict[int, tuple[int, bool]] = {}
    run: list[int] = []

    def close() -> None:
        strong = any(_strong(lines[i]) for i in run)
        for i in run:
            block[i + 1] = (len(run), strong)
        run.clear()

    for i, line in enumerate(lines):
        if blank[i]:
            continue
        if is_letterhead(line, agency):
            run.append(i)
        elif run:
            close()
    if run:
        close()
    return _Layout(block, {i + 1: (before[i], after[i]) for i in range(len(lines))})


_BULLET_KINDS = (("-–—―⁃‣", "dash"), ("+", "plus"), ("*", "star"))


def _bullet_kind(line: str) -> str:
    """Which family a task's bullet belongs to: the dashes, "+", "*", or the dots and the rest."""
    first = line.lstrip()[:1]
    return next((kind for chars, kind in _BULLET_KINDS if first in chars), "dot")


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", "./.", "!", "?"))


def split_cells(line: str) -> list[str] | None:
    """The cells of a table row: Word's rows come tab-separated; a text table may use "|"."""
    if CELL in line:
        return [cell.strip() for cell in line.split(CELL)]
    stripped = line.strip()
    if stripped.count("|") >= 2:
        return [cell.strip() for cell in stripped.strip("|").split("|")]
    return None


_COLUMN_WORDS = (
    ("with", ("phoi hop",)),
    ("lead", ("chu tri", "don vi thuc hien", "co quan thuc hien", "bo phan thuc hien", "don vi", "co quan", "bo phan", "nguoi thuc hien")),
    ("time", ("thoi gian", "thoi han", "tien do", "thoi diem", "han hoan thanh", "thang", "han")),
    ("task", ("noi dung", "cong viec", "nhiem vu", "ten nhiem vu", "hoat dong")),
    ("number", ("tt", "stt", "so tt", "so thu tu")),
)


def table_columns(cells: list[str]) -> dict[str, int] | None:
    """Which column holds what, from a header row whatever its words ("Nội dung công việc",
    "Cơ quan chủ trì", "Đơn vị phối hợp", "Thời hạn"…); None when the row is no such header."""
    columns: dict[str, int] = {}
    filled = [cell for cell in cells if cell.strip()]
    if any(len(cell) > 40 for cell in filled):
        return None  # a header's cells are a few words; a row of tasks is not a header
    for index, cell in enumerate(cells):
        folded = fold(cell)
        for kind, words in _COLUMN_WORDS:
            if kind not in columns and any(folded == w or folded.startswith(w + " ") or f" {w}" in f" {folded}" and kind != "number" for w in words):
                columns[kind] = index
                break
    if "task" in columns and ("lead" in columns or "time" in columns) and 2 * len(columns) >= len(filled):
        return columns
    return None


class _Reader:
    def __init__(self, is_unit_name, layout: _Layout, year: int | None, spellings: tuple[str, ...], agency: tuple[str, ...]) -> None:
        self.is_unit_name = is_unit_name
        self.layout = layout
        self.year = year
        self.agency = agency
        # the units' names (of two words or more) a longer heading may name: "Nhiệm vụ của Văn phòng:"
        self.spellings = sorted(((fold(s), s) for s in spellings if len(fold(s).split()) >= 2), key=lambda item: -len(item[0]))
        self.result = SourceProgramme()
        self.title_lines: list[str] = []
        self.title_done = False
        self.task_style = ""  # how the unit's first task is marked: "numbered" or its bullet's family
        self.when: When | None = None  # the month (or quarter) heading in force
        self.when_line = 0
        self.unit_name: tuple[str, int] | None = None  # the unit heading in force
        self.unit: SourceUnit | None = None  # where tasks go now
        self.unit_first: bool | None = None  # the document lists units, then months inside them
        self.units_in_scope = 0
        self.open_task: list[str] | None = None  # pieces of the task being read
        self.open_task_line = 0
        self.free: list[tuple[int, str]] = []  # a paragraph outside any task: the closing note or an unplaced one
        self.last_task: SourceTask | None = None  # the task just closed, which a paragraph right after it may continue
        self.free_follows_task: SourceTask | None = None
        self.closing = False  # after "Nơi nhận:"
        self.signer_names = 0  # name lines that may follow a signer's title
        self.last_page: tuple[int, int] | None = None  # (page number, line) of the last page number removed
        self.table: dict[str, int] | None = None

    def title_line(self, number: int, line: str) -> None:
        """A line before the first heading: the title's, until a numbered or bulleted line or a
        full stop ends it; what follows (a preamble: purposes, requirements) is no task, and is listed."""
        if self.title_done or without_marker(line)[1] or len(" ".join(self.title_lines)) > 200:
            self.title_done = True
            self.result.repairs.append(Repair(number, "removed", "preamble", line))
            return
        self.title_lines.append(line)
        self.title_done = _ends_sentence(line)

    def count(self, kind: str) -> None:
        self.result.found[kind] = self.result.found.get(kind, 0) + 1

    # -- where tasks go ------------------------------------------------------------------------
    def bucket(self, month: int, heading: str, line: int) -> SourceUnit:
        source_month = next((m for m in self.result.months if m.month == month), None)
        if source_month is None:
            source_month = SourceMonth(month, self.when_line or line)
            self.result.months.append(source_month)
        unit = next((u for u in source_month.units if u.heading == heading), None)
        if unit is None:
            unit = SourceUnit(heading, line)
            source_month.units.append(unit)
        return unit

    def place_here(self) -> None:
        """Tasks from now on go to the month and unit headings in force."""
        if self.when is not None and self.unit_name is not None:
            self.unit = self.bucket(self.when.month, *self.unit_name)
        else:
            self.unit = None

    def due_of(self, text: str, line: int, when: When | None) -> dt.date | None:
        if self.year is not None and when is not None:
            deadline = deadline_in(text, self.year, when.month)
            if deadline is not None:
                self.result.repairs.append(Repair(line, "read", "deadline", f"{deadline.words} → {format_date(deadline.due)}"))
                return deadline.due
        return when.due if when is not None else None

    # -- closing the open things -------------------------------------------------------------
    def close_task(self) -> None:
        if self.open_task is not None and self.unit is not None:
            text = nfc(collapse_spaces("".join(self.open_task)))
            if text:
                self.last_task = SourceTask(text, self.open_task_line, self.due_of(text, self.open_task_line, self.when))
                self.unit.tasks.append(self.last_task)
        self.open_task = None

    def close_free(self, at_end: bool) -> None:
        if not self.free:
            return
        if at_end:
            paragraphs: list[str] = []
            for _number, piece in self.free:
                if paragraphs and not _ends_sentence(paragraphs[-1]):
                    paragraphs[-1] += " " + piece
                else:
                    paragraphs.append(piece)
            self.result.note = nfc("\n".join(collapse_spaces(p) for p in paragraphs))
        elif self.free_follows_task is not None:
            # a paragraph between a task and the next task or heading: the task's text going on after
            # a full stop (a PDF line that ends with a sentence of the task)
            task = self.free_follows_task
            task.text = nfc(collapse_spaces(" ".join([task.text, *(piece for _, piece in self.free)])))
            for number, piece in self.free:
                self.result.repairs.append(Repair(number, "joined", "after-full-stop", piece))
        else:
            self.result.unplaced.extend(self.free)
        self.free = []
        self.free_follows_task = None

    def close_all(self) -> None:
        self.close_task()
        self.close_free(at_end=False)

    # -- headings ------------------------------------------------------------------------------
    def may_be_heading(self, line: str) -> bool:
        """Inside an open sentence, a line is a heading only when it looks like one: a list marker,
        capitals or a capital initial, and no sentence punctuation at its end."""
        if not self.sentence_open():
            return True
        body, marked = without_marker(line)
        if line.rstrip().endswith((".", ";", ",")) and not marked:
            return False
        return marked or in_capitals(body) or body[:1].isupper()

    def start_period(self, number: int, when: When, covered: range) -> None:
        self.close_all()
        self.when, self.when_line = when, number
        self.result.covered.update(covered)
        if self.unit_first:
            self.place_here()
        else:
            self.unit_name, self.unit, self.units_in_scope = None, None, 0
            if not 1 <= when.month <= 12:
                self.result.months.append(SourceMonth(when.month, number))

    def try_period_heading(self, number: int, line: str) -> bool:
        if not self.may_be_heading(line):
            return False
        if found := month_heading(line):
            month, _year = found
            self.count("month")
            self.start_period(number, When(month), range(month, month + 1))
            return True
        if found := quarter_heading(line):
            quarter, _year = found
            self.count("quarter")
            when = quarter_when(quarter, self.year) if self.year else When(3 * quarter - 2)
            self.start_period(number, when, range(3 * quarter - 2, 3 * quarter + 1))
            self.result.repairs.append(Repair(number, "read", "quarter", line.strip()))
            return True
        return False

    def expected_number(self) -> int:
        return self.units_in_scope + 1

    def is_a_units_name(self, line: str) -> bool:
        """The whole line is a unit's name or alias (of two words or more), as written in its plan."""
        folded = fold(line.strip().rstrip(" :."))
        return any(folded == spelling for spelling, _written in self.spellings)

    def unit_in_phrase(self, number: int, line: str, name: str) -> str | None:
        """The one unit a heading's phrase names ("Nhiệm vụ của Văn phòng", "Văn phòng chủ trì")."""
        padded = f" {fold(name)} "
        for spelling, written in self.spellings:
            if f" {spelling} " in padded:
                self.result.repairs.append(Repair(number, "read", "unit-in-phrase", f"{line.strip()} → {written}"))
                return written
        return None

    def numbered_unit(self, number: int, line: str) -> tuple[str, str] | None:
        """The office's own shape, "N. Unit name: first task": a unit when it names a known unit, or
        when it is the next number and reads like a unit's name ("Phòng …", "Trung tâm …")."""
        m = _UNIT.match(line)
        if not m:
            return None
        name = m.group(2)
        if self.is_unit_name(name):
            return collapse_spaces(name), m.group(3)
        if (written := self.unit_in_phrase(number, line, name)) is not None:
            return written, m.group(3)
        if int(m.group(1)) == self.expected_number() and _UNIT_WORD.match(name):
            return collapse_spaces(name), m.group(3)
        return None

    def named_unit(self, number: int, line: str) -> str | None:
        """A heading that is a unit's name, after any numbering ("II. VĂN PHÒNG", "a) Văn phòng",
        "Văn phòng:"), or that names one inside a phrase ending with a colon ("Nhiệm vụ của Văn
        phòng:", "Giao Văn phòng chủ trì:")."""
        body, marked = without_marker(line)
        colon = body.endswith(":")
        name = body.rstrip(" :.")
        if not name or len(name) > 90:
            return None
        dashed = _TASK.match(line) is not None and NUMBERED.match(line) is None
        open_sentence = self.sentence_open()
        folded = fold(name)
        exact = any(folded == spelling for spelling, _ in self.spellings)
        if open_sentence and not (marked or colon or in_capitals(name) or exact):
            return None
        if exact or (len(folded) >= 2 and self.is_unit_name(name) and (not dashed or colon)):
            if open_sentence:
                self.result.repairs.append(Repair(number, "read", "unit-after-open-sentence", line.strip()))
            return collapse_spaces(name)
        if colon and not dashed and name[:1].isupper() and len(folded.split()) <= 12:
            return self.unit_in_phrase(number, line, name)
        return None

    def start_unit(self, number: int, heading: str, rest: str = "") -> None:
        self.close_all()
        self.count("unit")
        if self.unit_first is None:
            self.unit_first = self.when is None
        if self.unit_first:
            self.when = None
        self.units_in_scope += 1
        self.unit_name = (heading, number)
        self.place_here()
        if rest.strip():
            task = _TASK.match(rest)
            self.open_task = [(task.group(1) if task else rest).strip()]
            self.open_task_line = number
            if self.unit is None:
                self.result.unplaced.append((number, rest.strip()))
                self.open_task = None

    # -- noise: only where a page break or a letter-head would stand ---------------------------
    def sentence_open(self) -> bool:
        """A task or a paragraph is being read and its sentence has not ended: the next line
        continues it."""
        if self.open_task is not None:
            return not _ends_sentence("".join(self.open_task))
        return bool(self.free) and not _ends_sentence(self.free[-1][1])

    def names_an_office(self, line: str) -> bool:
        """A letter-head line in capitals that names an office and its place ("LIÊN MINH HỢP TÁC XÃ
        TỈNH QUẢNG NINH") or is the office's own (settings.yaml): a running head, even inside a
        sentence; the alliance's name alone ("LIÊN MINH HỢP TÁC XÃ") may be a sentence's words."""
        folded = fold(line)
        if in_capitals(line) and any(folded == a for a in self.agency):
            return len(folded.split()) > 4
        office = folded.startswith(("lien minh", "ubnd", "uy ban nhan dan"))
        return in_capitals(line) and office and not made_of(folded, _LETTERHEAD + self.agency) and made_of(folded, _LETTERHEAD + self.agency, provinces=True)

    def on_page_break(self, number: int) -> bool:
        before, after = self.layout.gap.get(number, (0, 0))
        return before >= PAGE_GAP and after >= PAGE_GAP

    def next_page(self, page: int, number: int) -> bool:
        """Whether a number standing alone inside a sentence can be the next page's number: after
        the last page number seen (or page 1), and no further than the lines since allow."""
        last, at = self.last_page or (1, 0)
        return last < page <= last + 1 + (number - at) // LINES_PER_PAGE

    def is_noise(self, number: int, line: str) -> bool:
        """Whether the line is a page number or a piece of the document's frame standing where one
        would: outside an open sentence, alone between page-break gaps, in a letter-head block, or
        (a page number) next in the pages' sequence. A line that only looks like one is the task's
        text, and is listed as kept."""
        stripped = line.strip()
        if _SEPARATOR.fullmatch(stripped) and not self.sentence_open():
            self.result.repairs.append(Repair(number, "removed", "separator", stripped))
            return True
        if m := _PAGE_NUMBER.match(line):
            page = int(m.group(1))
            if not self.sentence_open() or self.on_page_break(number):
                self.last_page = (page, number)
                self.result.repairs.append(Repair(number, "removed", "page-number", stripped))
                return True
            if self.next_page(page, number):
                self.last_page = (page, number)
                self.result.repairs.append(Repair(number, "joined", "page-number-in-sentence", stripped))
                return True
            self.result.repairs.append(Repair(number, "kept", "number-in-sentence", stripped))
            return False
        if number in self.layout.block:
            size, strong = self.layout.block[number]
            motto = made_of(fold(stripped), MOTTO)
            if (size >= 2 and strong) or motto or (_strong(stripped) and (not self.sentence_open() or self.on_page_break(number) or self.names_an_office(stripped))):
                self.result.repairs.append(Repair(number, "removed", "letter-head", stripped))
                return True
            self.result.repairs.append(Repair(number, "kept", "letter-head-like", stripped))
            return False
        kind = None if _TASK.match(stripped) else frame_kind(stripped, self.agency)
        if kind in ("number", "place-date", "signer") and (not self.sentence_open() or self.on_page_break(number)):
            self.result.repairs.append(Repair(number, "removed", kind, stripped))
            self.signer_names = 2 if kind == "signer" else 0
            return True
        if self.signer_names and looks_like_a_name(stripped) and not self.sentence_open():
            self.signer_names -= 1
            self.result.repairs.append(Repair(number, "removed", "signer", stripped))
            return True
        self.signer_names = 0
        return False

    # -- tables --------------------------------------------------------------------------------
    def table_row(self, number: int, cells: list[str]) -> None:
        columns = self.table or {}
        filled = [c for c in cells if c.replace(CELL_BREAK, "").strip()]
        if not filled:
            return
        if all(re.fullmatch(r"\(?\s*(?:\d{1,2}|[IVX]{1,4}|[a-z])\s*\)?", c) for c in filled):
            self.result.repairs.append(Repair(number, "removed", "column-numbers", " | ".join(filled)))
            return

        def cell(kind: str) -> str:
            index = columns.get(kind)
            return cells[index] if index is not None and index < len(cells) else ""

        task_cell = cell("task")
        if len(set(filled)) == 1 or not task_cell.strip():
            # a row across the table: a month, quarter or unit heading
            text = " ".join(filled[0].replace(CELL_BREAK, " ").split())
            if not self.try_period_heading(number, text):
                heading = self.named_unit(number, text) or (text if self.is_unit_name(text.rstrip(" :")) else None)
                if heading is not None:
                    self.start_unit(number, heading)
                else:
                    self.result.unplaced.append((number, text))
            return
        self.close_all()
        time_text = " ".join(cell("time").replace(CELL_BREAK, " ").split())
        when = self.when
        if time_text:
            when = time_cell(time_text, self.year) if self.year else None
            if when is None:
                task = " ".join(task_cell.replace(CELL_BREAK, " ").split())
                self.result.unplaced.append((number, _('the time "{time}" is no month, quarter or date of {year}: {task}').format(time=time_text, year=self.year, task=task)))
                return
        lead, helpers = self.lead_and_helpers(cell("lead"), cell("with"))
        if lead is None and self.unit_name is not None:
            lead = self.unit_name[0]
        if when is None or lead is None:
            self.result.unplaced.append((number, " ".join(task_cell.replace(CELL_BREAK, " ").split())))
            return
        unit = self.bucket(when.month, lead, number)
        self.result.covered.update(range(when.month, (when.due.month if when.due else when.month) + 1))  # a quarter's three months
        for text in self.cell_tasks(task_cell):
            unit.tasks.append(SourceTask(text, number, self.due_of(text, number, when), helpers))

    def lead_and_helpers(self, lead_text: str, with_text: str) -> tuple[str | None, tuple[str, ...]]:
        names = [n.strip(" -•.;,") for n in re.split(r"[,;\n" + CELL_BREAK + "]", lead_text) if n.strip(" -•.;,")]
        helpers = [n.strip(" -•.;,") for n in re.split(r"[,;\n" + CELL_BREAK + "]", with_text) if n.strip(" -•.;,")]
        whole = collapse_spaces(lead_text.replace(CELL_BREAK, " "))
        if whole and self.is_unit_name(whole):
            return whole, tuple(helpers)
        if not names:
            return None, tuple(helpers)
        return names[0], tuple(names[1:] + helpers)

    @staticmethod
    def cell_tasks(cell: str) -> list[str]:
        """A cell's tasks: one per bullet or number when every paragraph has one, else the cell's
        paragraphs are one task's wrapped lines."""
        paragraphs = [p.strip() for p in cell.split(CELL_BREAK) if p.strip()]
        marked = [_TASK.match(p) or NUMBERED.match(p) for p in paragraphs]
        if len(paragraphs) > 1 and all(marked):
            return [nfc(collapse_spaces(m.group(1) if m.re is _TASK else m.group("rest"))) for m in marked if m]
        text = collapse_spaces(" ".join(paragraphs))
        single = _TASK.match(text)
        return [nfc(single.group(1) if single else text)] if text else []

    # -- one line ------------------------------------------------------------------------------
    def feed(self, number: int, raw: str) -> None:
        line = raw.replace("\u00a0", " ")
        if not line.strip():
            return
        cells = split_cells(line.rstrip(" \r\n"))
        line = line.rstrip()
        if cells is not None:
            columns = table_columns(cells)
            if columns is not None:
                self.close_all()
                self.table = columns
                self.count("table")
                self.result.repairs.append(Repair(number, "read", "table-header", " | ".join(c for c in cells if c)))
                return
            if self.table is not None:
                self.table_row(number, cells)
                return
            line = " ".join(c.replace(CELL_BREAK, " ") for c in cells if c)  # a layout table: its text
        else:
            self.table = None
        line = line.replace(CELL_BREAK, " ")
        if self.closing:
            if month_heading(line) or quarter_heading(line):
                self.closing = False
            else:
                self.result.repairs.append(Repair(number, "removed", "closing", line.strip()))
                return
        if is_closing(line):  # "Nơi nhận:" ends the document, even after a task without its full stop
            self.close_task()
            self.close_free(at_end=True)
            self.closing = True
            self.result.repairs.append(Repair(number, "removed", "closing", line.strip()))
            return
        if self.is_noise(number, line):
            return
        if self.try_period_heading(number, line):
            return
        if self.when is None and self.unit_name is None and not self.result.found:
            looks_like_one = without_marker(line)[1] or line.rstrip().endswith(":") or in_capitals(line) or self.is_a_units_name(line)
            heading = self.named_unit(number, line) if looks_like_one else None
            if heading is None:
                self.title_line(number, line.strip())
                return
            self.start_unit(number, heading)
            return
        if numbered := self.numbered_unit(number, line):
            self.start_unit(number, numbered[0], numbered[1])
            return
        if (heading := self.named_unit(number, line)) is not None:
            self.start_unit(number, heading)
            return
        if (m := _TASK.match(line)) or (m := NUMBERED.match(line)):
            style = _bullet_kind(line) if m.re is _TASK else "numbered"
            if self.open_task is not None and self.task_style and style != self.task_style and "".join(self.open_task).rstrip().endswith((":", ";")):
                # a sub-item of the task ("- Tổ chức các hội nghị:" / "a) Hội nghị A;"): its words, marker and all
                self.open_task.append(" " + line.strip())
                self.result.repairs.append(Repair(number, "joined", "sub-item", line.strip()))
                return
            text = m.group(1) if m.re is _TASK else m.group("rest")
            self.close_all()
            if self.unit is None:
                self.result.unplaced.append((number, line.strip()))
                return
            if not self.unit.tasks:
                self.task_style = style
            self.open_task = [text.strip()]
            self.open_task_line = number
            return
        stripped = line.strip()
        if stripped.startswith("\\") and self.open_task is not None:
            # A word broken across lines by the extractor: glue it back without a space.
            self.open_task[-1] = self.open_task[-1].rstrip()
            self.open_task.append(stripped[1:])
            self.result.repairs.append(Repair(number, "joined", "broken-word", stripped))
            return
        if self.free:
            self.free.append((number, stripped))
            return
        if self.open_task is not None and not _ends_sentence("".join(self.open_task)):
            self.open_task.append(" " + stripped)
            return
        if self.unit is not None and self.open_task is None and not self.unit.tasks:
            # The first task right under a unit heading, typed without its dash.
            self.open_task = [stripped]
            self.open_task_line = number
            self.result.repairs.append(Repair(number, "read", "no-dash", stripped))
            return
        had_task = self.open_task is not None
        self.close_task()
        self.free_follows_task = self.last_task if had_task and self.unit is not None else None
        self.free.append((number, stripped))

    def finish(self) -> SourceProgramme:
        self.close_task()
        self.close_free(at_end=True)
        self.result.title = nfc(collapse_spaces(" ".join(self.title_lines)))
        return self.result


def read_programme_text(text: str, is_unit_name=lambda name: False, year: int | None = None, spellings: tuple[str, ...] = (), agency: tuple[str, ...] = ()) -> SourceProgramme:
    """Parse the programme; `is_unit_name` says whether a heading names a unit already known,
    `spellings` are the units' names and aliases (for headings that name a unit inside a phrase),
    `year` dates the deadlines, `agency` holds the office's letter-head lines (settings.yaml)."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    folded_agency = tuple(f for f in (fold(a) for a in agency) if f)
    reader = _Reader(is_unit_name, _layout(lines, folded_agency), year, spellings, folded_agency)
    for number, raw in enumerate(lines, start=1):
        reader.feed(number, raw)
    return reader.finish()
