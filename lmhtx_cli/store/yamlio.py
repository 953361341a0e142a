"""Safe YAML reading that remembers where every value came from.

Files are composed into nodes (libyaml's C parser when present) and turned into plain data by
hand, so that each value keeps its line and column, aliases and non-standard tags are refused,
and duplicate keys are caught instead of silently overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from lmhtx_cli.errors import Problem

try:  # the C loader is ten times faster; fall back quietly when libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the platform's PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 40
MAX_NODES = 2_000_000

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


@dataclass
class YamlDoc:
    """A parsed file: its data, and the position of each value and key, 1-based."""

    file: str
    text: str
    data: Any = None
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    ends: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    flow: set[Path_] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)
    tracked_depth: int | None = None  # positions recorded this deep; None: everywhere

    def _track_fully(self) -> None:
        """Positions below the tracked depth are read again, only when a message needs one."""
        if self.tracked_depth is None:
            return
        full = parse(self.text, self.file)
        self.values, self.keys, self.ends, self.flow = full.values, full.keys, full.ends, full.flow
        self.tracked_depth = None

    def where(self, path: Path_) -> tuple[int, int]:
        """The position of `path`, or of its closest parent that has one."""
        if self.tracked_depth is not None and len(path) > self.tracked_depth:
            self._track_fully()
        while path:
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), (1, 1))

    def last_line(self, path: Path_) -> int:
        """The last line holding any of the value's text (not the next item's start)."""
        self._track_fully()
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
        if self.tracked_depth is not None and len(path) > self.tracked_depth:
            self._track_fully()
        return self.keys.get(path) or self.where(path)

    def problem(self, path: Path_, code: str, message: str, level: str = "error", on_key: bool = False) -> Problem:
        line, column = self.key_where(path) if on_key else self.where(path)
        return Problem(self.file, line, column, level, code, message)


def decode(raw: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 text with any byte-order mark dropped and line ends made plain."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        return None, [Problem(file, line, column, "error", "encoding", f"not UTF-8: byte 0x{raw[exc.start]:02x} cannot be read")]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, []


def parse(text: str, file: str, track_depth: int | None = None) -> YamlDoc:
    """Read one YAML document. With `track_depth`, positions are recorded only that many levels
    deep (enough for records' lines); deeper ones are read again if a message asks for them."""
    doc = YamlDoc(file, text, tracked_depth=track_depth)
    if len(text) > MAX_FILE_BYTES:
        doc.problems.append(Problem(file, 1, 1, "error", "too-large", f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB"))
        return doc
    loader = _Loader(text)
    try:
        doc.data = _EventReader(doc, loader).read()
    except yaml.MarkedYAMLError as exc:
        doc.data = None
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        context = exc.context or ""
        if context and exc.context_mark is not None and exc.context_mark is not mark:
            context += f" (started at line {exc.context_mark.line + 1}, column {exc.context_mark.column + 1})"
        message = "; ".join(part for part in (context, exc.problem) if part) or "invalid YAML"
        doc.problems.append(Problem(file, line, column, "error", "yaml-syntax", message))
    except yaml.YAMLError as exc:  # reader errors: control characters and the like
        doc.data = None
        position = getattr(exc, "position", None)
        line, column = _line_col(text, position) if position is not None else (1, 1)
        doc.problems.append(Problem(file, line, column, "error", "yaml-syntax", _one_line(str(exc))))
    except _Stop:
        doc.data = None
    finally:
        loader.dispose()
    return doc


class _EventReader:
    """Builds plain data straight from the parser's events, with an explicit stack.

    libyaml's own composer recurses once per nesting level and crashes the interpreter on a
    file nested tens of thousands deep; reading events keeps the depth in our hands (refused
    past MAX_DEPTH with its position), refuses aliases before anything is expanded, and records
    every value's start, end and key position as it goes.
    """

    def __init__(self, doc: YamlDoc, loader):
        self.doc = doc
        self.limit = doc.tracked_depth if doc.tracked_depth is not None else MAX_DEPTH + 1
        self.loader = loader
        self.constructor = yaml.constructor.SafeConstructor()
        self.count = 0

    def fail(self, mark, code: str, message: str, stop: bool = False) -> None:
        self.doc.problems.append(Problem(self.doc.file, mark.line + 1, mark.column + 1, "error", code, message))
        if stop:
            raise _Stop

    def read(self):
        loader = self.loader
        event = loader.get_event()  # StreamStart
        event = loader.get_event()
        if isinstance(event, yaml.StreamEndEvent):
            self.doc.problems.append(Problem(self.doc.file, 1, 1, "error", "empty-file", "the file is empty"))
            return None
        value = self.document()
        event = loader.get_event()
        if not isinstance(event, yaml.StreamEndEvent):
            self.fail(event.start_mark, "yaml-syntax", "a data file holds one YAML document; a second one starts here", stop=True)
        return value

    def document(self):
        """The one document's data. The loop dispatches on the event's class (this is the
        hottest code of a cold load: one turn per value of every file)."""
        get_event = self.loader.get_event
        root_holder: list = []
        stack: list[list] = []  # frames: [container, path, is_mapping, pending_key, key_mark]
        doc = self.doc
        values, ends, keys = doc.values, doc.ends, doc.keys
        limit = self.limit
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
                continue
            self.count += 1
            if self.count > MAX_NODES:
                self.fail(event.start_mark, "too-large", "the file holds too many values", stop=True)
            frame = stack[-1] if stack else None
            if frame is not None and frame[2] and frame[3] is _NO_KEY:
                frame[3], frame[4] = self.key(event, cls)
                continue
            if frame is None:
                path = ()
            elif frame[1] is None or len(stack) > limit:
                path = None  # deeper than positions are tracked
            elif frame[2]:
                key = frame[3]
                path = frame[1] + ((key if key is not _SKIP else "\0"),)
            else:
                path = frame[1] + (len(frame[0]),)
            if path is not None:
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
                    doc.problems.append(Problem(doc.file, key_mark[0], key_mark[1], "error", "duplicate-key", f'key "{key}" appears twice in this mapping'))
                else:
                    if path is not None:
                        keys[path] = frame[4]
                    frame[0][key] = value
            else:
                frame[0].append(value)
            if cls is _MAPPING_START or cls is _SEQUENCE_START:
                if len(stack) >= MAX_DEPTH:
                    self.fail(event.start_mark, "too-deep", f"the data nests more than {MAX_DEPTH} levels deep", stop=True)
                stack.append([value, path, cls is _MAPPING_START, _NO_KEY, None])
        return root_holder[0] if root_holder else None

    def key(self, event, cls) -> tuple:
        mark = (event.start_mark.line + 1, event.start_mark.column + 1)
        if cls is _ALIAS:
            self.fail(event.start_mark, "alias", "aliases (*name) are not allowed in data files", stop=True)
        if cls is not _SCALAR:
            self.fail(event.start_mark, "bad-key", "a key must be a plain word", stop=True)
        tag = event.tag if event.tag not in (None, "!") else None
        if tag is not None and tag not in _PLAIN_SCALARS:
            self.fail(event.start_mark, "tag", f"tag {event.tag} is not allowed")
            return _SKIP, mark
        if event.value == "<<" and event.implicit[0]:
            self.fail(event.start_mark, "alias", "merge keys (<<) are not allowed in data files")
            return _SKIP, mark
        return event.value, mark  # keys stay text: "on", "no" and "2024" are names here, not values

    def collection(self, event, cls, path: tuple):
        if cls is _ALIAS:
            self.fail(event.start_mark, "alias", "aliases (*name) are not allowed in data files (the file is not read further)", stop=True)
        expected = _MAP if cls is _MAPPING_START else _SEQ
        if event.tag not in (None, "!", expected):
            self.fail(event.start_mark, "tag", f"tag {event.tag} is not allowed")
        if event.flow_style and path is not None:
            self.doc.flow.add(path)
        return {} if cls is _MAPPING_START else []

    def scalar(self, event):
        tag = event.tag
        if tag is None or tag == "!":
            value = event.value
            if event.style or (value and value[0].isalpha() and value.lower() not in _RESOLVED_WORDS):
                return value  # quoted, block or plain text: always a string (the common case, done quickly)
            tag = self.loader.resolve(yaml.ScalarNode, value, event.implicit)
        if tag == _STR:
            return event.value
        if tag not in _PLAIN_SCALARS:
            self.fail(event.start_mark, "tag", f"tag {tag} is not allowed")
            return None
        if tag == _BOOL and event.value.lower() not in ("true", "false"):
            return event.value  # YAML 1.2 reading: yes/no/on/off are words, not booleans
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            return self.constructor.construct_object(node)
        except (ValueError, yaml.YAMLError, OverflowError):
            if tag.endswith("timestamp"):
                self.fail(event.start_mark, "bad-date", f'"{event.value}" is not a real date')
            else:
                self.fail(event.start_mark, "bad-value", f'"{event.value}" cannot be read as {tag.rsplit(":", 1)[-1]}')
            return None


_NO_KEY = object()
_SKIP = object()
_SCALAR, _ALIAS = yaml.ScalarEvent, yaml.AliasEvent
_MAPPING_START, _MAPPING_END = yaml.MappingStartEvent, yaml.MappingEndEvent
_SEQUENCE_START, _SEQUENCE_END = yaml.SequenceStartEvent, yaml.SequenceEndEvent
_DOCUMENT_END = yaml.DocumentEndEvent
# plain words that YAML 1.1 reads as something other than text (booleans, null, .inf/.nan are not letters-first)
_RESOLVED_WORDS = frozenset({"yes", "no", "true", "false", "on", "off", "null", "y", "n"})


def _line_col(text: str, position: int) -> tuple[int, int]:
    before = text[:position]
    return before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1


def _one_line(message: str) -> str:
    return " ".join(message.split())


class _Stop(Exception):
    pass
