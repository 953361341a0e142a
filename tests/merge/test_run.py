"""`lmhtx merge-driver run BASE OURS THEIRS PATH` on files, as git calls it: the cases git alone
cannot show quickly (layouts, line ends, member files, deletions, files that do not parse)."""

from __future__ import annotations

import pytest

MONTH = "plans/2030/07.yaml"
HEAD = "# Tháng 7 (kiểm thử).\nyear: 2030\nmonth: 7\nunits:\n"


def task(task_id: str, text: str, status: str = "planned", extra: str = "") -> str:
    return f'    - id: {task_id}\n      text: "{text}"\n      status: {status}\n{extra}'


def entry(on: str, status: str, by: str, more: str = "") -> str:
    return f'        - on: {on}\n          status: {status}\n          by: "{by}"\n{more}'


@pytest.fixture
def driver(tmp_path, lmhtx):
    """Write the three versions, run the driver as git would, give back (exit code, result, stderr)."""

    def run(base: str | bytes, ours: str | bytes, theirs: str | bytes, name: str = MONTH):
        paths = []
        for label, text in (("O", base), ("A", ours), ("B", theirs)):
            path = tmp_path / f".merge_file_{label}"
            path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
            paths.append(str(path))
        result = lmhtx("merge-driver", "run", *paths, name, root=None)
        return result.code, (tmp_path / ".merge_file_A").read_bytes().decode("utf-8", "replace"), result.err

    return run


def test_histories_unite_in_date_order_and_the_status_follows(driver):
    base = HEAD + "  vp:\n" + task("07-vp-1", "Một.")
    ours = HEAD + "  vp:\n" + task("07-vp-1", "Một.", "in_progress", "      history:\n" + entry("2030-07-05", "in_progress", "A") + entry("2030-07-20", "done", "A").replace("done", "in_progress", 1))
    theirs = HEAD + "  vp:\n" + task("07-vp-1", "Một.", "done", "      history:\n" + entry("2030-07-10", "done", "B"))
    code, result, _ = driver(base, ours, theirs)
    assert code == 0
    assert result == HEAD + "  vp:\n" + task("07-vp-1", "Một.", "in_progress", "      history:\n" + entry("2030-07-05", "in_progress", "A") + entry("2030-07-10", "done", "B") + entry("2030-07-20", "in_progress", "A"))


def test_the_same_entry_made_on_both_sides_is_kept_once(driver):
    base = HEAD + "  vp:\n" + task("07-vp-1", "Một.")
    both = HEAD + "  vp:\n" + task("07-vp-1", "Một.", "done", "      history:\n" + entry("2030-07-10", "done", "B"))
    ours = both.replace("      text:", "      thread: rau\n      text:")
    code, result, _ = driver(base, ours, both)
    assert (code, result) == (0, ours)


def test_line_ends_and_byte_order_mark_of_ours_are_kept(driver):
    base = HEAD + "  vp:\n" + task("07-vp-1", "Một.") + task("07-vp-2", "Hai.")
    ours = base.replace('"Một."\n      status: planned', '"Một."\n      status: done\n      history:\n' + entry("2030-07-10", "done", "A").rstrip("\n"))
    theirs = base.replace('"Hai."\n      status: planned', '"Hai."\n      status: done\n      history:\n' + entry("2030-07-11", "done", "B").rstrip("\n"))
    theirs = theirs.replace("07-vp-2", "07-vp-2", 1).replace('"Hai."', '"Hai, đã sửa."')
    code, result, _ = driver(base, ("\ufeff" + ours).replace("\n", "\r\n").encode("utf-8"), theirs)
    assert code == 0
    assert result.startswith("\ufeff") and result.count("\r\n") == result.count("\n")
    assert '"Hai, đã sửa."' in result and 'by: "A"' in result and 'by: "B"' in result


def test_a_new_month_file_added_on_both_sides_keeps_both_tasks_under_their_own_ids(driver):
    ours = HEAD + "  quy:\n" + task("07-quy-k3m", "Của Lan.")
    theirs = HEAD + "  quy:\n" + task("07-quy-p7x", "Của Minh.")
    code, result, err = driver("", ours, theirs)
    assert code == 0, err
    assert result == ours + task("07-quy-p7x", "Của Minh.")


def test_two_records_added_under_one_id_stop_with_markers_around_both_and_are_named(english, driver):
    """Never renumbered: later work on either branch names the record by this id."""
    base = HEAD + "  vp:\n" + task("07-vp-1", "Một.")
    ours = base + task("07-vp-2", "Của Lan.") + task("07-vp-x4m", "Khác.")
    theirs = base + task("07-vp-2", "Của Minh.")
    code, result, err = driver(base, ours, theirs)
    assert code == 1
    assert result == base + "<<<<<<< ours\n" + task("07-vp-2", "Của Lan.") + "=======\n" + task("07-vp-2", "Của Minh.") + ">>>>>>> theirs\n" + task("07-vp-x4m", "Khác.")
    assert "07-vp-2: two different records were added under this id" in err


def test_a_key_added_on_one_side_and_a_mark_on_the_other_merge(driver):
    base = HEAD + "  vp:\n" + task("07-vp-1", "Một.")
    ours = HEAD + "  vp:\n" + task("07-vp-1", "Một.", "done", "      history:\n" + entry("2030-07-10", "done", "A"))
    theirs = base.replace("      status: planned\n", "      status: planned\n      thread: rau  # dự án rau\n")
    code, result, _ = driver(base, ours, theirs)
    assert code == 0
    assert result == HEAD + "  vp:\n" + task("07-vp-1", "Một.", "done", "      thread: rau  # dự án rau\n      history:\n" + entry("2030-07-10", "done", "A"))


def test_unknown_keys_in_entries_and_records_travel_with_them(driver):
    base = HEAD + "  vp:\n" + task("07-vp-1", "Một.")
    ours = base.replace("      status: planned\n", "      status: planned\n      owner: lan\n")
    theirs = HEAD + "  vp:\n" + task("07-vp-1", "Một.", "done", "      history:\n" + entry("2030-07-10", "done", "B", "          receipt: R-12\n"))
    code, result, _ = driver(base, ours, theirs)
    assert code == 0
    assert "      owner: lan\n" in result and "          receipt: R-12\n" in result and "      status: done\n" in result


def test_a_record_removed_on_one_side(driver):
    base = HEAD + "  vp:\n" + task("07-vp-1", "Một.") + task("07-vp-2", "Hai.")
    theirs = HEAD + "  vp:\n" + task("07-vp-1", "Một.")
    marked = base.replace('"Hai."\n      status: planned\n', '"Hai."\n      status: done\n      history:\n' + entry("2030-07-10", "done", "A"))
    code, result, _ = driver(base, base.replace("Một.", "Một!"), theirs)
    assert (code, result) == (0, theirs.replace("Một.", "Một!"))  # removed where ours left it alone
    code, result, err = driver(base, marked, theirs)
    assert code == 1 and "07-vp-2" in err  # removed by theirs, changed by ours: the person decides
    assert "<<<<<<< ours\n    - id: 07-vp-2\n" in result and "=======\n>>>>>>> theirs\n" in result


def test_tasks_written_inline_changed_two_ways_are_left_to_the_person(driver):
    base = HEAD + "  vp:\n    - {id: 07-vp-1, text: Một, status: planned}\n" + task("07-vp-2", "Hai.")
    ours = base.replace("status: planned}", "status: done}").replace('"Hai."', '"Hai!"')
    theirs = base.replace("text: Một,", "text: Một nữa,")
    code, result, _ = driver(base, ours, theirs)
    assert code == 1
    assert result == HEAD + "  vp:\n<<<<<<< ours\n    - {id: 07-vp-1, text: Một, status: done}\n=======\n    - {id: 07-vp-1, text: Một nữa, status: planned}\n>>>>>>> theirs\n" + task("07-vp-2", "Hai!")


def test_fee_payments_on_both_sides_add_up(driver):
    base = "year: 2024\nfees:\n  - member: a\n    due: 2000000\n    paid: 0\n  - member: b\n    due: 1000000\n    paid: 0\n"
    ours = base.replace("    paid: 0\n  - member: b", "    paid: 500000\n    date: 2024-03-01\n    payments:\n      - on: 2024-03-01\n        amount: 500000\n  - member: b")
    theirs = base.replace("    paid: 0\n  - member: b", "    paid: 1500000\n    date: 2024-02-01\n    payments:\n      - on: 2024-02-01\n        amount: 1500000\n  - member: b")
    code, result, _ = driver(base, ours, theirs, "members/fees/2024.yaml")
    assert code == 0
    assert result == base.replace("    paid: 0\n  - member: b", "    paid: 2000000\n    date: 2024-03-01\n    payments:\n      - on: 2024-02-01\n        amount: 1500000\n      - on: 2024-03-01\n        amount: 500000\n  - member: b")


FOUR = HEAD + "  vp:\n" + task("07-vp-1", "Một.") + task("07-vp-2", "Hai.") + task("07-vp-3", "Ba.") + task("07-vp-4", "Bốn.")


@pytest.mark.parametrize(
    "name, theirs",
    [
        (MONTH, FOUR.replace("units:\n", "units: [\n")),  # YAML that does not parse
        (MONTH, FOUR.replace("    - id: 07-vp-1\n", "    -\n")),  # a task without an id
        ("notes/readme.yaml", FOUR.replace('"Một."', '"Một!"')),  # not a data file the tool knows
    ],
)
def test_what_cannot_be_merged_by_record_is_merged_as_git_does(driver, name, theirs):
    code, result, err = driver(FOUR, FOUR.replace('"Bốn."', '"Bốn!"'), theirs, name)
    assert code == 0, err  # the changes are lines apart: git's line merge is clean
    assert result == theirs.replace('"Bốn."', '"Bốn!"')
    assert "line by line" in err or "từng dòng" in err


def test_text_that_is_not_utf8_is_merged_as_git_does(driver):
    base = HEAD + "  vp:\n" + task("07-vp-1", "Một.")
    code, result, err = driver(base, base.replace("Một.", "Một!"), base.encode("utf-8").replace("Một".encode(), b"M\xff"))
    assert code == 1 and "<<<<<<< ours" in result
    assert "UTF-8" in err


def test_one_continuation_made_on_both_sides_and_marked_on_one_is_one_record(driver):
    base = HEAD + "  vp:\n" + task("07-vp-1", "Một.")
    ours = base + task("07-vp-a2c", "Của Minh.") + task("07-vp-h5t", "Việc hoãn.", extra="      continues: 05-vp-1\n")
    theirs = base + task("07-vp-h5t", "Việc hoãn.", "done", "      continues: 05-vp-1\n      history:\n" + entry("2030-07-10", "done", "B"))
    code, result, err = driver(base, ours, theirs)
    assert code == 0, err
    assert result == base + task("07-vp-a2c", "Của Minh.") + task("07-vp-h5t", "Việc hoãn.", "done", "      continues: 05-vp-1\n      history:\n" + entry("2030-07-10", "done", "B"))


def test_two_records_of_theirs_continuing_one_task_do_not_corrupt_the_file(driver):
    """Hostile: theirs holds two continuations of one task (validate would refuse it)."""
    base = HEAD + "  vp:\n" + task("07-vp-1", "Một.")
    ours = base + task("07-vp-2", "Việc hoãn.", extra="      continues: 05-vp-1\n")
    theirs = base + task("07-vp-2", "Việc hoãn.", extra="      continues: 05-vp-1\n") + task("07-vp-3", "Việc hoãn lần nữa.", extra="      continues: 05-vp-1\n")
    code, result, err = driver(base, ours, theirs)
    assert code == 0, err
    assert result == theirs  # ours' one is theirs' first; theirs' second is added once, under its own id


def test_same_day_entries_of_both_sides_come_out_in_one_order_whichever_side_merges(driver):
    base = HEAD + "  vp:\n" + task("07-vp-1", "Một.")
    lan = HEAD + "  vp:\n" + task("07-vp-1", "Một.", "in_progress", "      history:\n" + entry("2030-07-05", "in_progress", "Lan"))
    minh = HEAD + "  vp:\n" + task("07-vp-1", "Một.", "in_progress", "      history:\n" + entry("2030-07-05", "in_progress", "Minh"))
    one, other = driver(base, lan, minh), driver(base, minh, lan)
    assert one[0] == other[0] == 0
    assert one[1] == other[1] and one[1].count("- on: 2030-07-05") == 2


def test_two_statuses_on_one_day_stop_in_both_directions(english, driver):
    base = HEAD + "  vp:\n" + task("07-vp-1", "Một.")
    lan = HEAD + "  vp:\n" + task("07-vp-1", "Một.", "done", "      history:\n" + entry("2030-07-05", "done", "Lan"))
    minh = HEAD + "  vp:\n" + task("07-vp-1", "Một.", "postponed", "      history:\n" + entry("2030-07-05", "postponed", "Minh", '          to: "2030-09"\n'))
    for ours, theirs in ((lan, minh), (minh, lan)):
        code, result, err = driver(base, ours, theirs)
        assert code == 1 and result.count("<<<<<<< ours") == 1 and "07-vp-1: two different decisions recorded on the same day" in err


def test_comments_theirs_wrote_beside_a_record_merge_survive(driver):
    base = HEAD + "  vp:\n" + task("07-vp-1", "Một.") + task("07-vp-2", "Hai.")
    ours = HEAD + "  vp:\n" + task("07-vp-1", "Một.", "done", "      history:\n" + entry("2030-07-05", "done", "Lan")) + "    # ghi chú của Lan\n" + task("07-vp-2", "Hai.")
    theirs = HEAD + "  vp:\n" + "    # ghi chú của Minh\n" + task("07-vp-1", "Một.", "in_progress", "      history:\n" + entry("2030-07-02", "in_progress", "Minh")) + task("07-vp-2", "Hai.") + "# cuối tệp, của Minh\n"
    code, result, err = driver(base, ours, theirs)
    assert code == 0, err
    assert "    # ghi chú của Lan\n" in result and "    # ghi chú của Minh\n" in result and result.endswith("# cuối tệp, của Minh\n")
    assert result.index('by: "Minh"') < result.index('by: "Lan"')


def test_comments_theirs_wrote_elsewhere_survive_a_merge_that_stops(driver):
    base = HEAD + "  vp:\n" + task("07-vp-1", "Một.") + task("07-vp-2", "Hai.") + task("07-vp-3", "Ba.")
    ours = HEAD + "  vp:\n" + task("07-vp-1", "Một, của Lan.") + task("07-vp-2", "Hai.") + task("07-vp-3", "Ba.")
    theirs = HEAD + "  vp:\n" + task("07-vp-1", "Một, của Minh.") + task("07-vp-2", "Hai.") + "    # ghi chú của Minh\n" + task("07-vp-3", "Ba.")
    code, result, _err = driver(base, ours, theirs)
    assert code == 1 and result.count("<<<<<<< ours") == 1
    assert "    # ghi chú của Minh\n    - id: 07-vp-3\n" in result


def test_a_comment_theirs_wrote_right_below_a_record_ours_marked_survives(driver):
    base = HEAD + "  vp:\n" + task("07-vp-1", "Một.") + task("07-vp-2", "Hai.")
    ours = HEAD + "  vp:\n" + task("07-vp-1", "Một.", "done", "      history:\n" + entry("2030-07-05", "done", "Lan")) + task("07-vp-2", "Hai.")
    theirs = HEAD + "  vp:\n" + task("07-vp-1", "Một.") + "    # ghi chú của Minh\n" + task("07-vp-2", "Hai.")
    code, result, err = driver(base, ours, theirs)
    assert code == 0, err
    assert result == HEAD + "  vp:\n" + task("07-vp-1", "Một.", "done", "      history:\n" + entry("2030-07-05", "done", "Lan")) + "    # ghi chú của Minh\n" + task("07-vp-2", "Hai.")
