"""What the libraries under the file layer say, in the user's language: PyYAML's syntax errors and
pydantic's verdict on a value.

Their English is known phrase by phrase (PyYAML's scanner and parser, pydantic's error types); a
phrase this module does not know is kept as the library wrote it, inside a sentence of the user's
language. In English every message is the library's own text, as before.
"""

from __future__ import annotations

import re

from lmhtx_cli.i18n import _, language, pgettext


def _yaml_contexts() -> dict[str, str]:
    return {
        "while scanning a simple key": pgettext("yaml", "while scanning a simple key"),
        "while scanning a quoted scalar": pgettext("yaml", "while scanning a quoted scalar"),
        "while scanning a double-quoted scalar": pgettext("yaml", "while scanning a double-quoted scalar"),
        "while scanning a single-quoted scalar": pgettext("yaml", "while scanning a single-quoted scalar"),
        "while scanning a block scalar": pgettext("yaml", "while scanning a block scalar"),
        "while scanning a plain scalar": pgettext("yaml", "while scanning a plain scalar"),
        "while scanning for the next token": pgettext("yaml", "while scanning for the next token"),
        "while scanning an anchor": pgettext("yaml", "while scanning an anchor"),
        "while scanning an alias": pgettext("yaml", "while scanning an alias"),
        "while scanning a tag": pgettext("yaml", "while scanning a tag"),
        "while scanning a directive": pgettext("yaml", "while scanning a directive"),
        "while parsing a block mapping": pgettext("yaml", "while parsing a block mapping"),
        "while parsing a block collection": pgettext("yaml", "while parsing a block collection"),
        "while parsing a flow sequence": pgettext("yaml", "while parsing a flow sequence"),
        "while parsing a flow mapping": pgettext("yaml", "while parsing a flow mapping"),
        "while parsing a block node": pgettext("yaml", "while parsing a block node"),
        "while parsing a flow node": pgettext("yaml", "while parsing a flow node"),
        "while parsing a node": pgettext("yaml", "while parsing a node"),
        "while parsing a tag": pgettext("yaml", "while parsing a tag"),
        "while composing a mapping": pgettext("yaml", "while composing a mapping"),
    }


def _yaml_problems() -> list[tuple[re.Pattern, str]]:
    """PyYAML's problems, with what they quote (a character, a token) as {found}."""
    return [
        (re.compile(r"could not find expected ':'"), pgettext("yaml", "could not find expected ':'")),
        (re.compile(r"mapping values are not allowed here"), pgettext("yaml", "mapping values are not allowed here")),
        (re.compile(r"sequence entries are not allowed here"), pgettext("yaml", "sequence entries are not allowed here")),
        (re.compile(r"found unexpected end of stream"), pgettext("yaml", "found unexpected end of stream")),
        (re.compile(r"found unexpected document separator"), pgettext("yaml", "found unexpected document separator")),
        (re.compile(r"found character (?P<found>.+) that cannot start any token"), pgettext("yaml", "found character {found} that cannot start any token")),
        (re.compile(r"found unknown escape character (?P<found>.+)"), pgettext("yaml", "found unknown escape character {found}")),
        (re.compile(r"found undefined alias (?P<found>.+)"), pgettext("yaml", "found undefined alias {found}")),
        (re.compile(r"found undefined tag handle (?P<found>.+)"), pgettext("yaml", "found undefined tag handle {found}")),
        (re.compile(r"expected <block end>, but found (?P<found>.+)"), pgettext("yaml", "expected <block end>, but found {found}")),
        (re.compile(r"expected the node content, but found (?P<found>.+)"), pgettext("yaml", "expected the node content, but found {found}")),
        (re.compile(r"expected ',' or '\]', but got (?P<found>.+)"), pgettext("yaml", "expected ',' or ']', but got {found}")),
        (re.compile(r"expected ',' or '\}', but got (?P<found>.+)"), pgettext("yaml", "expected ',' or '}', but got {found}")),
        (re.compile(r"expected a comment or a line break, but found (?P<found>.+)"), pgettext("yaml", "expected a comment or a line break, but found {found}")),
        (re.compile(r"expected ' ', but found (?P<found>.+)"), pgettext("yaml", "expected ' ', but found {found}")),
        (re.compile(r"expected '<document start>', but found (?P<found>.+)"), pgettext("yaml", "expected '<document start>', but found {found}")),
        (re.compile(r"expected alphabetic or numeric character, but found (?P<found>.+)"), pgettext("yaml", "expected alphabetic or numeric character, but found {found}")),
        (re.compile(r"expected chomping or indentation indicators, but found (?P<found>.+)"), pgettext("yaml", "expected chomping or indentation indicators, but found {found}")),
        (re.compile(r"expected indentation indicator in the range 1-9, but found 0"), pgettext("yaml", "expected indentation indicator in the range 1-9, but found 0")),
    ]


def yaml_syntax(context: str | None, started: tuple[int, int] | None, problem: str | None) -> str:
    """`while scanning a quoted scalar (started at line 7, column 13); found unexpected end of
    stream`, in the user's language; `started` is the (line, column) where the context began."""
    parts = []
    if context:
        said = _yaml_contexts().get(context, context) if language() != "en" else context
        if started is not None:
            said = _("{context} (started at line {line}, column {column})").format(context=said, line=started[0], column=started[1])
        parts.append(said)
    if problem:
        parts.append(yaml_problem(problem))
    return "; ".join(parts) or _("invalid YAML")


def yaml_problem(problem: str) -> str:
    if language() == "en":
        return problem
    for pattern, said in _yaml_problems():
        match = pattern.fullmatch(problem)
        if match:
            return said.format(**match.groupdict())
    return _("the YAML is not well formed here ({detail})").format(detail=problem)


def yaml_reader_error(said: str, character: object) -> str:
    """PyYAML's reader refusing a character (a control character, most often); `said` is its
    message on one line."""
    if language() == "en":
        return said
    if isinstance(character, str) and len(character) == 1:
        return _("unacceptable character #x{code:04x}: special characters are not allowed").format(code=ord(character))
    return _("the YAML is not well formed here ({detail})").format(detail=said)


def value_verdict(error: dict) -> str:
    """pydantic's message for one wrong value (`Input should be a valid integer`), in the user's
    language; in English, pydantic's own words."""
    if language() == "en":
        return str(error.get("msg", ""))
    ctx = error.get("ctx") or {}
    kind = error.get("type", "")
    words = {
        "greater_than_equal": lambda: _("Input should be greater than or equal to {limit}").format(limit=ctx.get("ge")),
        "greater_than": lambda: _("Input should be greater than {limit}").format(limit=ctx.get("gt")),
        "less_than_equal": lambda: _("Input should be less than or equal to {limit}").format(limit=ctx.get("le")),
        "less_than": lambda: _("Input should be less than {limit}").format(limit=ctx.get("lt")),
        "int_parsing": lambda: _("Input should be a valid integer"),
        "int_type": lambda: _("Input should be a valid integer"),
        "int_from_float": lambda: _("Input should be a valid integer"),
        "float_parsing": lambda: _("Input should be a valid number"),
        "float_type": lambda: _("Input should be a valid number"),
        "string_type": lambda: _("Input should be a valid string"),
        "bool_type": lambda: _("Input should be a valid boolean"),
        "bool_parsing": lambda: _("Input should be a valid boolean"),
        "date_type": lambda: _("Input should be a valid date"),
        "date_parsing": lambda: _("Input should be a valid date"),
        "date_from_datetime_parsing": lambda: _("Input should be a valid date"),
        "date_from_datetime_inexact": lambda: _("Input should be a valid date"),
        "list_type": lambda: _("Input should be a valid list"),
        "dict_type": lambda: _("Input should be a valid dictionary"),
        "model_type": lambda: _("Input should be a valid dictionary"),
        "model_attributes_type": lambda: _("Input should be a valid dictionary"),
        "too_short": lambda: _("List should have at least {count} items").format(count=ctx.get("min_length")),
        "too_long": lambda: _("List should have at most {count} items").format(count=ctx.get("max_length")),
        "string_too_short": lambda: _("String should have at least {count} characters").format(count=ctx.get("min_length")),
        "string_too_long": lambda: _("String should have at most {count} characters").format(count=ctx.get("max_length")),
        "string_pattern_mismatch": lambda: _("String should match pattern '{pattern}'").format(pattern=ctx.get("pattern")),
        "literal_error": lambda: _("Input should be {expected}").format(expected=_or_list(str(ctx.get("expected", "")))),
        "enum": lambda: _("Input should be {expected}").format(expected=_or_list(str(ctx.get("expected", "")))),
        "extra_forbidden": lambda: _("Extra inputs are not permitted"),
    }
    said = words.get(kind)
    return said() if said is not None else _("the value is not valid ({detail})").format(detail=error.get("msg", ""))


def _or_list(expected: str) -> str:
    """pydantic's "'a', 'b' or 'c'" with the "or" in the user's language."""
    head, sep, last = expected.rpartition(" or ")
    return _("{items} or {last}").format(items=head, last=last) if sep else expected
