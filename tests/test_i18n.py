"""Vietnamese first: every message in the code has its Vietnamese translation in locale/vi/*.po."""

from __future__ import annotations

import ast

from lmhtx_cli import i18n
from tests.conftest import REPO


def _messages() -> tuple[list[tuple[str, str, str]], list[str]]:
    """(where, context, English) of every _() / pgettext() / N_() in the package, and the calls
    whose message is not a plain string (an f-string cannot be looked up in a catalog)."""
    found, bad = [], []
    for path in sorted((REPO / "lmhtx_cli").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "N_", "pgettext")):
                continue
            args = node.args
            where = f"{path.relative_to(REPO)}:{node.lineno}"
            if node.func.id == "pgettext":
                if len(args) == 2 and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args):
                    found.append((where, args[0].value, args[1].value))
                elif any(isinstance(a, (ast.JoinedStr, ast.BinOp)) for a in args):
                    bad.append(where)
            elif len(args) == 1 and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str):
                found.append((where, "", args[0].value))
            elif args and isinstance(args[0], (ast.JoinedStr, ast.BinOp)):
                bad.append(where)
    return found, bad


def test_every_message_has_a_vietnamese_translation():
    found, _ = _messages()
    catalog = i18n.catalog()
    missing = [f"{where}: {context + '|' if context else ''}{text}" for where, context, text in found if (context, text) not in catalog]
    assert missing == []


def test_messages_are_plain_strings_that_a_catalog_can_hold():
    _, bad = _messages()
    assert bad == []


def test_the_language_is_vietnamese_unless_asked_otherwise(monkeypatch):
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv("LMHTX_LANG", raising=False)
    monkeypatch.setattr(i18n, "_state", {})
    assert i18n.language() == "vi" and i18n._("error") == "lỗi"
    monkeypatch.setenv("LMHTX_LANG", "en")
    monkeypatch.setattr(i18n, "_state", {})
    assert i18n.language() == "en" and i18n._("error") == "error"


def test_po_files_parse_as_gettext_reads_them():
    text = 'msgid ""\nmsgstr "Language: vi\\n"\n\nmsgctxt "meeting"\nmsgid "planned"\nmsgstr "dự kiến"\n\n#, fuzzy\nmsgid "done"\nmsgstr "xong"\n\nmsgid "a\\n"\n"b"\nmsgstr "c"\n"d"\n'
    assert i18n.parse_po(text) == {("meeting", "planned"): "dự kiến", ("", "a\nb"): "cd"}


def test_every_label_has_a_vietnamese_translation():
    from lmhtx_cli.labels import LABELS

    catalog = i18n.catalog()
    assert [key for key, text in LABELS.items() if (key, text) not in catalog] == []


def test_the_compiled_catalog_is_the_po_files_compiled():
    """locale/vi/lmhtx.mo is derived from the .po files by one function; after editing a .po,
    `python -m lmhtx_cli.i18n` compiles it again (until then the .po files are read instead)."""
    assert i18n.COMPILED.read_bytes() == i18n.compiled_catalog(), "run: python -m lmhtx_cli.i18n"


def test_a_stale_compiled_catalog_is_not_used(tmp_path, monkeypatch):
    for path in i18n.FOLDER.glob("*.po"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    (tmp_path / "core.po").write_text((i18n.FOLDER / "core.po").read_text(encoding="utf-8").replace('msgstr "lỗi"', 'msgstr "LỖI MỚI"'), encoding="utf-8")
    (tmp_path / "lmhtx.mo").write_bytes(i18n.COMPILED.read_bytes())
    monkeypatch.setattr(i18n, "FOLDER", tmp_path)
    monkeypatch.setattr(i18n, "COMPILED", tmp_path / "lmhtx.mo")
    monkeypatch.setattr(i18n, "_state", {"lang": "vi"})
    assert i18n._("error") == "LỖI MỚI"
    assert isinstance(i18n.catalog(), dict)  # read from the .po files, not the stale .mo


def test_the_compiled_catalog_is_read_as_gettext_reads_it():
    import gettext

    with open(i18n.COMPILED, "rb") as handle:
        standard = gettext.GNUTranslations(handle)
    assert standard.gettext("error") == "lỗi" and standard.pgettext("click", "Usage:") == "Cách dùng:"


def test_an_edit_that_keeps_a_po_file_s_size_is_seen(tmp_path, monkeypatch):
    """Freshness is judged by content: the same number of bytes, another translation."""
    for path in i18n.FOLDER.glob("*.po"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    original = (i18n.FOLDER / "core.po").read_text(encoding="utf-8")
    edited = original.replace('msgstr "lỗi"', 'msgstr "lối"')
    assert edited != original and len(edited.encode("utf-8")) == len(original.encode("utf-8"))
    (tmp_path / "core.po").write_text(edited, encoding="utf-8")
    (tmp_path / "lmhtx.mo").write_bytes(i18n.COMPILED.read_bytes())
    monkeypatch.setattr(i18n, "FOLDER", tmp_path)
    monkeypatch.setattr(i18n, "COMPILED", tmp_path / "lmhtx.mo")
    monkeypatch.setattr(i18n, "_state", {"lang": "vi"})
    assert i18n._("error") == "lối"
