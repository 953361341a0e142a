"""Words users read, in Vietnamese by default and in English with --lang en."""

from __future__ import annotations

from lmhtx_cli.errors import UserError

LANGS = ("vi", "en")

_LABELS = {
    "vi": {
        "planned": "kế hoạch",
        "in_progress": "đang thực hiện",
        "done": "hoàn thành",
        "postponed": "hoãn",
        "cancelled": "hủy",
        "tasks": "nhiệm vụ",
        "no_tasks": "Không có nhiệm vụ nào khớp với điều kiện lọc.",
        "programme": "Chương trình công tác năm {year}",
        "latest_year": "Không có chương trình năm {wanted}; hiển thị năm {year} (năm gần nhất có chương trình).",
        "id": "Mã",
        "year": "Năm",
        "month": "Tháng",
        "unit": "Đơn vị",
        "status": "Trạng thái",
        "text": "Nội dung",
        "thread": "Chuỗi việc",
        "history": "Lịch sử",
        "source": "Tệp",
        "code": "Mã",
        "name": "Tên đơn vị",
        "aliases": "Tên khác",
        "filters": "Lọc",
        "quarter": "Quý",
        "grep": "Tìm",
        "total": "Tổng cộng",
    },
    "en": {
        "planned": "planned",
        "in_progress": "in progress",
        "done": "done",
        "postponed": "postponed",
        "cancelled": "cancelled",
        "tasks": "tasks",
        "no_tasks": "No task matches the filters.",
        "programme": "Work programme {year}",
        "latest_year": "No programme for {wanted}; showing {year}, the latest year with a programme.",
        "id": "ID",
        "year": "Year",
        "month": "Month",
        "unit": "Unit",
        "status": "Status",
        "text": "Task",
        "thread": "Initiative",
        "history": "History",
        "source": "File",
        "code": "Code",
        "name": "Unit name",
        "aliases": "Aliases",
        "filters": "Filters",
        "quarter": "Quarter",
        "grep": "Search",
        "total": "Total",
    },
}


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise UserError(f'unknown language "{lang}": use vi or en')
    return lang


def label(key: str, lang: str = "vi", **values: object) -> str:
    return _LABELS[lang][key].format(**values)
