"""Wrapping text for the terminal at word boundaries only: no word of the data is ever cut, not
at a hyphen ("thi đua-khen thưởng") nor when it is longer than the line (it overflows instead)."""

from __future__ import annotations

import textwrap

from lmhtx_cli.render.escape import shown


def wrap_words(text: str, width: int, initial_indent: str = "", subsequent_indent: str = "") -> list[str]:
    """`text` in lines of at most `width` characters where its words allow (indents included).
    Characters that would act on a terminal are shown as escapes first (render/escape.py), so
    that a carriage return or a tab in the data is seen, not wrapped away as a space."""
    return textwrap.wrap(shown(text), max(1, width), initial_indent=shown(initial_indent), subsequent_indent=subsequent_indent, break_long_words=False, break_on_hyphens=False)


def wrap_under(head: str, text: str, width: int, indent: int | None = None) -> list[str]:
    """`head` then `text`, continued on lines indented under the text (or by `indent`): the shape
    of a list item whose id or date stands on the left."""
    pad = " " * (len(head) if indent is None else indent)
    lines = wrap_words(text, width, initial_indent=head, subsequent_indent=pad)
    return lines or [head.rstrip()]
