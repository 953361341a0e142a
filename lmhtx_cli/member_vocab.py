"""Words of the member files that code needs without loading pydantic: kinds, formats, themes."""

MEMBER_KINDS = ("htx", "lien-hiep-htx", "doanh-nghiep", "to-hop-tac")
MEETING_THEMES = ("dat-dai", "thue", "von", "thi-truong", "khcn", "dao-tao", "tham-quan")
PETITION_STAGES = ("received", "forwarded", "answered", "resolved")  # in the order a petition goes through them
CITY = "city"  # a meeting for the whole city rather than one area group


def area_in_year(area, year: int) -> bool:
    """Whether an area group is used in `year` (groups change, as after the 2025 merger)."""
    return (area.valid_from is None or area.valid_from <= year) and (area.valid_until is None or year <= area.valid_until)
