"""members/: read the files, check each against its schema and all of them against each other.

Only this module (and loader.py for plans/) reads data files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lmhtx_cli.errors import Problem
from lmhtx_cli.i18n import _
from lmhtx_cli.store.documents import conform, read_doc
from lmhtx_cli.store.paths import display_path, entries, exists, is_folder, is_year_name, looks_like_a_number
from lmhtx_cli.store.yamlio import YamlDoc

YEAR_FILE = re.compile(r"^([0-9]{4})\.ya?ml$")  # digits 0-9: `\d` would take "２０２４"
# Each file's schema by the name of its pydantic model: valid files are checked against the exported
# JSON Schema, and the model (pydantic: ~100 ms to import) is loaded only to word a problem.
SINGLE_FILES = {"areas.yaml": "AreasFile", "clubs.yaml": "ClubsFile", "members.yaml": "MembersFile"}
YEARLY_FOLDERS = {"fees": "FeesFile", "meetings": "MeetingsFile", "petitions": "PetitionsFile"}


def _model(name: str):
    from lmhtx_cli.members import model

    return getattr(model, name)


@dataclass
class Loaded:
    doc: YamlDoc
    model: object | None
    year: int | None = None


@dataclass
class MemberDocs:
    """What members/ holds, as read: each file's positions and model (None when it did not validate)."""

    singles: dict[str, Loaded] = field(default_factory=dict)
    yearly: dict[str, dict[int, Loaded]] = field(default_factory=lambda: {k: {} for k in YEARLY_FOLDERS})
    problems: list[Problem] = field(default_factory=list)

    def model(self, name: str):
        loaded = self.singles.get(name)
        return loaded.model if loaded else None


def read_members(root: Path, overrides: dict[Path, str] | None = None) -> MemberDocs:
    folder = root / "members"
    docs = MemberDocs()
    if not is_folder(folder):
        return docs
    for name, model in SINGLE_FILES.items():
        path = folder / name
        if exists(path) or (overrides and path in overrides):
            doc = read_doc(path, root, overrides, track_depth=2)
            docs.singles[name] = Loaded(doc, conform(doc, model, lambda model=model: _model(model)))
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
            doc = read_doc(path, root, overrides, track_depth=2)
            loaded = Loaded(doc, conform(doc, model, lambda model=model: _model(model)), int(match.group(1)))
            docs.yearly[sub][loaded.year] = loaded
    return docs
