"""The files of a new office's repository as bytes: the composed texts, and the templates of
templates/office/ rendered with the office's values."""

from __future__ import annotations

from lmhtx_cli.render.templates import render_template


def office_bytes(files) -> dict[str, bytes]:
    """`files` is a workspace.office.OfficeFiles; every text ends in one newline."""
    texts = dict(files.texts)
    for path, name in files.templates.items():
        texts[path] = render_template(name, files.context, None, packaged="office")
    return {path: (text.rstrip("\n") + "\n").encode("utf-8") for path, text in sorted(texts.items())}
