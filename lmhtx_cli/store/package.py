"""What the tool knows of its own installation: the pip requirement that installs this version
again elsewhere (a new office's CI installs the tool with it)."""

from __future__ import annotations

import json

from lmhtx_cli import __version__


def pip_requirement() -> str:
    """`lmhtx @ git+URL@COMMIT` when this copy was installed from a git repository (PEP 610's
    direct_url.json says so), else `lmhtx==VERSION` (a package index, or a local folder that
    CI cannot reach)."""
    from importlib import metadata

    try:
        text = metadata.distribution("lmhtx").read_text("direct_url.json")
        found = json.loads(text) if text else {}
    except (metadata.PackageNotFoundError, ValueError, OSError):
        found = {}
    vcs = found.get("vcs_info") if isinstance(found, dict) else None
    url = found.get("url", "") if isinstance(found, dict) else ""
    if isinstance(vcs, dict) and vcs.get("vcs") == "git" and isinstance(url, str) and url.startswith(("https://", "ssh://", "git@")):
        revision = vcs.get("commit_id") or vcs.get("requested_revision")
        return f"lmhtx @ git+{url}" + (f"@{revision}" if revision else "")
    return f"lmhtx=={__version__}"
