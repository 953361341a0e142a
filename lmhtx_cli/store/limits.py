"""What the running process uses, for bounds set while untrusted work runs (a template)."""

from __future__ import annotations

import os


def address_space_in_use() -> int | None:
    """The process's virtual memory in bytes, where the system tells it (Linux); else None."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:  # noqa: PTH123
            return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return None
