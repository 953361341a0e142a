"""`lmhtx site`: the dashboard, one folder of static HTML that opens from disk."""

from __future__ import annotations

import typer

from lmhtx_cli.cli.output import AsOfOption, LangOption, YearOption, emit, mention_warnings
from lmhtx_cli.i18n import N_

app = typer.Typer(rich_markup_mode=None)


@app.command(help=N_("The dashboard: the year at a glance, each unit, each initiative, meetings and petitions, as HTML."))
def site(
    ctx: typer.Context,
    output: str = typer.Option(..., "--output", "-o", help=N_("The folder to write the site to (new, empty, or an earlier site, which is replaced).")),
    as_of: AsOfOption = None,
    year: YearOption = None,
    lang: LangOption = None,
) -> None:
    from pathlib import Path

    from lmhtx_cli.dates import parse_day, today_by_clock
    from lmhtx_cli.labels import check_lang
    from lmhtx_cli.render.site import SITE_MARKER, dashboard_files, site_written
    from lmhtx_cli.store.scaffold import check_replaceable, replace_tree
    from lmhtx_cli.workspace.site_sources import site_sources

    lang = check_lang(lang)
    check_replaceable(Path(output), SITE_MARKER, ctx.obj.root)  # before the work, not after it
    found = site_sources(ctx.obj, year)
    mention_warnings(found.problems)
    written = replace_tree(Path(output), dashboard_files(found, parse_day(as_of) if as_of else today_by_clock(), lang), SITE_MARKER, ctx.obj.root)
    emit(site_written(found.year, written))
