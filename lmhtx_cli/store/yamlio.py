"""Safe YAML reading that remembers where every value came from.

Files are composed into nodes (libyaml's C parser when present) and turned into plain data by
hand, so that each value keeps its line and column, aliases and non-standard tags are refused,
and duplicate keys are caught instead of silently overwritten.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from lmhtx_cli.errors import Problem
from lmhtx_cli.i18n import _
from lmhtx_cli.store.library_words import yaml_reader_error, yaml_syntax

try:  # the C loader is ten times faster; fall back quietly when libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the platform's PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 10 * 1024 * 1024  # twice a 30,000-member members.yaml
MAX_DEPTH = 40
# Values in one file (keys included). A 30,000-member members.yaml holds about 500,000; beyond this
# bound a file is refused with its position, so memory and time stay bounded whatever it holds.
MAX_NODES = 800_000
# Items of one list whose positions are all kept; past these, a list's plain values keep none but
# the last one's (messages about them point at the list), so a huge list costs only its data.
TRACKED_ITEMS = 2_000
# Positions kept per reading of a file (each costs a few hundred bytes); past them, positions are
# found again when asked for (`YamlDoc._locate`), at most MAX_RELOCATIONS times per file.
MAX_POSITIONS = 250_000
MAX_RELOCATIONS = 12
SMALL_DOC_NODES = 100_000  # a file this small is read again whole when a position is missing
MAX_KEYS = 10_000  # keys of one mapping: units of a month, fields of a record
# Items of a list nested three levels or more (a task's history, a unit's aliases, a meeting's
# attendees); the long lists of data files (members, petitions, a unit's tasks) sit higher.
MAX_INNER_ITEMS = 5_000

# What a line break is, for every part of the tool: the YAML reader's own idea (YAML 1.1, libyaml):
# CR LF, LF, a lone CR, NEL (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029).
# Positions from the reader and the text edits of the writer count lines the same way.
LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def split_lines(text: str) -> tuple[list[str], list[str]]:
    """The lines of `text` as the YAML reader counts them: (contents, line ends), where each line
    keeps its own end ("\n", "\r\n", "\r", "\x85", "\u2028", "\u2029"; "" for a last line
    without one)."""
    contents: list[str] = []
    ends: list[str] = []
    start = 0
    for match in LINE_BREAK.finditer(text):
        contents.append(text[start : match.start()])
        ends.append(match.group())
        start = match.end()
    if start < len(text):
        contents.append(text[start:])
        ends.append("")
    return contents, ends


Path_ = tuple  # a path into the data: keys and list indexes

_STR = "tag:yaml.org,2002:str"
_BOOL = "tag:yaml.org,2002:bool"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_PLAIN_SCALARS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}


class _Positions(dict):
    """Positions by path. One that the first reading did not keep (deeper than it looked, in a
    long list, past the file's budget of positions) is found by reading the file again along
    that path, when an edit or a message needs it."""

    __slots__ = ("doc",)

    def __init__(self) -> None:
        super().__init__()
        self.doc: YamlDoc | None = None

    def __missing__(self, path):
        doc = self.doc
        if doc is not None and doc._locate(path) and dict.__contains__(self, path):
            return dict.__getitem__(self, path)
        raise KeyError(path)

    def get(self, path, default=None):
        try:
            return self[path]
        except KeyError:
            return default


class _FlowPaths(set):
    """The paths of values written inline ([…], {…}); asked about a path not yet located, it
    locates it first."""

    __slots__ = ("doc",)

    def __init__(self) -> None:
        super().__init__()
        self.doc: YamlDoc | None = None

    def __contains__(self, path) -> bool:
        if set.__contains__(self, path):
            return True
        doc = self.doc
        if doc is None or doc.complete or dict.__contains__(doc.values, path):
            return False
        return doc._locate(path) and set.__contains__(self, path)


@dataclass
class YamlDoc:
    """A parsed file: its data, and the position of each value and key, 1-based."""

    file: str
    text: str
    data: Any = None
    values: dict[Path_, tuple[int, int]] = field(default_factory=_Positions)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=_Positions)
    ends: dict[Path_, tuple[int, int]] = field(default_factory=_Positions)
    flow: set[Path_] = field(default_factory=_FlowPaths)
    problems: list[Problem] = field(default_factory=list)
    tracked_depth: int | None = None  # positions recorded this deep; None: everywhere
    complete: bool = False  # every value's position was kept
    node_count: int = 0
    _asked: set = field(default_factory=set)

    def __post_init__(self) -> None:
        for table in (self.values, self.keys, self.ends, self.flow):
            if isinstance(table, (_Positions, _FlowPaths)):
                table.doc = self

    def _locate(self, path: Path_) -> bool:
        """Read the file again to find the positions along `path`. A small file is read again
        whole, once; a huge one along the record that holds `path` (the first list item on the
        way), a few times at most, so that neither memory nor time grows with the file."""
        if self.complete or not self.text or path in self._asked or len(self._asked) >= MAX_RELOCATIONS:
            return False
        self._asked.add(path)
        if self.node_count <= SMALL_DOC_NODES:
            again = parse(self.text, self.file)
        else:
            record = next((path[: i + 1] for i, part in enumerate(path) if isinstance(part, int)), path)
            again = parse(self.text, self.file, 0, focus=record)
        for mine, theirs in ((self.values, again.values), (self.keys, again.keys), (self.ends, again.ends)):
            dict.update(mine, theirs)
        set.update(self.flow, again.flow)
        if again.complete:
            self.complete = True
            self.tracked_depth = None
        return True

    def _worth_locating(self, path: Path_, table: dict) -> bool:
        """Whether a message's position is worth reading the file again: a small file whose
        first reading did not keep it, for a value that exists (a missing key has no place)."""
        if not path or dict.__contains__(table, path) or self.complete or self.node_count > SMALL_DOC_NODES:
            return False
        try:
            self._value_at(path)
        except (KeyError, IndexError, TypeError):
            return False
        return True

    def where(self, path: Path_) -> tuple[int, int]:
        """The position of `path`, or of its closest parent that has one."""
        if self._worth_locating(path, self.values):
            self._locate(path)
        while path:
            if dict.__contains__(self.values, path):
                return dict.__getitem__(self.values, path)
            path = path[:-1]
        return dict.get(self.values, (), (1, 1))

    def last_line(self, path: Path_) -> int:
        """The last line holding any of the value's text (not the next item's start)."""
        value = self._value_at(path)
        if isinstance(value, dict) and value and path not in self.flow:
            return self.last_line(path + (list(value)[-1],))
        if isinstance(value, list) and value and path not in self.flow:
            return self.last_line(path + (len(value) - 1,))
        start_line = self.values[path][0]
        end_line, end_column = self.ends[path]
        if end_column == 1 and end_line > start_line:
            return end_line - 1  # block scalars end at the start of the following line
        return end_line

    def _value_at(self, path: Path_) -> Any:
        value = self.data
        for part in path:
            value = value[part]
        return value

    def key_where(self, path: Path_) -> tuple[int, int]:
        if self._worth_locating(path, self.keys):
            self._locate(path)
        return dict.get(self.keys, path) or self.where(path)

    def problem(self, path: Path_, code: str, message: str, level: str = "error", on_key: bool = False) -> Problem:
        line, column = self.key_where(path) if on_key else self.where(path)
        return Problem(self.file, line, column, level, code, message)


def decode(raw: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 text with any byte-order mark dropped and line ends made plain."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
        before = raw[start : exc.start].decode("utf-8", "replace")
        line, column = _line_col(before, len(before))
        return None, [Problem(file, line, column, "error", "encoding", _("not UTF-8: byte 0x{byte:02x} cannot be read").format(byte=raw[exc.start]))]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, []


def parse(text: str, file: str, track_depth: int | None = None, focus: Path_ | None = None) -> YamlDoc:
    """Read one YAML document. With `track_depth`, positions are recorded only that many levels
    deep (enough for records' lines); deeper ones are read again if a message asks for them.
    With `focus`, the positions along that path are recorded whatever the depth or the budget."""
    doc = YamlDoc(file, text, tracked_depth=track_depth)
    if len(text) > MAX_FILE_BYTES:
        doc.problems.append(Problem(file, 1, 1, "error", "too-large", _("file is larger than {limit} MB").format(limit=MAX_FILE_BYTES // (1024 * 1024))))
        return doc
    loader = _Loader(text)
    reader = _EventReader(doc, loader, focus)
    try:
        doc.data = reader.read()
    except yaml.MarkedYAMLError as exc:
        doc.data = None
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if "nesting depth" in (exc.problem or ""):  # libyaml's own depth limit (PyYAML 6.0.4+): refused before ours
            doc.problems.append(Problem(file, line, column, "error", "too-deep", _("the data nests more than {count} levels deep").format(count=MAX_DEPTH)))
        else:
            started = exc.context_mark if exc.context_mark is not None and exc.context_mark is not mark else None
            message = yaml_syntax(exc.context, (started.line + 1, started.column + 1) if started else None, exc.problem)
            doc.problems.append(Problem(file, line, column, "error", "yaml-syntax", message))
    except yaml.YAMLError as exc:  # reader errors: control characters and the like
        doc.data = None
        position = getattr(exc, "position", None)
        line, column = _line_col(text, position) if position is not None else (1, 1)
        doc.problems.append(Problem(file, line, column, "error", "yaml-syntax", yaml_reader_error(_one_line(str(exc)), getattr(exc, "character", None))))
    except _Stop:
        doc.data = None
    finally:
        loader.dispose()
    doc.node_count = reader.count
    markers = conflict_markers(text, file)
    if markers:  # what git left is named as such, not as the YAML error it causes
        doc.data = None
        doc.problems = markers
    doc.complete = not reader.incomplete and track_depth is None and not doc.problems
    return doc


_CONFLICT_MARKER = re.compile(r"^(<{7}|\|{7}|={7}|>{7})(?: .*)?$", re.MULTILINE)


def conflict_markers(text: str, file: str) -> list[Problem]:
    """The lines of conflict markers a merge left in the text (`<<<<<<<`, `=======`, `>>>>>>>`)."""
    if "<<<<<<<" not in text and ">>>>>>>" not in text:
        return []
    problems = []
    for match in _CONFLICT_MARKER.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        message = _("a conflict marker left by a merge ({marker}): keep what stands of the two sides, delete the marker lines, and run validate again").format(marker=match.group(1))
        problems.append(Problem(file, line, 1, "error", "merge-conflict", message))
    return problems


class _EventReader:
    """Builds plain data straight from the parser's events, with an explicit stack.

    libyaml's own composer recurses once per nesting level and crashes the interpreter on a
    file nested tens of thousands deep; reading events keeps the depth in our hands (refused
    past MAX_DEPTH with its position), refuses aliases before anything is expanded, and records
    every value's start, end and key position as it goes.
    """

    def __init__(self, doc: YamlDoc, loader, focus: Path_ | None = None):
        self.doc = doc
        self.limit = doc.tracked_depth if doc.tracked_depth is not None else MAX_DEPTH + 1
        self.loader = loader
        self.constructor = yaml.constructor.SafeConstructor()
        self.count = 0
        self.focus = focus
        self.incomplete = False  # some position was not kept (depth, long list, budget)

    def fail(self, mark, code: str, message: str, stop: bool = False) -> None:
        self.doc.problems.append(Problem(self.doc.file, mark.line + 1, mark.column + 1, "error", code, message))
        if stop:
            raise _Stop

    def read(self):
        loader = self.loader
        event = loader.get_event()  # StreamStart
        event = loader.get_event()
        if isinstance(event, yaml.StreamEndEvent):
            self.doc.problems.append(Problem(self.doc.file, 1, 1, "error", "empty-file", _("the file is empty")))
            return None
        value = self.document()
        event = loader.get_event()
        if not isinstance(event, yaml.StreamEndEvent):
            self.fail(event.start_mark, "yaml-syntax", _("a data file holds one YAML document; a second one starts here"), stop=True)
        return value

    def document(self):
        """The one document's data. The loop dispatches on the event's class (this is the
        hottest code of a cold load: one turn per value of every file)."""
        get_event = self.loader.get_event
        root_holder: list = []
        stack: list[list] = []  # frames: [container, path, is_mapping, pending_key, key_mark, last untracked item]
        doc = self.doc
        values, ends, keys = doc.values, doc.ends, doc.keys
        limit = self.limit
        focus = self.focus
        budget = MAX_POSITIONS
        while True:
            event = get_event()
            cls = event.__class__
            if cls is _DOCUMENT_END:
                break
            if cls is _MAPPING_END or cls is _SEQUENCE_END:
                frame = stack.pop()
                if frame[1] is not None:
                    mark = event.end_mark
                    ends[frame[1]] = (mark.line + 1, mark.column + 1)
                    last = frame[5]
                    if last is not None and last[0] == len(frame[0]) - 1:  # a long list's last value keeps its place
                        last_path = frame[1] + (last[0],)
                        values[last_path] = (last[1].line + 1, last[1].column + 1)
                        ends[last_path] = (last[2].line + 1, last[2].column + 1)
                continue
            self.count += 1
            if self.count > MAX_NODES:
                self.fail(event.start_mark, "too-large", _("the file holds more than {count} values; split it or remove some").format(count=f"{MAX_NODES:,}"), stop=True)
            frame = stack[-1] if stack else None
            if frame is not None and frame[2] and frame[3] is _NO_KEY:
                if len(frame[0]) >= MAX_KEYS:
                    self.fail(event.start_mark, "too-large", _("a mapping holds more than {count} keys; data files never need so many").format(count=f"{MAX_KEYS:,}"), stop=True)
                frame[3], frame[4] = self.key(event, cls)
                continue
            if frame is None:
                path = ()
            elif frame[1] is None:
                path = None  # inside a value whose position is not kept
            else:
                if frame[2]:
                    key = frame[3]
                    path = frame[1] + ((key if key is not _SKIP else "\0"),)
                    kept = len(stack) <= limit and budget > 0
                else:
                    index = len(frame[0])
                    path = frame[1] + (index,)
                    kept = len(stack) <= limit and budget > 0 and (index < TRACKED_ITEMS or cls is not _SCALAR)
                if not kept and focus is not None:
                    if focus[: len(path)] == path:
                        kept = True  # on the way to the value asked for
                    elif path[: len(focus)] == focus:  # inside it: kept as a first reading would
                        kept = budget > 0 and (frame[2] or index < TRACKED_ITEMS or cls is not _SCALAR)
                if not kept:
                    self.incomplete = True
                    if not frame[2] and cls is _SCALAR:
                        frame[5] = (index, event.start_mark, event.end_mark)  # the list's last value keeps its place (above)
                    path = None
            if path is not None:
                budget -= 1
                mark = event.start_mark
                values[path] = (mark.line + 1, mark.column + 1)
            if cls is _SCALAR:
                if path is not None:
                    end = event.end_mark
                    ends[path] = (end.line + 1, end.column + 1)
                value = self.scalar(event)
            else:
                value = self.collection(event, cls, path)
            if frame is None:
                root_holder.append(value)
            elif frame[2]:
                key = frame[3]
                frame[3] = _NO_KEY
                if key is _SKIP:
                    pass  # a refused key: its value is read (to keep the nesting right) but not kept
                elif key in frame[0]:
                    key_mark = frame[4]
                    doc.problems.append(Problem(doc.file, key_mark[0], key_mark[1], "error", "duplicate-key", _('key "{key}" appears twice in this mapping').format(key=key)))
                else:
                    if path is not None:
                        keys[path] = frame[4]
                    frame[0][key] = value
            else:
                if len(stack) > 3 and len(frame[0]) >= MAX_INNER_ITEMS:  # a record's own list: history, aliases, attendees
                    self.fail(event.start_mark, "too-large", _("a list inside a record holds more than {count} items; data files never need so many").format(count=f"{MAX_INNER_ITEMS:,}"), stop=True)
                frame[0].append(value)
            if cls is _MAPPING_START or cls is _SEQUENCE_START:
                if len(stack) >= MAX_DEPTH:
                    self.fail(event.start_mark, "too-deep", _("the data nests more than {count} levels deep").format(count=MAX_DEPTH), stop=True)
                stack.append([value, path, cls is _MAPPING_START, _NO_KEY, None, None])
        return root_holder[0] if root_holder else None

    def key(self, event, cls) -> tuple:
        mark = (event.start_mark.line + 1, event.start_mark.column + 1)
        if cls is _ALIAS:
            self.fail(event.start_mark, "alias", _("aliases (*name) are not allowed in data files"), stop=True)
        if cls is not _SCALAR:
            self.fail(event.start_mark, "bad-key", _("a key must be a plain word"), stop=True)
        tag = event.tag if event.tag not in (None, "!") else None
        if tag is not None and tag not in _PLAIN_SCALARS:
            self.fail(event.start_mark, "tag", _("tag {tag} is not allowed").format(tag=event.tag))
            return _SKIP, mark
        if event.value == "<<" and event.implicit[0]:
            self.fail(event.start_mark, "alias", _("merge keys (<<) are not allowed in data files"))
            return _SKIP, mark
        return event.value, mark  # keys stay text: "on", "no" and "2024" are names here, not values

    def collection(self, event, cls, path: tuple):
        if cls is _ALIAS:
            self.fail(event.start_mark, "alias", _("aliases (*name) are not allowed in data files (the file is not read further)"), stop=True)
        expected = _MAP if cls is _MAPPING_START else _SEQ
        if event.tag not in (None, "!", expected):
            self.fail(event.start_mark, "tag", _("tag {tag} is not allowed").format(tag=event.tag))
        if event.flow_style and path is not None:
            self.doc.flow.add(path)
        return {} if cls is _MAPPING_START else []

    def scalar(self, event):
        tag = event.tag
        value = event.value
        if tag is None or tag == "!":
            if event.style or (value and value[0].isalpha() and value.lower() not in _RESOLVED_WORDS):
                return value  # quoted, block or plain text: always a string (the common case, done quickly)
            if value.isascii() and 0 < len(value) < 19:
                if value.isdigit() and (value[0] != "0" or value == "0"):
                    return int(value)  # a plain decimal number, as the resolver would read it
                if _DATE.fullmatch(value):
                    try:
                        return dt.date(int(value[:4]), int(value[5:7]), int(value[8:]))
                    except ValueError:
                        self.fail(event.start_mark, "bad-date", _('"{text}" is not a real date').format(text=value))
                        return None
            tag = self.loader.resolve(yaml.ScalarNode, value, event.implicit)
        if tag == _STR:
            return value
        if tag not in _PLAIN_SCALARS:
            self.fail(event.start_mark, "tag", _("tag {tag} is not allowed").format(tag=tag))
            return None
        if tag == _BOOL and value.lower() not in ("true", "false"):
            return value  # YAML 1.2 reading: yes/no/on/off are words, not booleans
        node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
        try:
            # the tag's own constructor, called directly: construct_object() would keep every node
            # (and its marks) in a table for the life of the reader
            return self.constructor.yaml_constructors[tag](self.constructor, node)
        except (ValueError, yaml.YAMLError, OverflowError):
            if tag.endswith("timestamp"):
                self.fail(event.start_mark, "bad-date", _('"{text}" is not a real date').format(text=value))
            else:
                self.fail(event.start_mark, "bad-value", _('"{value}" cannot be read as {kind}').format(value=value, kind=tag.rsplit(":", 1)[-1]))
            return None


_NO_KEY = object()
_SKIP = object()
_SCALAR, _ALIAS = yaml.ScalarEvent, yaml.AliasEvent
_MAPPING_START, _MAPPING_END = yaml.MappingStartEvent, yaml.MappingEndEvent
_SEQUENCE_START, _SEQUENCE_END = yaml.SequenceStartEvent, yaml.SequenceEndEvent
_DOCUMENT_END = yaml.DocumentEndEvent
# plain words that YAML 1.1 reads as something other than text (booleans, null, .inf/.nan are not letters-first)
_RESOLVED_WORDS = frozenset({"yes", "no", "true", "false", "on", "off", "null", "y", "n"})
_DATE = re.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _line_col(text: str, position: int) -> tuple[int, int]:
    """1-based line and column of a character, lines counted as the reader counts them."""
    before = text[:position]
    line = 1
    line_start = 0
    for match in LINE_BREAK.finditer(before):
        line += 1
        line_start = match.end()
    return line, position - line_start + 1


def _one_line(message: str) -> str:
    return " ".join(message.split())


class _Stop(Exception):
    pass
