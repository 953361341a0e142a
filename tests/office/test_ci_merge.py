"""The CI's merge of a conflicting merge request (.lmhtx-ci/merge.sh, written by `lmhtx init`), run
as the runner runs it: a fresh clone of a bare "origin", the tool installed, no driver set up."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from tests.gitutil import git, init_repo
from tests.office.conftest import BIN, OFFICE


def _script(runner, *args: str, report=None, shell: str = "sh", tool: str | None = None) -> subprocess.CompletedProcess:
    env = {
        "LMHTX": tool or str(BIN / "lmhtx"),
        "PATH": f"{BIN}:/usr/bin:/bin",
        "HOME": str(runner.parent),
        "GIT_CONFIG_NOSYSTEM": "1",
        "LMHTX_NO_CACHE": "1",
        "LMHTX_TODAY": "2025-02-10",
    }
    if report is not None:
        env["LMHTX_MERGE_REPORT"] = str(report)
    return subprocess.run([shell, str(runner / ".lmhtx-ci/merge.sh"), *args], cwd=runner, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture
def origin(lmhtx, tmp_path, monkeypatch):
    """A bare origin with `main` (one task of January) and the work clone that pushed it."""
    monkeypatch.setenv("LMHTX_TODAY", "2025-01-06")
    work = tmp_path / "work"
    assert lmhtx("init", str(work), "--office", OFFICE, "--year", "2025", root=None).code == 0
    assert lmhtx("plan", "add", "--month", "1", "--unit", "quy", "Rà soát hồ sơ vay vốn quý I.", root=work).code == 0
    init_repo(work)
    bare = tmp_path / "origin.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(bare))
    git(work, "remote", "add", "origin", str(bare))
    git(work, "push", "-q", "origin", "main")
    task = json.loads(lmhtx("plan", "show", "--year", "2025", "-f", "json", root=work).out)[0]["id"]
    return work, bare, task


def _two_marks(lmhtx, work, task, ours: tuple[str, str], theirs: tuple[str, str]) -> None:
    """`lan` marks the task one way, `main` (pushed after) the other: both on origin."""
    git(work, "checkout", "-q", "-b", "lan")
    assert lmhtx("plan", "mark", task, ours[0], "--on", ours[1], "--by", "Lan", root=work).code == 0
    git(work, "commit", "-qam", "Lan ghi tiến độ")
    git(work, "push", "-q", "origin", "lan")
    git(work, "checkout", "-q", "main")
    assert lmhtx("plan", "mark", task, theirs[0], "--on", theirs[1], "--by", "Minh", root=work).code == 0
    git(work, "commit", "-qam", "Minh ghi tiến độ")
    git(work, "push", "-q", "origin", "main")


def _runner(tmp_path, bare):
    runner = tmp_path / "runner"
    git(tmp_path, "clone", "-q", str(bare), str(runner))
    return runner


@pytest.mark.parametrize("shell", ["sh", "bash"])  # the YAML runs it with sh (dash on the runners)
def test_a_request_git_cannot_merge_is_merged_with_the_driver_validated_and_pushed(lmhtx, origin, tmp_path, shell):
    work, bare, task = origin
    _two_marks(lmhtx, work, task, ("in_progress", "15/01/2025"), ("done", "25/01/2025"))
    runner = _runner(tmp_path, bare)
    git(runner, "checkout", "-q", "lan")
    assert git(runner, "merge", "origin/main", check=False).returncode != 0  # the host's line merge: a conflict
    git(runner, "merge", "--abort")
    git(runner, "checkout", "-q", "main")
    main, lan = (git(bare, "rev-parse", branch).stdout.strip() for branch in ("main", "lan"))

    report = tmp_path / "report.md"
    run = _script(runner, "main", "lan", report=report, shell=shell)

    assert run.returncode == 0, run.stdout + run.stderr
    pushed = git(bare, "rev-parse", "lan").stdout.strip()
    assert git(bare, "rev-list", "--parents", "-n", "1", pushed).stdout.split()[1:] == [lan, main]
    assert git(bare, "rev-parse", "main").stdout.strip() == main  # the target is left as it was
    month = git(bare, "show", "lan:plans/2025/01.yaml").stdout
    assert "<<<<<<<" not in month and "2025-01-15" in month and "2025-01-25" in month
    text = report.read_text(encoding="utf-8")
    assert "Đã gộp `main` vào `lan` và đẩy lên" in text and task in text  # the plan changes of the request
    checked = _script(runner, "main", "lan")  # asked again: nothing left to merge
    assert checked.returncode == 0 and "Không có gì để gộp" in checked.stdout


def test_a_real_clash_stops_pushes_nothing_and_names_the_record(lmhtx, origin, tmp_path):
    work, bare, task = origin
    _two_marks(lmhtx, work, task, ("in_progress", "20/01/2025"), ("done", "20/01/2025"))  # two statuses on one day
    runner = _runner(tmp_path, bare)
    lan = git(bare, "rev-parse", "lan").stdout.strip()

    report = tmp_path / "report.md"
    run = _script(runner, "main", "lan", report=report)

    assert run.returncode == 1, run.stdout + run.stderr
    assert git(bare, "rev-parse", "lan").stdout.strip() == lan
    text = report.read_text(encoding="utf-8")
    assert "`plans/2025/01.yaml`" in text and f"bản ghi `{task}`" in text and "Không đẩy gì lên `lan`" in text
    assert f"bản ghi `{task}`" in run.stdout
    assert git(runner, "status", "--porcelain").stdout == ""  # the runner's clone is left clean


def test_a_merge_that_does_not_validate_or_cannot_be_pushed_stops_and_pushes_nothing(lmhtx, origin, tmp_path):
    work, bare, task = origin
    _two_marks(lmhtx, work, task, ("in_progress", "15/01/2025"), ("done", "25/01/2025"))
    lan = git(bare, "rev-parse", "lan").stdout.strip()
    failing = tmp_path / "lmhtx-validate-fails"
    failing.write_text(f'#!/bin/sh\nif [ "$1" = validate ]; then echo "plans/2025/01.yaml:7:5: lỗi [chain]"; exit 1; fi\nexec {BIN / "lmhtx"} "$@"\n', encoding="utf-8")
    failing.chmod(0o755)
    run = _script(_runner(tmp_path, bare), "main", "lan", tool=str(failing))
    assert run.returncode == 1 and "không hợp lệ" in run.stdout and "plans/2025/01.yaml:7:5" in run.stdout
    assert git(bare, "rev-parse", "lan").stdout.strip() == lan

    hook = bare / "hooks/pre-receive"  # the branch moved, or the host refused the push
    hook.write_text("#!/bin/sh\necho 'từ chối'\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    refused = _script(tmp_path / "runner", "main", "lan")
    assert refused.returncode == 1 and "không đẩy được lên `lan`" in refused.stdout and "từ chối" in refused.stdout
    assert git(bare, "rev-parse", "lan").stdout.strip() == lan


def test_a_check_says_whether_the_driver_merges_and_pushes_nothing(lmhtx, origin, tmp_path):
    work, bare, task = origin
    _two_marks(lmhtx, work, task, ("in_progress", "15/01/2025"), ("done", "25/01/2025"))
    runner = _runner(tmp_path, bare)
    lan = git(bare, "rev-parse", "lan").stdout.strip()
    run = _script(runner, "--check", "main", "lan")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "gộp được `main` vào `lan`" in run.stdout and task in run.stdout
    assert git(bare, "rev-parse", "lan").stdout.strip() == lan

    git(work, "push", "-q", "origin", "lan:refs/pull/7/head")  # a fork's pull request, as GitHub keeps it
    fork = _script(runner, "--check", "main", "pull/7/head")
    assert fork.returncode == 0 and "gộp được `main` vào `pull/7/head`" in fork.stdout
    pushed = _script(runner, "main", "pull/7/head")
    assert pushed.returncode == 1 and "bản fork" in pushed.stdout
    assert git(bare, "rev-parse", "refs/pull/7/head").stdout.strip() == lan


def test_it_is_called_wrongly_or_on_a_branch_origin_lacks(origin, tmp_path):
    _, bare, _ = origin
    runner = _runner(tmp_path, bare)
    assert _script(runner, "main").returncode == 2
    missing = _script(runner, "main", "khong-co")
    assert missing.returncode == 1 and "Không lấy được nhánh `khong-co`" in missing.stdout


def test_the_script_is_posix_sh(new_office):
    """The YAML runs it with `sh`, which is dash on Debian and Ubuntu runners."""
    script = new_office / ".lmhtx-ci/merge.sh"
    assert script.read_text(encoding="utf-8").startswith("#!/bin/sh\n")
    for shell in ("sh", "dash"):
        if os.path.exists(f"/bin/{shell}"):
            assert subprocess.run([f"/bin/{shell}", "-n", str(script)], capture_output=True).returncode == 0


def test_github_merges_a_conflicting_request_on_a_label_or_comment_without_running_its_code(new_office):
    import yaml

    workflow = yaml.safe_load((new_office / ".github/workflows/lmhtx.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "labeled" in triggers["pull_request_target"]["types"] and triggers["issue_comment"]["types"] == ["created"]
    jobs = workflow["jobs"]
    merge, summary = jobs["merge"], jobs["conflict-summary"]
    assert "github.event.label.name == 'lmhtx-merge'" in merge["if"] and "startsWith(github.event.comment.body, '/lmhtx merge')" in merge["if"]
    assert "author_association" in merge["if"] and merge["permissions"] == {"contents": "write", "pull-requests": "write"}
    for job in (merge, summary):
        runs = "\n".join(step.get("run", "") for step in job["steps"])
        assert 'cp .lmhtx-ci/merge.sh "$RUNNER_TEMP/' in runs and "lmhtx-merge.sh" in runs  # the default branch's copy, taken before the data changes
        assert all("ref" not in step.get("with", {}) for step in job["steps"] if step.get("uses", "").startswith("actions/checkout"))  # never the request's code
        assert "${{" not in runs  # the host's values reach the shell as variables, never pasted into it
    assert "--check" in "\n".join(step.get("run", "") for step in summary["steps"]) and "CONFLICTING" in str(summary["steps"])
    assert "gh pr comment" in "\n".join(step.get("run", "") for step in merge["steps"])
    for name in ("validate", "site"):  # the host-merge events run nothing else
        assert "pull_request_target" in jobs[name]["if"] or "push" in jobs[name]["if"]


def test_gitlab_merges_a_conflicting_request_in_a_manual_job(new_office):
    import yaml

    gitlab = yaml.safe_load((new_office / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    job = gitlab["lmhtx-merge"]
    assert job["rules"][0]["when"] == "manual" and job["rules"][0]["allow_failure"] is True
    assert "merge_request_event" in job["rules"][0]["if"]
    assert 'sh .lmhtx-ci/merge.sh "$CI_MERGE_REQUEST_TARGET_BRANCH_NAME" "$CI_MERGE_REQUEST_SOURCE_BRANCH_NAME"' in job["script"][0]
    assert job["artifacts"]["paths"] == ["lmhtx-merge.md"] and job["artifacts"]["when"] == "always"
    assert "/notes" in job["after_script"][0]


def test_the_offices_readme_says_how_a_clerk_asks_for_the_merge(new_office):
    readme = (new_office / "README.md").read_text(encoding="utf-8")
    assert "## Gộp một yêu cầu mà máy chủ báo xung đột" in readme
    for words in ("nhãn `lmhtx-merge`", "bình luận `/lmhtx merge`", "job `lmhtx-merge`", "LMHTX_PUSH_TOKEN"):
        assert words in readme
