"""Click's own words (help pages, usage errors) in the run's language.

Click marks them for gettext (`from gettext import gettext as _` in each of its modules); this
points those names at lmhtx's catalogs (`locale/vi/click.po`, context "click") instead of the
system's, so `lmhtx --help` and a typo read in Vietnamese by default.
"""

from __future__ import annotations

import sys

from lmhtx_cli.i18n import language, pgettext


def _gettext(message: str) -> str:
    return pgettext("click", message)


def _ngettext(singular: str, plural: str, count: int) -> str:
    return pgettext("click", singular if count == 1 else plural)


def install() -> None:
    """Translate Click's words for the rest of this run (nothing to do in English)."""
    if language() == "en":
        return
    for name in ("click.core", "click.exceptions", "click.formatting", "click.decorators", "click.types", "click.termui", "click.parser", "typer.core"):
        module = sys.modules.get(name)
        if module is None:
            continue
        if hasattr(module, "_"):
            module._ = _gettext
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext
    import click

    for kind in (click.STRING, click.INT, click.FLOAT, click.BOOL):
        kind.name = _gettext(kind.name)


def translate_help(command) -> None:
    """The help of options Typer adds itself (shell completion) in the run's language."""
    if language() == "en":
        return
    for param in getattr(command, "params", ()):
        if getattr(param, "help", None):
            param.help = _gettext(param.help)
