"""Every command the tool has, and the module that holds it: the one place commands are loaded.

A run imports only the module of the command it runs, and Typer builds only that command's
options (building all of them costs ~18 ms); `lmhtx --help` and completion load them all.
Each module holds a Typer `app`; a group's commands are the ones registered on it.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

import click
from typer.core import TyperGroup
from typer.main import get_command_from_info
from typer.models import CommandInfo


@dataclass(frozen=True)
class Entry:
    module: str
    group: bool = False  # a group of subcommands (`lmhtx plan show`), else one command


COMMANDS: dict[str, Entry] = {
    "validate": Entry("lmhtx_cli.cli.check"),
    "units": Entry("lmhtx_cli.cli.check"),
    "schema": Entry("lmhtx_cli.cli.check"),
    "plan": Entry("lmhtx_cli.cli.plan", group=True),
    "report": Entry("lmhtx_cli.cli.report"),
    "digest": Entry("lmhtx_cli.cli.report"),
    "members": Entry("lmhtx_cli.cli.members", group=True),
    "meetings": Entry("lmhtx_cli.cli.meetings", group=True),
    "petitions": Entry("lmhtx_cli.cli.petitions", group=True),
    "fees": Entry("lmhtx_cli.cli.fees"),
    "import": Entry("lmhtx_cli.cli.importer", group=True),
    "merge-driver": Entry("lmhtx_cli.cli.merge_driver", group=True),
    "init": Entry("lmhtx_cli.cli.init"),
    "site": Entry("lmhtx_cli.cli.site"),
    "verify": Entry("lmhtx_cli.cli.verify"),
}


def command_name(info: CommandInfo) -> str:
    return info.name or info.callback.__name__.replace("_", "-")


def build(info: CommandInfo) -> click.Command:
    from lmhtx_cli.cli.help_text import translate_command
    from lmhtx_cli.cli.output import guard_typed_text

    command = get_command_from_info(info, pretty_exceptions_short=False, rich_markup_mode=None)
    translate_command(command, info.callback)  # its help in the run's language, known by now
    return guard_typed_text(command)


def typer_app(entry: Entry):
    return importlib.import_module(entry.module).app


class SubGroup(TyperGroup):
    """A command group whose commands are built when one of them is asked for."""

    def __init__(self, name: str, typer_instance) -> None:
        info = typer_instance.info
        from lmhtx_cli.cli.output import group_lang_option
        from lmhtx_cli.i18n import _

        super().__init__(name=name, help=_(info.help) if info.help else info.help, no_args_is_help=True, rich_markup_mode=None, params=[group_lang_option()])
        self.params[0].help = _(self.params[0].help)  # type: ignore[attr-defined]
        self._infos = {command_name(i): i for i in typer_instance.registered_commands}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self._infos)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        info = self._infos.get(name)
        return build(info) if info is not None else None


def load(name: str) -> click.Command | None:
    """The command or group called `name`, imported and built now; None for an unknown name."""
    entry = COMMANDS.get(name)
    if entry is None:
        return None
    app = typer_app(entry)
    if entry.group:
        return SubGroup(name, app)
    info = next(i for i in app.registered_commands if command_name(i) == name)
    return build(info)


def all_command_names() -> list[str]:
    """ "validate", "plan show", …: every command a user can run (for the README test)."""
    names = []
    for name, entry in COMMANDS.items():
        if entry.group:
            names += [f"{name} {command_name(i)}" for i in typer_app(entry).registered_commands]
        else:
            names.append(name)
    return names
