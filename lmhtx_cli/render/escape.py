"""Text from the data, made safe for each grammar the tool writes: one place per grammar, called by
every renderer of that grammar. Data is shown as written; nothing in it acts.

- terminal (`shown`, `shown_lines`, `shown_tree`): characters that would drive a terminal (escape
  sequences, carriage returns, bidirectional overrides, line separators…) are shown as their
  escapes, `\\x1b`, `\\r`, `\\u202e`, as `git` and `ls` show such file names;
- CSV (`csv_cell`, `csv_text`, `csv_file`): a cell a spreadsheet would evaluate (`=`, `+`, `-`,
  `@`, a tab or a carriage return first, also after leading spaces or quotes: OWASP's CSV
  injection guidance) starts with `'`; a file gets a UTF-8 byte-order mark for Excel;
- Markdown (`md_text`, `md_code`, `md_finalize` for templates): no raw HTML, no link, no emphasis,
  no structure from data: a line break never opens a heading, list, table, code block or quote;
- iCalendar (`ics_text`, `ics_lines`): RFC 5545 escapes, no bare CR or LF in a value, lines folded
  at 75 octets between whole characters, CRLF line ends;
- Word (`word_text`): characters XML 1.0 cannot hold are shown as escapes (a vertical tab or a form
  feed, Word's own manual line and page breaks, become line breaks);
- HTML (`html_text`, `html_finalize`): every value of the site's templates, as Jinja2's
  autoescaping writes it.
"""

from __future__ import annotations

import re

from lmhtx_cli.typed import UNSAFE

# -- the terminal ---------------------------------------------------------------------------
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(ch: str) -> str:
    if ch in _NAMED:
        return _NAMED[ch]
    point = ord(ch)
    if point <= 0xFF:
        return f"\\x{point:02x}"
    if point <= 0xFFFF:
        return f"\\u{point:04x}"
    return f"\\U{point:08x}"


def shown(value: object) -> str:
    """One value (a cell, a name, a note) as the terminal may show it: nothing in it acts."""
    text = value if isinstance(value, str) else str(value)
    return UNSAFE.sub(lambda m: _escape(m.group()), text) if UNSAFE.search(text) else text


def shown_lines(text: str) -> str:
    """Rendered terminal text whose line breaks are its own: every other character that would act
    on the terminal is escaped. For text that holds no styling of the tool's own."""
    if not UNSAFE.search(text.replace("\n", "")):
        return text
    return "\n".join(shown(line) for line in text.split("\n"))


def shown_tree(data: object) -> object:
    """Every string in a structure of dicts and lists escaped as `shown` does (keys included)."""
    if isinstance(data, str):
        return shown(data)
    if isinstance(data, dict):
        return {shown_tree(k): shown_tree(v) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [shown_tree(v) for v in data]
    return data


# -- CSV ------------------------------------------------------------------------------------
# A cell whose first character, after any spaces and quotes, makes Excel, LibreOffice or Google
# Sheets read a formula (or a DDE call): "=", "+", "-", "@", a tab, a carriage return, a line feed.
_FORMULA = re.compile("^[\\s\"'\u00a0\u3000]*[=+\\-@\t\r\n\uff1d\uff0b\uff0d\uff20]")
CSV_BOM = "\ufeff"


def csv_cell(value: object) -> object:
    """A cell as a spreadsheet shows it and never evaluates: text that would start a formula is
    written after a `'` (which Excel and LibreOffice hide); numbers stay numbers."""
    if value is None:
        return ""
    if isinstance(value, str) and _FORMULA.match(value):
        return "'" + value
    return value


def csv_text(headers, rows) -> str:
    """Headers and rows as CSV (quoted where needed, one record per line), every cell through
    `csv_cell`."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([csv_cell(h) for h in headers])
    writer.writerows([csv_cell(c) for c in row] for row in rows)
    return out.getvalue()


def csv_file(text: str) -> str:
    """CSV for a file: with the byte-order mark that makes Excel read it as UTF-8 (Vietnamese
    letters right). Not on standard output, where a pipe's next program would read the mark."""
    return text if text.startswith(CSV_BOM) else CSV_BOM + text


# -- Markdown -------------------------------------------------------------------------------
class MarkdownSafe(str):
    """Markdown already escaped (or the tool's own): templates write it as it is."""

    __slots__ = ()


# Every line break a Markdown reader may see, with the spaces around it: one space instead.
_MD_BREAKS = re.compile("[ \t]*(?:\r\n|[\r\n\u2028\u2029\x85\x0b\x0c])[ \t\r\n\u2028\u2029\x85\x0b\x0c]*")
# What is Markdown (CommonMark and the GitHub and GitLab flavours) anywhere in a line: escapes, code
# spans, emphasis, links and images (no link without an unescaped "["), raw HTML and autolinks (none
# without an unescaped "<"), table cells, strike-through, and "&" where it would start an entity.
_MD_INLINE = re.compile(r"([\\`*_\[<|~]|&(?=#?\w+;))")
# What opens a block at the start of a line and is not escaped above: a heading, a quote, a list
# item ("-", "+", "1." or "1)" and a space), a thematic break or a setext underline ("---", "===").
_MD_LEADING = re.compile(r"^(#|>|[-+=]|\d{1,9}(?=[.)](?:[ \t]|$)))")


def md_text(value: object) -> MarkdownSafe:
    """Data as Markdown text that shows as written, wherever it stands (a paragraph, a list item,
    a heading, a table cell): line breaks become spaces, Markdown's punctuation is escaped, and what
    would open a block at the start of a line is escaped too."""
    if isinstance(value, MarkdownSafe):
        return value
    text = value if isinstance(value, str) else str(value)
    text = _MD_BREAKS.sub(" ", text).strip()
    text = _MD_INLINE.sub(r"\\\1", text)
    text = _MD_LEADING.sub(lambda m: m.group(1) + "\\" if m.group(1)[0].isdigit() else "\\" + m.group(1), text)
    return MarkdownSafe(text)


def md_code(value: object) -> MarkdownSafe:
    """An id or a code as a code span that holds whatever it holds (backticks and line breaks
    included): its backtick fence is longer than any run of backticks in it, and `|` is escaped
    for a table cell."""
    text = _MD_BREAKS.sub(" ", value if isinstance(value, str) else str(value)).replace("|", "\\|")
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or (text.startswith(" ") and text.endswith(" ") and text.strip()) else ""
    return MarkdownSafe(f"{fence}{pad}{text}{pad}{fence}")


def md_finalize(value: object) -> object:
    """Jinja2's `finalize` for Markdown templates: every `{{ … }}` is escaped unless it is already
    Markdown (`| md`, `| code`), so a template cannot forget it."""
    return value if isinstance(value, MarkdownSafe) else md_text("" if value is None else value)


# -- iCalendar (RFC 5545) -------------------------------------------------------------------
_ICS_SPECIAL = re.compile("\r\n|[\\\\;,\r\n\u2028\u2029\x85]|[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_ICS_ESCAPES = {"\\": "\\\\", ";": "\\;", ",": "\\,"}


def ics_text(value: object) -> str:
    """A TEXT value (summary, description, location, uid): backslash, `;` and `,` escaped, each
    line break (CRLF, a lone CR or LF, a line or paragraph separator) written `\\n`, and the other
    control characters, which RFC 5545 does not allow in a value, left out."""
    text = value if isinstance(value, str) else str(value)

    def one(match: re.Match) -> str:
        ch = match.group()
        if ch in _ICS_ESCAPES:
            return _ICS_ESCAPES[ch]
        if ch in ("\r\n", "\r", "\n", "\u2028", "\u2029", "\x85"):
            return "\\n"
        return ""

    return _ICS_SPECIAL.sub(one, text)


def _ics_fold(line: str) -> list[str]:
    """Lines longer than 75 octets continue on the next line after one space; a character (all
    the bytes of its UTF-8) is never cut."""
    out, current, size = [], [], 0
    for ch in line:
        width = len(ch.encode("utf-8", "surrogatepass"))
        if size + width > 75:
            out.append("".join(current))
            current, size = [" "], 1
        current.append(ch)
        size += width
    out.append("".join(current))
    return out


def ics_lines(lines: list[str]) -> str:
    """Content lines (their values escaped with `ics_text`) as the calendar's text: folded,
    CRLF after each line."""
    return "".join(piece + "\r\n" for line in lines for piece in _ics_fold(line))


# -- Word (XML 1.0) -------------------------------------------------------------------------
# What XML 1.0 cannot hold: C0 controls but tab, LF and CR; lone surrogates; U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def word_text(value: object) -> str:
    """Text for a Word document (python-docx): a vertical tab or a form feed, which Word itself
    writes for a manual line or page break, becomes a line break; every other character XML cannot
    hold is shown as its escape (`\\x01`, `\\ufffe`), never a crash."""
    text = value if isinstance(value, str) else str(value)
    if not _NOT_XML.search(text):
        return text
    return _NOT_XML.sub(lambda m: "\n" if m.group() in "\x0b\x0c" else _escape(m.group()), text)


# -- HTML -----------------------------------------------------------------------------------
def html_text(value: object) -> str:
    """Text for HTML: `&`, `<`, `>`, `"` and `'` as entities (as Jinja2's autoescaping writes them)."""
    from markupsafe import escape

    return str(escape(value if isinstance(value, str) else str(value)))


def html_finalize(value: object) -> object:
    """Jinja2's `finalize` for the site's templates (autoescaping on as well): every `{{ … }}` is
    escaped by `html_text`, unless it is HTML already (a macro's output)."""
    from markupsafe import Markup

    if hasattr(value, "__html__"):
        return value
    return Markup(html_text("" if value is None else value))


# -- a machine-readable comment in HTML or Markdown -------------------------------------------
def comment_json(value: object) -> str:
    """JSON on one line, sorted and ASCII, that can stand inside an HTML comment: no `-` (so no
    `--` or `-->`), `<` or `>`, each written as its JSON escape."""
    import json

    text = json.dumps(value, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    return text.replace("-", "\\u002d").replace("<", "\\u003c").replace(">", "\\u003e")
