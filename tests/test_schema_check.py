"""The quick schema check agrees with pydantic: what it accepts, pydantic accepts the same way."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lmhtx_cli.plan.model import MonthFile
from lmhtx_cli.store.schema_check import checked_record

STATUS = st.sampled_from(["planned", "in_progress", "done", "postponed", "cancelled", "finished", "", "Done"])
TEXT = st.one_of(st.text(max_size=20), st.integers(), st.none(), st.booleans())
DAY = st.one_of(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1)), st.datetimes(), st.text(max_size=12), st.integers())
ENTRY = st.fixed_dictionaries({"on": DAY, "status": STATUS}, optional={"by": TEXT, "note": TEXT, "to": st.sampled_from(["2024-05", "2024-13", "24-05", None])})
TASK = st.fixed_dictionaries(
    {"id": st.one_of(st.from_regex(r"[a-z0-9][a-z0-9-]{0,12}", fullmatch=True), st.text(max_size=8), st.integers()), "text": TEXT, "status": STATUS},
    optional={"thread": TEXT, "continues": TEXT, "history": st.lists(ENTRY, max_size=3), "extra": TEXT},
)
MONTH = st.fixed_dictionaries(
    {"year": st.one_of(st.integers(1800, 3100), st.text(max_size=4)), "month": st.one_of(st.integers(-1, 14), st.booleans()), "units": st.dictionaries(st.sampled_from(["vp", "quy", "1"]), st.lists(TASK, max_size=3), max_size=2)}
)


@settings(max_examples=300, deadline=None)
@given(MONTH)
def test_what_the_quick_check_accepts_pydantic_accepts_with_the_same_values(data):
    quick = checked_record("MonthFile", data)
    if quick is None:
        return  # pydantic decides, and its verdict is the one reported
    model = MonthFile.model_validate(data)
    assert (quick.year, quick.month) == (model.year, model.month)
    for code, tasks in model.units.items():
        for fast, slow in zip(quick.units[code], tasks, strict=True):
            assert (fast.id, fast.text, fast.status, fast.thread, fast.continues) == (slow.id, slow.text, slow.status, slow.thread, slow.continues)
            assert [(h.on, h.status, h.by, h.note, h.to) for h in fast.history] == [(h.on, h.status, h.by, h.note, h.to) for h in slow.history]


@pytest.mark.parametrize("bad", [{"year": 2024, "month": 13, "units": {}}, {"year": 2024, "month": 5, "units": {"vp": [{"id": "x", "text": "", "status": "done"}]}}, {"year": 2024, "month": 5}])
def test_invalid_files_go_to_pydantic(bad):
    assert checked_record("MonthFile", bad) is None or bad.get("units") is None


from lmhtx_cli.members.model import MembersFile, PetitionsFile  # noqa: E402

MEMBER = st.fixed_dictionaries(
    {"id": st.one_of(st.from_regex(r"[a-z0-9][a-z0-9-]{0,10}", fullmatch=True), st.integers()), "name": TEXT, "kind": st.sampled_from(["htx", "lien-hiep-htx", "doanh-nghiep", "to-hop-tac", "hội"])},
    optional={"area": TEXT, "clubs": st.lists(TEXT, max_size=2), "joined": st.one_of(DAY, st.none()), "active": st.one_of(st.booleans(), st.integers(0, 2), TEXT), "sample": st.booleans()},
)
PETITION = st.fixed_dictionaries(
    {"id": st.from_regex(r"kn-[0-9]{1,3}", fullmatch=True), "member": TEXT, "topic": TEXT, "text": TEXT, "received": DAY},
    optional={"status": st.sampled_from(["received", "forwarded", "answered", "resolved", "lost"]), "due": DAY, "answer": TEXT},
)


@settings(max_examples=200, deadline=None)
@given(st.fixed_dictionaries({"members": st.lists(MEMBER, max_size=3)}))
def test_members_files_agree_with_pydantic(data):
    quick = checked_record("MembersFile", data)
    if quick is not None:
        model = MembersFile.model_validate(data)
        assert [(m.id, m.name, m.kind, m.area, m.clubs, m.joined, m.active, m.sample) for m in quick.members] == [(m.id, m.name, m.kind, m.area, m.clubs, m.joined, m.active, m.sample) for m in model.members]


@settings(max_examples=200, deadline=None)
@given(st.fixed_dictionaries({"year": st.integers(1899, 3001), "petitions": st.lists(PETITION, max_size=3)}))
def test_petitions_files_agree_with_pydantic(data):
    quick = checked_record("PetitionsFile", data)
    if quick is not None:
        model = PetitionsFile.model_validate(data)
        assert [(p.id, p.member, p.status, p.received, p.due, p.answer) for p in quick.petitions] == [(p.id, p.member, p.status, p.received, p.due, p.answer) for p in model.petitions]
