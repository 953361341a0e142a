"""What the tool asks git: who the user is, and the data files as they were at a revision."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from lmhtx_cli.errors import UserError
from lmhtx_cli.i18n import _


def _git(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    try:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, timeout=30)
    except FileNotFoundError:
        raise UserError(_("git is not installed")) from None
    except subprocess.TimeoutExpired:
        raise UserError(_("git {command} did not answer in 30 s").format(command=" ".join(args))) from None
    if check and result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UserError(_("git {command}: {reason}").format(command=" ".join(args), reason=message[-1] if message else _("failed")))
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
        raise UserError(_("{root} is not in a git repository, so there are no revisions to compare").format(root=root))
    out = result.stdout
    return os.fsdecode(out[:-1] if out.endswith(b"\n") else out)  # only git's own line end: a folder's name may end in a space


def files_at(root: Path, revision: str, folder: str) -> dict[str, bytes]:
    """Every file under `folder` (relative to the data root) as it was at `revision`, named as
    `files_on_disk` names them: relative to the data root, wherever that stands in the repository.

    git is asked from the data root with a literal path, so git itself maps the root's place in
    the repository both ways; names are read NUL-separated and contents by object id, so no name
    (spaces, quotes, newlines, bytes that are not UTF-8) is ever quoted, split or parsed."""
    from lmhtx_cli.store.reading import megabytes
    from lmhtx_cli.store.yamlio import MAX_FILE_BYTES  # not at the top: reports ask git for their provenance without PyYAML

    repo_prefix(root)  # a clear error outside a repository
    resolved = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}", check=False)
    if resolved.returncode != 0 or not resolved.stdout.strip():
        raise UserError(_('unknown git revision "{revision}"').format(revision=revision))
    commit = resolved.stdout.decode("ascii").strip()
    listing = _git(root, "--literal-pathspecs", "ls-tree", "-r", "-z", "--long", commit, "--", folder)
    names, objects = [], []
    for record in listing.stdout.split(b"\0"):
        meta, tab, path = record.partition(b"\t")
        fields = meta.split()
        if not tab or len(fields) != 4 or fields[1] != b"blob" or fields[0] == b"120000":
            continue  # a symbolic link, a submodule: not a data file
        name = os.fsdecode(path)
        if int(fields[3]) > MAX_FILE_BYTES:
            raise UserError(_("at {revision} the file is {size} MB; data files are limited to {limit} MB").format(revision=revision, size=megabytes(int(fields[3]), MAX_FILE_BYTES), limit=megabytes(MAX_FILE_BYTES)), name)
        names.append(name)
        objects.append(fields[2].decode("ascii"))
    return dict(zip(names, _blobs(root, objects)))


def _blobs(root: Path, objects: list[str]) -> list[bytes]:
    """Many objects, by id, from one `git cat-file --batch` (one process, not one per file)."""
    if not objects:
        return []
    try:
        result = subprocess.run(["git", "cat-file", "--batch"], cwd=root, input="".join(f"{o}\n" for o in objects).encode("utf-8"), capture_output=True, timeout=60)
    except subprocess.TimeoutExpired:
        raise UserError(_("git cat-file did not answer in 60 s")) from None
    out, blobs, position = result.stdout, [], 0
    for name in objects:
        end = out.find(b"\n", position)
        header = out[position:end].split() if end >= 0 else []
        if len(header) != 3:
            raise UserError(_("git cannot read the object {name}").format(name=name))
        size = int(header[2])
        blobs.append(out[end + 1 : end + 1 + size])
        position = end + 1 + size + 1
    return blobs


# What a report was computed from: the data's inputs, the commit they stand at, and whether the
# files on disk differ from it. Only these paths (relative to the data root) make a report.
REPORT_INPUTS = ("plans", "members", "settings.yaml", "templates")


def data_commit(root: Path) -> tuple[str | None, bool | None]:
    """(the last commit of HEAD's history that changed a report input, whether a report input
    differs from HEAD): (None, None) outside a
    git repository or before its first commit. Untracked input files count as a difference; the
    tool's own .lmhtx/ folder and files outside the inputs (a report written here) do not. git is
    asked without its optional locks, so a report never writes git's index."""
    try:
        head = _git(root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}", check=False)
    except UserError:
        return None, None  # no git at all
    commit = head.stdout.decode("ascii", "replace").strip()
    if head.returncode != 0 or not commit:
        return None, None
    # The last commit that changed an input: committing a report, a site or anything else beside
    # the data leaves a report's provenance (and `lmhtx verify`'s verdict) as it was.
    last = _git(root, "--literal-pathspecs", "log", "-1", "--format=%H", commit, "--", *REPORT_INPUTS, check=False)
    changed = last.stdout.decode("ascii", "replace").strip()
    if last.returncode == 0 and len(changed) == 40:
        commit = changed
    status = _git(root, "--no-optional-locks", "--literal-pathspecs", "status", "--porcelain", "-z", "--untracked-files=all", "--", *REPORT_INPUTS, check=False)
    return commit, status.returncode != 0 or bool(status.stdout.strip(b"\0"))


def commit_of(root: Path, revision: str) -> str | None:
    """The full id of `revision` when it names a commit of this repository, else None."""
    result = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}", check=False)
    text = result.stdout.decode("ascii", "replace").strip()
    return text if result.returncode == 0 and text else None


def inputs_at(root: Path, commit: str) -> dict[str, bytes]:
    """Every report input as it was at `commit`, named relative to the data root; read from git's
    objects, so neither the work tree nor the index is touched."""
    files: dict[str, bytes] = {}
    for folder in REPORT_INPUTS:
        files.update(files_at(root, commit, folder))
    return files


def tracked_under(root: Path, folder: str) -> list[str]:
    """What git tracks (in its index) under `folder` of the data root; nothing outside git."""
    try:
        result = _git(root, "--literal-pathspecs", "ls-files", "-z", "--", folder, check=False)
    except UserError:
        return []
    if result.returncode != 0:
        return []
    return [os.fsdecode(name) for name in result.stdout.split(b"\0") if name]


def conflicted_files(root: Path, folder: str) -> list[str]:
    """The files under `folder` (relative to the data root) git still holds in conflict, as
    `files_on_disk` names them; [] outside a merge."""
    result = _git(root, "--literal-pathspecs", "ls-files", "-u", "-z", "--", folder, check=False)
    if result.returncode != 0:
        return []
    names = {os.fsdecode(record.partition(b"\t")[2]) for record in result.stdout.split(b"\0") if b"\t" in record}
    return sorted(names)


def is_merge_commit(root: Path, revision: str) -> bool:
    """`revision` is a commit with more than one parent."""
    result = _git(root, "rev-list", "--parents", "-n", "1", "--end-of-options", revision, check=False)
    return result.returncode == 0 and len(result.stdout.split()) > 2
