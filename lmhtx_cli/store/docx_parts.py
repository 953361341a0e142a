"""A Word file's custom document properties (docProps/custom.xml), which python-docx cannot
write: added to, and read from, the package's bytes. The other parts are copied unchanged, with
their own dates, so the same inputs still give the same bytes."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape, quoteattr

CUSTOM_PART = "docProps/custom.xml"
_CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the one format id Office gives user-defined properties


def _custom_xml(properties: dict[str, str]) -> bytes:
    items = "".join(f'<property fmtid="{_FMTID}" pid="{pid}" name={quoteattr(name)}><vt:lpwstr>{escape(value)}</vt:lpwstr></property>' for pid, (name, value) in enumerate(properties.items(), start=2))
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="{_NS}" xmlns:vt="{_VT}">{items}</Properties>'.encode()


def with_custom_properties(package: bytes, properties: dict[str, str]) -> bytes:
    """The Word file `package` with these custom properties (text values), in place of any it had."""
    source = zipfile.ZipFile(io.BytesIO(package))
    out = io.BytesIO()
    stamp = source.infolist()[0].date_time
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == CUSTOM_PART:
                continue
            if info.filename == "[Content_Types].xml" and b"/docProps/custom.xml" not in data:
                data = data.replace(b"</Types>", f'<Override PartName="/{CUSTOM_PART}" ContentType="{_CUSTOM_TYPE}"/></Types>'.encode())
            elif info.filename == "_rels/.rels" and CUSTOM_PART.encode() not in data:
                data = data.replace(b"</Relationships>", f'<Relationship Id="rIdLmhtxCustom" Type="{_CUSTOM_REL}" Target="{CUSTOM_PART}"/></Relationships>'.encode())
            target.writestr(info, data)
        part = zipfile.ZipInfo(CUSTOM_PART, date_time=stamp)
        part.compress_type = zipfile.ZIP_DEFLATED
        target.writestr(part, _custom_xml(properties))
    return out.getvalue()


def custom_properties(package: bytes) -> dict[str, str] | None:
    """The custom properties of a Word file ({} when it has none); None when the bytes are not a
    Word file (not a zip, or no word/document.xml)."""
    from xml.etree import ElementTree

    try:
        source = zipfile.ZipFile(io.BytesIO(package))
        names = set(source.namelist())
        if "word/document.xml" not in names:
            return None
        if CUSTOM_PART not in names:
            return {}
        info = source.getinfo(CUSTOM_PART)
        if info.file_size > 1024 * 1024:
            return {}
        root = ElementTree.fromstring(source.read(info))
    except (zipfile.BadZipFile, ElementTree.ParseError, OSError, ValueError, EOFError):
        return None
    found = {}
    for element in root.findall(f"{{{_NS}}}property"):
        value = element.find(f"{{{_VT}}}lpwstr")
        found[element.get("name", "")] = value.text or "" if value is not None else ""
    return found
