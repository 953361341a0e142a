"""The merge driver's files: the three versions git hands over, the result written over ours,
and git's own line-by-line merge of them (`git merge-file`) when a merge by record cannot be made."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from lmhtx_cli.errors import UserError
from lmhtx_cli.i18n import _
from lmhtx_cli.store.writeback import write_bytes_atomically

MAX_VERSION_BYTES = 64 * 1024 * 1024  # beyond any data file; refused before it is read


def read_version(path: Path) -> bytes:
    """One version of the file as git wrote it for the driver (%O, %A or %B)."""
    try:
        if path.stat().st_size > MAX_VERSION_BYTES:
            raise UserError(_("the file is larger than {limit} MB").format(limit=MAX_VERSION_BYTES // (1024 * 1024)), str(path))
        return path.read_bytes()
    except OSError as exc:
        raise UserError(_("cannot read the file: {reason}").format(reason=exc.strerror or exc), str(path)) from None


def write_result(ours: Path, data: bytes) -> None:
    """The merged file, in place of ours (%A), atomically."""
    if read_version(ours) != data:
        write_bytes_atomically(ours, data)


def line_merge_onto(base: Path, merged: bytes, theirs: Path) -> list[bytes]:
    """git's line merge of theirs into `merged` (ours with theirs' records already merged in), so
    that what theirs changed outside the records (comments, blank lines) comes along: lines both
    changed kept from both sides (two comments written at one place), else from `merged`. The
    candidates, best first; the caller keeps the first that reads as the merged data."""
    with tempfile.TemporaryDirectory(prefix="lmhtx-merge-") as folder:
        ours = Path(folder) / "merged"
        ours.write_bytes(merged)
        union, with_markers, favour_ours = (line_merge(base, ours, theirs, favor=favor)[0] for favor in ("--union", "--diff3", "--ours"))
    return [union, _comments_carried(with_markers), favour_ours]


def _comments_carried(text: bytes) -> bytes:
    """Each conflict of a `--diff3` line merge resolved as ours' lines, with the comment lines
    theirs added (not in the base) placed before the line of ours that follows them on theirs'
    side, else at the end of the block."""
    lines = text.split(b"\n")
    out: list[bytes] = []
    index = 0
    while index < len(lines):
        if not lines[index].startswith(b"<<<<<<< "):
            out.append(lines[index])
            index += 1
            continue
        blocks: list[list[bytes]] = [[], [], []]
        part, index = 0, index + 1
        while index < len(lines) and not lines[index].startswith(b">>>>>>> "):
            if lines[index].startswith(b"||||||| ") and part == 0:
                part = 1
            elif lines[index] == b"=======" and part in (0, 1):
                part = 2
            else:
                blocks[part].append(lines[index])
            index += 1
        index += 1
        ours, base, theirs = blocks
        resolved = list(ours)
        for position, line in enumerate(theirs):
            if not line.lstrip().startswith(b"#") or line in base or line in ours:
                continue
            following = next((later for later in theirs[position + 1 :] if later in resolved), None)
            at = resolved.index(following) if following is not None else len(resolved)
            resolved.insert(at, line)
        out.extend(resolved)
    return b"\n".join(out)


def line_merge(base: Path, ours: Path, theirs: Path, favor: str | None = None) -> tuple[bytes, int]:
    """git's own merge of the three versions, line by line: the text and its number of conflicts."""
    command = ["git", "merge-file", "-p", *([favor] if favor else []), "-L", "ours", "-L", "base", "-L", "theirs", str(ours), str(base), str(theirs)]
    try:
        result = subprocess.run(command, capture_output=True, timeout=60)
    except FileNotFoundError:
        raise UserError(_("git is not installed")) from None
    except subprocess.TimeoutExpired:
        raise UserError(_("git merge-file did not answer in 60 s")) from None
    if result.returncode < 0 or result.returncode > 127:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UserError(_("git merge-file failed: {reason}").format(reason=message[-1] if message else result.returncode))
    return result.stdout, result.returncode
