"""Start-up is guarded by what each command imports, not by a timing: a heavy library pulled in
by one careless import line (pydantic alone is ~100 ms) fails here, deterministically.

Each command runs as a real process on warm data (the cache filled by a first run), and reports
the modules it had imported when it exited."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

HEAVY = ("pydantic", "yaml", "rich", "jinja2", "docx", "matplotlib", "lxml", "filelock", "dateutil", "hypothesis")

WRAPPER = """
import atexit, json, sys
OUT = sys.argv[1]
def _report():
    with open(OUT, "w") as out:
        json.dump(sorted({m.split(".")[0] for m in sys.modules}), out)
atexit.register(_report)
sys.argv = ["lmhtx"] + sys.argv[2:]
from lmhtx_cli.cli import main
main()
"""


@pytest.fixture(scope="module")
def warm(tmp_path_factory):
    root = tmp_path_factory.mktemp("startup") / "data"
    for name in ("plans", "members", "settings.yaml"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
    cache = root.parent / "cache"
    env = {**os.environ, "LMHTX_CACHE_DIR": str(cache), "LMHTX_TODAY": "2024-05-20", "LMHTX_ROOT": str(root), "NO_COLOR": "1"}
    env.pop("LMHTX_NO_CACHE", None)
    return root, env


def imported(warm, *args: str, whole_names: bool = False, runs: int = 2) -> set[str]:
    """The packages a command imported (with `whole_names`, every module by its full name)."""
    root, env = warm
    out = root.parent / "modules.json"
    wrapper = WRAPPER.replace('{m.split(".")[0] for m in sys.modules}', "set(sys.modules)") if whole_names else WRAPPER
    for _ in range(runs):  # the first run fills the cache; the second is the one a user usually gets
        run = subprocess.run([sys.executable, "-c", wrapper, str(out), *args], env=env, capture_output=True, text=True, timeout=60)
        assert run.returncode in (0, 1), run.stderr
    return set(json.loads(Path(out).read_text()))


@pytest.mark.parametrize(
    ("args", "allowed"),
    [
        (("plan", "show", "--month", "5", "--unit", "quy"), ()),
        (("plan", "show", "05-quy-1"), ()),
        (("plan", "show", "--grep", "bản tin", "--format", "json"), ()),
        (("validate",), ()),
        (("units",), ()),
        (("members", "list"), ()),
        (("petitions", "list", "--open"), ()),
        (("report", "month", "5", "--year", "2024"), ("rich",)),
        (("report", "quarter", "II", "--year", "2024", "--format", "json"), ()),
        (("digest", "--month", "2024-05"), ("jinja2",)),
        (("plan", "threads", "--year", "2024"), ()),
    ],
)
def test_a_command_on_warm_data_imports_no_heavy_library_it_does_not_need(warm, args, allowed):
    heavy = imported(warm, *args) & set(HEAVY)
    assert heavy <= set(allowed), f"lmhtx {' '.join(args)} imported {sorted(heavy - set(allowed))}"


def test_a_mark_reads_yaml_but_loads_neither_pydantic_nor_a_renderer(warm):
    heavy = imported(warm, "plan", "mark", "05-quy-1", "in_progress", "--by", "Lan", "--on", "20/05/2024") & set(HEAVY)
    assert heavy <= {"yaml", "filelock"}, sorted(heavy)


# What a mark needs of the tool itself: its command, the plan and its checks, the write path, and
# the two renderers that word the change. Anything else (other commands, lists, reports, members,
# git when --by is given, the journal's random nonce for a change of one file) is a lazy import.
MARK_MODULES = {
    "lmhtx_cli.cli.plan",
    "lmhtx_cli.plan.edits",
    "lmhtx_cli.store.transaction",
    "lmhtx_cli.render.progress",
    "lmhtx_cli.render.escape",
}
NOT_FOR_A_MARK = ("lmhtx_cli.reports", "lmhtx_cli.members", "lmhtx_cli.importer", "lmhtx_cli.settings", "lmhtx_cli.cli.shared", "lmhtx_cli.render.listings", "lmhtx_cli.render.report", "lmhtx_cli.store.gitio")


def test_a_mark_imports_only_its_own_write_path(warm):
    imported(warm, "plan", "mark", "05-quy-2", "in_progress", "--by", "Lan", "--on", "20/05/2024")  # the cache warm
    modules = imported(warm, "plan", "mark", "05-quy-2", "done", "--by", "Lan", "--on", "21/05/2024", whole_names=True, runs=1)  # a real write
    assert MARK_MODULES <= modules  # the check sees the modules a mark does import
    ours = {m for m in modules if m.startswith("lmhtx_cli.")}
    assert not {m for m in ours if m.startswith(NOT_FOR_A_MARK)}, sorted(ours)
    assert {m for m in ours if m.startswith("lmhtx_cli.render.")} <= {"lmhtx_cli.render.progress", "lmhtx_cli.render.escape"}, sorted(ours)
    assert {m for m in ours if m.startswith("lmhtx_cli.cli.")} <= {"lmhtx_cli.cli.plan", "lmhtx_cli.cli.output", "lmhtx_cli.cli.registry", "lmhtx_cli.cli.filters", "lmhtx_cli.cli.help_text", "lmhtx_cli.cli.click_words"}, sorted(ours)
    assert not {"secrets", "hmac"} & modules  # the journal's nonce: only for a change of several files
    assert len(ours) <= 50, sorted(ours)


def test_the_guard_notices_a_heavy_import(warm):
    """The check itself works: a command that does need pydantic (a schema export) shows it."""
    assert "pydantic" in imported(warm, "schema", "--output", str(warm[0].parent / "schemas"))


def test_the_dashboard_draws_its_charts_without_matplotlib(warm, tmp_path):
    heavy = imported(warm, "site", "--output", str(tmp_path / "site"), "--year", "2024", "--as-of", "30/06/2024") & set(HEAVY)
    assert "matplotlib" not in heavy and "jinja2" in heavy, sorted(heavy)


@pytest.mark.parametrize("args", [("members", "list"), ("petitions", "list", "--open"), ("meetings", "list")])
def test_a_member_command_with_an_empty_cache_reads_valid_files_without_pydantic(warm, args):
    root, env = warm
    heavy = imported((root, {**env, "LMHTX_NO_CACHE": "1"}), *args) & set(HEAVY)
    assert "pydantic" not in heavy, sorted(heavy)
