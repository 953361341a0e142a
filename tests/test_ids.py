"""Record ids (lmhtx_cli/ids.py): short, typeable, reading by month and unit, never given twice."""

from __future__ import annotations

import re

from lmhtx_cli.ids import ID_PATTERN, continuation_id, new_petition_id, new_task_id


def test_a_new_task_id_reads_by_month_and_unit_with_a_short_suffix(monkeypatch):
    monkeypatch.delenv("LMHTX_ID_SEED", raising=False)
    ids = {new_task_id(7, "quy", set()) for _ in range(50)}
    assert all(re.fullmatch(r"07-quy-[a-hjkmnp-tv-z][0-9a-hjkmnp-tv-z]{2}", i) and re.fullmatch(ID_PATTERN, i) for i in ids)
    assert len(ids) > 40  # drawn at random: two branches do not give one id
    assert re.fullmatch(r"kn-2024-[a-z][0-9a-z]{2}", new_petition_id(2024, set()))


def test_an_id_taken_is_never_given_again():
    taken = {new_task_id(7, "quy", set(), "Việc.")}
    assert new_task_id(7, "quy", taken, "Việc.") not in taken


def test_a_continuation_id_is_the_same_on_every_branch():
    first = continuation_id(9, "quy", "2024/05-quy-2", {"09-quy-1"})
    assert first == continuation_id(9, "quy", "2024/05-quy-2", set()) != continuation_id(9, "quy", "2024/05-quy-3", set())
    assert first.startswith("09-quy-")
