"""A list of records (members, meetings, petitions, fees) in the format asked for: an aligned
table under its title for the terminal, Markdown, JSON or CSV."""

from __future__ import annotations

LIST_FORMATS = ("table", "md", "json", "csv")


def listing(headers: list[str], rows: list[list[str]], records, format: str, title: str, footer: str = "", width: int = 80) -> str:
    from lmhtx_cli.render.data import json_of
    from lmhtx_cli.render.table import rows_csv, table_markdown, table_text

    if format == "json":
        return json_of(records)
    if format == "csv":
        return rows_csv(headers, rows)
    if format == "md":
        from lmhtx_cli.render.escape import md_text

        lines = "".join(md_text(line) + "\n" for line in footer.rstrip("\n").split("\n")) if footer else ""
        return f"# {md_text(title)}\n\n" + (table_markdown(headers, rows) if rows else "") + (f"\n{lines}" if footer else "")
    return _wrapped(title, width) + "\n" + table_text(headers, rows, width) + ("\n" + _wrapped(footer, width) if footer else "")


def _wrapped(text: str, width: int) -> str:
    """Lines of the tool's own (a title, totals) wrapped at words to the width, each line ending
    in a newline."""
    from lmhtx_cli.render.wrapping import wrap_words

    return "".join(line + "\n" for paragraph in text.rstrip("\n").split("\n") for line in (wrap_words(paragraph, width, subsequent_indent="  ") or [""]))
