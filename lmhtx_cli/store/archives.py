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
