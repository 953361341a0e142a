"""An office as it was on 30/06/2024 and the same office later in the year, both built through the
CLI, so that a report for a past date can be compared before and after the later changes."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lmhtx_cli.cli import app
from tests.conftest import REPO

DAY = "30/06/2024"  # the as-of date the tests look back to

# What happened up to DAY, each recorded on the day it happened.
UP_TO_DAY = [
    ("2024-04-25", ["plan", "mark", "04-quy-1", "done", "--on", "25/04/2024", "--ref", "Số 21/QĐ-QHT"]),
    ("2024-05-20", ["plan", "mark", "05-vp-1", "postponed", "--to", "2024-07", "--on", "20/05/2024", "--note", "Chờ phê duyệt"]),
    ("2024-06-10", ["plan", "mark", "06-quy-1", "in_progress", "--on", "10/06/2024", "--note", "Đã đôn đốc 3 đơn vị"]),
    ("2024-06-14", ["meetings", "mark", "2024-q2", "done", "--on", "14/06/2024", "--date", "14/06/2024"]),
]
# What happened after DAY.
AFTER_DAY = [
    ("2024-07-05", ["plan", "mark", "06-khth-1", "done", "--on", "05/07/2024"]),
    ("2024-07-05", ["meetings", "mark", "2024-q1", "done", "--date", "05/07/2024", "--on", "05/07/2024"]),  # Q1's meeting, held late
    ("2024-07-08", ["plan", "add", "--year", "2024", "--month", "6", "--unit", "quy", "Rà soát hồ sơ vay vốn tồn đọng (nhiệm vụ bổ sung, dữ liệu mẫu)."]),
    ("2024-09-03", ["plan", "add", "--year", "2024", "--month", "3", "--unit", "khth", "Tổng hợp kiến nghị quý I (nhiệm vụ bổ sung, dữ liệu mẫu).", "--on", "02/09/2024"]),
    ("2024-07-10", ["plan", "mark", "05-vp-1", "postponed", "--to", "2024-08", "--on", "10/07/2024", "--note", "Chưa có kinh phí"]),
    ("2024-08-15", ["plan", "mark", "06-quy-1", "done", "--on", "15/08/2024"]),
    ("2024-09-20", ["meetings", "mark", "2024-q3", "done", "--on", "20/09/2024", "--date", "20/09/2024"]),
    ("2024-12-02", ["petitions", "mark", "kn-2024-03", "forwarded", "--forwarded-to", "Sở Công Thương", "--due", "31/12/2024", "--on", "02/12/2024"]),
    ("2024-12-05", ["petitions", "mark", "kn-2024-03", "answered", "--answer", "Sở sẽ hỗ trợ gian hàng.", "--on", "05/12/2024"]),
]


def record(root: Path, events) -> None:
    runner = CliRunner()
    for today, args in events:
        env = {"LMHTX_TODAY": today, "NO_COLOR": "1", "COLUMNS": "80", "LMHTX_LANG": "vi"}
        by = [] if args[:2] == ["plan", "add"] else ["--by", "Lan"]
        result = runner.invoke(app, ["--root", str(root), *args, *by], env=env)
        assert result.exit_code == 0, (args, result.stderr)


def _copy(root: Path) -> Path:
    shutil.copytree(REPO / "plans", root / "plans")
    shutil.copytree(REPO / "members", root / "members")
    shutil.copy(REPO / "settings.yaml", root / "settings.yaml")
    return root


@pytest.fixture(scope="module")
def later(tmp_path_factory) -> Path:
    """The office at the end of 2024: everything recorded, before and after DAY."""
    root = _copy(tmp_path_factory.mktemp("later"))
    record(root, UP_TO_DAY + AFTER_DAY)
    return root


@pytest.fixture(scope="module")
def then(tmp_path_factory) -> Path:
    """The same office as its files stood on DAY: no fee paid yet (the payments are in July to
    September) and no petition received yet (the first came in September)."""
    root = _copy(tmp_path_factory.mktemp("then"))
    fees = root / "members/fees/2024.yaml"
    text = fees.read_text(encoding="utf-8")
    text = re.sub(r"    paid: [1-9]\d*\n    date: [\d-]+\n    payments:\n      - on: [\d-]+\n        amount: \d+\n", "    paid: 0\n", text)
    fees.write_text(text, encoding="utf-8")
    petitions = root / "members/petitions/2024.yaml"
    text = petitions.read_text(encoding="utf-8")
    petitions.write_text(text[: text.index("petitions:")] + "petitions: []\n", encoding="utf-8")
    record(root, UP_TO_DAY)
    return root
