"""What the tool asks git: who the user is, and the data files as they were at a revision."""

from __future__ import annotations

import subprocess
from pathlib import Path

from lmhtx_cli.errors import UserError


def _git(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    try:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, timeout=30)
    except FileNotFoundError:
        raise UserError("git is not installed") from None
    except subprocess.TimeoutExpired:
        raise UserError(f"git {' '.join(args)} did not answer in 30 s") from None
    if check and result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UserError(f"git {' '.join(args)}: {message[-1] if message else 'failed'}")
    return result


def user_name(root: Path) -> str | None:
    """git's user.name, the default author of a progress mark; None outside git or when unset."""
    try:
        result = _git(root, "config", "user.name", check=False)
    except UserError:
        return None
    name = result.stdout.decode("utf-8", "replace").strip()
    return name or None


def repo_prefix(root: Path) -> str:
    """The data root's path inside its git repository ("" when it is the top)."""
    result = _git(root, "rev-parse", "--show-prefix", check=False)
    if result.returncode != 0:
        raise UserError(f"{root} is not in a git repository, so there are no revisions to compare")
    return result.stdout.decode("utf-8").strip()


def files_at(root: Path, revision: str, folder: str) -> dict[str, bytes]:
    """Every file under `folder` (relative to the data root) as it was at `revision`."""
    prefix = repo_prefix(root)
    if _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}", check=False).returncode != 0:
        raise UserError(f'unknown git revision "{revision}"')
    listing = _git(root, "ls-tree", "-r", "-z", "--name-only", revision, "--", f"{prefix}{folder}")
    names = [n for n in listing.stdout.decode("utf-8").split("\0") if n]
    return {name[len(prefix) :]: blob for name, blob in zip(names, _blobs(root, [f"{revision}:{n}" for n in names]))}


def _blobs(root: Path, objects: list[str]) -> list[bytes]:
    """Many objects from one `git cat-file --batch` (one process, not one per file)."""
    if not objects:
        return []
    try:
        result = subprocess.run(["git", "cat-file", "--batch"], cwd=root, input="".join(f"{o}\n" for o in objects).encode("utf-8"), capture_output=True, timeout=60)
    except subprocess.TimeoutExpired:
        raise UserError("git cat-file did not answer in 60 s") from None
    out, blobs, position = result.stdout, [], 0
    for name in objects:
        end = out.index(b"\n", position)
        header = out[position:end].split()
        if len(header) != 3:
            raise UserError(f"git cannot read {name}")
        size = int(header[2])
        blobs.append(out[end + 1 : end + 1 + size])
        position = end + 1 + size + 1
    return blobs
