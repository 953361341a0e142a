"""`plan show` in the format asked for: the heading that names the filters, then the tasks as a
terminal list, Markdown, JSON or CSV; or one task in full."""

from __future__ import annotations

from lmhtx_cli.labels import label

SHOW_FORMATS = ("table", "md", "json", "csv")


def heading(view, lang: str) -> str:
    """ "Chương trình công tác năm 2024 · Quý II/2024 · Quỹ Hỗ trợ Phát triển HTX · …" """
    from lmhtx_cli.periods import quarter_label

    programme = view.programme
    parts = [label("programme", lang, year=programme.year)]
    if view.quarter:
        parts.append(quarter_label(view.quarter, programme.year, lang))
    elif view.months:
        parts.append(f"{label('month', lang)} {_months_text(view.months)}")
    if view.unit is not None:
        parts.append(view.unit.label(lang))
    if view.statuses:
        parts.append(", ".join(label(s, lang) for s in sorted(view.statuses)))
    if view.grep:
        parts.append(f'"{view.grep}"')
    return " · ".join(parts)


def _months_text(months: list[int]) -> str:
    months = sorted(months)
    if len(months) > 2 and months == list(range(months[0], months[-1] + 1)):
        return f"{months[0]}-{months[-1]}"
    return ", ".join(map(str, months))


def shown_tasks(view, format: str, width: int, lang: str, styled: bool = False) -> tuple[str, str | None]:
    """The output, and a note for stderr (JSON and CSV carry no words of their own, so the note
    that an earlier year is shown goes there)."""
    fallback = label("latest_year", lang, wanted=view.this_year, year=view.programme.year) if view.fell_back else None
    if view.task is not None:
        return _one_task(view, format, width, lang), None
    if format == "json":
        from lmhtx_cli.render.data import tasks_json

        return tasks_json(view.tasks, view.programme, view.elsewhere), fallback
    if format == "csv":
        from lmhtx_cli.render.data import tasks_csv

        return tasks_csv(view.tasks, view.programme), fallback
    title = heading(view, lang)
    if format == "md":
        from lmhtx_cli.render.markdown import tasks_markdown

        body = tasks_markdown(view.tasks, view.programme, title, lang)
        return (body if not fallback else body.replace("\n\n", f"\n\n_{fallback}_\n\n", 1)), None
    from lmhtx_cli.render.text import tasks_table

    return tasks_table(view.tasks, view.programme, title + ("\n" + fallback if fallback else ""), width, lang, styled), None


def _one_task(view, format: str, width: int, lang: str) -> str:
    if format == "json":
        from lmhtx_cli.render.data import json_of
        from lmhtx_cli.render.records import task_record

        return json_of(task_record(view.task, view.programme, view.chain, view.elsewhere))
    from lmhtx_cli.render.text import task_detail

    return task_detail(view.task, view.programme, width, lang, view.chain, view.elsewhere)
