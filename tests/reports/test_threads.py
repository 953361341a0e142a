"""Initiatives count their steps four ways against their deadlines, as the reports do."""

from __future__ import annotations

import json

FOUR = ("done_on_time", "done_late", "open_in_time", "open_overdue")


def test_each_initiative_counts_its_steps_against_their_deadlines(lmhtx, monkeypatch):
    monkeypatch.setenv("LMHTX_TODAY", "2024-08-15")
    threads = json.loads(lmhtx("plan", "threads", "--year", "2024", "--format", "json").out)
    assert threads
    for thread in threads:
        counts = thread["counts"]
        assert sum(counts[key] for key in FOUR) == counts["total"] - counts["postponed"] - counts["cancelled"] > 0
        assert counts["open_overdue"] == counts["overdue"]
