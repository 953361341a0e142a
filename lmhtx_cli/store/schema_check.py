"""Checking plan files against the JSON Schema that the pydantic models export, without pydantic.

Loading pydantic and building its validators costs more than reading a year of data, so valid
files are checked here against lmhtx_cli/schemas/*.json (written by `lmhtx schema` from the
models, and pinned equal to them by a test) and turned into plain records. A file this check
does not accept goes to pydantic, whose verdict and messages are the ones users see; so the two
can differ only in speed.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import cache, lru_cache
from pathlib import Path
from types import SimpleNamespace
from typing import NamedTuple

from lmhtx_cli.i18n import _

SCHEMA_OF = {
    "MonthFile": "month.schema.json",
    "PlanFile": "plan.schema.json",
    "AreasFile": "areas.schema.json",
    "ClubsFile": "clubs.schema.json",
    "MembersFile": "members.schema.json",
    "FeesFile": "fees.schema.json",
    "MeetingsFile": "meetings.schema.json",
    "PetitionsFile": "petitions.schema.json",
    "Settings": "settings.schema.json",
}


class Record(SimpleNamespace):
    """A validated mapping, read like a model instance (record.field)."""


class _Invalid(Exception):
    pass


def present(items: list) -> list:
    """The records of a list that passed the schema (a partially valid file holds None for the rest)."""
    return [item for item in items if item is not None]


@cache
def schema(model_name: str) -> dict | None:
    name = SCHEMA_OF.get(model_name)
    if name is None:
        return None
    return json.loads((Path(__file__).parents[1] / "schemas" / name).read_text(encoding="utf-8"))


def checked_record(model_name: str, data: object) -> Record | None:
    """The file's data as records when the schema accepts it, else None (ask pydantic)."""
    root = schema(model_name)
    if root is None:
        return None
    try:
        return _convert(data, root, root)
    except _Invalid:
        return None


def _resolve(node: dict, root: dict) -> dict:
    while "$ref" in node:
        node = root["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    return node


@lru_cache(maxsize=256)
def _pattern(text: str) -> re.Pattern:
    return re.compile(text)


def _convert(value, node: dict, root: dict):
    node = _resolve(node, root)
    if "anyOf" in node:
        for option in node["anyOf"]:
            try:
                return _convert(value, option, root)
            except _Invalid:
                continue
        raise _Invalid
    if "enum" in node and value not in node["enum"]:
        raise _Invalid
    kind = node.get("type")
    if kind == "object":
        if not isinstance(value, dict):
            raise _Invalid
        if "properties" in node:
            fields = {}
            for key in node.get("required", ()):
                if key not in value:
                    raise _Invalid
            for key, sub in node["properties"].items():
                if key in value:
                    fields[key] = _convert(value[key], sub, root)
                else:
                    fields[key] = _default(sub, root)
            return Record(**fields)
        extra = node.get("additionalProperties")
        if isinstance(extra, dict):
            return {str(k): _convert(v, extra, root) for k, v in value.items()}
        return dict(value)
    if kind == "array":
        if not isinstance(value, list) or len(value) < node.get("minItems", 0):
            raise _Invalid
        items = node.get("items", {})
        return [_convert(item, items, root) for item in value]
    if kind == "string":
        if node.get("format") == "date":
            if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
                return value
            raise _Invalid  # ISO text and the like: pydantic decides
        if not isinstance(value, str) or len(value) < node.get("minLength", 0):
            raise _Invalid
        if "pattern" in node and not _pattern(node["pattern"]).search(value):
            raise _Invalid
        return value
    if kind == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            raise _Invalid
        if value < node.get("minimum", value) or value > node.get("maximum", value):
            raise _Invalid
        return value
    if kind == "null":
        if value is not None:
            raise _Invalid
        return None
    if kind == "boolean":
        if not isinstance(value, bool):
            raise _Invalid
        return value
    raise _Invalid


def _default(node: dict, root: dict):
    if "default" in node:
        return node["default"]
    node = _resolve(node, root)
    return [] if node.get("type") == "array" else ({} if node.get("type") == "object" else None)


def unknown_keys(model_name: str, data: object) -> list[tuple[tuple, str, list[str]]]:
    """(path, key, known keys) for every key the schema does not name, at any depth."""
    root = schema(model_name)
    found: list[tuple[tuple, str, list[str]]] = []
    if root is not None:
        _walk_keys(data, root, root, (), found)
    return found


def _walk_keys(value, node: dict, root: dict, path: tuple, found: list) -> None:
    node = _resolve(node, root)
    for option in node.get("anyOf", ()):
        option = _resolve(option, root)
        if option.get("type") in ("object", "array"):
            _walk_keys(value, option, root, path, found)
    if node.get("type") == "object" and isinstance(value, dict):
        properties = node.get("properties")
        if properties is not None:
            for key, item in value.items():
                if key not in properties:
                    found.append((path + (key,), key, sorted(properties)))
                else:
                    _walk_keys(item, properties[key], root, path + (key,), found)
        elif isinstance(node.get("additionalProperties"), dict):
            for key, item in value.items():
                _walk_keys(item, node["additionalProperties"], root, path + (key,), found)
    elif node.get("type") == "array" and isinstance(value, list):
        for i, item in enumerate(value):
            _walk_keys(item, node.get("items", {}), root, path + (i,), found)


def definite_violations(model_name: str, data: object, limit: int) -> list[Violation]:
    """Values the schema can never accept whatever the reading (a list where a mapping belongs,
    text where a list belongs, a missing key, true where a number belongs), at most `limit + 1`
    of them: enough to know that a file is broken beyond what is worth handing to pydantic, whose
    cost grows with every error it describes."""
    root = schema(model_name)
    found: list[Violation] = []
    if root is not None:
        _violations(data, root, root, (), found, limit)
    return found


class Violation(NamedTuple):
    path: tuple
    code: str
    message: str
    lax_accepted: bool = False  # pydantic's lax reading would take it (true for a number: 1)


def _words(kind: str | None) -> str:
    return {
        "object": _("a mapping of keys"),
        "array": _("a list"),
        "string": _("text"),
        "date": _("a date (YYYY-MM-DD)"),
        "integer": _("a whole number"),
        "number": _("a number"),
        "boolean": _("true or false"),
        "null": _("nothing"),
    }.get(kind or "", str(kind))


def _described(value: object) -> str:
    if value is None:
        return _("nothing")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return _("a mapping")
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dt.date):
        return _("a date")
    if isinstance(value, (int, float)):
        return _("a number")
    return _("text")


def _kind_of(node: dict) -> str | None:
    kind = node.get("type")
    if kind == "string" and node.get("format") == "date":
        return "date"
    return kind


def _fits(value: object, kind: str | None) -> bool:
    """Whether pydantic could accept `value` for `kind` (its lax reading decides the rest);
    true/false is never taken for a number here, though pydantic would take it as 1/0."""
    if kind is None:
        return True
    if kind == "object":
        return isinstance(value, dict)
    if kind == "array":
        return isinstance(value, list)
    if kind == "string":
        return isinstance(value, str)
    if kind == "date":
        return isinstance(value, (str, dt.date, int, float)) and not isinstance(value, bool)
    if kind in ("integer", "number"):
        return isinstance(value, (int, float, str)) and not isinstance(value, bool)
    if kind == "boolean":
        return isinstance(value, (bool, int, str))
    if kind == "null":
        return value is None
    return True


def _mismatch(path: tuple, value: object, wanted: str, lax_accepted: bool = False) -> Violation:
    field = next((str(p) for p in reversed(path) if isinstance(p, str)), _("value"))
    if value is None:
        return Violation(path, "empty-value", _("{field} is empty; it must be {wanted}").format(field=field, wanted=wanted))
    return Violation(path, "bad-value" if lax_accepted else "schema", _("{field}: expected {wanted}, got {got}").format(field=field, wanted=wanted, got=_described(value)), lax_accepted)


def _violations(value, node: dict, root: dict, path: tuple, found: list, limit: int) -> None:
    if len(found) > limit:
        return
    node = _resolve(node, root)
    if "anyOf" in node:
        options = [_resolve(option, root) for option in node["anyOf"]]
        fitting = [option for option in options if _fits(value, _kind_of(option))]
        if not fitting:
            wanted = _(" or ").join(_words(_kind_of(o)) for o in options if _kind_of(o) != "null")
            found.append(_mismatch(path, value, wanted, isinstance(value, bool) and any(_kind_of(o) in ("integer", "number") for o in options)))
        elif len(fitting) == 1:
            _violations(value, fitting[0], root, path, found, limit)
        return
    kind = _kind_of(node)
    if not _fits(value, kind):
        wanted = _("one of: {values}").format(values=", ".join(map(str, node["enum"]))) if "enum" in node else _words(kind)
        found.append(_mismatch(path, value, wanted, isinstance(value, bool) and kind in ("integer", "number")))
        return
    if "enum" in node and isinstance(value, str) and value not in node["enum"]:
        found.append(Violation(path, "unknown-value", _('unknown value "{value}" (expected: {expected})').format(value=value, expected=", ".join(map(str, node["enum"])))))
        return
    if kind == "object":
        properties = node.get("properties")
        if properties is not None:
            for key in node.get("required", ()):
                if key not in value:
                    found.append(Violation(path + (key,), "missing-key", _('missing key "{key}"').format(key=key)))
            for key, sub in properties.items():
                if key in value:
                    _violations(value[key], sub, root, path + (key,), found, limit)
        elif isinstance(node.get("additionalProperties"), dict):
            for key, item in value.items():
                _violations(item, node["additionalProperties"], root, path + (key,), found, limit)
                if len(found) > limit:
                    return
    elif kind == "array":
        items = node.get("items", {})
        for i, item in enumerate(value):
            _violations(item, items, root, path + (i,), found, limit)
            if len(found) > limit:
                return
