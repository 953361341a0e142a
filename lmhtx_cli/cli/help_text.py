"""Help pages in the run's language.

Commands and options declare their help in English, marked with `N_()` (the catalogs in
`locale/vi/` hold the Vietnamese); a command's help is translated here when the command is built
(registry.py), which happens after `--lang` and $LMHTX_LANG have been read. Declaring the text
with `N_()` rather than `_()` keeps it right whatever was imported first: options shared by many
commands (cli/output.py) are declared when the package is imported, before the language is known.
"""

from __future__ import annotations

from lmhtx_cli.i18n import _


def translate_command(command, callback) -> None:
    """The help of `command` (built by Typer from `callback`) and of each of its parameters."""
    from typer.utils import get_params_from_function

    if command.help:
        command.help = _(command.help)
    if command.short_help:
        command.short_help = _(command.short_help)
    declared = {name: getattr(meta.default, "help", None) for name, meta in get_params_from_function(callback).items()}
    for param in command.params:
        text = declared.get(param.name) or getattr(param, "help", None)
        if text:
            param.help = _(text)  # an argument's help too, which Click 8.2+ drops from Typer's arguments
    if hasattr(command, "format_arguments"):
        command.format_arguments = _no_second_list  # Typer lists the arguments with the options already


def _no_second_list(ctx, formatter) -> None:
    """Click's own list of the arguments (Click 8.5+), which would repeat Typer's."""


def translate_group(group) -> None:
    """The help of a group (`lmhtx`, `lmhtx plan`) and of the group's own options."""
    if group.help:
        group.help = _(group.help)
    for param in getattr(group, "params", ()):
        if getattr(param, "help", None):
            param.help = _(param.help)
