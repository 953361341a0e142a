"""What a zip archive (a .docx) declares it holds, read from its directory without inflating
anything: the caller decides, before any part is expanded, whether the sizes are sane."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Member:
    name: str
    compressed: int
    size: int  # declared uncompressed size; the zip reader stops at it when inflating


def zip_members(raw: bytes) -> list[Member] | None:
    """The members of the zip archive `raw`, or None when it is not one."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            return [Member(info.filename, info.compress_size, info.file_size) for info in archive.infolist()]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return None


def stable_zip(raw: bytes) -> bytes:
    """The zip archive `raw` written again with its members in the same order, each dated
    1980-01-01 with fixed permissions: the same contents always give the same bytes."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            target.writestr(fixed, source.read(info.filename), compresslevel=6)
    return out.getvalue()
