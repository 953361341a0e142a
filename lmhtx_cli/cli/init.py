"""`lmhtx init DIR`: a new office's data repository, ready for git, pre-commit and CI."""

from __future__ import annotations

import sys
from typing import Optional

import typer

from lmhtx_cli.cli.output import LangOption, emit, note
from lmhtx_cli.i18n import N_, _

app = typer.Typer(rich_markup_mode=None)


def stdin_is_terminal() -> bool:
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


@app.command(help=N_("Create a new office's data repository: a plan year, members, settings, schemas, README, pre-commit and CI."))
def init(
    directory: str = typer.Argument(..., metavar="DIR", help=N_("The new repository's folder (it must be new or empty).")),
    office: Optional[str] = typer.Option(None, "--office", help=N_('The office\'s name, e.g. "Liên minh Hợp tác xã tỉnh Ninh Bình" (asked on a terminal when left out).')),
    year: Optional[int] = typer.Option(None, "--year", help=N_("The plan year, e.g. 2025 (default: this year).")),
    units: Optional[str] = typer.Option(None, "--units", help=N_("A YAML file listing the units (units: [{code, name, aliases}]), e.g. a plan.yaml; default: the seven units of the 2024 programme.")),
    package: Optional[str] = typer.Option(None, "--package", help=N_("How the generated CI installs lmhtx, as a pip requirement (default: this version of lmhtx).")),
    lang: LangOption = None,
) -> None:
    from pathlib import Path

    from lmhtx_cli import __version__
    from lmhtx_cli.render.office import office_bytes
    from lmhtx_cli.store.package import pip_requirement
    from lmhtx_cli.store.scaffold import create_tree
    from lmhtx_cli.workspace.office import compose_office, office_units

    office, year, units = _asked(office, year, units)
    target = Path(directory)
    files = compose_office(target, office, year, office_units(Path(units) if units else None), package or pip_requirement(), __version__)
    created = create_tree(target, office_bytes(files))
    emit(_created_text(created, files))
    requirement = package or files.context["package"]
    if package is None and requirement.startswith("lmhtx=="):
        note(
            _(
                "lmhtx: warning: the CI files install {requirement}, which no public package index holds: their jobs will fail until you run init again with --package 'lmhtx @ git+https://…/lmhtx@COMMIT' (or edit LMHTX_PACKAGE in .github/workflows/lmhtx.yml and .gitlab-ci.yml)"
            ).format(requirement=requirement)
        )


def _asked(office: Optional[str], year: Optional[int], units: Optional[str]) -> tuple[str, int, Optional[str]]:
    """What the options leave out, asked in the run's language on a terminal; a script without a
    terminal gets an error instead of a question that nobody answers."""
    from lmhtx_cli.dates import today_by_clock
    from lmhtx_cli.errors import UserError
    from lmhtx_cli.i18n import _

    this_year = today_by_clock().year
    if office is None:
        if not stdin_is_terminal():
            raise UserError(_("no --office given: name the office with --office NAME (questions need a terminal)"))
        office = typer.prompt(_("Office name (e.g. Liên minh Hợp tác xã tỉnh Ninh Bình)"))
        if year is None:
            year = typer.prompt(_("Plan year"), default=this_year, type=int)
        if units is None:
            units = typer.prompt(_("Units file (YAML; press Enter for the seven units of the 2024 programme)"), default="", show_default=False) or None
    return office, year if year is not None else this_year, units


def _created_text(created, files) -> str:
    from lmhtx_cli.i18n import _

    context = files.context
    lines = [
        _("Created {folder}: the {year} plan with {units} units, {files} files.").format(folder=created, year=context["year"], units=len(context["units"]), files=len(files.texts) + len(files.templates)),
        _("Next: check settings.yaml and the units, then:"),
        f'  cd "{created}"',
        "  git init && git add -A && git commit -m " + '"' + _("Work programme {year}").format(year=context["year"]) + '"',
        "  lmhtx validate",
    ]
    return "\n".join(lines) + "\n"
