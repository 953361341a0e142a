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
_LETTERHEAD = (
    "lien minh hop tac xa",
    "thanh pho hai phong",
    "cong hoa xa hoi chu nghia viet nam",
    "doc lap tu do hanh phuc",
)


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
    repairs: list[tuple[int, str]] = field(default_factory=list)


def is_letterhead(line: str) -> bool:
    folded = fold(line)
    return any(folded == mark or folded.startswith(mark + " ") and len(folded) < len(mark) + 25 for mark in _LETTERHEAD)


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", "./.", "!", "?"))


class _Reader:
    def __init__(self, is_unit_name) -> None:
        self.is_unit_name = is_unit_name
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

    # -- one line ------------------------------------------------------------------------------
    def feed(self, number: int, raw: str) -> None:
        line = raw.replace("\u00a0", " ").rstrip()
        if not line.strip():
            return
        if _PAGE_NUMBER.match(line):
            self.result.repairs.append((number, f"page number {line.strip()} dropped"))
            return
        if is_letterhead(line):
            self.result.repairs.append((number, f"letter-head line dropped: {line.strip()}"))
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
            self.result.repairs.append((number, "broken word joined to the line above"))
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
            self.result.repairs.append((number, "task without a leading dash under its unit heading"))
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
    reader = _Reader(is_unit_name)
    for number, raw in enumerate(text.split("\n"), start=1):
        reader.feed(number, raw)
    return reader.finish()
