"""What a report, digest or dashboard was computed from (its provenance): the as-of date, the
data's git commit and whether the files differed from it, the tool's version; and the data set
as it was at such a commit, for `lmhtx verify` to compute the report again."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator

from lmhtx_cli import __version__


def provenance(workspace, document: str, day: dt.date | None, **what) -> dict:
    """The provenance of a `document` ("report", "digest", "site") counted on `day`; `what` names
    the rest of what was asked (period, year, unit, month), so it can be computed again. Outside
    a git repository the commit and `dirty` are None."""
    from lmhtx_cli.store.gitio import data_commit

    commit, dirty = data_commit(workspace.root)
    return {"tool": "lmhtx", "version": __version__, "document": document, **what, "as_of": day.isoformat() if day else None, "commit": commit, "dirty": dirty}


@contextlib.contextmanager
def workspace_at(workspace, commit: str) -> Iterator:
    """A Workspace over the data set's report inputs as they were at `commit`, in a private
    temporary folder removed afterwards (nothing cached from it)."""
    from lmhtx_cli.store.gitio import inputs_at
    from lmhtx_cli.store.snapshot import private_tree
    from lmhtx_cli.workspace.dataset import Workspace

    with private_tree(inputs_at(workspace.root, commit)) as folder:
        yield Workspace(str(folder), use_cache=False)
