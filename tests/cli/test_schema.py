"""`lmhtx schema` and the editor hints at the top of each data file."""

from __future__ import annotations

import json
import re

from tests.conftest import REPO


def test_schema_writes_json_schemas_that_the_data_files_point_at(lmhtx, tmp_path):
    run = lmhtx("schema", "--output", str(tmp_path))
    assert run.code == 0
    month = json.loads((tmp_path / "month.schema.json").read_text(encoding="utf-8"))
    plan = json.loads((tmp_path / "plan.schema.json").read_text(encoding="utf-8"))
    assert set(month["properties"]) == {"year", "month", "units"}
    assert month["$defs"]["Task"]["additionalProperties"] is False
    assert plan["properties"]["units"]["minItems"] == 1
    # the committed copies are the same as what the tool writes now
    for name in ("month.schema.json", "plan.schema.json", "members.schema.json", "meetings.schema.json", "petitions.schema.json", "fees.schema.json", "areas.schema.json", "clubs.schema.json", "settings.schema.json"):
        fresh = (tmp_path / name).read_text(encoding="utf-8")
        assert (REPO / "schema" / name).read_text(encoding="utf-8") == fresh
        # the copy the tool checks valid files against, before asking pydantic (schema_check.py)
        assert (REPO / "lmhtx_cli" / "schemas" / name).read_text(encoding="utf-8") == fresh


def test_every_data_file_names_an_existing_schema():
    for path in sorted([*(REPO / "plans").rglob("*.yaml"), *(REPO / "members").rglob("*.yaml")]):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, path
        assert (path.parent / match.group(1)).resolve().exists(), path


def test_pre_commit_hook_runs_validate():
    text = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "entry: lmhtx validate" in text and "pass_filenames: false" in text
