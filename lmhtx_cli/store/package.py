"""What the tool knows of its own installation: the pip requirement that installs this version
again elsewhere (a new office's CI installs the tool with it)."""

from __future__ import annotations

import json

from lmhtx_cli import __version__


def pip_requirement() -> str:
    """`lmhtx @ git+URL@COMMIT` when this copy was installed from a git repository (PEP 610's
    direct_url.json says so), or from a local clone of one whose `origin` is on a host CI can
    reach (the clone's remote and commit), else `lmhtx==VERSION` (a package index)."""
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
    if isinstance(url, str) and url.startswith("file://"):
        cloned = _clone_origin(url[len("file://") :])
        if cloned:
            return cloned
    return f"lmhtx=={__version__}"


def _clone_origin(folder: str) -> str | None:
    """`lmhtx @ git+ORIGIN@COMMIT` for a local folder that is a git clone with a reachable origin."""
    from pathlib import Path
    from urllib.parse import unquote

    from lmhtx_cli.errors import UserError
    from lmhtx_cli.store.gitio import _git

    path = Path(unquote(folder))
    try:
        origin = _git(path, "remote", "get-url", "origin", check=False).stdout.decode("utf-8", "replace").strip()
        commit = _git(path, "rev-parse", "HEAD", check=False).stdout.decode("utf-8", "replace").strip()
    except (UserError, OSError):
        return None
    if origin.startswith(("https://", "ssh://", "git@")) and len(commit) == 40:
        return f"lmhtx @ git+{origin}@{commit}"
    return None
