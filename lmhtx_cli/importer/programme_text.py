"""Read a work programme from text extracted from its PDF or Word file.

The office's shape: "Tháng N" headings, numbered unit headings ("1. Văn phòng:"), and "- " task
paragraphs wrapped over several lines. PDF extraction adds page numbers, a letter-head block
repeated mid-list, and words broken across lines ("chức năn" / "\\g nhiệm vụ"); these are repaired,
never kept as tasks. What cannot be placed is reported with its line number instead of guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lmhtx_cli.text import collapse_spaces, fold, nfc

MONTH = re.compile(r"^\s*Th[áa]ng\s+(\d{1,2})\s*[:.]?\s*$", re.IGNORECASE)
_UNIT = re.compile(r"^\s*(\d{1,2})\s*[.)]\s+([^:\-–][^:]{1,80}?)\s*:\s*(.*)$")
_UNIT_WORD = re.compile(r"^(Văn phòng|Phòng|Trung tâm|Quỹ|Ban|Tổ|Chi bộ|Công đoàn|Đoàn)\b", re.IGNORECASE)
_TASK = re.compile(r"^\s*[-•●▪]\s*(.*)$")
_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*$")
_MOTTO = ("cong hoa xa hoi chu nghia viet nam", "doc lap tu do hanh phuc")  # the national motto: never a task's words
_LETTERHEAD = ("lien minh hop tac xa", "lien minh htx", "thanh pho hai phong", *_MOTTO)
PAGE_GAP = 2  # blank lines on each side of a line that stands alone on a page break


@dataclass(frozen=True)
class Repair:
    """One thing the reader did to a line of the document, for `import --explain`:
    `action` is "removed" (a page number, a letter-head line), "joined" (a broken word), "read"
    (a task without its dash) or "kept" (a line that looks like noise but belongs to a task)."""

    line: int
    action: str
    why: str  # a code: page-number, letter-head, broken-word, no-dash, number-in-sentence, letter-head-like
    text: str


@dataclass
class SourceTask:
    text: str
    line: int


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


def _made_of(folded: str, marks: tuple[str, ...]) -> bool:
    """Whether the folded line is nothing but letter-head phrases, one after another."""
    while folded:
        mark = next((m for m in marks if folded == m or folded.startswith(m + " ")), None)
        if mark is None:
            return False
        folded = folded[len(mark) :].lstrip()
    return True


def is_letterhead(line: str) -> bool:
    """A line made only of letter-head phrases ("LIÊN MINH HỢP TÁC XÃ", "Độc lập - Tự do - Hạnh
    phúc"). A task's own line ("- Liên minh hợp tác xã thành phố tổ chức …", "Thành phố Hải
    Phòng năm 2024") is not one: it has a dash or words of its own."""
    stripped = line.strip()
    return bool(stripped) and not _TASK.match(stripped) and _made_of(fold(stripped), _LETTERHEAD)


def _strong(line: str) -> bool:
    """A letter-head line that cannot be a task's words: the national motto, or set in capitals."""
    letters = [c for c in line if c.isalpha()]
    return _made_of(fold(line), _MOTTO) or (bool(letters) and all(c.isupper() for c in letters))


@dataclass(frozen=True)
class _Layout:
    """What each line's neighbourhood says: the letter-head blocks and the blank gaps around lines."""

    block: dict[int, tuple[int, bool]]  # line number -> (letter-head lines in its block, any of them strong)
    gap: dict[int, tuple[int, int]]  # line number -> (blank lines just before, just after)


def _layout(lines: list[str]) -> _Layout:
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
        if is_letterhead(line):
            run.append(i)
        elif run:
            close()
    if run:
        close()
    return _Layout(block, {i + 1: (before[i], after[i]) for i in range(len(lines))})


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", "./.", "!", "?"))


class _Reader:
    def __init__(self, is_unit_name, layout: _Layout) -> None:
        self.is_unit_name = is_unit_name
        self.layout = layout
        self.result = SourceProgramme()
        self.title_lines: list[str] = []
        self.month: SourceMonth | None = None
        self.unit: SourceUnit | None = None
        self.open_task: list[str] | None = None  # pieces of the task being read
        self.open_task_line = 0
        self.free: list[tuple[int, str]] = []  # a paragraph outside any task: the closing note or an unplaced one

    # -- closing the open things -------------------------------------------------------------
    def close_task(self) -> None:
        if self.open_task is not None and self.unit is not None:
            text = collapse_spaces("".join(self.open_task))
            if text:
                self.unit.tasks.append(SourceTask(nfc(text), self.open_task_line))
        self.open_task = None

    def close_free(self, at_end: bool) -> None:
        if not self.free:
            return
        if at_end:
            paragraphs: list[str] = []
            for _, piece in self.free:
                if paragraphs and not _ends_sentence(paragraphs[-1]):
                    paragraphs[-1] += " " + piece
                else:
                    paragraphs.append(piece)
            self.result.note = nfc("\n".join(collapse_spaces(p) for p in paragraphs))
        else:
            self.result.unplaced.extend(self.free)
        self.free = []

    def looks_like_unit_heading(self, m: re.Match, line: str) -> bool:
        """A numbered heading is a unit when it is the next number, or names a unit we know.

        A wrapped sentence rarely starts with "N. Words:", but checking the number keeps
        "2. Phòng ...:" inside an unfinished task from being mistaken for one.
        """
        assert self.month is not None
        expected = len(self.month.units) + 1
        if int(m.group(1)) == expected and (self.open_task is None or _ends_sentence("".join(self.open_task)) or _UNIT_WORD.match(m.group(2))):
            return True
        return self.is_unit_name(m.group(2))

    # -- noise: only where a page break or a letter-head would stand ---------------------------
    def sentence_open(self) -> bool:
        """A task or a paragraph is being read and its sentence has not ended: the next line
        continues it."""
        if self.open_task is not None:
            return not _ends_sentence("".join(self.open_task))
        return bool(self.free) and not _ends_sentence(self.free[-1][1])

    def on_page_break(self, number: int) -> bool:
        before, after = self.layout.gap.get(number, (0, 0))
        return before >= PAGE_GAP and after >= PAGE_GAP

    def is_noise(self, number: int, line: str) -> bool:
        """Whether the line is a page number or a letter-head line standing where one would:
        outside an open sentence, alone between page-break gaps, or in a letter-head block. A line
        that only looks like one is the task's text, and is listed as kept."""
        stripped = line.strip()
        if _PAGE_NUMBER.match(line):
            if not self.sentence_open() or self.on_page_break(number):
                self.result.repairs.append(Repair(number, "removed", "page-number", stripped))
                return True
            self.result.repairs.append(Repair(number, "kept", "number-in-sentence", stripped))
            return False
        if number in self.layout.block:
            size, strong = self.layout.block[number]
            motto = _made_of(fold(stripped), _MOTTO)
            if (size >= 2 and strong) or motto or (_strong(stripped) and (not self.sentence_open() or self.on_page_break(number))):
                self.result.repairs.append(Repair(number, "removed", "letter-head", stripped))
                return True
            self.result.repairs.append(Repair(number, "kept", "letter-head-like", stripped))
        return False

    # -- one line ------------------------------------------------------------------------------
    def feed(self, number: int, raw: str) -> None:
        line = raw.replace("\u00a0", " ").rstrip()
        if not line.strip():
            return
        if self.is_noise(number, line):
            return
        if m := MONTH.match(line):
            self.close_task()
            self.close_free(at_end=False)
            self.month = SourceMonth(int(m.group(1)), number)
            self.result.months.append(self.month)
            self.unit = None
            return
        if self.month is None:
            self.title_lines.append(line.strip())
            return
        if (m := _UNIT.match(line)) and self.looks_like_unit_heading(m, line):
            self.close_task()
            self.close_free(at_end=False)
            self.unit = SourceUnit(collapse_spaces(m.group(2)), number)
            self.month.units.append(self.unit)
            if m.group(3).strip():
                rest = _TASK.match(m.group(3))
                self.open_task = [(rest.group(1) if rest else m.group(3)).strip()]
                self.open_task_line = number
            return
        if m := _TASK.match(line):
            self.close_task()
            self.close_free(at_end=False)
            if self.unit is None:
                self.result.unplaced.append((number, line.strip()))
                return
            self.open_task = [m.group(1).strip()]
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
        self.close_task()
        self.free.append((number, stripped))

    def finish(self) -> SourceProgramme:
        self.close_task()
        self.close_free(at_end=True)
        self.result.title = nfc(collapse_spaces(" ".join(self.title_lines)))
        return self.result


def read_programme_text(text: str, is_unit_name=lambda name: False) -> SourceProgramme:
    """Parse the programme; `is_unit_name` says whether a heading names a unit already known."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    reader = _Reader(is_unit_name, _layout(lines))
    for number, raw in enumerate(lines, start=1):
        reader.feed(number, raw)
    return reader.finish()
