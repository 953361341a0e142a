"""Rules across the member files: every reference resolves, the meeting plan's rules hold.

Each rule returns problems located at the value concerned; none raises.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Iterator

from lmhtx_cli.errors import Problem
from lmhtx_cli.i18n import _, language, pgettext
from lmhtx_cli.members.loading import Loaded, MemberDocs
from lmhtx_cli.members.timeline import meeting_date_on, meeting_status, paid_in_all, petition_status
from lmhtx_cli.members.vocab import CITY, MEETING_THEMES, PETITION_STAGES, area_in_year
from lmhtx_cli.periods import format_date, quarter_label, quarter_of
from lmhtx_cli.text import broken_names, is_nfc, money, shown_line_breaks, strings_in

MemberRule = Callable[[MemberDocs, dict[int, set[str]]], list[Problem]]
MEMBER_RULES: dict[str, MemberRule] = {}


def member_rule(code: str):
    def register(check: MemberRule) -> MemberRule:
        MEMBER_RULES[code] = check
        return check

    return register


def run_member_checks(docs: MemberDocs, plan_units: dict[int, set[str]]) -> list[Problem]:
    problems: list[Problem] = []
    for check in MEMBER_RULES.values():
        problems.extend(check(docs, plan_units))
    return problems


def _records(loaded: Loaded | None, key: str) -> Iterator[tuple[int, object]]:
    if loaded is None or loaded.model is None:
        return iter(())
    return ((i, r) for i, r in enumerate(getattr(loaded.model, key)) if r is not None)


def _hint(value: str, known: set[str]) -> str:
    close = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
    return _('; did you mean "{value}"?').format(value=close[0]) if close else ""


def _stage_word(stage: str) -> str:
    """A petition's stage as a word of the sentence (the key of its date stays as the file writes it)."""
    words = {
        "received": pgettext("petition stage", "received"),
        "forwarded": pgettext("petition stage", "forwarded"),
        "answered": pgettext("petition stage", "answered"),
        "resolved": pgettext("petition stage", "resolved"),
    }
    return words.get(stage, stage)


def _codes(docs: MemberDocs, name: str, key: str) -> set[str]:
    model = docs.model(name)
    return {r.code if hasattr(r, "code") else r.id for r in getattr(model, key) if r is not None} if model else set()


def _member_ids(docs: MemberDocs) -> set[str]:
    model = docs.model("members.yaml")
    return {m.id for m in model.members if m is not None} if model else set()


@member_rule("duplicate-id")
def check_ids_are_unique(docs: MemberDocs, plan_units) -> list[Problem]:
    problems = []
    groups = [(docs.singles.get("areas.yaml"), "areas", "code"), (docs.singles.get("clubs.yaml"), "clubs", "code"), (docs.singles.get("members.yaml"), "members", "id")]
    groups += [(loaded, "meetings", "id") for loaded in docs.yearly["meetings"].values()]
    groups += [(loaded, "petitions", "id") for loaded in docs.yearly["petitions"].values()]
    for loaded, key, field_name in groups:
        seen: dict[str, int] = {}
        for i, record in _records(loaded, key):
            value = getattr(record, field_name)
            if value in seen:
                problems.append(loaded.doc.problem((key, i, field_name), "duplicate-id", _('{key} "{value}" is already used at line {line}').format(key=field_name, value=value, line=seen[value])))
            else:
                seen[value] = loaded.doc.where((key, i))[0]
    return problems


@member_rule("unknown-reference")
def check_members_refer_to_known_areas_and_clubs(docs: MemberDocs, plan_units) -> list[Problem]:
    areas, clubs = _codes(docs, "areas.yaml", "areas"), _codes(docs, "clubs.yaml", "clubs")
    loaded = docs.singles.get("members.yaml")
    problems = []
    for i, member in _records(loaded, "members"):
        if member.area is not None and member.area not in areas:
            problems.append(loaded.doc.problem(("members", i, "area"), "unknown-reference", _('unknown area "{area}"{hint}').format(area=member.area, hint=_hint(member.area, areas))))
        for j, club in enumerate(member.clubs):
            if club not in clubs:
                problems.append(loaded.doc.problem(("members", i, "clubs", j), "unknown-reference", _('unknown club "{club}"{hint}').format(club=club, hint=_hint(club, clubs))))
        for j, move in enumerate(getattr(member, "moves", None) or []):
            if move.area is not None and move.area not in areas:
                problems.append(loaded.doc.problem(("members", i, "moves", j, "area"), "unknown-reference", _('unknown area "{area}"{hint}').format(area=move.area, hint=_hint(move.area, areas))))
    return problems


@member_rule("move-order")
def check_moves_follow_each_other(docs: MemberDocs, plan_units) -> list[Problem]:
    """A member's moves are dated after it joined, in the order they happened, and each into an
    area group used in the year of its day."""
    areas_model = docs.model("areas.yaml")
    groups = {a.code: a for a in areas_model.areas if a is not None} if areas_model else {}
    loaded = docs.singles.get("members.yaml")
    problems = []
    for i, member in _records(loaded, "members"):
        previous = member.joined if isinstance(member.joined, dt.date) else None
        for j, move in enumerate(getattr(member, "moves", None) or []):
            where = ("members", i, "moves", j, "since")
            if previous is not None and move.since < previous:
                problems.append(loaded.doc.problem(where, "move-order", _("this move ({date}) is dated before the member joined or before its previous move ({before})").format(date=format_date(move.since), before=format_date(previous))))
            group = groups.get(move.area) if move.area else None
            if group is not None and not area_in_year(group, move.since.year):
                problems.append(
                    loaded.doc.problem(("members", i, "moves", j, "area"), "move-order", _('area group "{area}" is not used in {year} (valid_from, valid_until in members/areas.yaml)').format(area=move.area, year=move.since.year), "warning")
                )
            previous = move.since
    return problems


@member_rule("meeting-reference")
def check_meetings(docs: MemberDocs, plan_units) -> list[Problem]:
    areas_model = docs.model("areas.yaml")
    members = _member_ids(docs)
    problems = []
    for year, loaded in docs.yearly["meetings"].items():
        valid_areas = {a.code for a in areas_model.areas if a is not None and area_in_year(a, year)} if areas_model else set()
        if loaded.model is not None and loaded.model.year != year:
            problems.append(loaded.doc.problem(("year",), "file-mismatch", _("year is {said} but the file is named {year}.yaml").format(said=loaded.model.year, year=year)))
        for i, meeting in _records(loaded, "meetings"):
            where = ("meetings", i)
            if meeting.area is not None and meeting.area != CITY and meeting.area not in valid_areas:
                problems.append(
                    loaded.doc.problem(
                        where + ("area",),
                        "meeting-reference",
                        _('area "{area}" is not an area group of {year}{hint} (or use "{city}" for the whole city)').format(area=meeting.area, year=year, hint=_hint(meeting.area, valid_areas), city=CITY),
                    )
                )
            for j, attendee in enumerate(meeting.attendees):
                if attendee not in members:
                    problems.append(loaded.doc.problem(where + ("attendees", j), "meeting-reference", _('unknown member "{member}"{hint}').format(member=attendee, hint=_hint(attendee, members))))
            units = plan_units.get(year)
            if units is None:
                problems.append(loaded.doc.problem(where + ("lead_unit",), "meeting-reference", _("there is no plan for {year} to check the unit against").format(year=year), "warning"))
            elif meeting.lead_unit not in units:
                problems.append(
                    loaded.doc.problem(
                        where + ("lead_unit",), "meeting-reference", _('unknown unit "{code}"{hint} (units of {year}: {known})').format(code=meeting.lead_unit, hint=_hint(meeting.lead_unit, units), year=year, known=", ".join(sorted(units)))
                    )
                )
            for j, theme in enumerate(meeting.themes):
                if theme not in MEETING_THEMES:
                    problems.append(
                        loaded.doc.problem(where + ("themes", j), "unknown-theme", _('theme "{theme}" is not one of {themes}{hint}').format(theme=theme, themes=", ".join(MEETING_THEMES), hint=_hint(theme, set(MEETING_THEMES))), "warning")
                    )
            if meeting.date is not None:
                if meeting.date.year != year:
                    problems.append(loaded.doc.problem(where + ("date",), "meeting-reference", _("the date is not in {year}").format(year=year)))
                elif meeting.quarter is not None and quarter_of(meeting.date.month) != meeting.quarter:
                    problems.append(loaded.doc.problem(where + ("quarter",), "meeting-reference", _("quarter {quarter} does not match the date {date}").format(quarter=meeting.quarter, date=format_date(meeting.date))))
            planned = quarter_of(meeting.date.month) if meeting.date is not None else meeting.quarter
            for j, entry in enumerate(meeting.history):
                if entry is None or entry.date is None:
                    continue
                if entry.date.year != year or (planned is not None and quarter_of(entry.date.month) != planned):
                    message = _("the meeting's date is set to {date}, outside {planned} it was planned for; it counts from then in that quarter (check the date)").format(
                        date=format_date(entry.date), planned=quarter_label(planned, year, language()) if planned is not None else str(year)
                    )
                    problems.append(loaded.doc.problem(where + ("history", j, "date"), "meeting-date", message, "warning"))
    return problems


def _meeting_quarters(loaded: Loaded) -> set[int]:
    quarters = set()
    for _i, meeting in _records(loaded, "meetings"):
        if meeting_status(meeting) == "cancelled":
            continue
        date = meeting_date_on(meeting)
        if date is not None:
            quarters.add(quarter_of(date.month))
        elif meeting.quarter is not None:
            quarters.add(meeting.quarter)
    return quarters


@member_rule("meeting-per-quarter")
def check_a_meeting_every_quarter(docs: MemberDocs, plan_units) -> list[Problem]:
    """The meeting plan: member meetings at least once a quarter."""
    problems = []
    for year, loaded in docs.yearly["meetings"].items():
        if loaded.model is None:
            continue
        missing = [q for q in (1, 2, 3, 4) if q not in _meeting_quarters(loaded)]
        for quarter in missing:
            problems.append(
                loaded.doc.problem(
                    ("meetings",),
                    "meeting-per-quarter",
                    _("no member meeting in quarter {quarter} of {year}: the plan asks for at least one a quarter").format(quarter=quarter, year=year, label=quarter_label(quarter, year)),
                    "warning",
                    on_key=True,
                )
            )
    return problems


@member_rule("area-without-meeting")
def check_every_area_group_meets(docs: MemberDocs, plan_units) -> list[Problem]:
    areas_model = docs.model("areas.yaml")
    if areas_model is None:
        return []
    problems = []
    for year, loaded in docs.yearly["meetings"].items():
        if loaded.model is None:
            continue
        met = {m.area for _i, m in _records(loaded, "meetings") if meeting_status(m) != "cancelled"}
        for area in areas_model.areas:
            if area is None:
                continue
            if area_in_year(area, year) and area.code not in met:
                problems.append(loaded.doc.problem(("meetings",), "area-without-meeting", _('area group "{code}" ({name}) has no meeting in {year}').format(code=area.code, name=area.name, year=year), "warning", on_key=True))
    return problems


@member_rule("petition")
def check_petitions(docs: MemberDocs, plan_units) -> list[Problem]:
    members = _member_ids(docs)
    meetings = {m.id for loaded in docs.yearly["meetings"].values() for _i, m in _records(loaded, "meetings")}
    problems = []
    for year, loaded in docs.yearly["petitions"].items():
        for i, petition in _records(loaded, "petitions"):
            where = ("petitions", i)
            if petition.member not in members:
                problems.append(loaded.doc.problem(where + ("member",), "petition", _('unknown member "{member}"{hint}').format(member=petition.member, hint=_hint(petition.member, members))))
            if petition.meeting is not None and petition.meeting not in meetings:
                problems.append(loaded.doc.problem(where + ("meeting",), "petition", _('unknown meeting "{meeting}"{hint}').format(meeting=petition.meeting, hint=_hint(petition.meeting, meetings))))
            units = plan_units.get(year, set())
            if petition.unit is not None and units and petition.unit not in units:
                problems.append(loaded.doc.problem(where + ("unit",), "petition", _('unknown unit "{code}"{hint}').format(code=petition.unit, hint=_hint(petition.unit, units))))
            stages = PETITION_STAGES
            reached = stages[: stages.index(petition.status) + 1]
            for stage in reached:
                if getattr(petition, stage) is None:
                    problems.append(loaded.doc.problem(where + ("status",), "petition", _('status is "{status}" but the {stage} date is missing').format(status=petition.status, stage=stage, stage_word=_stage_word(stage))))
            dates = [(s, getattr(petition, s)) for s in stages if getattr(petition, s) is not None]
            for (first, a), (second, b) in zip(dates, dates[1:]):
                if b < a:
                    problems.append(
                        loaded.doc.problem(
                            where + (second,),
                            "petition",
                            _("{second} ({second_date}) is before {first} ({first_date})").format(
                                second=second, second_date=format_date(b), first=first, first_date=format_date(a), second_word=_stage_word(second), first_word=_stage_word(first)
                            ),
                        )
                    )
            said = petition_status(petition)
            if stages.index(said) > stages.index(petition.status):
                problems.append(
                    loaded.doc.problem(
                        where + ("status",),
                        "petition",
                        _('status says "{status}" but the {stage} date ({on}) says "{stage}"; reports follow the dates').format(status=petition.status, stage=said, on=format_date(getattr(petition, said))),
                        "warning",
                    )
                )
            if petition.status in ("answered", "resolved") and not petition.answer:
                problems.append(loaded.doc.problem(where + ("status",), "petition", _("an answered petition should record the answer"), "warning"))
    return problems


@member_rule("fee")
def check_fees(docs: MemberDocs, plan_units) -> list[Problem]:
    members = _member_ids(docs)
    problems = []
    for year, loaded in docs.yearly["fees"].items():
        seen: set[str] = set()
        if loaded.model is not None and loaded.model.year != year:
            problems.append(loaded.doc.problem(("year",), "file-mismatch", _("year is {said} but the file is named {year}.yaml").format(said=loaded.model.year, year=year)))
        for i, fee in _records(loaded, "fees"):
            where = ("fees", i)
            if fee.member not in members:
                problems.append(loaded.doc.problem(where + ("member",), "fee", _('unknown member "{member}"{hint}').format(member=fee.member, hint=_hint(fee.member, members))))
            if fee.member in seen:
                problems.append(loaded.doc.problem(where + ("member",), "fee", _('member "{member}" already has a fee line for {year}').format(member=fee.member, year=year)))
            seen.add(fee.member)
            payments = [p for p in getattr(fee, "payments", None) or [] if p is not None]
            if payments:
                total = sum(p.amount for p in payments)
                last = max(p.on for p in payments)
                raw = loaded.doc.data["fees"][i]
                if isinstance(raw, dict) and "paid" in raw and fee.paid != total:
                    problems.append(loaded.doc.problem(where + ("paid",), "fee", _("paid says {paid} đồng but the payments add up to {total} đồng; reports follow the payments").format(paid=money(fee.paid), total=money(total))))
                if fee.date is not None and fee.date != last:
                    problems.append(loaded.doc.problem(where + ("date",), "fee", _("date says {date} but the last payment is on {last}").format(date=format_date(fee.date), last=format_date(last)), "warning"))
            paid = paid_in_all(fee)
            if paid > fee.due:
                problems.append(loaded.doc.problem(where + ("paid",), "fee", _("paid ({paid} đồng) is more than due ({due} đồng)").format(paid=money(paid), due=money(fee.due)), "warning"))
            if fee.paid > 0 and fee.date is None and not payments:
                problems.append(loaded.doc.problem(where + ("paid",), "fee", _("a payment should have its date (list it under payments: with on: and amount:); without one it counts on every date"), "warning"))
    return problems


@member_rule("meeting-history")
def check_meeting_status_agrees_with_history(docs: MemberDocs, plan_units) -> list[Problem]:
    """A meeting's history is the truth; its stored status must say what the history leads to."""
    problems = []
    for loaded in docs.yearly["meetings"].values():
        for i, meeting in _records(loaded, "meetings"):
            said = meeting_status(meeting)
            if said != meeting.status:
                problems.append(
                    loaded.doc.problem(
                        ("meetings", i, "status"),
                        "meeting-history",
                        _('status says "{status}" but the history says "{said}"; reports follow the history: record it with `lmhtx meetings mark`').format(status=meeting.status, said=said),
                        "warning",
                    )
                )
    return problems


@member_rule("line-break-in-name")
def check_member_names_are_one_line(docs: MemberDocs, plan_units) -> list[Problem]:
    """An id, an area or club code, a member or meeting reference or any key holding a line break."""
    loaded_files = list(docs.singles.values()) + [l for by_year in docs.yearly.values() for l in by_year.values()]
    message = _('"{name}" holds a line break: ids, codes and keys are one line')
    return [loaded.doc.problem(path, "line-break-in-name", message.format(name=shown_line_breaks(text)), on_key=on_key) for loaded in loaded_files for path, on_key, text in broken_names(loaded.doc.data)]


@member_rule("not-nfc")
def check_member_text_is_nfc(docs: MemberDocs, plan_units) -> list[Problem]:
    loaded_files = list(docs.singles.values()) + [l for by_year in docs.yearly.values() for l in by_year.values()]
    problems = []
    for loaded in loaded_files:
        for path, value in strings_in(loaded.doc.data, ()):
            if not is_nfc(value):
                problems.append(loaded.doc.problem(path, "not-nfc", _("text is not in Unicode NFC (composed) form"), "warning"))
    return problems


@member_rule("control-char")
def check_member_text_holds_no_control_characters(docs: MemberDocs, plan_units) -> list[Problem]:
    """Text that would act on a terminal or hide what is written: a warning at the value."""
    from lmhtx_cli.typed import data_text_warning, unsafe_in_document

    loaded_files = list(docs.singles.values()) + [l for by_year in docs.yearly.values() for l in by_year.values()]
    return [loaded.doc.problem(path, "control-char", data_text_warning(position, ch), "warning", on_key=on_key) for loaded in loaded_files for path, on_key, position, ch in unsafe_in_document(loaded.doc.text, loaded.doc.data)]
