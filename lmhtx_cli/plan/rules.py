"""Rules about meaning that a schema cannot state; each returns problems, none raise.

A rule is a function of one year's files registered under a stable code, so that messages can be
searched for and a rule can be tested alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from lmhtx_cli.errors import Problem, UserError
from lmhtx_cli.matching import match_unit
from lmhtx_cli.plan.loading import YearDocs
from lmhtx_cli.store.schema_check import present
from lmhtx_cli.store.yamlio import YamlDoc
from lmhtx_cli.text import fold, is_nfc, strings_in

Rule = Callable[[YearDocs], list[Problem]]
RULES: dict[str, Rule] = {}


def rule(code: str) -> Callable[[Rule], Rule]:
    def register(check: Rule) -> Rule:
        RULES[code] = check
        return check

    return register


def run_checks(docs: YearDocs) -> list[Problem]:
    problems: list[Problem] = []
    for check in RULES.values():
        problems.extend(check(docs))
    return problems


def _tasks(docs: YearDocs) -> Iterator[tuple[YamlDoc, str, int, object]]:
    for month in docs.months:
        if month.model is None:
            continue
        for code, items in month.model.units.items():
            for i, task in enumerate(items):
                if task is not None:  # None: a task that failed the schema, already reported
                    yield month.doc, code, i, task


@rule("file-mismatch")
def check_file_matches_contents(docs: YearDocs) -> list[Problem]:
    problems = []
    if docs.plan is not None and docs.plan_doc is not None and docs.plan.year != docs.year:
        problems.append(docs.plan_doc.problem(("year",), "file-mismatch", f"year is {docs.plan.year} but the file is in plans/{docs.year}/"))
    for month in docs.months:
        if month.model is None:
            continue
        if month.model.year != docs.year:
            problems.append(month.doc.problem(("year",), "file-mismatch", f"year is {month.model.year} but the file is in plans/{docs.year}/"))
        if month.model.month != month.month_from_name:
            problems.append(month.doc.problem(("month",), "file-mismatch", f"month is {month.model.month} but the file is named {month.month_from_name:02d}.yaml"))
    return problems


@rule("unknown-unit")
def check_units_are_known(docs: YearDocs) -> list[Problem]:
    if docs.plan is None:
        return []
    codes = {u.code for u in present(docs.plan.units)}
    problems = []
    for month in docs.months:
        if month.model is None:
            continue
        for code in month.model.units:
            if code in codes:
                continue
            try:
                meant = match_unit(str(code), present(docs.plan.units))
                hint = f'; did you mean "{meant.code}" ({meant.name})?'
            except UserError:
                hint = ""
            known = ", ".join(sorted(codes))
            problems.append(month.doc.problem(("units", code), "unknown-unit", f'unknown unit "{code}"{hint} (units of {docs.year}: {known})', on_key=True))
    return problems


@rule("duplicate-unit")
def check_unit_names_are_distinct(docs: YearDocs) -> list[Problem]:
    if docs.plan is None or docs.plan_doc is None:
        return []
    problems = []
    owner: dict[str, tuple[int, str]] = {}
    for i, unit in enumerate(docs.plan.units):
        if unit is None:
            continue
        for field_name, spelling in (("code", unit.code), ("name", unit.name)) + tuple(("aliases", a) for a in unit.aliases):
            folded = fold(spelling)
            if folded in owner and owner[folded][0] != i:
                other = docs.plan.units[owner[folded][0]]
                level = "error" if field_name == "code" else "warning"
                problems.append(docs.plan_doc.problem(("units", i, field_name), "duplicate-unit", f'"{spelling}" already names unit {other.code}', level))
            owner.setdefault(folded, (i, spelling))
    return problems


@rule("duplicate-id")
def check_ids_are_unique(docs: YearDocs) -> list[Problem]:
    """Read from the raw data, so a task with other defects still claims its id."""
    first: dict[str, tuple[str, int]] = dict(docs.known_ids)
    problems = []
    for month in docs.months:
        data = month.doc.data
        units = data.get("units") if isinstance(data, dict) else None
        if not isinstance(units, dict):
            continue
        for code, items in units.items():
            for i, item in enumerate(items if isinstance(items, list) else []):
                task_id = item.get("id") if isinstance(item, dict) else None
                if not isinstance(task_id, str):
                    continue
                path = ("units", code, i, "id")
                if task_id in first:
                    where = first[task_id]
                    problems.append(month.doc.problem(path, "duplicate-id", f'id "{task_id}" is already used at {where[0]}:{where[1]}'))
                else:
                    first[task_id] = (month.doc.file, month.doc.where(path[:-1])[0])  # the task's line: "- id: …"
    return problems


@rule("not-nfc")
def check_text_is_nfc(docs: YearDocs) -> list[Problem]:
    problems = []
    documents = [m.doc for m in docs.months] + ([docs.plan_doc] if docs.plan_doc else [])
    for doc in documents:
        for path, value in strings_in(doc.data, ()):
            if not is_nfc(value):
                problems.append(doc.problem(path, "not-nfc", "text is not in Unicode NFC (composed) form; it looks the same but compares differently", "warning"))
    return problems


@rule("multi-line-text")
def check_task_text_is_one_line(docs: YearDocs) -> list[Problem]:
    return [doc.problem(("units", code, i, "text"), "multi-line-text", "a task's text should stay on one line so diffs stay small", "warning") for doc, code, i, task in _tasks(docs) if "\n" in task.text.strip()]


@rule("history")
def check_history_agrees_with_status(docs: YearDocs) -> list[Problem]:
    problems = []
    for doc, code, i, task in _tasks(docs):
        history = task.history
        for j in range(1, len(history)):
            if history[j].on < history[j - 1].on:
                problems.append(doc.problem(("units", code, i, "history", j, "on"), "history", "history entries should be in date order", "warning"))
        if history and history[-1].status != task.status:
            problems.append(doc.problem(("units", code, i, "status"), "history", f'status is "{task.status}" but the last history entry says "{history[-1].status}"', "warning"))
    return problems


@rule("unknown-thread")
def check_threads_are_defined(docs: YearDocs) -> list[Problem]:
    if docs.plan is None:
        return []
    known = {t.code for t in present(docs.plan.threads)}
    problems = []
    for doc, code, i, task in _tasks(docs):
        if task.thread is not None and task.thread not in known:
            listed = ", ".join(sorted(known)) or "none yet; add them under threads: in plan.yaml"
            problems.append(doc.problem(("units", code, i, "thread"), "unknown-thread", f'thread "{task.thread}" is not defined in plan.yaml (threads: {listed})'))
    return problems
