"""Reports in the terminal with Rich: a table per unit with completion bars, and for long periods a
month × unit grid coloured by completion. Rich drops colour when the output is not a terminal or
NO_COLOR is set, so pipes and cron get plain text."""

from __future__ import annotations

import os
import sys

from lmhtx_cli.render.escape import shown_tree
from lmhtx_cli.render.report_data import COUNT_KEYS, STANDING_KEYS
from lmhtx_cli.render.wrapping import wrap_words


def _console(width: int):
    from rich.console import Console

    return Console(file=sys.stdout, width=width, no_color="NO_COLOR" in os.environ, highlight=False, soft_wrap=False, emoji=False, markup=False)


def _bar(rate: float | None, width: int = 10) -> str:
    if rate is None:
        return " " * width
    filled = round(rate * width)
    return "█" * filled + "░" * (width - filled)


def _style(rate: float | None) -> str:
    if rate is None:
        return "dim"
    if rate >= 0.8:
        return "bold green"
    if rate >= 0.5:
        return "yellow"
    return "red"


BAR = 8
SHORT_KEYS = COUNT_KEYS + ("rate",)  # each column's short heading is the label short_<key>


def _longest_word(texts) -> int:
    return max((len(word) for text in texts for word in text.split()), default=1)


def report_terminal(data: dict, t: dict, width: int) -> str:
    """The report at `width` columns: unit names wrap at words in their column (a column is never
    narrower than its longest word), task texts wrap under their indent, nothing is cut."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    data = shown_tree(data)  # escaped before the tool's own colours: nothing from the data acts on the terminal
    console = _console(width)
    short = {key: t[f"short_{key}"] for key in SHORT_KEYS}
    names = [unit["name"] for unit in data["units"]]
    with console.capture() as capture:
        console.print(Text(t["report_title"], style="bold"))
        console.print(Text(f"{data['period']} · {data.get('data_window_text') or t['as_of'].format(date=data['as_of_text'])}"))
        table = Table(box=box.SIMPLE_HEAD, show_footer=True, pad_edge=False, expand=False, collapse_padding=True)
        longest = _longest_word(names + [t["col_unit"], t["total"]])
        table.add_column(t["col_unit"], footer=t["total"], overflow="fold", no_wrap=False, min_width=longest)
        keys = COUNT_KEYS
        for key in keys:
            table.add_column(short[key], footer=str(data["total"][key]), justify="right", no_wrap=True, min_width=len(short[key]))
        table.add_column(short["rate"], footer=data["total"]["rate_text"], justify="right", no_wrap=True, min_width=6)
        table.add_column("", footer=Text(_bar(data["total"]["rate"], BAR), style=_style(data["total"]["rate"])), no_wrap=True, min_width=BAR)
        for unit in data["units"]:
            counts = unit["counts"]
            table.add_row(unit["name"], *(str(counts[k]) for k in keys), counts["rate_text"], Text(_bar(counts["rate"], BAR), style=_style(counts["rate"])))
        console.print(table)
        for line in wrap_words(t["short_legend"], width - 1):
            console.print(Text(line, style="dim"))
        console.print(standing_table(data, t, longest))
        if data["grid"]:
            grid = Table(title=t["by_month"], box=box.SIMPLE_HEAD, pad_edge=False, title_justify="left")
            grid.add_column(t["col_unit"], overflow="fold", no_wrap=False, min_width=longest)
            for month in data["months"]:
                grid.add_column(t["short_month"].format(month=month), justify="right", no_wrap=True)
            for row in data["grid"]:
                cells = []
                for cell in row["cells"]:
                    if cell is None:
                        cells.append(Text("·", style="dim"))
                    else:
                        cells.append(Text(f"{round(cell['rate'] * 100) if cell['rate'] is not None else '–'}", style=_style(cell["rate"])))
                grid.add_row(row["name"], *cells)
            console.print(grid)
        console.print(Text(t["results"], style="bold"))
        for unit in data["units"]:
            if not unit["tasks"]:
                continue
            console.print(Text(f"  {unit['name']}", style="bold"))
            for task in unit["tasks"]:
                status = task["status_label"] + (f" {task['date_text']}" if task["date_text"] else "")
                if task["overdue"]:
                    status += f" · {t['overdue']}"
                extra = "; ".join(x for x in (task["to_text"] and t["postponed_to"].format(to=task["to_text"]), task["ref"], task["note"]) if x)
                head = f"    {task['id']}  "
                body = wrap_words(f"{task['text']}" + (f" ({extra})" if extra else ""), max(20, width - len(head) - 2), initial_indent=" " * (len(status) + 2))
                line = Text(head)
                line.append(status, style="red" if task["overdue"] else ("green" if task["status"] == "done" else ""))
                line.append(body[0][len(status) :] if body else "")
                console.print(line)
                for more in body[1:]:
                    console.print(Text(" " * len(head) + "  " + more))
        if data["upcoming_period"]:
            heading = t["upcoming_month"] + f" ({data['upcoming_period']})" if data["kind"] == "month" else t["upcoming_other"].format(period=data["upcoming_period"])
            total = sum(len(u["tasks"]) for u in data["upcoming"])
            console.print(Text(f"{heading}: {total} {t['tasks']}", style="bold"))
            for unit in data["upcoming"]:
                console.print(Text(f"  {unit['name']}: {len(unit['tasks'])}"))
                for task in unit["tasks"]:
                    if task["status_label"]:
                        for more in wrap_words(f"{task['id']} ({task['status_label']}) {task['text']}", width - 7, initial_indent="    ", subsequent_indent="      "):
                            console.print(Text(more))
        members = data.get("members")
        if members:
            console.print(Text(t["member_section"], style="bold"))
            for line in member_lines(members, t, width - 1):
                console.print(Text(line))
    return "\n".join(line.rstrip() for line in capture.get().split("\n"))


def standing_table(data: dict, t: dict, unit_width: int):
    """The four ways the tasks stand against their deadlines, per unit and in total."""
    from rich import box
    from rich.table import Table

    table = Table(title=t["by_deadline"], box=box.SIMPLE_HEAD, show_footer=True, pad_edge=False, title_justify="left", collapse_padding=True)
    table.add_column(t["col_unit"], footer=t["total"], overflow="fold", no_wrap=False, min_width=unit_width)
    for key in STANDING_KEYS:
        heading = t[f"col_{key}"]
        longest = max(len(word) for word in heading.split())
        table.add_column(heading, footer=str(data["total"][key]), justify="right", no_wrap=False, min_width=longest, max_width=max(10, longest))
    for unit in data["units"]:
        table.add_row(unit["name"], *(str(unit["counts"][key]) for key in STANDING_KEYS))
    return table


def member_lines(members: dict, t: dict, width: int) -> list[str]:
    """The member part of a report or digest as plain lines, wrapped under their own indent."""
    lines = [f"  {t['meetings_in_period']}: {len(members['meetings'])}"]
    lines += [f"    {m['id']}  {m['when']}  {m['status_label']}  {m['area']}" + (f" [{t['sample']}]" if m["sample"] else "") for m in members["meetings"]]
    overdue = f" ({members['overdue_count']} {t['overdue_petitions']})" if members["overdue_count"] else ""
    lines.append(f"  {t['open_petitions']}: {len(members['open_petitions'])}{overdue}")
    for p in members["open_petitions"]:
        flag = f" — {t['overdue_petitions']}" if p["overdue"] else ""
        lines.append(f"    {p['id']}  {p['status_label']}{flag}  {p['member']}: [{p['topic']}] {p['text']}" + (f" [{t['sample']}]" if p["sample"] else ""))
    if members["fees"]:
        lines.append(f"  {members['fees']['line']}")
    wrapped = []
    for line in lines:
        indent = len(line) - len(line.lstrip())
        wrapped += wrap_words(line.lstrip(), width, initial_indent=" " * indent, subsequent_indent=" " * (indent + 4))
    return wrapped
