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

    def where(self, path: Path_) -> tuple[int, int]:
        """The closest known position of `path`, walking up to its parents."""
        while path:
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), (1, 1))

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


def parse(text: str, file: str) -> YamlDoc:
    doc = YamlDoc(file, text)
    if len(text) > MAX_FILE_BYTES:
        doc.problems.append(Problem(file, 1, 1, "error", "too-large", f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB"))
        return doc
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        context = exc.context or ""
        if context and exc.context_mark is not None and exc.context_mark is not mark:
            context += f" (started at line {exc.context_mark.line + 1}, column {exc.context_mark.column + 1})"
        message = "; ".join(part for part in (context, exc.problem) if part) or "invalid YAML"
        doc.problems.append(Problem(file, line, column, "error", "yaml-syntax", message))
        return doc
    except yaml.YAMLError as exc:  # reader errors: control characters and the like
        position = getattr(exc, "position", None)
        line, column = _line_col(text, position) if position is not None else (1, 1)
        doc.problems.append(Problem(file, line, column, "error", "yaml-syntax", _one_line(str(exc))))
        return doc
    except RecursionError:
        doc.problems.append(Problem(file, 1, 1, "error", "too-deep", "the file nests too deeply to read"))
        return doc
    if node is None:
        doc.problems.append(Problem(file, 1, 1, "error", "empty-file", "the file is empty"))
        return doc
    try:
        doc.data = _Builder(doc).build(node, (), 0)
    except _Stop:
        doc.data = None
    return doc


def _line_col(text: str, position: int) -> tuple[int, int]:
    before = text[:position]
    return before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1


def _one_line(message: str) -> str:
    return " ".join(message.split())


class _Builder:
    def __init__(self, doc: YamlDoc):
        self.doc = doc
        self.seen: set[int] = set()
        self.count = 0
        self.constructor = yaml.constructor.SafeConstructor()

    def fail(self, node: yaml.Node, code: str, message: str) -> None:
        mark = node.start_mark
        self.doc.problems.append(Problem(self.doc.file, mark.line + 1, mark.column + 1, "error", code, message))

    def build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        self.doc.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        self.doc.ends[path] = (node.end_mark.line + 1, node.end_mark.column + 1)
        if getattr(node, "flow_style", False):
            self.doc.flow.add(path)
        self.count += 1
        if id(node) in self.seen:
            self.fail(node, "alias", "aliases (*name) are not allowed in data files")
            return None
        self.seen.add(id(node))
        if depth > MAX_DEPTH or self.count > MAX_NODES:
            self.fail(node, "too-deep", "the data nests too deeply or is too large")
            raise _Stop
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                self.fail(node, "tag", f"tag {node.tag} is not allowed")
                return None
            return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        return self.scalar(node)

    def mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> Any:
        if node.tag != _MAP:
            self.fail(node, "tag", f"tag {node.tag} is not allowed")
            return None
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.fail(key_node, "bad-key", "a key must be a plain word")
                continue
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.fail(key_node, "alias", "merge keys (<<) are not allowed in data files")
                continue
            if key_node.tag not in _PLAIN_SCALARS:
                self.fail(key_node, "tag", f"tag {key_node.tag} is not allowed")
                continue
            key = key_node.value  # keys stay text: "on", "no" and "2024" are names here, not values
            if key in result:
                self.fail(key_node, "duplicate-key", f'key "{key}" appears twice in this mapping')
                continue
            self.doc.keys[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, path + (key,), depth + 1)
        return result

    def scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag == _STR:
            return node.value
        if node.tag not in _PLAIN_SCALARS:
            self.fail(node, "tag", f"tag {node.tag} is not allowed")
            return None
        if node.tag == _BOOL and node.value.lower() not in ("true", "false"):
            return node.value  # YAML 1.2 reading: yes/no/on/off are words, not booleans
        try:
            value = self.constructor.construct_object(node)
        except (ValueError, yaml.YAMLError, OverflowError):
            if node.tag.endswith("timestamp"):
                self.fail(node, "bad-date", f'"{node.value}" is not a real date')
            else:
                self.fail(node, "bad-value", f'"{node.value}" cannot be read as {node.tag.rsplit(":", 1)[-1]}')
            return None
        return value


class _Stop(Exception):
    pass
