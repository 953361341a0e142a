"""`lmhtx verify` and the provenance of reports: real git, real files, as a clerk would edit them."""

from __future__ import annotations

import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.conftest import DATA
from tests.gitutil import git, init_repo

REPORT = ("report", "month", "1", "--year", "2030", "--as-of", "31/01/2030")


@pytest.fixture
def repo(tmp_path) -> Path:
    root = tmp_path / "office"
    shutil.copytree(DATA / "small", root)
    init_repo(root)
    return root


def _reports(lmhtx, repo: Path, folder: Path) -> dict[str, Path]:
    """The month report as Markdown, JSON and Word, written outside the data folder."""
    folder.mkdir(exist_ok=True)
    written = {}
    for kind in ("md", "json", "docx"):
        written[kind] = folder / f"bao-cao.{kind}"
        assert lmhtx(*REPORT, "-f", kind, "-o", str(written[kind]), root=repo).code == 0
    return written


def _state(repo: Path) -> tuple[str, str, str]:
    """HEAD, the index and the work tree as git sees them: what verify must leave alone."""
    return git(repo, "rev-parse", "HEAD").stdout, git(repo, "ls-files", "-s").stdout, git(repo, "status", "--porcelain", "--untracked-files=all").stdout


def test_every_report_says_what_it_was_computed_from(lmhtx, repo, tmp_path):
    head = git(repo, "rev-parse", "HEAD").stdout.strip()
    files = _reports(lmhtx, repo, tmp_path / "out")
    line = f"Số liệu do lmhtx 0.1.0 tính đến ngày 31/01/2030, từ dữ liệu tại git commit {head[:12]}."
    data = json.loads(files["json"].read_text(encoding="utf-8"))
    assert data["provenance"] == {"tool": "lmhtx", "version": "0.1.0", "document": "report", "period": ["month", "1"], "year": 2030, "unit": None, "as_of": "2030-01-31", "commit": head, "dirty": False, "lang": "vi"}
    markdown = files["md"].read_text(encoding="utf-8")
    assert f"*{line}*" in markdown
    comment = re.search(r"<!-- lmhtx-provenance (\{.*\}) -->\n\Z", markdown)
    assert comment and json.loads(comment.group(1)) == data["provenance"]
    package = zipfile.ZipFile(files["docx"])
    custom = package.read("docProps/custom.xml").decode("utf-8")
    assert f'name="lmhtx.commit"><vt:lpwstr>{head}</vt:lpwstr>' in custom and 'name="lmhtx.as_of"><vt:lpwstr>2030-01-31<' in custom
    assert b"custom-properties" in package.read("[Content_Types].xml") and b"docProps/custom.xml" in package.read("_rels/.rels")
    import docx

    assert docx.Document(str(files["docx"])).paragraphs[-1].text == line
    assert " ".join(lmhtx(*REPORT, root=repo).out.split()).endswith(line)  # at the terminal, wrapped to its width
    digest = lmhtx("digest", "--month", "2030-01", "--as-of", "31/01/2030", root=repo).out
    assert line in digest and '"document":"digest"' in digest
    again = tmp_path / "again.md"
    assert lmhtx(*REPORT, "-f", "md", "-o", str(again), root=repo).code == 0
    assert again.read_bytes() == files["md"].read_bytes()  # no clock in it


def test_a_report_from_uncommitted_files_or_outside_git_says_so(english, lmhtx, repo, tmp_path):
    outside = tmp_path / "copy"
    shutil.copytree(DATA / "small", outside)
    run = lmhtx(*REPORT, "-f", "json", root=outside)
    assert json.loads(run.out)["provenance"]["commit"] is None
    assert "from data outside git (no commit)." in lmhtx(*REPORT, root=outside).out
    month = repo / "plans/2030/01.yaml"
    month.write_text(month.read_text(encoding="utf-8").replace("Tham mưu công tác tuyển dụng.", "Tham mưu tuyển dụng."), encoding="utf-8")
    assert json.loads(lmhtx(*REPORT, "-f", "json", root=repo).out)["provenance"]["dirty"] is True
    assert "with uncommitted changes (dirty)." in lmhtx(*REPORT, root=repo).out
    git(repo, "checkout", "--", "plans")
    (repo / "bao-cao.md").write_text("a report saved in the data folder is not an input\n", encoding="utf-8")
    assert json.loads(lmhtx(*REPORT, "-f", "json", root=repo).out)["provenance"]["dirty"] is False


def test_an_old_report_still_matches_after_later_commits(lmhtx, repo, tmp_path):
    files = _reports(lmhtx, repo, tmp_path / "out")
    old = json.loads(files["json"].read_text(encoding="utf-8"))
    # later work: a task marked done on a day before the old report's as-of date, committed
    assert lmhtx("plan", "mark", "01-vp-2", "done", "--on", "25/01/2030", "--by", "Lan", root=repo).code == 0
    git(repo, "commit", "-qam", "mark 01-vp-2")
    now = json.loads(lmhtx(*REPORT, "-f", "json", root=repo).out)
    assert now["total"]["done"] == old["total"]["done"] + 1  # the data today gives another figure
    before = _state(repo)
    for kind, path in files.items():
        run = lmhtx("verify", str(path), root=repo)
        assert run.code == 0, (kind, run.out, run.err)
        assert run.out.startswith(f"{path}: khớp: cả ") and old["provenance"]["commit"][:12] in run.out
    assert _state(repo) == before  # HEAD, index and work tree untouched


def _typed_over_docx(path: Path, row: str, column: int, value: str) -> None:
    import docx

    document = docx.Document(str(path))
    for table in document.tables:
        for cells in table.rows:
            if cells.cells[0].text.strip() == row:
                paragraph = cells.cells[column].paragraphs[0]
                for run in paragraph.runs[1:]:
                    run.text = ""
                paragraph.runs[0].text = value
                document.save(str(path))
                return
    raise AssertionError(f"no row {row}")


def test_a_figure_typed_over_is_found(lmhtx, repo, tmp_path):
    files = _reports(lmhtx, repo, tmp_path / "out")
    markdown = files["md"].read_text(encoding="utf-8")
    row = next(line for line in markdown.splitlines() if line.startswith("| Văn phòng |"))
    cells = row.split("|")
    assert cells[3].strip() == "1"  # Văn phòng: 1 done
    cells[3] = " 2 "
    files["md"].write_text(markdown.replace(row, "|".join(cells)), encoding="utf-8")
    data = json.loads(files["json"].read_text(encoding="utf-8"))
    data["units"][0]["counts"]["in_progress"] += 3
    files["json"].write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    _typed_over_docx(files["docx"], "Tổng cộng", 2, "9")
    git(repo, "commit", "-q", "--allow-empty", "-m", "later")
    said = {kind: lmhtx("verify", str(path), root=repo) for kind, path in files.items()}
    assert all(run.code == 1 for run in said.values()), {k: (r.out, r.err) for k, r in said.items()}
    assert "KHÔNG khớp" in said["md"].out and "1 số liệu khác" in said["md"].out
    assert "  Văn phòng, Hoàn thành: tệp ghi 2, dữ liệu cho 1\n" in said["md"].out
    assert "  Văn phòng, Đang thực hiện (in_progress): tệp ghi 3, dữ liệu cho 0\n" in said["json"].out
    assert "  Tổng cộng, Hoàn thành đúng hạn: tệp ghi 9, dữ liệu cho 1\n" in said["docx"].out  # Word's summary counts in the four ways


def test_reports_that_cannot_be_checked_say_why(english, lmhtx, repo, tmp_path):
    files = _reports(lmhtx, repo, tmp_path / "out")
    plain = tmp_path / "plain.md"
    plain.write_text("# A report typed by hand\n\n| Unit | Done |\n|---|---|\n| Văn phòng | 1 |\n", encoding="utf-8")
    run = lmhtx("verify", str(plain), root=repo)
    assert run.code == 2 and f"{plain}: no provenance of lmhtx in it" in run.err
    stranger = files["json"].read_text(encoding="utf-8").replace(json.loads(files["json"].read_text(encoding="utf-8"))["provenance"]["commit"], "0123456789abcdef0123456789abcdef01234567")
    files["json"].write_text(stranger, encoding="utf-8")
    run = lmhtx("verify", str(files["json"]), root=repo)
    assert run.code == 2 and "it names commit 0123456789ab, which this repository does not have" in run.err
    (repo / "plans/2030/02.yaml").write_text((repo / "plans/2030/02.yaml").read_text(encoding="utf-8") + "# a note\n", encoding="utf-8")
    dirty = tmp_path / "dirty.md"
    assert lmhtx(*REPORT, "-f", "md", "-o", str(dirty), root=repo).code == 0
    run = lmhtx("verify", str(dirty), root=repo)
    assert run.code == 2 and "(dirty): the data it counted is not in git, so it cannot be checked" in run.err
    outside = tmp_path / "copy"
    shutil.copytree(DATA / "small", outside)
    made = tmp_path / "outside.docx"
    assert lmhtx(*REPORT, "-f", "docx", "-o", str(made), root=outside).code == 0
    run = lmhtx("verify", str(made), root=repo)
    assert run.code == 2 and "computed from data outside git (no commit)" in run.err
    run = lmhtx("verify", str(tmp_path / "none.md"), root=repo)
    assert run.code == 2 and "no such file" in run.err


def test_the_dashboard_says_what_it_was_computed_from(lmhtx, repo, tmp_path):
    head = git(repo, "rev-parse", "HEAD").stdout.strip()
    assert lmhtx("site", "--output", str(tmp_path / "site"), "--as-of", "31/01/2030", root=repo).code == 0
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert f"từ dữ liệu tại git commit {head[:12]}." in page
    found = re.search(r"<!-- lmhtx-provenance (\{.*\}) -->\n\Z", page)
    assert found and json.loads(found.group(1))["commit"] == head and json.loads(found.group(1))["document"] == "site"


def test_a_word_file_keeps_its_parts_and_gains_the_properties(lmhtx, repo, tmp_path):
    files = _reports(lmhtx, repo, tmp_path / "out")
    names = zipfile.ZipFile(io.BytesIO(files["docx"].read_bytes())).namelist()
    assert names.count("docProps/custom.xml") == 1 and "word/document.xml" in names


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ({"commit": "HEAD"}, "which this repository does not have"),
        ({"commit": "--output=/tmp/x"}, "which this repository does not have"),
        ({"unit": ["vp"]}, "its provenance is not one of a report or a digest"),
        ({"period": "month 1"}, "its provenance is not one of a report or a digest"),
        ({"document": "site"}, "its provenance is not one of a report or a digest"),
        ({"as_of": "31/02/2030"}, "31/02/2030"),
        ({"unit": "nobody"}, "nobody"),
    ],
)
def test_a_provenance_is_data_never_a_command(english, lmhtx, repo, tmp_path, change, said):
    made = tmp_path / "r.json"
    assert lmhtx(*REPORT, "-f", "json", "-o", str(made), root=repo).code == 0
    data = json.loads(made.read_text(encoding="utf-8"))
    data["provenance"].update(change)
    made.write_text(json.dumps(data), encoding="utf-8")
    run = lmhtx("verify", str(made), root=repo)
    assert run.code == 2 and said in run.err and "Traceback" not in run.err


def test_a_folder_or_broken_file_is_refused_with_its_name(english, lmhtx, repo, tmp_path):
    run = lmhtx("verify", str(tmp_path), root=repo)
    assert run.code == 2 and f"{tmp_path}: not a file" in run.err
    broken = tmp_path / "r.json"
    broken.write_text('{"provenance": ', encoding="utf-8")
    run = lmhtx("verify", str(broken), root=repo)
    assert run.code == 2 and f"{broken}:1:16: not valid JSON" in run.err
    fake = tmp_path / "r.docx"
    fake.write_bytes(b"PK\x03\x04 not a zip")
    run = lmhtx("verify", str(fake), root=repo)
    assert run.code == 2 and "not a Word document (.docx)" in run.err


def test_a_report_committed_beside_the_data_keeps_the_data_commit_and_verifies(lmhtx, repo):
    """The provenance names the last commit that changed the data: committing the report itself
    (or the dashboard, or anything else beside plans/, members/, settings.yaml and templates/)
    does not change it, so a report kept in the repository still verifies."""
    data_commit = git(repo, "rev-parse", "HEAD").stdout.strip()
    kept = repo / "bao-cao" / "thang-1.json"
    kept.parent.mkdir()
    assert lmhtx(*REPORT, "-f", "json", "-o", str(kept), root=repo).code == 0
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "the January report")
    again = json.loads(lmhtx(*REPORT, "-f", "json", root=repo).out)
    assert again["provenance"]["commit"] == data_commit and again["provenance"]["dirty"] is False
    assert json.loads(kept.read_text(encoding="utf-8"))["provenance"]["commit"] == data_commit
    assert lmhtx("verify", str(kept), root=repo).code == 0
