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
