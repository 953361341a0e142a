"""Words of the member files that code needs without loading pydantic: kinds, formats, themes."""

from lmhtx_cli.i18n import _

MEMBER_KINDS = ("htx", "lien-hiep-htx", "doanh-nghiep", "to-hop-tac")
MEETING_THEMES = ("dat-dai", "thue", "von", "thi-truong", "khcn", "dao-tao", "tham-quan")
PETITION_STAGES = ("received", "forwarded", "answered", "resolved")  # in the order a petition goes through them
CITY = "city"  # a meeting for the whole city rather than one area group

_MEETING_WORDS = {
    "planned": "planned",
    "du kien": "planned",
    "ke hoach": "planned",
    "done": "done",
    "held": "done",
    "da to chuc": "done",
    "xong": "done",
    "hoan thanh": "done",
    "postponed": "postponed",
    "hoan": "postponed",
    "cancelled": "cancelled",
    "canceled": "cancelled",
    "huy": "cancelled",
}
_PETITION_WORDS = {
    "received": "received",
    "da tiep nhan": "received",
    "tiep nhan": "received",
    "forwarded": "forwarded",
    "da chuyen": "forwarded",
    "chuyen": "forwarded",
    "answered": "answered",
    "da tra loi": "answered",
    "tra loi": "answered",
    "resolved": "resolved",
    "da giai quyet": "resolved",
    "giai quyet": "resolved",
}


def parse_meeting_status(typed: str) -> str:
    from lmhtx_cli.matching import word_for

    return word_for(typed, _MEETING_WORDS, _('unknown meeting status "{typed}": use planned, done, postponed or cancelled (dự kiến, đã tổ chức, hoãn, hủy)').format(typed=typed))


def parse_petition_status(typed: str) -> str:
    from lmhtx_cli.matching import word_for

    return word_for(typed, _PETITION_WORDS, _('unknown petition status "{typed}": use received, forwarded, answered or resolved').format(typed=typed))


def area_in_year(area, year: int) -> bool:
    """Whether an area group is used in `year` (groups change, as after the 2025 merger)."""
    return (area.valid_from is None or area.valid_from <= year) and (area.valid_until is None or year <= area.valid_until)
