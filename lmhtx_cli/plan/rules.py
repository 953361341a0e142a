"""Rules about meaning that a schema cannot state; each returns problems, none raise.

A rule is a function of one year's files registered under a stable code, so that messages can be
searched for and a rule can be tested alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from lmhtx_cli.errors import Problem, UserError
from lmhtx_cli.i18n import _
from lmhtx_cli.matching import match_unit
from lmhtx_cli.periods import format_date, format_month
from lmhtx_cli.plan.loading import YearDocs
from lmhtx_cli.plan.timeline import current_status, entries_in_order, month_ref, postponement_into
from lmhtx_cli.store.schema_check import present
from lmhtx_cli.store.yamlio import YamlDoc
from lmhtx_cli.text import broken_names, fold, is_nfc, shown_line_breaks, strings_in

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


def _month_tasks(docs: YearDocs) -> Iterator[tuple[object, str, int, object]]:
    """Each task that passed the schema with its month document, unit code and place."""
    for month in docs.months:
        if month.model is None:
            continue
        for code, items in month.model.units.items():
            for i, task in enumerate(items):
                if task is not None:  # None: a task that failed the schema, already reported
                    yield month, code, i, task


def _tasks(docs: YearDocs) -> Iterator[tuple[YamlDoc, str, int, object]]:
    for month, code, i, task in _month_tasks(docs):
        yield month.doc, code, i, task


@rule("file-mismatch")
def check_file_matches_contents(docs: YearDocs) -> list[Problem]:
    problems = []
    if docs.plan is not None and docs.plan_doc is not None and docs.plan.year != docs.year:
        problems.append(docs.plan_doc.problem(("year",), "file-mismatch", _("year is {said} but the file is in plans/{year}/").format(said=docs.plan.year, year=docs.year)))
    for month in docs.months:
        if month.model is None:
            continue
        if month.model.year != docs.year:
            problems.append(month.doc.problem(("year",), "file-mismatch", _("year is {said} but the file is in plans/{year}/").format(said=month.model.year, year=docs.year)))
        if month.model.month != month.month_from_name:
            problems.append(month.doc.problem(("month",), "file-mismatch", _("month is {said} but the file is named {month:02d}.yaml").format(said=month.model.month, month=month.month_from_name)))
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
                hint = _('; did you mean "{code}" ({name})?').format(code=meant.code, name=meant.name)
            except UserError:
                hint = ""
            known = ", ".join(sorted(codes))
            problems.append(month.doc.problem(("units", code), "unknown-unit", _('unknown unit "{code}"{hint} (units of {year}: {known})').format(code=code, hint=hint, year=docs.year, known=known), on_key=True))
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
                problems.append(docs.plan_doc.problem(("units", i, field_name), "duplicate-unit", _('"{spelling}" already names unit {unit}').format(spelling=spelling, unit=other.code), level))
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
                    problems.append(month.doc.problem(path, "duplicate-id", _('id "{id}" is already used at {file}:{line}').format(id=task_id, file=where[0], line=where[1])))
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
                problems.append(doc.problem(path, "not-nfc", _("text is not in Unicode NFC (composed) form; it looks the same but compares differently"), "warning"))
    return problems


@rule("control-char")
def check_text_holds_no_control_characters(docs: YearDocs) -> list[Problem]:
    """Text that would act on a terminal or hide what is written (an escape, a carriage return, a
    bidirectional override, …): a warning at the value, which is shown escaped meanwhile."""
    from lmhtx_cli.typed import data_text_warning, unsafe_in_document

    documents = [m.doc for m in docs.months] + ([docs.plan_doc] if docs.plan_doc else [])
    return [doc.problem(path, "control-char", data_text_warning(position, ch), "warning", on_key=on_key) for doc in documents for path, on_key, position, ch in unsafe_in_document(doc.text, doc.data)]


@rule("line-break-in-name")
def check_names_are_one_line(docs: YearDocs) -> list[Problem]:
    """An id, a unit code, a thread or any key holding a line break (`id: "05-quy-1\\n"`)."""
    documents = [m.doc for m in docs.months] + ([docs.plan_doc] if docs.plan_doc else [])
    return [doc.problem(path, "line-break-in-name", line_break_message(text), on_key=on_key) for doc in documents for path, on_key, text in broken_names(doc.data)]


def line_break_message(text: str) -> str:
    return _('"{name}" holds a line break: ids, codes and keys are one line').format(name=shown_line_breaks(text))


@rule("multi-line-text")
def check_task_text_is_one_line(docs: YearDocs) -> list[Problem]:
    return [doc.problem(("units", code, i, "text"), "multi-line-text", _("a task's text should stay on one line so diffs stay small"), "warning") for doc, code, i, task in _tasks(docs) if "\n" in task.text.strip()]


@rule("history")
def check_history_agrees_with_status(docs: YearDocs) -> list[Problem]:
    """The history is the truth; the stored status must say what it leads to."""
    problems = []
    for doc, code, i, task in _tasks(docs):
        history = task.history
        for j in range(1, len(history)):
            if history[j].on < history[j - 1].on:
                problems.append(doc.problem(("units", code, i, "history", j, "on"), "history", _("history entries should be in date order"), "warning"))
        said = current_status(task)
        if said != task.status:
            if history:
                message = _('status says "{status}" but the history says "{said}" (its last entry, {on}); reports follow the history').format(status=task.status, said=said, on=format_date(entries_in_order(task)[-1].on))
            else:
                message = _('status says "{status}" but the history says "planned" (it has no entry); reports follow the history: record the change with `lmhtx plan mark`').format(status=task.status)
            problems.append(doc.problem(("units", code, i, "status"), "history", message, "warning"))
    return problems


@rule("chain")
def check_postponement_chains(docs: YearDocs) -> list[Problem]:
    """A continuation names the task it carries on (`continues`), whose history postponed it into
    the continuation's month, and a chain has one live end. The postponed task's `continued_as` is
    derived from the continuation and not written; where a file holds one (written by an earlier
    version of the tool), it must agree. Links to another year (YYYY/id) are not followed here."""
    tasks = {task.id: (month.doc, code, i, task, month.model.month) for month, code, i, task in _month_tasks(docs)}
    elsewhere = set(docs.known_ids)  # tasks of month files not read in this check: not judged
    problems: list[Problem] = []
    continuers: dict[str, list[str]] = {}

    def add(doc, path, message) -> None:
        problems.append(doc.problem(path, "chain", message))

    for task_id, (doc, code, i, task, month) in tasks.items():
        path = ("units", code, i)
        if task.continues is None or "/" in task.continues:
            continue
        continuers.setdefault(task.continues, []).append(task_id)
        origin = tasks.get(task.continues)
        if origin is None:
            if task.continues not in elsewhere:
                add(doc, path + ("continues",), _('continues "{old}", which is not a task of {year}').format(old=task.continues, year=docs.year))
            continue
        origin_doc, origin_code, origin_i, origin_task, _month = origin
        if postponement_into(origin_task, docs.year, month) is None:
            add(
                doc,
                path + ("continues",),
                _("continues {old}, but {old} was not postponed to {month} (no postponed entry with to: {to} in its history)").format(old=task.continues, month=format_month(month, docs.year), to=month_ref(docs.year, month)),
            )
        elif current_status(origin_task) != "postponed":
            add(
                origin_doc,
                ("units", origin_code, origin_i, "status"),
                _('{id} has a continuation ({new}) but its status is "{status}": a chain has one live end; mark {new} instead').format(id=task.continues, new=task_id, status=current_status(origin_task)),
            )
    for origin_id, ids in continuers.items():
        if len(ids) > 1 and origin_id in tasks:
            for task_id in ids[1:]:
                doc, code, i, _task, _month = tasks[task_id]
                add(doc, ("units", code, i, "continues"), _("{ids} all continue {old}: a chain has one live end").format(ids=", ".join(ids), old=origin_id))
    for task_id, (doc, code, i, task, _month) in tasks.items():  # continued_as written by hand or by an earlier version
        for j, entry in enumerate(task.history):
            target = entry.continued_as
            if target is None or "/" in target:
                continue
            where = ("units", code, i, "history", j, "continued_as")
            if target not in tasks:
                if target not in elsewhere:
                    add(doc, where, _('continued as "{new}", which is not a task of {year}; continued_as is worked out from the continuation\'s continues: delete this line').format(new=target, year=docs.year))
            elif tasks[target][3].continues != task_id:
                add(doc, where, _("continued as {new}, but {new} does not say that it continues {id}; continued_as is worked out from the continuation's continues: delete this line").format(new=target, id=task_id))
    for start in tasks:
        seen = [start]
        current = tasks[start][3].continues
        while current is not None and "/" not in current and current in tasks:
            if current == start:
                doc, code, i, _task, _month = tasks[start]
                add(doc, ("units", code, i, "continues"), _("the chain loops: {ids}").format(ids=" → ".join(seen + [start])))
                break
            if current in seen:
                break  # a loop that does not pass through `start`: reported from one of its own links
            seen.append(current)
            current = tasks[current][3].continues
    return problems


@rule("added")
def check_added_before_history(docs: YearDocs) -> list[Problem]:
    """A task added to the programme on a day (`added:`) has no recorded change before that day:
    a report for a day between them would not show the task its history speaks of."""
    problems = []
    for doc, code, i, task in _tasks(docs):
        if task.added is None:
            continue
        for j, entry in enumerate(task.history):
            if entry.on < task.added:
                message = _("this change is dated {on}, before the task was added ({added}): correct added: or the date").format(on=format_date(entry.on), added=format_date(task.added))
                problems.append(doc.problem(("units", code, i, "history", j, "on"), "added", message, "warning"))
    return problems


@rule("unknown-thread")
def check_threads_are_defined(docs: YearDocs) -> list[Problem]:
    if docs.plan is None:
        return []
    known = {t.code for t in present(docs.plan.threads)}
    problems = []
    for doc, code, i, task in _tasks(docs):
        if task.thread is not None and task.thread not in known:
            listed = ", ".join(sorted(known)) or _("none yet; add them under threads: in plan.yaml")
            problems.append(doc.problem(("units", code, i, "thread"), "unknown-thread", _('thread "{thread}" is not defined in plan.yaml (threads: {listed})').format(thread=task.thread, listed=listed)))
    return problems


@rule("due-outside-year")
def check_due_in_its_year(docs: YearDocs) -> list[Problem]:
    """A task's own deadline (`due:`) lies in the year of its programme."""
    problems = []
    for doc, code, i, task in _tasks(docs):
        if task.due is not None and task.due.year != docs.year:
            message = _("due {due} is not in {year}: a task of the {year} programme is due within its year").format(due=format_date(task.due), year=docs.year)
            problems.append(doc.problem(("units", code, i, "due"), "due-outside-year", message))
    return problems
