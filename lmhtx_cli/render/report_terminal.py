"""Reports in the terminal with Rich: a table per unit with completion bars, and for long periods a
month × unit grid coloured by completion. Rich drops colour when the output is not a terminal or
NO_COLOR is set, so pipes and cron get plain text."""

from __future__ import annotations

import os
import re
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
    out = _Block(console, width)
    short = {key: t[f"short_{key}"] for key in SHORT_KEYS}
    names = [unit["name"] for unit in data["units"]]
    out.line(t["report_title"], "bold")
    out.line(f"{data['period']} · {data.get('data_window_text') or t['as_of'].format(date=data['as_of_text'])}")
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
    out.rich(table)
    for line in wrap_words(t["short_legend"], width - 1):
        out.line(line, "dim")
    out.rich(standing_table(data, t, longest))
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
        out.rich(grid)
    out.line(t["results"], "bold")
    for unit in data["units"]:
        if not unit["tasks"]:
            continue
        out.line(f"  {unit['name']}", "bold")
        for task in unit["tasks"]:
            status = task["status_label"] + (f" {task['date_text']}" if task["date_text"] else "")
            if task["overdue"]:
                status += f" · {t['overdue']}"
            extra = "; ".join(x for x in (task["to_text"] and t["postponed_to"].format(to=task["to_text"]), task["ref"], task["note"]) if x)
            head = f"    {task['id']}  "
            body = wrap_words(f"{task['text']}" + (f" ({extra})" if extra else ""), max(20, width - len(head) - 2), initial_indent=" " * (len(status) + 2))
            out.spans((head, ""), (status, "red" if task["overdue"] else ("green" if task["status"] == "done" else "")), (body[0][len(status) :] if body else "", ""))
            for more in body[1:]:
                out.line(" " * len(head) + "  " + more)
    if data["upcoming_period"]:
        heading = t["upcoming_month"] + f" ({data['upcoming_period']})" if data["kind"] == "month" else t["upcoming_other"].format(period=data["upcoming_period"])
        total = sum(len(u["tasks"]) for u in data["upcoming"])
        out.line(f"{heading}: {total} {t['tasks']}", "bold")
        for unit in data["upcoming"]:
            out.line(f"  {unit['name']}: {len(unit['tasks'])}")
            for task in unit["tasks"]:
                if task["status_label"]:
                    for more in wrap_words(f"{task['id']} ({task['status_label']}) {task['text']}", width - 7, initial_indent="    ", subsequent_indent="      "):
                        out.line(more)
    members = data.get("members")
    if members:
        out.line(t["member_section"], "bold")
        for line in member_lines(members, t, width - 1):
            out.line(line)
    return "\n".join(line.rstrip() for line in out.text().split("\n"))


class _Block:
    """The report's text built in one piece, written once by the caller. The tables are drawn by
    Rich; every other line (most of a long report) is joined here with the same ANSI styles Rich
    would write, only when Rich would write them (a terminal; NO_COLOR drops the colours, keeps bold
    and dim). A line Rich would wrap or treat specially (wider than the terminal, a tab, a wide
    character) still goes through Rich, so the text is the same as printing each line with Rich."""

    def __init__(self, console, width: int):
        self.console, self.width, self.parts = console, width, []
        self.system = console._color_system  # None when the output is not a terminal: plain text
        self.styles: dict[str, str] = {}

    def _paint(self, text: str, style: str) -> str:
        if not style or not text or self.system is None:
            return text
        from rich.style import Style

        parsed = Style.parse(style)
        if self.console.no_color:
            parsed = parsed.without_color
        return parsed.render(text, color_system=self.system)

    def rich(self, renderable) -> None:
        with self.console.capture() as capture:
            self.console.print(renderable)
        self.parts.append(capture.get())

    def line(self, text: str, style: str = "") -> None:
        self.spans((text, style))

    def spans(self, *spans: tuple[str, str]) -> None:
        whole = "".join(text for text, _ in spans)
        if not _plain_fits(whole, self.width):
            from rich.text import Text

            line = Text()
            for text, style in spans:
                line.append(text, style=style or None)
            self.rich(line)
            return
        self.parts.append("".join(self._paint(text, style) for text, style in spans) + "\n")

    def text(self) -> str:
        return "".join(self.parts)


_MAYBE_WIDE = re.compile("[^\x00-\u10ff\u1e00-\u20ff]")  # outside: scripts and signs Rich may count as two columns


def _plain_fits(text: str, width: int) -> bool:
    """True when Rich would print `text` as it is, on one line: no wider than the terminal and
    nothing Rich expands or treats specially (tabs, control characters)."""
    if not text.isprintable():
        return False
    if len(text) <= width and not _MAYBE_WIDE.search(text):  # no character is wider than one column
        return True
    from rich.cells import cell_len

    return cell_len(text) <= width


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
