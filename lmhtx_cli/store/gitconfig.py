"""Setting up the merge driver in a data repository: `.gitattributes` lines that send plan and
member files to it, and the `git config` lines that say how to run it. Each is written only
when it is missing or different, so installing twice changes nothing."""

from __future__ import annotations

import shlex
import subprocess
from dataclasses import dataclass
from pathlib import Path

from lmhtx_cli.errors import UserError
from lmhtx_cli.i18n import _
from lmhtx_cli.store.writeback import write_target, write_text_atomically

DRIVER = "lmhtx"
ATTRIBUTES = (f"plans/**/*.yaml merge={DRIVER}", f"members/**/*.yaml merge={DRIVER}")
ATTRIBUTES_COMMENT = "# Tệp kế hoạch và tệp thành viên được hợp nhất theo từng bản ghi (lmhtx merge-driver install)."
DRIVER_NAME = "lmhtx: merge plan and member files record by record"


@dataclass(frozen=True)
class Change:
    where: str  # ".gitattributes" or "git config"
    what: str  # the line added or the key = value set


def driver_command(argv0: str, executable: str) -> str:
    """The command git runs (through `sh -c`): the `lmhtx` this is run as (by its absolute path),
    else this Python with `-m lmhtx_cli`; %O %A %B %P are git's ancestor, ours, theirs and the
    file's path. When that `lmhtx` cannot run (moved, uninstalled, broken: any exit but 0, or 1
    with the conflict markers it wrote), git's own line merge (`git merge-file`) is made instead,
    with markers, and said: a driver that cannot run never leaves ours as if it were the merge."""
    program = Path(argv0)
    if program.name.startswith("lmhtx") and program.suffix in ("", ".exe") and program.is_file():
        start = shlex.quote(str(program.resolve()))
    else:
        start = f"{shlex.quote(executable)} -m lmhtx_cli"
    said = shlex.quote("lmhtx: " + _("the lmhtx merge driver could not run; git merged %P line by line instead: check it, and run `lmhtx merge-driver install` again to repair the setting"))
    fallback = f"echo {said} >&2; git merge-file -L ours -L base -L theirs %A %O %B"
    return f"{start} merge-driver run %O %A %B %P; s=$?; [ $s -eq 0 ] && exit 0; [ $s -eq 1 ] && grep -q '^<<<<<<< ' %A && exit 1; {fallback}"


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=folder, capture_output=True, timeout=30)
    except FileNotFoundError:
        raise UserError(_("git is not installed")) from None
    except subprocess.TimeoutExpired:
        raise UserError(_("git {command} did not answer in 30 s").format(command=" ".join(args))) from None


def install(root: Path, command: str) -> list[Change]:
    """Set up the driver for the data folder `root` (in a git repository); what was changed."""
    if _git(root, "rev-parse", "--git-dir").returncode != 0:
        raise UserError(_("{folder} is not in a git repository: run `git init` there first").format(folder=root))
    changes = _attributes(root / ".gitattributes", root)
    for key, value in ((f"merge.{DRIVER}.name", DRIVER_NAME), (f"merge.{DRIVER}.driver", command)):
        current = _git(root, "config", "--local", "--get", key)
        if current.returncode == 0 and current.stdout.decode("utf-8", "replace").rstrip("\n") == value:
            continue
        result = _git(root, "config", "--local", key, value)
        if result.returncode != 0:
            reason = result.stderr.decode("utf-8", "replace").strip()
            raise UserError(_("git config {key} failed: {reason}").format(key=key, reason=reason))
        changes.append(Change("git config", f"{key} = {value}"))
    return changes


def _attributes(path: Path, root: Path) -> list[Change]:
    write_target(path, ".gitattributes", root)  # a link (to ~/.bashrc), a FIFO: refused before it is read
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(_("cannot read the file: {reason}").format(reason=getattr(exc, "strerror", None) or exc), str(path)) from None
    present = {" ".join(line.split()) for line in text.splitlines()}
    missing = [line for line in ATTRIBUTES if line not in present]
    if not missing:
        return []
    lines = text.splitlines()
    if lines and lines[-1].strip():
        lines.append("")
    if ATTRIBUTES_COMMENT not in present:
        lines.append(ATTRIBUTES_COMMENT)
    lines.extend(missing)
    write_text_atomically(path, "\n".join(lines), root)
    return [Change(".gitattributes", line) for line in missing]
