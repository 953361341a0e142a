"""Reading a data file into a document, and checking a document against its schema.

The only code that opens data files for reading (with `paths`, `writeback` and `gitio` beside it).
A document keeps every value's position; `conform` turns it into records (without pydantic when
the exported JSON Schema accepts it) and adds located problems for what it does not accept.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # names for annotations only: pydantic is loaded when a file needs it
    from pydantic import BaseModel

from lmhtx_cli.errors import Problem, UserError
from lmhtx_cli.i18n import _
from lmhtx_cli.store.cache import note_bytes
from lmhtx_cli.store.library_words import value_verdict
from lmhtx_cli.store.paths import MONTH_FILE, display_path, plan_years
from lmhtx_cli.store.reading import Refused, read_regular
from lmhtx_cli.store.schema_check import checked_record, definite_violations, present, unknown_keys
from lmhtx_cli.store.yamlio import MAX_FILE_BYTES, YamlDoc, decode, parse, split_lines


def read_doc(path: Path, root: Path, overrides: dict[Path, str] | None = None, track_depth: int = 3) -> YamlDoc:
    name = display_path(path, root)
    if overrides and path in overrides:
        return parse(overrides[path], name, track_depth)
    try:
        raw = read_regular(path, MAX_FILE_BYTES, inside=root)
    except FileNotFoundError:
        doc = YamlDoc(name, "")
        doc.problems.append(Problem(name, 1, 1, "error", "unreadable", _("the file disappeared while it was being read")))
        return doc
    except Refused as refused:  # a folder, a pipe, a device, a link out of the data folder, too large
        doc = YamlDoc(name, "")
        doc.problems.append(Problem(name, 1, 1, "error", refused.code, refused.message))
        return doc
    note_bytes(path, raw)
    text, problems = decode(raw, name)
    if text is None:
        doc = YamlDoc(name, "")
        doc.problems.extend(problems)
        return doc
    return parse(text, name, track_depth)


# Positions are kept down to records (a task at units/<unit>/<n>: depth 3, a member at
# members/<n>: depth 2); anything deeper is located again only when a message needs it.

_PYDANTIC_CODES = {
    "literal_error": "unknown-value",
    "date_from_datetime_parsing": "bad-date",
    "date_parsing": "bad-date",
    "date_type": "bad-date",
    "missing": "missing-key",
    "string_pattern_mismatch": "bad-format",
    "extra_forbidden": "unknown-key",
}


def conform(doc: YamlDoc, name: str, model: Callable[[], type[BaseModel]], suggest: Callable[[str, object], str] | None = None):
    """The file's data checked against the schema `name` (exported from a pydantic model): plain
    records when the schema accepts it, else pydantic's verdict (`model()` gives the class, loaded
    only then), with every problem added to the doc. `suggest(field, value)` may word a hint."""
    if doc.data is None:
        if not any(p.level == "error" for p in doc.problems):  # `~`, `---` or `null`: no data at all
            line, column = doc.where(())
            last = max(len(split_lines(doc.text)[0]), 1)
            if line > last:  # `---` alone: the empty value starts past the last line
                line, column = last, 1
            doc.problems.append(Problem(doc.file, line, column, "error", "empty-document", _("the file holds no data (an empty document); it must hold a mapping of keys")))
        return None
    if not isinstance(doc.data, dict):
        doc.problems.append(doc.problem((), "schema", _("the file must hold a mapping of keys, not {what}").format(what=_kind_in_words(doc.data))))
        return None
    _warn_about(doc, unknown_keys(name, doc.data))
    fast = checked_record(name, doc.data)
    if fast is not None:
        return fast
    # Values no reading accepts are counted first (cheaply): a file broken in more places than a
    # person reads is reported by its first problems, without asking pydantic to describe them all.
    violations = definite_violations(name, doc.data, MAX_PROBLEMS)
    if len(violations) > MAX_PROBLEMS:
        for violation in violations[:MAX_PROBLEMS]:
            doc.problems.append(doc.problem(violation.path, violation.code, violation.message))
        doc.problems.append(doc.problem(violations[MAX_PROBLEMS].path, "too-many-problems", _("more than {count} problems in this file; it is not checked further").format(count=MAX_PROBLEMS)))
        return None
    already = {(p.line, p.column) for p in doc.problems}  # a bad date the reader named leaves None behind
    for violation in violations:
        if violation.lax_accepted or violation.code == "empty-value":  # true taken for 1 by pydantic; `key:` with nothing
            problem = doc.problem(violation.path, violation.code, violation.message)
            if (problem.line, problem.column) not in already:
                doc.problems.append(problem)
    from pydantic import ValidationError

    model_class = model()
    try:
        return model_class.model_validate(doc.data)
    except ValidationError as exc:
        _report(doc, exc, suggest)
    return _valid_part(doc, model_class)


MAX_PROBLEMS = 100  # schema problems reported per file; past them the file is not checked further


def _kind_in_words(value: object) -> str:
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, bool):
        return _("true or false")
    if isinstance(value, (int, float)):
        return _("a number")
    if isinstance(value, str):
        return _("a line of text")
    return _("a single value")


def _warn_about(doc: YamlDoc, unknown: list) -> None:
    if len(unknown) > MAX_PROBLEMS:
        doc.problems.append(doc.problem(unknown[MAX_PROBLEMS][0], "unknown-key", _("more than {count} unknown keys in this file; the rest are not listed").format(count=MAX_PROBLEMS), "warning", on_key=True))
        unknown = unknown[:MAX_PROBLEMS]
    for path, key, known in unknown:
        close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
        hint = _('; did you mean "{value}"?').format(value=close[0]) if close else _("; known keys: {keys}").format(keys=", ".join(known))
        doc.problems.append(doc.problem(path, "unknown-key", _('unknown key "{key}"{hint}').format(key=key, hint=hint), "warning", on_key=True))


def _valid_part(doc: YamlDoc, model: type[BaseModel]) -> BaseModel | None:
    """The file with each invalid record replaced by None (so indexes still match the file's
    positions), so the checks across records and files still see the rest: one bad task or
    member must not hide every other problem. Only checks see such a partial model."""
    from pydantic import ValidationError

    data = doc.data
    lists = nested_models(model)
    checked: dict[str, object] = {}
    for key, (shape, item_model) in lists.items():
        value = data.get(key)
        if shape == "list" and isinstance(value, list):
            checked[key] = [_valid_or_none(item_model, item) for item in value]
        elif shape == "dict-of-lists" and isinstance(value, dict):
            checked[key] = {group: [_valid_or_none(item_model, item) for item in (items if isinstance(items, list) else [])] for group, items in value.items()}
    valid_only = {key: (present(v) if isinstance(v, list) else {g: present(items) for g, items in v.items()}) for key, v in checked.items()}
    header = {k: v for k, v in data.items() if k not in lists}
    try:
        partial = model.model_validate(header | {k: [i.model_dump() for i in v] if isinstance(v, list) else {g: [i.model_dump() for i in items] for g, items in v.items()} for k, v in valid_only.items()})
    except ValidationError:
        return None
    for key, value in checked.items():
        setattr(partial, key, value)
    return partial


def _valid_or_none(model, item: object):
    from pydantic import ValidationError

    try:
        return model.model_validate(item)
    except ValidationError:
        return None


def _expected(error: dict) -> str:
    """pydantic's "'a', 'b' or 'c'" as "a, b, c"."""
    expected = str((error.get("ctx") or {}).get("expected", ""))
    return expected.replace("'", "").replace(" or ", ", ")


def _report(doc: YamlDoc, exc, suggest=None) -> None:
    already = {(p.line, p.column) for p in doc.problems}  # e.g. a bad date the reader already named
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        code = _PYDANTIC_CODES.get(error["type"], "schema")
        field_name = next((str(p) for p in reversed(loc) if isinstance(p, str)), "value")
        if error["type"] == "missing":
            message = _('missing key "{key}"').format(key=loc[-1])
            where = loc[:-1]
        else:
            given = error.get("input")
            shown = _(' (got "{value}")').format(value=given) if isinstance(given, (str, int, float)) else ""
            message = _("{field}: {reason}{given}").format(field=field_name, reason=value_verdict(error), given=shown)
            where = loc
            if error["type"] == "literal_error" and field_name == "status":
                hint = suggest(field_name, given) if suggest else ""
                code = "unknown-status"
                message = _('unknown status "{value}"{hint} (statuses: {expected})').format(value=given, hint=hint, expected=_expected(error))
            if given is None and error["type"] != "literal_error":  # `key:` with nothing after it
                code = "empty-value"
                message = _("{field} is empty ({reason})").format(field=field_name, reason=value_verdict(error))
            elif given is None:
                code = "empty-value"
                message = _("{field} is empty; give one of: {expected}").format(field=field_name, expected=_expected(error))
        problem = doc.problem(where, code, message)
        if (problem.line, problem.column) not in already:
            doc.problems.append(problem)


@cache
def nested_models(model: type[BaseModel]) -> dict[str, tuple[str, type[BaseModel]]]:
    """Fields holding records: ("list", Model) for list[Model], ("dict-of-lists", Model) for
    dict[str, list[Model]]; used to find unknown keys at every depth."""
    import typing

    from pydantic import BaseModel

    found = {}
    for name, info in model.model_fields.items():
        annotation = info.annotation
        origin, args = typing.get_origin(annotation), typing.get_args(annotation)
        if origin is list and args and isinstance(args[0], type) and issubclass(args[0], BaseModel):
            found[name] = ("list", args[0])
        elif origin is dict and len(args) == 2 and typing.get_origin(args[1]) is list:
            inner = typing.get_args(args[1])[0]
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                found[name] = ("dict-of-lists", inner)
    return found


def files_on_disk(root: Path) -> dict[str, bytes]:
    """Every plan file as bytes, by its path relative to the data root (as git names them)."""
    files = {}
    for year in plan_years(root):
        for path in sorted((root / "plans" / str(year)).iterdir()):
            if path.name == "plan.yaml" or MONTH_FILE.match(path.name):
                try:
                    files[display_path(path, root)] = read_regular(path, MAX_FILE_BYTES, inside=root)
                except FileNotFoundError:
                    continue
                except Refused as refused:
                    raise UserError(refused.message, display_path(path, root)) from None
    return files


def read_given_doc(path: Path) -> YamlDoc:
    """A YAML file the user names on the command line (a units file), named as its file name."""
    absolute = path.resolve()
    return read_doc(absolute, absolute.parent)
