"""members/: read the files, check each against its schema and all of them against each other.

Only this module (and loader.py for plans/) reads data files.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lmhtx_cli.errors import Problem
from lmhtx_cli.i18n import _, language
from lmhtx_cli.store.documents import conform, read_doc
from lmhtx_cli.store.paths import display_path, entries, exists, is_folder, is_year_name, looks_like_a_number
from lmhtx_cli.store.yamlio import YamlDoc

YEAR_FILE = re.compile(r"^([0-9]{4})\.ya?ml$")  # digits 0-9: `\d` would take "２０２４"
# Each file's schema by the name of its pydantic model: valid files are checked against the exported
# JSON Schema, and the model (pydantic: ~100 ms to import) is loaded only to word a problem.
SINGLE_FILES = {"areas.yaml": "AreasFile", "clubs.yaml": "ClubsFile", "members.yaml": "MembersFile"}
YEARLY_FOLDERS = {"fees": "FeesFile", "meetings": "MeetingsFile", "petitions": "PetitionsFile"}
RECORDS = {"MembersFile": "members", "FeesFile": "fees", "MeetingsFile": "meetings", "PetitionsFile": "petitions"}  # each file's list of records


def _model(name: str):
    from lmhtx_cli.members import model

    return getattr(model, name)


@dataclass
class Loaded:
    doc: YamlDoc
    model: object | None
    year: int | None = None
    checked: list[Problem] | None = None  # what the rules that judge a file on its own found in it
    records: list | None = None  # its records as the member data holds them (data.Located)


@dataclass
class MemberDocs:
    """What members/ holds, as read: each file's positions and model (None when it did not validate)."""

    singles: dict[str, Loaded] = field(default_factory=dict)
    yearly: dict[str, dict[int, Loaded]] = field(default_factory=lambda: {k: {} for k in YEARLY_FOLDERS})
    problems: list[Problem] = field(default_factory=list)
    files: dict[Path, Loaded] = field(default_factory=dict)  # each file read, by its path

    def model(self, name: str):
        loaded = self.singles.get(name)
        return loaded.model if loaded else None


def read_members(root: Path, overrides: dict[Path, str] | None = None, use_cache: bool = True, prepare: Callable[[Loaded, str | None], None] | None = None) -> MemberDocs:
    """Every file of members/ as read and checked on its own (the cross-file rules are run by
    checking.py). A file that did not change comes from its own cache entry, so one file changed
    means one file read again; `overrides` are new texts checked before they are written.
    `prepare(loaded, key)` completes each file as read (checking.py: its own rules, its records),
    so the cache entry holds it; without it nothing is cached."""
    use_cache = use_cache and prepare is not None
    folder = root / "members"
    docs = MemberDocs()
    if not is_folder(folder):
        return docs
    for name, model in SINGLE_FILES.items():
        path = folder / name
        if exists(path) or (overrides and path in overrides):
            docs.singles[name] = docs.files[path] = _read_file(root, path, model, None, overrides, use_cache, prepare)
    for sub, model in YEARLY_FOLDERS.items():
        sub_folder = folder / sub
        if not is_folder(sub_folder):
            continue
        for path in sorted(set(entries(sub_folder)) | {p for p in (overrides or {}) if p.parent == sub_folder}):
            match = YEAR_FILE.match(path.name)
            if match and not is_year_name(match.group(1)):
                match = None
            if not match:
                if looks_like_a_number(path.stem) and path.suffix in (".yaml", ".yml"):
                    docs.problems.append(
                        Problem(display_path(path, root), 1, 1, "error", "bad-year-file", _("files in members/{folder}/ are named after a year from 1900 to 2999, in digits 0-9 (2024.yaml); this one is not read").format(folder=sub))
                    )
                elif path.suffix in (".yaml", ".yml"):
                    docs.problems.append(Problem(display_path(path, root), 1, 1, "warning", "unexpected-file", _("files in members/{folder}/ are named after their year (2024.yaml); this one is not read").format(folder=sub)))
                continue
            loaded = _read_file(root, path, model, int(match.group(1)), overrides, use_cache, prepare)
            docs.yearly[sub][loaded.year] = docs.files[path] = loaded
    return docs


# Each file as last read or loaded by this process, with the signature it was read under: a
# command that reads members/ twice (a write's check, then its cache refresh) reads each file once.
_in_memory: dict[tuple[str, str], tuple[tuple, Loaded]] = {}


def _read_file(root: Path, path: Path, model: str, year: int | None, overrides: dict[Path, str] | None, use_cache: bool, prepare) -> Loaded:
    def read() -> Loaded:
        doc = read_doc(path, root, overrides, track_depth=2)
        loaded = Loaded(doc, conform(doc, model, lambda: _model(model)), year)
        if prepare is not None:
            prepare(loaded, RECORDS.get(model))
        return loaded

    if (overrides and path in overrides) or not use_cache:
        return read()
    from lmhtx_cli.store import cache

    built_from = cache.signature([path])
    key = (str(path), language())
    known = _in_memory.get(key)
    if known is not None and known[0] == built_from:
        return known[1]
    loaded = cache.cached(root, file_subject(path), built_from, read)
    _in_memory[key] = (built_from, loaded)
    return loaded


def file_subject(path: Path) -> str:
    """The cache entry of one member file: by folder and name, and language (messages are in it)."""
    folder = "" if path.parent.name == "members" else f"{path.parent.name}-"
    return f"members-file-{folder}{path.name}-{language()}"


def keep_written(root: Path, docs: MemberDocs, written) -> None:
    """After a write: each written file's entry, as checked before it was written (the text on
    disk is the text checked), so the next command does not read it again."""
    from lmhtx_cli.store import cache

    for path in written:
        loaded = docs.files.get(path)
        if loaded is None:
            continue
        built_from = cache.signature([path])
        cache.store(root, file_subject(path), built_from, loaded)
        _in_memory[(str(path), language())] = (built_from, loaded)
