"""What the site tests share: a copy of the 2024 data with some progress recorded, and its site."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO

AS_OF = "01/11/2024"  # one sample petition open and overdue, one answered, one not yet received
MARKS = [
    (["01-vp-1", "01-vp-2", "01-vp-3", "01-khth-1"], "done", "20/01/2024", ["--ref", "Số 66/KH-LMHTX"]),
    (["05-quy-2"], "in_progress", "21/05/2024", []),
    (["02-kttv-1"], "cancelled", "10/02/2024", ["--note", "Hủy <b>hội nghị</b> & \"bàn\" 'lại'"]),
]


@pytest.fixture(scope="session")
def marked_root(tmp_path_factory) -> Path:
    """The 2024 programme and members with a few marks (one note holding HTML), shared by the session."""
    from typer.testing import CliRunner

    from lmhtx_cli.cli import app

    root = tmp_path_factory.mktemp("data")
    for name in ("plans", "members"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "settings.yaml", root / "settings.yaml")
    runner = CliRunner()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LMHTX_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
        for ids, status, on, extra in MARKS:
            result = runner.invoke(app, ["--root", str(root), "plan", "mark", *ids, status, "--on", on, "--by", "Lan", *extra])
            assert result.exit_code == 0, result.output
    return root


@pytest.fixture(scope="session")
def built_site(marked_root, tmp_path_factory) -> Path:
    from typer.testing import CliRunner

    from lmhtx_cli.cli import app

    output = tmp_path_factory.mktemp("site") / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LMHTX_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
        patch.setenv("LMHTX_LANG", "vi")
        result = CliRunner().invoke(app, ["--root", str(marked_root), "site", "--output", str(output), "--as-of", AS_OF, "--year", "2024", "--lang", "vi"])
    assert result.exit_code == 0, result.output
    return output
