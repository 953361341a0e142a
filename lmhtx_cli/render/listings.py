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
        return f"# {title}\n\n" + (table_markdown(headers, rows) if rows else "") + (f"\n{footer}" if footer else "")
    return f"{title}\n\n" + table_text(headers, rows, width) + (f"\n{footer}" if footer else "")
