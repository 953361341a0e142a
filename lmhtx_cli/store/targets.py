"""Where a write may land: the one check every writer of the tool makes before it writes.

A data repository comes from someone else (a pull, a clone, a merge request), and it may hold
symbolic links, devices or FIFOs where the tool expects a file or a folder. Git never writes
outside the work tree nor into `.git/`; neither does lmhtx. Before anything is written, the
target and every folder on the way are looked at without following links (lstat, one component
at a time):

- inside the data folder, every folder on the way is a real folder (never a link: a committed
  `plans/2025 -> ~` is refused) and none is named `.git`; the target is a regular file or missing;
  a link is followed only from a data file (plans/, members/, settings.yaml) to another file
  there (a month kept under another name); any other link (`schema/plan.schema.json -> ~/.bashrc`,
  `.gitattributes -> …`, a link into `.git/`) is refused;
- outside it (an `--output` elsewhere, a new office's folder), the user's own path is taken as
  given, but nothing lands in a `.git` folder, and a link at the target leads to a regular file;
- `--output` never replaces a data file of the tool (plans/, members/, settings.yaml, schema/,
  templates/, .lmhtx/).

A device, a FIFO, a socket or a folder where a file is expected is refused; nothing is written.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from lmhtx_cli.errors import UserError
from lmhtx_cli.i18n import _

DATA_PARTS = ("plans", "members", "schema", "templates", ".lmhtx")
DATA_FILES = ("settings.yaml", "settings.yml")


def _is_git(name: str) -> bool:
    return name.rstrip(". ").casefold() == ".git"


def _inside(path: str, folder: str) -> str | None:
    """`path` relative to `folder` (both absolute), or None when it is not inside it."""
    if path == folder:
        return ""
    prefix = folder.rstrip(os.sep) + os.sep
    return path[len(prefix) :] if path.startswith(prefix) else None


def _refused(message: str, shown: str) -> UserError:
    return UserError(_("{reason}; nothing was written").format(reason=message), shown)


def checked_target(root: Path | None, path: Path, shown: str, folder: bool = False) -> Path:
    """Where writing `path` lands (the path, or the regular file a link inside the data folder
    leads to), after checking every folder on the way; a UserError naming `shown` otherwise.
    `folder`: the target is a folder the tool fills (a site, a year, a new office)."""
    target = os.path.abspath(path)
    if root is not None:
        base = os.path.abspath(root)
        real_base = os.path.realpath(base)
        relative = _inside(target, base)
        if relative is None:
            relative = _inside(target, real_base)
            base = real_base
        if relative is None:  # given through another path: where it really is decides
            real = os.path.join(os.path.realpath(os.path.dirname(target)), os.path.basename(target))
            relative = _inside(real, real_base)
            base, target = real_base, real
        if relative is not None:
            return _inside_data(Path(base), relative, shown, folder)
    return _outside_data(Path(target), shown, folder)


def _inside_data(base: Path, relative: str, shown: str, folder: bool) -> Path:
    parts = [part for part in relative.split(os.sep) if part]
    if any(_is_git(part) for part in parts):
        raise _refused(_("this is inside git's own folder .git/, which lmhtx never writes"), shown)
    current = base
    for part in parts[:-1]:
        current = current / part
        try:
            info = os.lstat(current)
        except FileNotFoundError:
            return base.joinpath(*parts)  # created by the writer, below folders checked here
        except OSError as exc:
            raise _refused(_("cannot look at the folder {folder}: {reason}").format(folder=part, reason=exc.strerror or exc), shown) from None
        if stat.S_ISLNK(info.st_mode):
            raise _refused(_("the folder {folder} on the way is a symbolic link; lmhtx writes only into real folders of the data folder").format(folder=current.relative_to(base).as_posix()), shown)
        if not stat.S_ISDIR(info.st_mode):
            raise _refused(_("{folder} on the way is not a folder").format(folder=current.relative_to(base).as_posix()), shown)
    if not parts:
        return base
    final = base.joinpath(*parts)
    return _final(final, shown, folder, base if _is_data("/".join(parts)) else None, inside=True)


def _outside_data(target: Path, shown: str, folder: bool) -> Path:
    real_parent = os.path.realpath(target.parent)
    if any(_is_git(part) for part in Path(real_parent).parts) or _is_git(target.name):
        raise _refused(_("this is inside a git folder .git/, which lmhtx never writes"), shown)
    return _final(target, shown, folder, None)


def _is_data(relative: str) -> bool:
    return relative in DATA_FILES or (relative.startswith(("plans/", "members/")) and relative.endswith((".yaml", ".yml")))


def target_status(path: Path, shown: str, follow: bool) -> os.stat_result | None:
    """What stands at a write's target (the link itself unless `follow`), None where nothing does;
    any other failure to look is the write's refusal, named."""
    try:
        return os.stat(path) if follow else os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise UserError(_("cannot write the file: {reason}; nothing was changed").format(reason=exc.strerror or exc), shown) from None


def _final(final: Path, shown: str, folder: bool, base: Path | None, inside: bool = False) -> Path:
    """The target itself; `base`: the data folder, when a link there may lead to another data file."""
    info = target_status(final, shown, follow=False)
    if info is None:
        return final
    landing = final
    if stat.S_ISLNK(info.st_mode):
        if folder:
            raise _refused(_("this is a symbolic link; lmhtx writes a folder only where there is a real folder or nothing"), shown)
        if inside and base is None:
            raise _refused(_("this is a symbolic link (to {target}); lmhtx does not write through links in the data folder, except from one data file to another").format(target=os.readlink(final)), shown)
        try:
            landing = Path(os.path.realpath(final, strict=True))
            info = os.stat(landing)
        except (OSError, RuntimeError):
            raise _refused(_("this is a link to a file that does not exist (or a loop of links)"), shown) from None
        if any(_is_git(part) for part in landing.parts):
            raise _refused(_("this is a link into a git folder .git/, which lmhtx never writes"), shown)
        if base is not None:
            relative = _inside(str(landing), os.path.realpath(base))
            if relative is None:
                raise _refused(_("this is a link that leads out of the data folder (to {target}); lmhtx does not write through it").format(target=landing), shown)
            if not relative.replace(os.sep, "/").startswith(("plans/", "members/")) and relative not in DATA_FILES:
                raise _refused(_("this is a link to {target}, which is not a data file; lmhtx does not write through it").format(target=relative), shown)
    if folder:
        if not stat.S_ISDIR(info.st_mode):
            raise _refused(_("this is {kind}, not a folder").format(kind=_kind(info.st_mode)), shown)
        return landing
    if not stat.S_ISREG(info.st_mode):
        raise UserError(_("this is {kind}, not a regular file; it is not replaced (give the path of a file)").format(kind=_kind(info.st_mode)), shown)
    return landing


def _kind(mode: int) -> str:
    from lmhtx_cli.store.reading import kind_of

    return kind_of(mode) if not stat.S_ISREG(mode) else _("a file")


def output_target(root: Path | None, path: Path, option: str, folder: bool = False, allowed: tuple[str, ...] = ()) -> Path:
    """The checked target of an output option (`--output FILE`): never a data file of the tool
    (`allowed` names the data folders this output may write, like schema/ for `lmhtx schema`)."""
    shown = str(path)
    landing = checked_target(root, path, shown, folder)
    if root is not None:
        relative = _inside(os.path.realpath(landing.parent) + os.sep + landing.name, os.path.realpath(root))
        if relative:
            first = relative.split(os.sep)[0]
            if (first in DATA_PARTS and first not in allowed) or relative in DATA_FILES or (folder and first in DATA_FILES):
                raise UserError(
                    _("{option} {path} would replace a data file of lmhtx ({part}); give another file or folder; nothing was written").format(option=option, path=path, part=first + ("/" if first not in DATA_FILES else "")), shown
                )
    return landing


def open_parent(root: Path, target: Path, shown: str) -> int | None:
    """The folder that will hold `target` (in the data folder `root`), opened one component at a
    time from the data folder without following a link (O_NOFOLLOW, as git does), missing folders
    created on the way; the write renames into this descriptor, so a folder swapped for a link
    after the checks cannot lead it elsewhere. None where the system cannot do this (Windows) or
    the target is not in the data folder; the caller then writes by path."""
    if not (os.rename in os.supports_dir_fd and os.open in os.supports_dir_fd and os.mkdir in os.supports_dir_fd):
        return None
    parent = os.path.abspath(target.parent)
    relative = _inside(parent, os.path.abspath(root))
    base = os.path.abspath(root)
    if relative is None:
        base = os.path.realpath(root)
        relative = _inside(parent, base)
    if relative is None:
        return None
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(base, flags)
    except OSError:
        return None
    try:
        for part in [p for p in relative.split(os.sep) if p]:
            if _is_git(part):
                raise _refused(_("this is inside git's own folder .git/, which lmhtx never writes"), shown)
            try:
                inner = os.open(part, flags | getattr(os, "O_NOFOLLOW", 0), dir_fd=fd)
            except FileNotFoundError:
                os.mkdir(part, 0o777, dir_fd=fd)
                inner = os.open(part, flags | getattr(os, "O_NOFOLLOW", 0), dir_fd=fd)
            os.close(fd)
            fd = inner
    except OSError as exc:
        os.close(fd)
        raise (
            _refused(_("the folder {folder} on the way is a symbolic link; lmhtx writes only into real folders of the data folder").format(folder=relative.replace(os.sep, "/")), shown)
            if exc.errno in (errno.ELOOP, errno.ENOTDIR)
            else UserError(_("cannot write the file: {reason}; nothing was changed").format(reason=exc.strerror or exc), shown)
        ) from None
    except BaseException:
        os.close(fd)
        raise
    return fd
