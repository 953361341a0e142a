"""A new folder is written whole or not at all, and never outside itself."""

from __future__ import annotations

import pytest

from lmhtx_cli.errors import UserError
from lmhtx_cli.store.scaffold import create_tree, replace_tree


def _tree(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_a_tree_is_created_with_its_folders(tmp_path):
    create_tree(tmp_path / "new", {"a.txt": b"a", "x/y/z.yaml": b"z"})
    assert _tree(tmp_path / "new") == ["a.txt", "x/y/z.yaml"]
    assert (tmp_path / "new/x/y/z.yaml").read_bytes() == b"z"


@pytest.mark.parametrize("bad", ["../escape.txt", "/etc/passwd", "a/../../b", "a//b", "", "a\\..\\b", "./a"])
def test_a_path_that_leaves_the_folder_is_refused_before_anything_is_written(tmp_path, bad):
    with pytest.raises(UserError):
        create_tree(tmp_path / "new", {"ok.txt": b"1", bad: b"2"})
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_failure_half_way_leaves_nothing(tmp_path):
    with pytest.raises(UserError):
        create_tree(tmp_path / "new", {"a": b"file", "a/b": b"a file under a file"})
    assert list(tmp_path.iterdir()) == []


def test_replace_tree_swaps_an_earlier_build_and_drops_its_stale_files(tmp_path):
    target = tmp_path / "site"
    replace_tree(target, {".mark": b"", "old.html": b"old", "index.html": b"1"}, ".mark")
    replace_tree(target, {".mark": b"", "index.html": b"2"}, ".mark")
    assert _tree(target) == [".mark", "index.html"] and (target / "index.html").read_bytes() == b"2"
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_replace_tree_refuses_a_folder_it_did_not_write(tmp_path):
    target = tmp_path / "docs"
    target.mkdir()
    (target / "report.docx").write_bytes(b"keep")
    with pytest.raises(UserError, match="lmhtx"):
        replace_tree(target, {".mark": b"", "index.html": b"x"}, ".mark")
    assert _tree(target) == ["report.docx"]
