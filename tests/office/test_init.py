"""`lmhtx init DIR`: a new office's data repository that validates at once."""

from __future__ import annotations

import re
import subprocess

import pytest
import yaml

from lmhtx_cli.cli import init as init_command
from lmhtx_cli.workspace.office import letterhead
from tests.conftest import REPO
from tests.office.conftest import OFFICE, check_jsonschema, tool

DATA_FILES = [
    "plans/2025/plan.yaml",
    *[f"plans/2025/{m:02d}.yaml" for m in range(1, 13)],
    "members/areas.yaml",
    "members/clubs.yaml",
    "members/members.yaml",
    "members/fees/2025.yaml",
    "members/meetings/2025.yaml",
    "members/petitions/2025.yaml",
    "settings.yaml",
]
REPO_FILES = [".gitattributes", ".gitignore", ".pre-commit-config.yaml", ".github/workflows/lmhtx.yml", ".gitlab-ci.yml", ".lmhtx-ci/merge.sh", "README.md"]


def _files(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_it_writes_the_data_the_schemas_and_the_repository_files(new_office):
    files = _files(new_office)
    assert set(DATA_FILES + REPO_FILES) <= set(files)
    assert sorted(f for f in files if f.startswith("schema/")) == sorted(f"schema/{p.name}" for p in (REPO / "schema").glob("*.json"))
    assert not any(p.name.startswith(".") and "lmhtx" in p.name for p in new_office.parent.iterdir())  # no staging folder left


def test_the_new_repository_validates_at_once_even_strictly(lmhtx, new_office):
    for args in (("validate",), ("validate", "--strict")):
        run = lmhtx(*args, root=new_office)
        assert run.code == 0, run.out + run.err
        assert "error" not in run.out and "warning" not in run.out and "cảnh báo" not in run.out


def test_months_hold_empty_lists_and_the_plan_the_units(new_office):
    for month in range(1, 13):
        data = yaml.safe_load((new_office / f"plans/2025/{month:02d}.yaml").read_text(encoding="utf-8"))
        assert data == {"year": 2025, "month": month, "units": {}}
    plan = yaml.safe_load((new_office / "plans/2025/plan.yaml").read_text(encoding="utf-8"))
    assert [u["code"] for u in plan["units"]] == ["vp", "khth", "kttv", "tttt", "ttht", "ttdt", "quy"]
    assert OFFICE in plan["title"]
    for name, key in (("areas", "areas"), ("clubs", "clubs"), ("members", "members")):
        assert yaml.safe_load((new_office / f"members/{name}.yaml").read_text(encoding="utf-8")) == {key: []}
    for name in ("fees", "petitions"):
        assert yaml.safe_load((new_office / f"members/{name}/2025.yaml").read_text(encoding="utf-8")) == {"year": 2025, name: []}
    meetings = yaml.safe_load((new_office / "members/meetings/2025.yaml").read_text(encoding="utf-8"))["meetings"]
    assert [(m["id"], m["quarter"], m["lead_unit"], m["status"]) for m in meetings] == [(f"2025-q{q}", q, "khth", "planned") for q in (1, 2, 3, 4)]


def test_the_default_units_are_those_of_the_latest_plan_shipped():
    shipped = yaml.safe_load((REPO / "templates/office/units.yaml").read_text(encoding="utf-8"))["units"]
    latest = max(int(p.name) for p in (REPO / "plans").iterdir() if p.name.isdigit())
    assert shipped == yaml.safe_load((REPO / f"plans/{latest}/plan.yaml").read_text(encoding="utf-8"))["units"]


def test_every_data_file_names_its_schema_for_editors(new_office):
    for name in DATA_FILES:
        first = (new_office / name).read_text(encoding="utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, name
        assert (new_office / name).parent.joinpath(match.group(1)).resolve().is_file(), name


def test_settings_carry_the_office_and_its_letterhead(new_office):
    settings = yaml.safe_load((new_office / "settings.yaml").read_text(encoding="utf-8"))
    assert settings["agency"] == ["LIÊN MINH HỢP TÁC XÃ", "TỈNH NINH BÌNH"]
    assert (settings["symbol"], settings["place"]) == ("LMHTX", "Ninh Bình")


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Liên minh Hợp tác xã thành phố Hải Phòng", (["LIÊN MINH HỢP TÁC XÃ", "THÀNH PHỐ HẢI PHÒNG"], "LMHTX", "Hải Phòng")),
        ("Liên minh HTX tỉnh Lào Cai", (["LIÊN MINH HTX TỈNH LÀO CAI"], "CQ", "")),
        ("lien minh hop tac xa tinh Quang Ninh", (["LIEN MINH HOP TAC XA", "TINH QUANG NINH"], "LMHTX", "Quang Ninh")),
        ("Liên minh Hợp tác xã TP. Huế", (["LIÊN MINH HỢP TÁC XÃ", "TP. HUẾ"], "LMHTX", "Huế")),
        ("Hợp tác xã Nông nghiệp An Phú", (["HỢP TÁC XÃ NÔNG NGHIỆP AN PHÚ"], "CQ", "")),
    ],
)
def test_the_letterhead_is_guessed_from_the_name(name, expected):
    assert letterhead(name) == expected


def test_the_readme_is_vietnamese_and_names_the_office_and_its_units(new_office):
    readme = (new_office / "README.md").read_text(encoding="utf-8")
    assert readme.startswith(f"# Chương trình công tác năm 2025 — {OFFICE}\n")
    for words in ("Cài đặt", "Bắt đầu", "lmhtx validate", "lmhtx site --output _site", "Phòng Kế hoạch - Tổng hợp", "GitHub Pages", "GitLab Pages"):
        assert words in readme


def test_units_from_a_file(lmhtx, tmp_path):
    units = tmp_path / "units.yaml"
    units.write_text('units:\n  - code: vp\n    name: "Văn phòng"\n  - code: tccb\n    name: "Ban Tổ chức cán bộ"\n    aliases: ["TCCB"]\n', encoding="utf-8")
    root = tmp_path / "o"
    run = lmhtx("init", str(root), "--office", "Liên minh HTX tỉnh Điện Biên", "--year", "2026", "--units", str(units), root=None)
    assert run.code == 0, run.err
    assert [u["code"] for u in yaml.safe_load((root / "plans/2026/plan.yaml").read_text(encoding="utf-8"))["units"]] == ["vp", "tccb"]
    meetings = yaml.safe_load((root / "members/meetings/2026.yaml").read_text(encoding="utf-8"))["meetings"]
    assert {m["lead_unit"] for m in meetings} == {"vp"}  # no planning department: the first unit
    assert lmhtx("validate", "--strict", root=root).code == 0
    assert "tccb" in lmhtx("units", "--year", "2026", root=root).out


@pytest.mark.parametrize(
    "units_text, words",
    [
        ("units: []\n", "units:"),
        ("units:\n  - code: Bad Code\n    name: x\n", "units.yaml:2"),
        ("units: [\n", "units.yaml"),
        (None, "không có tệp danh sách đơn vị"),
    ],
)
def test_a_bad_units_file_is_a_located_error_and_nothing_is_written(lmhtx, tmp_path, units_text, words):
    units = tmp_path / "units.yaml"
    if units_text is not None:
        units.write_text(units_text, encoding="utf-8")
    run = lmhtx("init", str(tmp_path / "o"), "--office", OFFICE, "--year", "2025", "--units", str(units), root=None)
    assert run.code != 0 and words in run.err and "Traceback" not in run.err
    assert not (tmp_path / "o").exists()


def test_a_folder_that_is_not_empty_is_refused_untouched(lmhtx, tmp_path):
    target = tmp_path / "busy"
    target.mkdir()
    (target / "notes.txt").write_text("giữ nguyên", encoding="utf-8")
    run = lmhtx("init", str(target), "--office", OFFICE, "--year", "2025", root=None)
    assert run.code == 2
    assert "không trống" in run.err and str(target) in run.err
    assert _files(target) == ["notes.txt"] and (target / "notes.txt").read_text(encoding="utf-8") == "giữ nguyên"


def test_an_empty_folder_is_used_and_a_file_is_refused(lmhtx, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert lmhtx("init", str(empty), "--office", OFFICE, "--year", "2025", root=None).code == 0
    assert (empty / "plans/2025/plan.yaml").is_file()
    a_file = tmp_path / "file"
    a_file.write_text("x", encoding="utf-8")
    run = lmhtx("init", str(a_file), "--office", OFFICE, "--year", "2025", root=None)
    assert run.code == 2 and "không phải thư mục" in run.err


@pytest.mark.parametrize(
    "args, words",
    [
        (["--year", "2025"], "--office"),  # no name and no terminal to ask on
        (["--office", "  ", "--year", "2025"], "--office"),
        (["--office", OFFICE, "--year", "1800"], "1800"),
        (["--office", OFFICE, "--year", "năm nay"], "--year"),
    ],
)
def test_what_a_script_gets_wrong_is_a_one_line_error(lmhtx, tmp_path, args, words):
    run = lmhtx("init", str(tmp_path / "o"), *args, root=None)
    assert run.code == 2 and words in run.err and len(run.err.strip().splitlines()) == 1
    assert not (tmp_path / "o").exists()


def test_on_a_terminal_it_asks_in_vietnamese(lmhtx, tmp_path, monkeypatch):
    monkeypatch.setattr(init_command, "stdin_is_terminal", lambda: True)
    from typer.testing import CliRunner

    from lmhtx_cli.cli import app

    result = CliRunner().invoke(app, ["init", str(tmp_path / "o")], input="Liên minh Hợp tác xã tỉnh Hưng Yên\n2027\n\n")
    assert result.exit_code == 0, result.output
    assert "Tên cơ quan" in result.output and "Năm kế hoạch" in result.output and "Tệp danh sách đơn vị" in result.output
    assert (tmp_path / "o/plans/2027/plan.yaml").is_file()
    assert "TỈNH HƯNG YÊN" in (tmp_path / "o/settings.yaml").read_text(encoding="utf-8")


def test_the_same_answers_give_the_same_bytes(lmhtx, tmp_path):
    for name in ("a", "b"):
        assert lmhtx("init", str(tmp_path / name), "--office", OFFICE, "--year", "2025", "--package", "lmhtx==9.9", root=None).code == 0
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    for name in _files(tmp_path / "a"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_gitattributes_send_data_files_to_the_merge_driver(new_office):
    lines = (new_office / ".gitattributes").read_text(encoding="utf-8").splitlines()
    assert "plans/**/*.yaml merge=lmhtx" in lines and "members/**/*.yaml merge=lmhtx" in lines


def test_the_pre_commit_hook_runs_validate_with_no_edit(new_office):
    config = yaml.safe_load((new_office / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = config["repos"][0]["hooks"][0]
    assert config["repos"][0]["repo"] == "local"
    assert (hook["id"], hook["entry"], hook["language"], hook["pass_filenames"]) == ("lmhtx-validate", "lmhtx validate", "system", False)
    pattern = re.compile(hook["files"])
    assert all(pattern.search(name) for name in ("plans/2025/01.yaml", "members/areas.yaml", "members/fees/2025.yaml", "settings.yaml"))
    assert not pattern.search("README.md")
    entry = hook["entry"].split()
    ran = subprocess.run([tool(entry[0]), *entry[1:]], cwd=new_office, capture_output=True, text=True, timeout=60)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    (new_office / "plans/2025/03.yaml").write_text("year: 2025\nmonth: 4\nunits: {}\n", encoding="utf-8")
    ran = subprocess.run([tool(entry[0]), *entry[1:]], cwd=new_office, capture_output=True, text=True, timeout=60)
    assert ran.returncode == 1 and "plans/2025/03.yaml" in ran.stdout  # the hook stops a wrong commit


def test_ci_installs_the_package_it_is_given(new_office, lmhtx, tmp_path):
    assert 'LMHTX_PACKAGE: "lmhtx==' in (new_office / ".github/workflows/lmhtx.yml").read_text(encoding="utf-8")
    root = tmp_path / "pinned"
    assert lmhtx("init", str(root), "--office", OFFICE, "--year", "2025", "--package", "lmhtx @ git+https://example.invalid/lmhtx@v1", root=None).code == 0
    for name in (".github/workflows/lmhtx.yml", ".gitlab-ci.yml"):
        assert 'LMHTX_PACKAGE: "lmhtx @ git+https://example.invalid/lmhtx@v1"' in (root / name).read_text(encoding="utf-8")


def test_the_ci_files_validate_against_the_hosts_schemas(new_office):
    github = check_jsonschema("vendor.github-workflows", new_office / ".github/workflows/lmhtx.yml")
    assert github.returncode == 0, github.stdout + github.stderr
    gitlab = check_jsonschema("vendor.gitlab-ci", new_office / ".gitlab-ci.yml")
    assert gitlab.returncode == 0, gitlab.stdout + gitlab.stderr


def test_the_schema_check_would_notice_a_broken_ci_file(new_office):
    workflow = new_office / ".github/workflows/lmhtx.yml"
    workflow.write_text(workflow.read_text(encoding="utf-8").replace("runs-on: ubuntu-latest", "runs-on: [1, 2]\n    timeout-minutes: soon", 1), encoding="utf-8")
    assert check_jsonschema("vendor.github-workflows", workflow).returncode != 0
    gitlab = new_office / ".gitlab-ci.yml"
    gitlab.write_text(gitlab.read_text(encoding="utf-8").replace("stage: check", "stage: check\n  when: sometimes", 1), encoding="utf-8")
    assert check_jsonschema("vendor.gitlab-ci", gitlab).returncode != 0


def test_ci_does_what_the_issue_asks(new_office):
    github = yaml.safe_load((new_office / ".github/workflows/lmhtx.yml").read_text(encoding="utf-8"))
    triggers = github[True]  # YAML 1.1 reads the key `on` as true
    assert {"push", "pull_request", "schedule"} <= set(triggers)
    steps = "\n".join(str(step.get("run", "")) + str(step.get("uses", "")) for job in github["jobs"].values() for step in job.get("steps", []))
    for words in ("lmhtx validate", "lmhtx plan diff", '--format md >> "$GITHUB_STEP_SUMMARY"', "lmhtx digest", "lmhtx site --output _site", "actions/deploy-pages"):
        assert words in steps
    gitlab = yaml.safe_load((new_office / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert gitlab["validate"]["script"] == ["lmhtx validate"]
    assert "lmhtx plan diff" in gitlab["plan-diff"]["script"][0] and gitlab["plan-diff"]["artifacts"]["expose_as"]
    assert gitlab["digest"]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "schedule"'}]
    assert gitlab["pages"]["script"] == ["lmhtx site --output public"] and gitlab["pages"]["artifacts"]["paths"] == ["public"]


def _vietnamese(text: str) -> bool:
    import unicodedata

    return any(ch in "đĐ" or unicodedata.normalize("NFD", ch) != ch for ch in text)


@pytest.mark.parametrize("name", DATA_FILES + REPO_FILES)
def test_every_comment_it_writes_is_in_vietnamese(new_office, name):
    """A new office reads its files in Vietnamese: every comment line, whatever the file."""
    comments = [line.strip() for line in (new_office / name).read_text(encoding="utf-8").splitlines() if line.strip().startswith("#")]
    examples = re.compile(r"^#\s+(- )?[a-z_]+:")  # a YAML example in a comment
    english = [c for c in comments if not _vietnamese(c) and not c.startswith(("# yaml-language-server", "#!")) and not examples.match(c) and len(c) > 12]
    assert english == [], english


def test_without_package_it_warns_loudly_that_the_ci_installs_a_version_no_index_has(lmhtx, tmp_path, monkeypatch):
    monkeypatch.setattr("lmhtx_cli.store.package.pip_requirement", lambda: "lmhtx==0.1.0")
    run = lmhtx("init", str(tmp_path / "o"), "--office", OFFICE, "--year", "2025", root=None)
    assert run.code == 0 and "cảnh báo" in run.err and "--package" in run.err and "lmhtx==0.1.0" in run.err
    quiet = lmhtx("init", str(tmp_path / "p"), "--office", OFFICE, "--year", "2025", "--package", "lmhtx @ git+https://example.invalid/lmhtx@abc", root=None)
    assert quiet.code == 0 and "cảnh báo" not in quiet.err
