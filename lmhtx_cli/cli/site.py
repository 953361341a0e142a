"""`lmhtx site`: the dashboard, one folder of static HTML that opens from disk."""

from __future__ import annotations

import typer

from lmhtx_cli.cli.output import AsOfOption, LangOption, YearOption, emit, mention_warnings

app = typer.Typer(rich_markup_mode=None)


@app.command()
def site(
    ctx: typer.Context,
    output: str = typer.Option(..., "--output", "-o", help="The folder to write the site to (new, empty, or an earlier site, which is replaced)."),
    as_of: AsOfOption = None,
    year: YearOption = None,
    lang: LangOption = None,
) -> None:
    """The dashboard: the year at a glance, each unit, each initiative, meetings and petitions, as HTML."""
    from pathlib import Path

    from lmhtx_cli.dates import parse_day, today_by_clock
    from lmhtx_cli.i18n import _, language
    from lmhtx_cli.render.site import SITE_MARKER, office_title, site_files
    from lmhtx_cli.reports.dashboard import build_dashboard
    from lmhtx_cli.settings import load_settings
    from lmhtx_cli.store.scaffold import check_replaceable, replace_tree

    check_replaceable(Path(output), SITE_MARKER)  # before the work, not after it
    workspace = ctx.obj
    chosen, _fell_back = workspace.pick_year(year)
    programme, problems = workspace.programme(chosen)
    mention_warnings(problems)
    members = None
    if workspace.has_members():
        members, member_problems = workspace.members()
        mention_warnings(member_problems)
    dashboard = build_dashboard(programme, parse_day(as_of) if as_of else today_by_clock(), members)
    written = replace_tree(Path(output), site_files(dashboard, office_title(load_settings(workspace.root)), lang or language()), SITE_MARKER)
    emit(_("Wrote the dashboard of {year} to {folder}; open {index} in a browser.").format(year=chosen, folder=written, index=written / "index.html") + "\n")
