"""Text edits of one record (a mapping in a YAML list) that leave every other line as it was.

Shared by progress on tasks, meetings and petitions: replace a one-line value where it stands, add
a key under the record, append an entry to one of its lists, or add a record to a list.
"""

from __future__ import annotations

from lmhtx_cli.errors import UserError
from lmhtx_cli.i18n import _
from lmhtx_cli.store.writeback import TextFile, mapping_lines

Path_ = tuple


def key_indent(file: TextFile, record_path: Path_) -> int:
    """Spaces before the record's keys, read off its first key."""
    doc = file.doc
    record = doc._value_at(record_path)
    first_key = next(iter(record))
    return doc.keys[record_path + (first_key,)][1] - 1


def replace_scalar(file: TextFile, path: Path_, text: str) -> None:
    doc = file.doc
    line, start = doc.values[path]
    end_line, end = doc.ends[path]
    if end_line != line or path in doc.flow:
        raise UserError(_("{key} spans several lines or is inline; write it as one plain value to change it").format(key=path[-1]), file.name, line, start)
    file.replace(line, start, end, text)


def set_key(file: TextFile, record_path: Path_, key: str, text: str) -> None:
    """Give the record `key: text`: in place when the key exists, else as a new line under it."""
    record = file.doc._value_at(record_path)
    if key in record and record[key] is not None and not isinstance(record[key], (list, dict)):
        replace_scalar(file, record_path + (key,), text)
        return
    if key in record:  # `key:` with nothing, or an empty [] / {}: rewrite that line
        line, column = file.doc.keys[record_path + (key,)]
        file.replace(line, column, len(file.lines[line - 1]) + 1, f"{key}: {text}")
        return
    file.insert_after(file.doc.last_line(record_path), [" " * key_indent(file, record_path) + f"{key}: {text}"])


def append_entry(file: TextFile, record_path: Path_, key: str, entry: dict) -> None:
    """Add `entry` at the end of the record's block list `key` (creating the list if needed)."""
    doc = file.doc
    record = doc._value_at(record_path)
    indent = key_indent(file, record_path)
    existing = record.get(key)
    if existing:
        if record_path + (key,) in doc.flow:
            line, column = doc.values[record_path + (key,)]
            raise UserError(_("{key} is written inline ([…]); write it as a block list to add to it").format(key=key), file.name, line, column)
        item_column = doc.values[record_path + (key, 0)][1]
        file.insert_after(doc.last_line(record_path + (key,)), mapping_lines(entry, item_column - 1, dash=True))
        return
    new_lines = mapping_lines(entry, indent + 4, dash=True)
    if key in record:  # `key: []` or `key:` with nothing
        line, column = doc.keys[record_path + (key,)]
        file.replace(line, column, len(file.lines[line - 1]) + 1, f"{key}:")
        file.insert_after(line, new_lines)
    else:
        file.insert_after(doc.last_line(record_path), [" " * indent + f"{key}:"] + new_lines)


def locate_record(file: TextFile, list_key: str, record_id: str, id_key: str = "id") -> int:
    data = file.doc.data if file.doc is not None else None
    items = data.get(list_key) if isinstance(data, dict) else None
    for index, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict) and item.get(id_key) == record_id:
            return index
    raise UserError(_('"{id}" is no longer in this file; run the command again').format(id=record_id), file.name)


def append_record(file: TextFile, list_key: str, record: dict) -> None:
    """Add a record at the end of the top-level list `list_key`, laid out like its neighbours."""
    append_records(file, list_key, [record])


def append_records(file: TextFile, list_key: str, records: list[dict]) -> None:
    """Add records at the end of the top-level list `list_key`, laid out like their neighbours,
    in one edit (an import of a thousand members is one insertion, not a thousand)."""
    doc = file.doc
    data = doc.data if isinstance(doc.data, dict) else {}
    items = data.get(list_key)
    if isinstance(items, list) and items and (list_key,) not in doc.flow:
        column = doc.values[(list_key, 0)][1]
        file.insert_after(doc.last_line((list_key, len(items) - 1)), [line for record in records for line in mapping_lines(record, column - 1, dash=True)])
        return
    lines = [line for record in records for line in mapping_lines(record, 4, dash=True)]
    if list_key in data:
        line, column = doc.keys[(list_key,)]
        file.replace(line, column, len(file.lines[line - 1]) + 1, f"{list_key}:")
        file.insert_after(line, lines)
        return
    file.insert_after(len(file.lines), [f"{list_key}:"] + lines)


def remove_item(file: TextFile, item_path: Path_, keep_key: bool = False) -> None:
    """Remove one item of a block list, every line of it; the list's key line goes with its last
    item (unless `keep_key`, for a caller that rewrites that line itself)."""
    doc = file.doc
    list_path = item_path[:-1]
    if list_path in doc.flow or item_path in doc.flow:
        line, column = doc.where(item_path)
        raise UserError(_("{key} is written inline ([…]); write it as a block list to change it").format(key=list_path[-1]), file.name, line, column)
    first = doc.where(item_path)[0]
    if first > 1 and file.lines[first - 2].strip() == "-" and not file.lines[first - 1].lstrip().startswith("-"):
        first -= 1  # "-" alone on its line, the item's keys below it
    last = doc.last_line(item_path)
    if len(doc._value_at(list_path)) == 1 and not keep_key:
        first = doc.keys[list_path][0]
    file.remove_lines(first, last)
