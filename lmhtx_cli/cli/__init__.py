"""The command line: thin Typer commands over the domain; errors become one line and an exit code."""

from __future__ import annotations

import os
import sys
from typing import Optional

import typer
from typer.core import TyperGroup

from lmhtx_cli import __version__
from lmhtx_cli.cli.output import LangOption
from lmhtx_cli.errors import DataError, UserError
from lmhtx_cli.i18n import N_, _

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 70


class LmhtxGroup(TyperGroup):
    """Runs a command and turns every expected failure into one line on stderr and an exit code.

    Its commands come from the registry (registry.py), loaded only when asked for."""

    def list_commands(self, ctx) -> list[str]:
        from lmhtx_cli.cli.registry import COMMANDS

        return list(COMMANDS)

    def get_command(self, ctx, name: str):
        from lmhtx_cli.cli.registry import load

        return load(name)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):  # type: ignore[override]
        from lmhtx_cli.cli.output import guard_typed_text

        guard_typed_text(self)  # --root and the other options of the group itself
        from lmhtx_cli.cli.click_words import translate_help
        from lmhtx_cli.cli.help_text import translate_group

        _language_from(list(args) if args is not None else sys.argv[1:], install=False)  # also when run in-process
        translate_group(self)
        translate_help(self)
        code = self._run(args, prog_name or "lmhtx", complete_var, **extra)
        if standalone_mode:
            sys.exit(code)
        return code

    def _run(self, args, prog_name, complete_var, **extra) -> int:
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except DataError as exc:
            _say(f"lmhtx: {exc.format()}")
            return EXIT_DATA
        except UserError as exc:
            _say(_("lmhtx: error: {message}").format(message=exc.format()))
            return EXIT_USAGE
        except typer.Exit as exc:
            return exc.exit_code
        except typer.Abort:
            _say(_("lmhtx: aborted, nothing was changed"))
            return EXIT_DATA
        except BrokenPipeError:
            from lmhtx_cli.store.streams import silence_stdout

            silence_stdout()
            return EXIT_OK
        except KeyboardInterrupt:
            _say(_("lmhtx: interrupted"))
            return 130
        except Exception as exc:  # click's own usage errors carry format_message and exit_code
            if type(exc).__name__ == "NoArgsIsHelpError":  # `lmhtx` or `lmhtx plan` alone: show the help
                sys.stdout.write(exc.format_message().rstrip("\n") + "\n")
                return EXIT_OK
            if hasattr(exc, "format_message") and hasattr(exc, "exit_code"):
                command = getattr(getattr(exc, "ctx", None), "command_path", "lmhtx")
                _say(_("lmhtx: error: {message} (see `{command} --help`)").format(message=_one_line(exc.format_message()), command=command))
                return exc.exit_code
            if os.environ.get("LMHTX_DEBUG"):
                raise
            _say(_("lmhtx: internal error: {kind}: {error} (please report it; LMHTX_DEBUG=1 shows the details)").format(kind=type(exc).__name__, error=exc))
            return EXIT_INTERNAL
        return result if isinstance(result, int) else EXIT_OK


def _one_line(message: str) -> str:
    """Click's message on one line, each sentence once (click may suggest the same name twice)."""
    import re

    sentences = re.split(r"(?<=[.?!])\s+", " ".join(message.split()))
    return " ".join(dict.fromkeys(sentences))


def _say(line: str) -> None:
    from lmhtx_cli.render.escape import shown_lines

    sys.stderr.write(shown_lines(line) + "\n")  # a message may quote the data or a typed value: nothing in it acts on the terminal
    sys.stderr.flush()


app = typer.Typer(
    cls=LmhtxGroup,
    help=N_("The work programme of the Hải Phòng City Cooperative Alliance, kept as YAML files in git."),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    add_completion=True,
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"lmhtx {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def root_options(
    ctx: typer.Context,
    root: Optional[str] = typer.Option(None, "--root", help=N_("Data folder holding plans/ (default: $LMHTX_ROOT, else the nearest folder above holding plans/).")),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help=N_("Print the version and exit.")),
    lang: LangOption = None,
) -> None:
    from lmhtx_cli.workspace.dataset import Workspace

    ctx.obj = Workspace(root)


def _language_from(argv: list[str], install: bool = True) -> None:
    """--lang anywhere on the line decides the language before any help text is built."""
    from lmhtx_cli.cli import click_words
    from lmhtx_cli.i18n import set_language

    for i, word in enumerate(argv):
        if word == "--lang" and i + 1 < len(argv):
            set_language(argv[i + 1])
        elif word.startswith("--lang="):
            set_language(word.split("=", 1)[1])
    if install:
        click_words.install()


def main() -> None:
    import gc

    gc.disable()  # a short-lived process: collecting cycles would cost most of a large load, for nothing
    _language_from(sys.argv[1:])
    if (sys.stdout.encoding or "").lower().replace("-", "") != "utf8":
        sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
        sys.stderr.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    try:
        app(prog_name="lmhtx")
        code = EXIT_OK
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (EXIT_OK if exc.code is None else EXIT_USAGE)
    _end(code)


def _end(code: int) -> None:
    """Flush what was written and end the process without the interpreter's teardown (~7 ms of a
    short command: freeing every object one by one). Every file the tool writes is closed by then
    (writes go through context managers and renames); exit handlers still run."""
    import atexit

    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError, OSError):
            from lmhtx_cli.store.streams import silence_stdout

            silence_stdout()
    atexit._run_exitfuncs()
    os._exit(code)
