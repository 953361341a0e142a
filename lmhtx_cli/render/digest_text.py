"""The digest as plain text, for mail readers that do not render Markdown."""

from __future__ import annotations

from lmhtx_cli.render.escape import shown_lines
from lmhtx_cli.render.report_data import STANDING_KEYS
from lmhtx_cli.render.wrapping import wrap_words


def _tasks(lines: list[str], groups: list[dict], width: int, describe) -> None:
    if not groups:
        return
    for group in groups:
        lines.append(f"  {group['name']}")
        for task in group["tasks"]:
            head = f"    {task['id']}  "
            wrapped = wrap_words(describe(task), max(20, width - len(head))) or [""]
            lines.append(head + wrapped[0])
            lines.extend(" " * len(head) + more for more in wrapped[1:])


def digest_text(data: dict, t: dict, width: int = 80) -> str:
    lines = [f"{t['digest_title']} — {data['period']}", t["as_of"].format(date=data["as_of_text"])]
    if not data["has_plan"]:
        lines += ["", t["digest_no_plan"].format(year=data["year"])]
        return shown_lines("\n".join(lines) + "\n")
    sections = (
        (t["digest_due"], data["due"], lambda task: f"[{task['status_label']}{' ' + task['date_text'] if task['date_text'] else ''}] {task['text']}" + (f" ({t['postponed_to'].format(to=task['to_text'])})" if task["to_text"] else "")),
        (t["digest_overdue"], data["overdue"], lambda task: f"[{task['month']:02d}/{task['year']}, {task['status_label']}] {task['text']}"),
        (t["digest_next"].format(period=data["next_period"]), data["upcoming"], lambda task: (f"[{task['status_label']}] " if task["status_label"] else "") + task["text"]),
    )
    for number, (title, groups, describe) in enumerate(sections, start=1):
        lines += ["", f"{number}. {title}"]
        if groups:
            _tasks(lines, groups, width, describe)
        else:
            lines.append(f"  {t['none']}")
    number = 4
    if data.get("members"):
        from lmhtx_cli.render.report_terminal import member_lines

        lines += ["", f"4. {t['member_section']}"]
        lines += member_lines(data["members"], t, width)
        number = 5
    lines += ["", f"{number}. {t['digest_totals']}"]
    for unit in data["totals"] + [dict(data["total"], name=t["total"])]:
        total = t["digest_total_line"].format(name=unit["name"], total=unit["total"], done=unit["done"], in_progress=unit["in_progress"], overdue=unit["overdue"], rate=unit["rate_text"])
        total += "; " + t["digest_standing_line"].format(**{key: unit[key] for key in STANDING_KEYS})
        lines += wrap_words(total, width, initial_indent="  ", subsequent_indent="    ")
    return shown_lines("\n".join(lines) + "\n")
