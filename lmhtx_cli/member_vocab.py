"""Words of the member files that code needs without loading pydantic: kinds, formats, themes."""

MEMBER_KINDS = ("htx", "lien-hiep-htx", "doanh-nghiep", "to-hop-tac")
MEETING_FORMATS = ("chuyen-de", "toa-dam", "chinh-sach", "dia-ban")
MEETING_THEMES = ("dat-dai", "thue", "von", "thi-truong", "khcn", "dao-tao", "tham-quan")
MEETING_STATUSES = ("planned", "done", "postponed", "cancelled")
PETITION_STATUSES = ("received", "forwarded", "answered", "resolved")
CITY = "city"  # a meeting for the whole city rather than one area group
