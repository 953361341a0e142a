"""A new office's data repository (`lmhtx init`): which files it holds and what each is made from.

The plan files come from the same writer as an import (store/emit.py), the schemas from the
models; everything else (the members' files, settings, README, pre-commit and CI files) from the
templates under templates/office/, rendered by the layer above. The plan is checked in memory
before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lmhtx_cli.errors import DataError, UserError
from lmhtx_cli.i18n import _
from lmhtx_cli.store.emit import UnitSpec, month_file_text, plan_file_text
from lmhtx_cli.store.gitconfig import ATTRIBUTES, ATTRIBUTES_COMMENT
from lmhtx_cli.text import collapse_spaces, fold, nfc

# path in the new repository -> template under templates/office/ ({year} is the plan year)
TEMPLATES = {
    "README.md": "README.md.j2",
    "settings.yaml": "settings.yaml.j2",
    ".gitignore": "gitignore.j2",
    ".pre-commit-config.yaml": "pre-commit-config.yaml.j2",
    ".github/workflows/lmhtx.yml": "github-workflow.yml.j2",
    ".gitlab-ci.yml": "gitlab-ci.yml.j2",
    ".lmhtx-ci/merge.sh": "ci-merge.sh.j2",  # the CI's merge with the driver, called by both CI files
    "members/areas.yaml": "areas.yaml.j2",
    "members/clubs.yaml": "clubs.yaml.j2",
    "members/members.yaml": "members.yaml.j2",
    "members/fees/{year}.yaml": "fees.yaml.j2",
    "members/meetings/{year}.yaml": "meetings.yaml.j2",
    "members/petitions/{year}.yaml": "petitions.yaml.j2",
}
DEFAULT_UNITS = "units.yaml"  # templates/office/units.yaml: the units of the latest plan shipped
ALLIANCE = ("lien", "minh", "hop", "tac", "xa")  # "Liên minh Hợp tác xã …" in folded words
PLACE_WORDS = (("thanh", "pho"), ("tinh",), ("tp",))


@dataclass
class OfficeFiles:
    """What `lmhtx init` writes: texts as they are, and files to render from a template."""

    texts: dict[str, str]
    templates: dict[str, str]
    context: dict = field(default_factory=dict)


def default_units() -> list[UnitSpec]:
    from lmhtx_cli.store.templates import builtin_templates
    from lmhtx_cli.workspace.imports import read_units_file

    return read_units_file(builtin_templates() / "office" / DEFAULT_UNITS)


def office_units(units_file: Path | None) -> list[UnitSpec]:
    from lmhtx_cli.store.paths import exists
    from lmhtx_cli.workspace.imports import read_units_file

    if units_file is None:
        return default_units()
    if not exists(units_file):
        raise UserError(_("there is no units file {path} (--units)").format(path=units_file))
    return read_units_file(units_file)


def office_name(typed: str) -> str:
    name = collapse_spaces(nfc(typed or "")).strip()
    if not name:
        raise UserError(_("the office needs a name (--office)"))
    if len(name) > 200:
        raise UserError(_("the office's name is longer than 200 characters"))
    if any(ord(ch) < 32 for ch in name):
        raise UserError(_("the office's name holds a control character"))
    return name


def plan_year(year: int) -> int:
    if not 1900 <= year <= 2999:
        raise UserError(_("{year} is not a plan year (1900-2999)").format(year=year))
    return year


def letterhead(office: str) -> tuple[list[str], str, str]:
    """The agency lines, symbol and place for settings.yaml, guessed from the office's name:
    "Liên minh Hợp tác xã tỉnh Ninh Bình" gives LIÊN MINH HỢP TÁC XÃ / TỈNH NINH BÌNH, LMHTX and
    Ninh Bình; any other name is one upper-case line, symbol CQ and no place (to fill in)."""
    words = office.split()
    folded = [fold(w) for w in words]
    if tuple(folded[:5]) == ALLIANCE and len(words) > 5:
        rest, rest_folded = words[5:], folded[5:]
        place = rest
        for prefix in PLACE_WORDS:
            if tuple(rest_folded[: len(prefix)]) == prefix and len(rest) > len(prefix):
                place = rest[len(prefix) :]
                break
        return [" ".join(words[:5]).upper(), " ".join(rest).upper()], "LMHTX", " ".join(place)
    return [office.upper()], "CQ", ""


def lead_unit(units: list[UnitSpec]) -> str:
    """The unit that prepares member meetings: Kế hoạch - Tổng hợp where there is one (as in the
    2024 meeting plan), else the first unit."""
    for unit in units:
        if unit.code == "khth" or "ke hoach" in fold(unit.name):
            return unit.code
    return units[0].code


def plan_files(office: str, year: int, units: list[UnitSpec]) -> dict[str, str]:
    title = f"Chương trình công tác năm {year} của {office}"
    files = {f"plans/{year}/plan.yaml": plan_file_text(year, title, "", units)}
    for month in range(1, 13):
        files[f"plans/{year}/{month:02d}.yaml"] = month_file_text(year, month, [])
    return files


def compose_office(target: Path, office: str, year: int, units: list[UnitSpec], package: str, version: str) -> OfficeFiles:
    """Every file of a new office's repository, the plan checked before anything is written."""
    from lmhtx_cli.plan.checking import unwritten_year_errors
    from lmhtx_cli.workspace.schemas import schema_texts

    office, year = office_name(office), plan_year(year)
    if not units:
        raise UserError(_("the office needs at least one unit"))
    texts = plan_files(office, year, units)
    problems = unwritten_year_errors(target, year, texts)
    if problems:
        raise DataError(problems)
    texts.update({f"schema/{name}": text for name, text in schema_texts().items()})
    texts[".gitattributes"] = "\n".join((ATTRIBUTES_COMMENT, *ATTRIBUTES)) + "\n"  # what `lmhtx merge-driver install` checks for
    agency, symbol, place = letterhead(office)
    context = {
        "office": office,
        "year": year,
        "units": [{"code": u.code, "name": u.name} for u in units],
        "lead_unit": lead_unit(units),
        "agency": agency,
        "symbol": symbol,
        "place": place,
        "package": package,
        "version": version,
    }
    templates = {path.format(year=year): name for path, name in TEMPLATES.items()}
    return OfficeFiles(texts, templates, context)
