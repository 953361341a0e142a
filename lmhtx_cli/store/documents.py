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
from lmhtx_cli.store.paths import MONTH_FILE, display_path, plan_years
from lmhtx_cli.store.schema_check import checked_record, present, unknown_keys
from lmhtx_cli.store.yamlio import MAX_FILE_BYTES, YamlDoc, decode, parse


def read_doc(path: Path, root: Path, overrides: dict[Path, str] | None = None, track_depth: int = 3) -> YamlDoc:
    name = display_path(path, root)
    if overrides and path in overrides:
        return parse(overrides[path], name, track_depth)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:  # refused before reading: memory stays bounded whatever the file
            doc = YamlDoc(name, "")
            doc.problems.append(Problem(name, 1, 1, "error", "too-large", f"the file is {size // (1024 * 1024)} MB; data files are limited to {MAX_FILE_BYTES // (1024 * 1024)} MB"))
            return doc
        raw = path.read_bytes()
    except OSError as exc:
        doc = YamlDoc(name, "")
        doc.problems.append(Problem(name, 1, 1, "error", "unreadable", f"cannot read the file: {exc.strerror or exc}"))
        return doc
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
        return None
    if not isinstance(doc.data, dict):
        doc.problems.append(doc.problem((), "schema", f"the file must hold a mapping of keys, not a {type(doc.data).__name__}"))
        return None
    _warn_about(doc, unknown_keys(name, doc.data))
    fast = checked_record(name, doc.data)
    if fast is not None:
        return fast
    from pydantic import ValidationError

    model_class = model()
    try:
        return model_class.model_validate(doc.data)
    except ValidationError as exc:
        _report(doc, exc, suggest)
    return _valid_part(doc, model_class)


def _warn_about(doc: YamlDoc, unknown: list) -> None:
    for path, key, known in unknown:
        close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
        hint = f'; did you mean "{close[0]}"?' if close else f"; known keys: {', '.join(known)}"
        doc.problems.append(doc.problem(path, "unknown-key", f'unknown key "{key}"{hint}', "warning", on_key=True))


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
            message = f'missing key "{loc[-1]}"'
            where = loc[:-1]
        else:
            given = error.get("input")
            shown = f' (got "{given}")' if isinstance(given, (str, int, float)) else ""
            message = f"{field_name}: {error['msg']}{shown}"
            where = loc
            if error["type"] == "literal_error" and field_name == "status":
                hint = suggest(field_name, given) if suggest else ""
                code = "unknown-status"
                message = f'unknown status "{given}"{hint} (statuses: {_expected(error)})'
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
            if path.is_file() and (path.name == "plan.yaml" or MONTH_FILE.match(path.name)):
                files[display_path(path, root)] = path.read_bytes()
    return files


MAX_INPUT_BYTES = 50 * 1024 * 1024


def read_input(path: Path, limit: int = MAX_INPUT_BYTES) -> bytes:
    """A document the user gives (a programme to import, a units file): a regular file of at
    most `limit` bytes, refused with a clear message otherwise (a folder, a FIFO, a device)."""
    import stat

    try:
        info = path.stat()
    except FileNotFoundError:
        raise UserError(f"no such file: {path}") from None
    except OSError as exc:
        raise UserError(f"cannot read the file: {exc.strerror or exc}", str(path)) from None
    if not stat.S_ISREG(info.st_mode):
        raise UserError("not a regular file (a folder, a pipe or a device cannot be read as a document)", str(path))
    if info.st_size > limit:
        raise UserError(f"the file is {info.st_size // (1024 * 1024)} MB; documents are limited to {limit // (1024 * 1024)} MB", str(path))
    try:
        with open(path, "rb") as handle:
            return handle.read(limit + 1)[:limit]
    except OSError as exc:
        raise UserError(f"cannot read the file: {exc.strerror or exc}", str(path)) from None


def read_given_doc(path: Path) -> YamlDoc:
    """A YAML file the user names on the command line (a units file), named as its file name."""
    absolute = path.resolve()
    return read_doc(absolute, absolute.parent)
