"""`lmhtx verify`: a report or digest written by the tool (Markdown, Word, JSON) checked against
the data it says it was computed from.

The file's provenance (render/provenance.py) names the commit and the as-of date; the report is
computed again from the data as it was at that commit (read from git into a private folder,
workspace/provenance.workspace_at), and the figures are compared: the counts of each unit and of
the total, read from the JSON's `counts`, or from the summary table of Markdown and Word (its
columns found by their headings, its rows by the units' names), never from the prose."""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from lmhtx_cli.errors import UserError
from lmhtx_cli.i18n import _


@dataclass
class Difference:
    row: str  # a unit's name, or the total
    figure: str  # the figure's heading (or its JSON key)
    written: str  # what the file says ("" when the figure is missing)
    computed: str  # what the data at the commit gives


@dataclass
class Verdict:
    provenance: dict
    format: str  # "md", "docx" or "json"
    checked: int = 0  # figures compared
    differences: list[Difference] = field(default_factory=list)


# -- reading the file ---------------------------------------------------------------------------
def _kind_of(name: str, data: bytes) -> str:
    if data[:2] == b"PK":
        return "docx"
    stripped = data.lstrip()
    if name.lower().endswith(".json") or stripped[:1] == b"{":
        return "json"
    return "md"


def _decoded(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(_("not UTF-8 text (byte {offset}): not a report written by lmhtx").format(offset=exc.start), name) from None


def _provenance(kind: str, data: bytes, name: str) -> tuple[dict | None, object]:
    """(the provenance, the file's content as the comparison reads it)."""
    from lmhtx_cli.render.provenance import provenance_in_properties, provenance_in_text

    if kind == "docx":
        from lmhtx_cli.store.docx_parts import custom_properties

        properties = custom_properties(data)
        if properties is None:
            raise UserError(_("not a Word document (.docx)"), name)
        return provenance_in_properties(properties), data
    text = _decoded(data, name)
    if kind == "json":
        try:
            loaded = json.loads(text)
        except ValueError as exc:
            line, column = getattr(exc, "lineno", None), getattr(exc, "colno", None)
            raise UserError(_("not valid JSON: {reason}").format(reason=getattr(exc, "msg", exc)), name, line, column) from None
        found = loaded.get("provenance") if isinstance(loaded, dict) else None
        return (found if isinstance(found, dict) and found.get("tool") == "lmhtx" else None), loaded
    return provenance_in_text(text), text


def _checkable(p: dict | None, name: str, workspace) -> str:
    """The commit to compute from, or a UserError saying why the file cannot be checked."""
    from lmhtx_cli.store.gitio import commit_of, repo_prefix

    if p is None:
        raise UserError(_("no provenance of lmhtx in it (a report written by lmhtx carries one): it cannot be checked"), name)
    well_formed = isinstance(p.get("as_of"), str) and (
        (p.get("document") == "report" and isinstance(p.get("period"), list) and all(isinstance(w, str) for w in p["period"]) and isinstance(p.get("unit"), (str, type(None))) and isinstance(p.get("year"), (int, type(None))))
        or (p.get("document") == "digest" and isinstance(p.get("month"), str))
    )
    if not well_formed:
        raise UserError(_("its provenance is not one of a report or a digest: it cannot be checked"), name)
    if not p.get("commit"):
        raise UserError(_("it was computed from data outside git (no commit): there is nothing to check it against"), name)
    if p.get("dirty"):
        raise UserError(_("it was computed from files that differed from commit {commit} (dirty): the data it counted is not in git, so it cannot be checked").format(commit=str(p["commit"])[:12]), name)
    repo_prefix(workspace.root)  # a clear error when the data folder is not in git
    commit = commit_of(workspace.root, str(p["commit"])) if re.fullmatch(r"[0-9a-f]{7,64}", str(p["commit"])) else None
    if commit is None:
        raise UserError(_("it names commit {commit}, which this repository does not have (fetch it, or verify in the repository it was made in)").format(commit=str(p["commit"])[:12]), name)
    return commit


# -- computing it again -------------------------------------------------------------------------
def _computed(workspace, p: dict, commit: str) -> dict:
    from lmhtx_cli.render.report_data import digest_document, report_document
    from lmhtx_cli.workspace.provenance import workspace_at
    from lmhtx_cli.workspace.reporting import digest_sources, report_sources

    lang = p.get("lang") if p.get("lang") in ("vi", "en") else "vi"
    with workspace_at(workspace, commit) as then:
        if p["document"] == "digest":
            return digest_document(digest_sources(then, p.get("month"), p["as_of"], None), lang)
        return report_document(report_sources(then, p["period"], p.get("year"), p.get("unit"), p["as_of"], None), lang)


def _figures(counts: dict, rate_key: str = "rate_text") -> dict[str, str]:
    """The figures of one counts record: every count, and the completion rate as printed."""
    found = {key: str(value) for key, value in counts.items() if isinstance(value, int) and not isinstance(value, bool)}
    if isinstance(counts.get(rate_key), str):
        found["rate"] = counts[rate_key]
    return found


def _expected(data: dict, labels: dict) -> dict[str, dict[str, str]]:
    """Each row's figures ({unit name or the total label: {key: text}}), as the tool writes them."""
    if "totals" in data:  # a digest
        return {unit["name"]: _figures(unit) for unit in data["totals"]}
    rows = {unit["name"]: _figures(unit["counts"]) for unit in data["units"]}
    rows[labels["total"]] = _figures(data["total"])
    return rows


def _written_json(loaded: dict, data: dict, labels: dict) -> dict[str, dict[str, str]]:
    names = {unit["code"]: unit["name"] for unit in data.get("units") or data.get("totals") or []}
    if "totals" in data:
        return {names.get(u.get("code"), str(u.get("code"))): _figures(u) for u in loaded.get("totals") or [] if isinstance(u, dict)}
    rows = {names.get(u.get("code"), str(u.get("code"))): _figures(u.get("counts") or {}) for u in loaded.get("units") or [] if isinstance(u, dict)}
    if isinstance(loaded.get("total"), dict):
        rows[labels["total"]] = _figures(loaded["total"])
    return rows


def _plain(cell: str) -> str:
    """A table cell as a person reads it: no bold, no Markdown escapes, spaces folded."""
    cell = re.sub(r"\\(.)", r"\1", cell.strip())
    cell = cell.replace("**", "").replace("__", "")
    return " ".join(cell.split())


def _markdown_tables(text: str) -> list[list[list[str]]]:
    tables, rows = [], []
    for line in text.splitlines() + [""]:
        if line.strip().startswith("|"):
            cells = re.split(r"(?<!\\)\|", line.strip().strip("|"))
            if not all(re.fullmatch(r"\s*:?-+:?\s*", c) for c in cells):  # the line under the headings
                rows.append([_plain(c) for c in cells])
        elif rows:
            tables.append(rows)
            rows = []
    return tables


def _word_tables(data: bytes) -> list[list[list[str]]]:
    import docx

    document = docx.Document(io.BytesIO(data))
    return [[[_plain(cell.text) for cell in row.cells] for row in table.rows] for table in document.tables]


def _written_table(tables: list[list[list[str]]], labels: dict, keys: set[str]) -> dict[str, dict[str, str]] | None:
    """The figures of the summary table: the first table whose first heading is the unit column
    and whose other headings name figures."""
    headings = {labels[f"col_{key}"]: key for key in keys if f"col_{key}" in labels}
    headings[labels["col_rate"]] = "rate"
    for table in tables:
        if not table or table[0][0] != labels["col_unit"]:
            continue
        columns = {i: headings[text] for i, text in enumerate(table[0]) if text in headings}
        if not columns:
            continue
        return {row[0]: {key: row[i] if i < len(row) else "" for i, key in columns.items()} for row in table[1:] if row}
    return None


def verify_file(workspace, path: Path) -> Verdict:
    """The verdict on the report or digest in `path`: its figures compared with the same report
    computed from the data at its commit. A file that cannot be checked is a UserError."""
    from lmhtx_cli.labels import labels_for
    from lmhtx_cli.store.snapshot import read_report_file

    name = str(path)
    raw = read_report_file(path)
    kind = _kind_of(name, raw)
    p, content = _provenance(kind, raw, name)
    commit = _checkable(p, name, workspace)
    data = _computed(workspace, p, commit)
    labels = labels_for(data["lang"])
    expected = _expected(data, labels)
    if kind == "json":
        written = _written_json(content, data, labels)
    elif "totals" in data:
        raise UserError(_("a digest's figures are checked in its JSON (lmhtx digest --format json); this one is {kind}").format(kind=kind), name)
    else:
        keys = {key for figures in expected.values() for key in figures}
        written = _written_table(_word_tables(content) if kind == "docx" else _markdown_tables(content), labels, keys)
        if written is None:
            raise UserError(_("no summary table of figures found in it (a report made with its own template?): it cannot be checked"), name)
    return _compared(Verdict(p, kind), expected, written, labels)


def _compared(verdict: Verdict, expected: dict, written: dict, labels: dict) -> Verdict:
    shown_keys = {key for figures in (expected if verdict.format == "json" else written).values() for key in figures}

    def heading(key: str) -> str:
        shown = labels.get("col_rate" if key == "rate" else f"col_{key}", key)
        return f"{shown} ({key})" if verdict.format == "json" and shown != key else shown

    for row, figures in expected.items():
        found = written.get(row)
        for key, value in figures.items():
            if key not in shown_keys:
                continue  # a figure this file does not show
            verdict.checked += 1
            text = found.get(key) if found is not None else None
            if text != value:
                verdict.differences.append(Difference(row, heading(key), text or "", value))
    for row, figures in written.items():
        if row not in expected:
            verdict.differences.extend(Difference(row, heading(key), text, "") for key, text in figures.items())
    return verdict


def verdict_text(verdict: Verdict, name: str) -> str:
    """What `lmhtx verify` says: that the figures match, or each one that differs."""
    from lmhtx_cli import __version__
    from lmhtx_cli.dates import parse_day
    from lmhtx_cli.periods import format_date

    p = verdict.provenance
    values = {"file": name, "commit": str(p["commit"])[:12], "date": format_date(parse_day(p["as_of"])), "count": verdict.checked}
    lines = []
    if not verdict.differences:
        lines.append(_("{file}: matches: its {count} figures are those of the data at git commit {commit}, as of {date}.").format(**values))
    else:
        lines.append(_("{file}: does NOT match the data at git commit {commit}, as of {date}: {n} of its figures differ.").format(n=len(verdict.differences), **values))
        for d in verdict.differences:
            if not d.computed:
                lines.append("  " + _("{row}, {figure}: the file says {written}, but the data has no such row").format(row=d.row, figure=d.figure, written=d.written))
            elif not d.written:
                lines.append("  " + _("{row}, {figure}: missing from the file; the data gives {computed}").format(row=d.row, figure=d.figure, computed=d.computed))
            else:
                lines.append("  " + _("{row}, {figure}: the file says {written}, the data gives {computed}").format(row=d.row, figure=d.figure, written=d.written, computed=d.computed))
    if p.get("version") != __version__:
        lines.append(_("(made by lmhtx {made}, checked with lmhtx {now})").format(made=p.get("version"), now=__version__))
    return "\n".join(lines) + "\n"
