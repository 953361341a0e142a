"""What `lmhtx site` draws from: the year's programme, the members when there are some, and the
office's settings for the title (reports/dashboard.py computes the dashboard's figures)."""

from __future__ import annotations

from dataclasses import dataclass

from lmhtx_cli.errors import Problem


@dataclass
class SiteSources:
    year: int
    programme: object  # plan/programme.Programme
    members: object | None  # members/data.MemberData, None without members/
    settings: object  # settings.Settings
    problems: list[Problem]  # warnings of the plan and member files
    provenance: dict | None = None  # what it is computed from, but the as-of date (workspace/provenance.py)


def site_sources(workspace, year: int | None) -> SiteSources:
    from lmhtx_cli.settings import load_settings

    chosen, _fell_back = workspace.pick_year(year)
    programme, problems = workspace.programme(chosen)
    members = None
    if workspace.has_members():
        members, member_problems = workspace.members()
        problems = problems + member_problems
    from lmhtx_cli.workspace.provenance import provenance

    return SiteSources(chosen, programme, members, load_settings(workspace.root), problems, provenance(workspace, "site", None, year=chosen))
