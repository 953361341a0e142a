"""Three versions of a data file merged record by record, written as text edits of ours.

This is format-level work, so it lives with the other surgical text edits: a file is a mapping
whose `Layout` names the keys that hold records (lists of mappings keyed by an id, directly as
`meetings:` or grouped under a mapping as `units: {code: [...]}`); what the records mean is the
domains' business (they give the layout, the id key, which key is worked out from which list,
which decisions clash). Records are matched by id across base, ours and theirs:

- a record only one side changed takes that side's text; a record both changed merges key by
  key; lists of mappings inside a record (`history`) are united, entries identified by their
  full content and theirs' new entries placed by date (entries of one day new on both sides in
  an order of their content, so both directions agree), and a key the layout derives
  from such lists (a task's `status`, from its history's last entry) is worked out again;
- ids are never changed: a record added on both sides under one id is one record when the
  layout's identity keys say so (one postponement's continuation), else a collision left
  between markers (both records) and named;
- the same key changed two ways leaves ordinary conflict markers around that record only.

The result is ours' text with theirs' changes spliced in: every inserted line is theirs' own
line (re-indented to ours' layout), so comments, quoting and order stay as their writers left
them. What this cannot do safely raises `Unmergeable`, and the caller merges line by line.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from lmhtx_cli.i18n import _
from lmhtx_cli.store.writeback import plain_or_quoted
from lmhtx_cli.store.yamlio import MAX_FILE_BYTES, YamlDoc, decode, parse

MISSING: Any = type("Missing", (), {"__repr__": lambda self: "MISSING"})()
OURS_MARKER, SPLIT_MARKER, THEIRS_MARKER = "<<<<<<< ours", "=======", ">>>>>>> theirs"


@dataclass(frozen=True)
class Records:
    """A list of records, each a mapping identified by `id_key`."""

    id_key: str = "id"


@dataclass(frozen=True)
class Groups:
    """A mapping whose every value is a list of records (`units:` of a month file)."""

    records: Records


@dataclass(frozen=True)
class Layout:
    containers: dict[str, Records | Groups]
    # keys worked out from a record's lists once they are united: key -> f({list key: united entries})
    # giving the value, or MISSING when the lists given do not decide it
    derived: dict[str, Callable[[dict[str, list]], Any]] = field(default_factory=dict)
    # keys that make two records added on both sides under one id one record when both hold the
    # same value (a task's `continues`: one postponement, recorded on both branches, whose
    # continuation's id is worked out from it): merged key by key. Any other two records added
    # under one id are a collision: both are left between markers, never renumbered.
    identity: frozenset[str] = frozenset()
    # a record both sides changed, merged without a conflicting key, may still hold two decisions
    # that cannot both stand: given {list key: (base, ours, theirs, united)}, the reason, else None
    clash: Callable[[dict[str, tuple[list, list, list, list]]], str | None] | None = None


@dataclass
class Merged:
    data: bytes
    conflicts: list[str]  # ids (or keys) of the records left between conflict markers
    clashes: list[tuple[str, str]] = field(default_factory=list)  # (record id, why) of records left between markers for their meaning


class Unmergeable(Exception):
    """The versions cannot be merged by record (a side does not parse, a record has no id …)."""


class _Tangled(Exception):
    """One record cannot be merged key by key (keys sharing a line, lists written inline)."""


@dataclass
class _Splice:
    """Replace ours' lines [start, end) (1-based) by `lines`; start == end inserts before `start`."""

    start: int
    end: int
    lines: list[str]
    seq: int


@dataclass
class _Version:
    lines: list[str]
    doc: YamlDoc
    newline: str = "\n"
    bom: str = ""
    ends_with_newline: bool = True

    @property
    def data(self) -> dict:
        return self.doc.data

    def item_first_line(self, path: tuple) -> int:
        """The line of a list item's dash."""
        line, column = self.doc.values[path]
        if self.lines[line - 1][: column - 1].rstrip().endswith("-"):
            return line
        if line > 1 and self.lines[line - 2].strip() == "-":
            return line - 1
        raise _Tangled

    def dash_column(self, path: tuple) -> int:
        line = self.item_first_line(path)
        text = self.lines[line - 1]
        limit = self.doc.values[path][1] - 1 if self.doc.values[path][0] == line else len(text)
        return text.rindex("-", 0, limit) + 1

    def item_span(self, path: tuple) -> tuple[int, int]:
        return self.item_first_line(path), self.doc.last_line(path)

    def key_span(self, path: tuple) -> tuple[int, int]:
        first = self.doc.keys[path][0]
        return first, max(first, self.doc.last_line(path))

    def key_column(self, path: tuple) -> int:
        return self.doc.keys[path][1]

    def copy(self, first: int, last: int, shift: int = 0) -> list[str]:
        """Lines [first, last], moved `shift` columns."""
        return [_shifted(self.lines[number - 1], shift) for number in range(first, last + 1)]

    def comments_above(self, first: int, floor: int) -> int:
        """The first line of the comment lines right above `first` (not above `floor`)."""
        while first - 1 > floor and self.lines[first - 2].lstrip().startswith("#"):
            first -= 1
        return first


def _shifted(text: str, shift: int) -> str:
    if shift > 0 and text.strip():
        return " " * shift + text
    if shift < 0:
        spaces = len(text) - len(text.lstrip(" "))
        return text[min(spaces, -shift) :]
    return text


def _read(raw: bytes, name: str) -> _Version:
    if len(raw) > MAX_FILE_BYTES:
        raise Unmergeable(_("{file}: the file is larger than {limit} MB").format(file=name, limit=MAX_FILE_BYTES // (1024 * 1024)))
    text, problems = decode(raw, name)
    if text is None:
        raise Unmergeable(problems[0].format())
    doc = parse(text, name)
    errors = [p for p in doc.problems if p.level == "error"]
    if errors:
        raise Unmergeable(errors[0].format())
    if not isinstance(doc.data, dict):
        raise Unmergeable(_("{file}: the file does not hold a mapping of keys").format(file=name))
    original = raw.decode("utf-8-sig")
    lines = text.split("\n")
    ends_with_newline = text.endswith("\n")
    if ends_with_newline:
        lines.pop()
    return _Version(lines, doc, "\r\n" if "\r\n" in original else "\n", "\ufeff" if raw.startswith(b"\xef\xbb\xbf") else "", ends_with_newline)


def _canon(value: Any) -> Any:
    """A hashable form of a value that tells 1, True and "1" apart."""
    if isinstance(value, dict):
        return ("map", tuple(sorted((str(k), _canon(v)) for k, v in value.items())))
    if isinstance(value, list):
        return ("list", tuple(_canon(v) for v in value))
    return (type(value).__name__, value)


def _same(a: Any, b: Any) -> bool:
    if a is MISSING or b is MISSING:
        return a is b
    return _canon(a) == _canon(b)


def _when(entry: Any) -> dt.date | None:
    value = entry.get("on", entry.get("date")) if isinstance(entry, dict) else None
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def _day_blocks(entries) -> dict[dt.date | None, tuple[str, ...]]:
    """One side's new entries of each day, as a sortable key of their content."""
    blocks: dict[dt.date | None, tuple[str, ...]] = {}
    for entry in entries:
        when = _when(entry)
        blocks[when] = (*blocks.get(when, ()), repr(_canon(entry)))
    return blocks


def _scalar_text(value: Any) -> str:
    """A one-line YAML value that reads back as `value`."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, dt.date)):
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    if value is None:
        return "null"
    return plain_or_quoted(str(value))


def _markers(ours: list[str], theirs: list[str]) -> list[str]:
    return [OURS_MARKER, *ours, SPLIT_MARKER, *theirs, THEIRS_MARKER]


def _apply(lines: list[str], splices: list[_Splice], offset: int = 1) -> list[str]:
    """`lines` (the first of which is line `offset`) with the splices made, bottom up."""
    ordered = sorted(splices, key=lambda s: (s.start, s.end))
    reach = 0
    for splice in ordered:
        if splice.end > splice.start:
            if splice.start < reach:
                raise Unmergeable(_("internal: two edits of the same lines"))
            reach = splice.end
        elif splice.start < reach:
            raise Unmergeable(_("internal: an insertion inside an edited region"))
    out = list(lines)
    for splice in sorted(splices, key=lambda s: (-s.start, 0 if s.end > s.start else 1, -s.seq)):
        out[splice.start - offset : splice.end - offset] = splice.lines
    return out


def _is_event_list(*values: Any) -> bool:
    """Lists of mappings (histories), where entries are events united by content."""
    present = [v for v in values if v is not MISSING and v is not None]
    return bool(present) and all(isinstance(v, list) and all(isinstance(i, dict) for i in v) for v in present) and any(present)


def _as_list(value: Any) -> list:
    return value if isinstance(value, list) else []


class _Merge:
    def __init__(self, base: _Version | None, ours: _Version, theirs: _Version, layout: Layout):
        self.base, self.ours, self.theirs, self.layout = base, ours, theirs, layout
        self.splices: list[_Splice] = []
        self.conflicts: list[str] = []
        self.clashes: list[tuple[str, str]] = []
        self._seq = itertools.count()
        self._united: dict[tuple, dict[str, tuple[list, list]]] = {}  # record path -> key -> (base list, united list)

    def splice(self, sink: list[_Splice], start: int, end: int, lines: list[str]) -> None:
        sink.append(_Splice(start, end, lines, next(self._seq)))

    # -- the records of each side --------------------------------------------------------------
    def containers(self, data: dict) -> dict[tuple, tuple[list, Records]]:
        found: dict[tuple, tuple[list, Records]] = {}
        for key, spec in self.layout.containers.items():
            value = data.get(key)
            if isinstance(spec, Records) and isinstance(value, list):
                found[(key,)] = (value, spec)
            elif isinstance(spec, Groups) and isinstance(value, dict):
                for group, items in value.items():
                    if isinstance(items, list):
                        found[(key, group)] = (items, spec.records)
        for path, (items, spec) in found.items():
            seen = set()
            for item in items:
                record_id = item.get(spec.id_key) if isinstance(item, dict) else None
                if not isinstance(record_id, (str, int)) or isinstance(record_id, bool) or record_id in seen:
                    raise Unmergeable(_("a record under {path} has no {key}, or shares it with another").format(path="/".join(map(str, path)), key=spec.id_key))
                seen.add(record_id)
        return found

    # -- mappings: the file itself, groups of records, and each record ------------------------
    def merge(self) -> None:
        base = self.base.data if self.base else {}
        conflicted = self.merge_keys(self.splices, (), (), base, self.ours.data, self.theirs.data, record=False)
        for key in conflicted:
            self.key_markers(self.splices, (), (), key, self.ours.data, self.theirs.data)

    def merge_keys(self, sink: list[_Splice], op: tuple, tp: tuple, b: dict, o: dict, t: dict, record: bool) -> list:
        """Key by key; returns the keys changed two ways (left for the caller to mark)."""
        derived = self.layout.derived if record else {}
        keys = list(o) + [k for k in t if k not in o] + [k for k in b if k not in o and k not in t]
        conflicted = []
        for key in keys:
            if key in derived:
                continue
            bv, ov, tv = b.get(key, MISSING), o.get(key, MISSING), t.get(key, MISSING)
            if _same(ov, tv):
                continue
            spec = self.layout.containers.get(key) if op == () else None
            if spec is None and op != () and not record:
                spec = self.group_spec(op)
            if spec is not None and self.mergeable_container(spec, op + (key,), tp + (key,), bv, ov, tv):
                if isinstance(spec, Groups):
                    self.merge_groups(sink, op + (key,), tp + (key,), spec, bv if isinstance(bv, dict) else {}, ov, tv)
                else:
                    self.merge_records(sink, op + (key,), tp + (key,), spec, _as_list(bv), ov, tv)
            elif record and _is_event_list(bv, ov, tv):
                self.unite(sink, op, tp, key, bv, ov, tv)
            elif _same(tv, bv):
                continue
            elif _same(ov, bv):
                self.take_theirs(sink, op, tp, key, o, t)
            else:
                conflicted.append(key)
        changed = {k: united for k, (before, united) in self._united.get(op, {}).items() if not _same(before, united)}
        for key, work_out in derived.items():
            bv, ov, tv = b.get(key, MISSING), o.get(key, MISSING), t.get(key, MISSING)
            if ov is MISSING and tv is MISSING:
                continue
            wanted = work_out(changed) if changed else MISSING
            if wanted is not MISSING:
                if _same(ov, wanted):
                    continue
                if _same(tv, wanted):
                    self.take_theirs(sink, op, tp, key, o, t)
                else:
                    self.set_value(sink, op, key, o, wanted)
            elif _same(ov, tv) or _same(tv, bv):
                continue
            elif _same(ov, bv):
                self.take_theirs(sink, op, tp, key, o, t)
            else:
                conflicted.append(key)
        return conflicted

    def group_spec(self, op: tuple) -> Records | None:
        spec = self.layout.containers.get(op[0]) if len(op) == 1 else None
        return spec.records if isinstance(spec, Groups) else None

    def mergeable_container(self, spec, op: tuple, tp: tuple, bv: Any, ov: Any, tv: Any) -> bool:
        """Both sides hold the container as a block (ours not empty), so records can be merged one by one."""
        kind = dict if isinstance(spec, Groups) else list
        if not (isinstance(ov, kind) and isinstance(tv, kind) and (bv is MISSING or bv is None or isinstance(bv, kind))):
            return False
        return bool(ov) and op not in self.ours.doc.flow and (not tv or tp not in self.theirs.doc.flow)

    def merge_groups(self, sink: list[_Splice], op: tuple, tp: tuple, spec: Groups, b: dict, o: dict, t: dict) -> None:
        conflicted = self.merge_keys(sink, op, tp, b, o, t, record=False)
        for key in conflicted:
            self.key_markers(sink, op, tp, key, o, t)

    def key_anchor(self, op: tuple, key: Any, o: dict, t: dict, record: bool) -> int:
        """Where a key new to ours goes: after the key theirs has before it, else at the end of
        a record, else under the mapping's own key (or at the top of the file)."""
        theirs_keys = list(t)
        before = theirs_keys[: theirs_keys.index(key)] if key in t else []
        for previous in reversed(before):
            if previous in o:
                return self.ours.key_span(op + (previous,))[1] + 1
        if record:
            return self.ours.doc.last_line(op) + 1
        if op == ():
            return self.ours.doc.keys[(next(iter(o)),)][0] if o else len(self.ours.lines) + 1
        return self.ours.doc.keys[op][0] + 1

    def key_lines(self, tp: tuple, key: Any, column: int) -> list[str]:
        """Theirs' lines of `key`, the key itself moved to `column` (its first line without any dash)."""
        first, last = self.theirs.key_span(tp + (key,))
        theirs_column = self.theirs.key_column(tp + (key,))
        lines = self.theirs.copy(first, last, column - theirs_column)
        head = self.theirs.copy(first, first)[0][theirs_column - 1 :]
        return [" " * (column - 1) + head, *lines[1:]]

    def ours_key_column(self, op: tuple, o: dict) -> int:
        return self.ours.key_column(op + (next(iter(o)),)) if o else 1

    def take_theirs(self, sink: list[_Splice], op: tuple, tp: tuple, key: Any, o: dict, t: dict) -> None:
        record = bool(op) and isinstance(op[-1], int)
        if key in o:
            first, last = self.ours.key_span(op + (key,))
            column = self.ours.key_column(op + (key,))
            prefix = self.ours.lines[first - 1][: column - 1]
            if key not in t:
                if prefix.strip():  # the record's first key, on its dash line
                    raise _Tangled
                self.splice(sink, first, last + 1, [])
                return
            new = self.key_lines(tp, key, column)
            self.splice(sink, first, last + 1, [prefix + new[0][column - 1 :], *new[1:]])
        elif key in t:
            at = self.key_anchor(op, key, o, t, record)
            self.splice(sink, at, at, self.key_lines(tp, key, self.ours_key_column(op, o)))

    def set_value(self, sink: list[_Splice], op: tuple, key: Any, o: dict, value: Any) -> None:
        text = _scalar_text(value)
        if key in o:
            line, start = self.ours.doc.values[op + (key,)]
            end_line, end = self.ours.doc.ends[op + (key,)]
            if end_line != line or op + (key,) in self.ours.doc.flow:
                raise _Tangled
            current = self.ours.lines[line - 1]
            self.splice(sink, line, line + 1, [current[: start - 1] + text + current[end - 1 :]])
        else:
            at = self.ours.doc.last_line(op) + 1
            self.splice(sink, at, at, [" " * (self.ours_key_column(op, o) - 1) + f"{key}: {text}"])

    def key_markers(self, sink: list[_Splice], op: tuple, tp: tuple, key: Any, o: dict, t: dict) -> None:
        column = self.ours_key_column(op, o)
        theirs = self.key_lines(tp, key, column) if key in t else []
        self.conflicts.append(".".join(str(p) for p in (*op, key)))
        if key in o:
            first, last = self.ours.key_span(op + (key,))
            self.splice(sink, first, last + 1, _markers(self.ours.lines[first - 1 : last], theirs))
        else:
            at = self.key_anchor(op, key, o, t, record=False)
            self.splice(sink, at, at, _markers([], theirs))

    # -- lists of records ------------------------------------------------------------------
    def merge_records(self, sink: list[_Splice], op: tuple, tp: tuple, spec: Records, b: list, o: list, t: list) -> None:
        key = spec.id_key
        in_base = {r[key]: r for r in b}
        in_ours = {r[key]: i for i, r in enumerate(o)}
        in_theirs = {r[key] for r in t}
        ours_dash = self.ours.dash_column(op + (0,))
        last_shared: int | None = None
        for j, record in enumerate(t):
            record_id = record[key]
            if record_id in in_ours:
                i = in_ours[record_id]
                if record_id not in in_base and not self.one_record(o[i], record):
                    self.collision(sink, op + (i,), tp + (j,), str(record_id))
                    last_shared = i
                    continue
                self.merge_record(sink, op + (i,), tp + (j,), in_base.get(record_id), o[i], record, str(record_id))
                last_shared = i
                continue
            if record_id in in_base and _same(in_base[record_id], record):
                continue  # ours removed it, theirs left it alone
            first, last = self.theirs.item_span(tp + (j,))
            floor = self.theirs.doc.last_line(tp + (j - 1,)) if j else self.theirs.doc.keys.get(tp, (0, 0))[0]
            lines = self.theirs.copy(self.theirs.comments_above(first, floor), last, ours_dash - self.theirs.dash_column(tp + (j,)))
            at = self.record_anchor(op, o, last_shared, in_base, in_theirs, key)
            if record_id in in_base:  # ours removed it, theirs changed it
                self.conflicts.append(str(record_id))
                lines = _markers([], lines)
            self.splice(sink, at, at, lines)
        for record_id, record in in_base.items():
            if record_id in in_theirs or record_id not in in_ours:
                continue
            i = in_ours[record_id]
            first, last = self.ours.item_span(op + (i,))
            if _same(o[i], record):
                self.splice(sink, first, last + 1, [])
            else:  # theirs removed it, ours changed it
                self.conflicts.append(str(record_id))
                self.splice(sink, first, last + 1, _markers(self.ours.lines[first - 1 : last], []))

    def one_record(self, ours: dict, theirs: dict) -> bool:
        """Two records added on both sides under one id are one record: the same, or the same by
        an identity key (one postponement's continuation, written on both branches)."""
        if _same(ours, theirs):
            return True
        return any(ours.get(key) is not None and _same(ours.get(key), theirs.get(key)) for key in self.layout.identity)

    def collision(self, sink: list[_Splice], op: tuple, tp: tuple, record_id: str) -> None:
        """Two different records added under one id: both kept between markers, none renumbered."""
        first, last = self.ours.item_span(op)
        shift = self.ours.dash_column(op) - self.theirs.dash_column(tp)
        self.conflicts.append(record_id)
        self.clashes.append((record_id, _("two different records were added under this id, one on each side: give one of them another id (and keep every mark on the record it was meant for)")))
        self.splice(sink, first, last + 1, _markers(self.ours.lines[first - 1 : last], self.theirs.copy(*self.theirs.item_span(tp), shift)))

    def record_anchor(self, op: tuple, o: list, last_shared: int | None, in_base: dict, in_theirs: set, key: str) -> int:
        """A record theirs added goes after the record theirs has before it, past the records
        ours added there (so both sides' additions at the end of a list stay in order)."""
        index = -1 if last_shared is None else last_shared
        while index + 1 < len(o) and o[index + 1][key] not in in_base and o[index + 1][key] not in in_theirs:
            index += 1
        if index < 0:
            return self.ours.item_first_line(op + (0,))
        return self.ours.doc.last_line(op + (index,)) + 1

    def merge_record(self, sink: list[_Splice], op: tuple, tp: tuple, b: dict | None, o: dict, t: dict, record_id: str) -> None:
        if _same(o, t) or (b is not None and _same(t, b)):
            return
        first, last = self.ours.item_span(op)
        shift = self.ours.dash_column(op) - self.theirs.dash_column(tp)
        if b is not None and _same(o, b):
            self.splice(sink, first, last + 1, self.theirs.copy(*self.theirs.item_span(tp), shift))
            return
        local: list[_Splice] = []
        theirs_version: list[str] | None = None
        try:
            if op in self.ours.doc.flow or tp in self.theirs.doc.flow:
                raise _Tangled
            conflicted = self.merge_keys(local, op, tp, b or {}, o, t, record=True)
            reason = self.clash_of(op, b or {}, o, t) if not conflicted else None
            if reason is not None:
                self.conflicts.append(record_id)
                self.clashes.append((record_id, reason))
                self.splice(sink, first, last + 1, _markers(self.ours.lines[first - 1 : last], self.theirs.copy(*self.theirs.item_span(tp), shift)))
                return
            if not conflicted:
                sink.extend(local)
                return
            alternative = list(local)
            for key in conflicted:
                self.take_theirs(alternative, op, tp, key, o, t)
            theirs_version = _apply(self.ours.lines[first - 1 : last], alternative, first)
        except _Tangled:
            local = []
            theirs_version = self.theirs.copy(*self.theirs.item_span(tp), shift)
        self.conflicts.append(record_id)
        ours_version = _apply(self.ours.lines[first - 1 : last], local, first)
        self.splice(sink, first, last + 1, _markers(ours_version, theirs_version))

    def clash_of(self, op: tuple, b: dict, o: dict, t: dict) -> str | None:
        if self.layout.clash is None:
            return None
        lists = {key: (_as_list(b.get(key)), _as_list(o.get(key)), _as_list(t.get(key)), united) for key, (_base, united) in self._united.get(op, {}).items()}
        return self.layout.clash(lists)

    # -- lists of events inside a record ------------------------------------------------------
    def unite(self, sink: list[_Splice], op: tuple, tp: tuple, key: Any, bv: Any, ov: Any, tv: Any) -> None:
        """Both sides' entries, each once (by content), theirs' new ones placed by date."""
        b, o, t = _as_list(bv), _as_list(ov), _as_list(tv)
        counts_b, counts_o, counts_t = Counter(map(_canon, b)), Counter(map(_canon, o)), Counter(map(_canon, t))
        wanted: dict[Any, int] = {}
        for entry in set(counts_b) | set(counts_o) | set(counts_t):
            cb, co, ct = counts_b[entry], counts_o[entry], counts_t[entry]
            do, dt_ = co - cb, ct - cb
            if do > 0 and dt_ > 0:
                wanted[entry] = cb + max(do, dt_)
            elif do < 0 and dt_ < 0:
                wanted[entry] = cb + min(do, dt_)
            else:
                wanted[entry] = max(0, cb + do + dt_)
        kept: list[tuple[str, int]] = []
        remaining = dict(wanted)
        for i, entry in enumerate(o):
            c = _canon(entry)
            if remaining.get(c, 0) > 0:
                remaining[c] -= 1
                kept.append(("o", i))
        removed = [i for i in range(len(o)) if ("o", i) not in kept]
        added = []
        for j in reversed(range(len(t))):  # theirs' last occurrences are the new ones
            c = _canon(t[j])
            if remaining.get(c, 0) > 0:
                remaining[c] -= 1
                added.append(j)
        new_in_ours = {i for i, entry in enumerate(o) if counts_b[_canon(entry)] == 0}
        ours_day = _day_blocks(o[i] for i in sorted(new_in_ours))
        theirs_day = _day_blocks(t[j] for j in sorted(added))
        order = list(kept)
        for j in sorted(added):
            when = _when(t[j])
            position = 0
            for index in range(len(order) - 1, -1, -1):
                side, n = order[index]
                other = _when((o if side == "o" else t)[n])
                if when is None or other is None or other < when:
                    position = index + 1
                    break
                # the same day: theirs' entries after ours' old ones, after their own, and after
                # ours' new ones when ours' day sorts first, so both directions give one order
                if other == when and (side == "t" or n not in new_in_ours or ours_day[when] <= theirs_day[when]):
                    position = index + 1
                    break
            order.insert(position, ("t", j))
        united = [(o if side == "o" else t)[n] for side, n in order]
        self._united.setdefault(op, {})[key] = (b, united)
        if _same(united, o):
            return
        ours_dict, theirs_dict = self.ours.doc._value_at(op), self.theirs.doc._value_at(tp)
        if _same(united, t):
            self.take_theirs(sink, op, tp, key, ours_dict, theirs_dict)
            return
        if not o or op + (key,) in self.ours.doc.flow or (added and tp + (key,) in self.theirs.doc.flow):
            raise _Tangled
        if not united:  # every entry taken back (two reverts): no list left, rather than an empty key
            first, last = self.ours.key_span(op + (key,))
            if self.ours.lines[first - 1][: self.ours.key_column(op + (key,)) - 1].strip():
                raise _Tangled
            self.splice(sink, first, last + 1, [])
            return
        list_path = op + (key,)
        for i in removed:
            first, last = self.ours.item_span(list_path + (i,))
            self.splice(sink, first, last + 1, [])
        ours_dash = self.ours.dash_column(list_path + (0,))
        first_kept = next((n for side, n in order if side == "o"), None)
        for index, (side, n) in enumerate(order):
            if side != "t":
                continue
            previous = next((m for s, m in reversed(order[:index]) if s == "o"), None)
            if previous is not None:
                at = self.ours.doc.last_line(list_path + (previous,)) + 1
            elif first_kept is not None:
                at = self.ours.item_first_line(list_path + (first_kept,))
            else:
                at = self.ours.doc.last_line(list_path) + 1
            item = tp + (key, n)
            self.splice(sink, at, at, self.theirs.copy(*self.theirs.item_span(item), ours_dash - self.theirs.dash_column(item)))


def merge_records(base: bytes, ours: bytes, theirs: bytes, name: str, layout: Layout) -> Merged:
    """Theirs' changes made to ours, record by record (an empty base: the file is new on both sides)."""
    base_version = _read(base, name) if base.strip() else None
    ours_version, theirs_version = _read(ours, name), _read(theirs, name)
    merge = _Merge(base_version, ours_version, theirs_version, layout)
    try:
        merge.merge()
    except _Tangled:
        raise Unmergeable(_("{file}: the records are not laid out one key per line").format(file=name)) from None
    lines = _apply(ours_version.lines, merge.splices)
    body = "\n".join(lines) + ("\n" if ours_version.ends_with_newline or not lines else "")
    if not merge.conflicts:
        check = parse(body, name)
        if any(p.level == "error" for p in check.problems):
            raise Unmergeable(_("internal: the merged text does not read back ({problem})").format(problem=check.problems[0].format()))
    text = ours_version.bom + body.replace("\n", ours_version.newline)
    return Merged(text.encode("utf-8"), merge.conflicts, merge.clashes)


def same_data(first: bytes, second: bytes) -> bool:
    """Both texts read as the same data (and both read)."""
    docs = []
    for raw in (first, second):
        text, _problems = decode(raw, "")
        if text is None:
            return False
        doc = parse(text, "")
        if any(p.level == "error" for p in doc.problems):
            return False
        docs.append(doc.data)
    return _same(docs[0], docs[1])


def only_comments_added(before: bytes, after: bytes) -> bool:
    """`after` is `before` with comment or blank lines added, nothing else (conflict markers included)."""
    import difflib

    old, new = before.decode("utf-8", "replace").splitlines(), after.decode("utf-8", "replace").splitlines()
    for tag, _i1, _i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if tag != "insert" or any(line.strip() and not line.lstrip().startswith("#") for line in new[j1:j2]):
            return False
    return True
