"""Every README example that runs on the repository's data is run as written, in order, on a
scratch copy of the data, with real processes and the real clock (an example that works only on
one day is a bug). Examples that name a file the reader supplies run with a small stand-in;
install, test, benchmark and cron lines are not run."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA, REPO
from tests.gitutil import GIT_ENV, git

README = (REPO / "README.md").read_text(encoding="utf-8")
NOT_RUN = ("python3 -m venv", ".venv/bin/", "pre-commit install")  # installs, tests, benchmarks


def examples() -> list[tuple[int, int, str]]:
    """(block, README line, command line) of every ```sh block, in order, comments removed."""
    found = []
    for block, match in enumerate(re.finditer(r"^```sh\n(.*?)^```", README, re.S | re.M)):
        first = README[: match.start()].count("\n") + 2
        for offset, line in enumerate(match.group(1).splitlines()):
            command = _without_comment(line).strip()
            if command and not any(marker in command for marker in NOT_RUN):
                found.append((block, first + offset, command))
    return found


def _without_comment(line: str) -> str:
    """The line without a trailing `# …` comment (a # inside quotes stays)."""
    quoted = False
    for i, ch in enumerate(line):
        if ch in "\"'":
            quoted = not quoted
        elif ch == "#" and not quoted and (i == 0 or line[i - 1] == " "):
            return line[:i]
    return line


def _stand_ins(folder: Path) -> None:
    """Files the reader would supply: a programme as .docx and as .txt, and a units file."""
    import docx

    text = (DATA / "programme_small.txt").read_text(encoding="utf-8")
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    document.save(folder / "chuong-trinh-2025.docx")
    document.save(folder / "chuong-trinh-2026.docx")
    (folder / "p.txt").write_text(text, encoding="utf-8")
    shutil.copy(REPO / "plans" / "2024" / "plan.yaml", folder / "units.yaml")
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["DANH SÁCH THÀNH VIÊN"])
    book.active.append(["TT", "Tên HTX", "Loại hình", "Địa chỉ"])
    book.active.append([1, "HTX Dịch vụ nông nghiệp Cổ Am", "HTX", "xã Cổ Am, huyện Vĩnh Bảo"])
    book.save(folder / "danh-sach-thanh-vien.xlsx")


@pytest.fixture
def office(tmp_path):
    """A scratch copy of the repository's data as a git repository with history to compare
    (main, tags v1 and v2) and an `origin` holding a colleague's branch of progress marks."""
    root = tmp_path / "office"
    root.mkdir()
    for name in ("plans", "members", "settings.yaml"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
    _stand_ins(root)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Lan")
    git(root, "config", "user.email", "lan@example.invalid")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "2024")
    git(root, "tag", "v1")
    origin = tmp_path / "origin.git"
    git(tmp_path, "clone", "-q", "--bare", str(root), str(origin))
    git(root, "remote", "add", "origin", str(origin))
    colleague = tmp_path / "colleague"
    git(tmp_path, "clone", "-q", str(origin), str(colleague))
    git(colleague, "switch", "-q", "-c", "lan-ghi-tien-do")
    path = colleague / "plans" / "2024" / "01.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: planned", "status: planned  # xem lại", 1), encoding="utf-8")
    git(colleague, "commit", "-qam", "ghi chú")
    git(colleague, "push", "-q", "origin", "lan-ghi-tien-do")
    git(root, "fetch", "-q", "origin")
    git(root, "branch", "-q", "--set-upstream-to=origin/main", "main")  # as in a clone
    git(root, "tag", "v2")
    return root


def test_every_readme_example_runs_as_written(office):
    runs = examples()
    assert len(runs) > 40, "the README's examples were not found"
    bin_folder = Path(sys.executable).parent
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LMHTX_TODAY", "LMHTX_ROOT", "LMHTX_LANG"))}
    env.update(GIT_ENV)
    env.update({"PATH": f"{bin_folder}{os.pathsep}{env.get('PATH', '')}", "HOME": str(office.parent), "NO_COLOR": "1", "COLUMNS": "100"})
    env["LMHTX_CACHE_DIR"] = str(office.parent / "cache")
    if not (bin_folder / "lmhtx").exists():
        pytest.skip("the lmhtx command is not installed beside this Python")
    failures = []
    block_of_cwd, cwd = None, office
    for block, line_number, command in runs:
        if block != block_of_cwd:  # each block starts in the data folder; a `cd` lasts for its block
            block_of_cwd, cwd = block, office
        run = subprocess.run(["bash", "-c", command], cwd=cwd, env=env, input="y\n", capture_output=True, text=True, timeout=120)
        if run.returncode != 0:
            failures.append(f"README.md:{line_number}: `{command}` exited {run.returncode}: {(run.stderr or run.stdout).strip()[-400:]}")
        if "Traceback" in run.stderr:
            failures.append(f"README.md:{line_number}: `{command}` printed a traceback")
        moved = re.match(r"cd (\S+)", command)
        if moved:
            cwd = cwd / moved.group(1)
    assert not failures, "\n".join(failures)
