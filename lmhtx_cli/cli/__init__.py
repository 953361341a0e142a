"""The command line: thin Typer commands over the domain; errors become one line and an exit code."""

from __future__ import annotations

import errno
import os
import signal
import sys
from typing import Optional

import typer
from typer.core import TyperGroup

from lmhtx_cli import __version__, signal_line, started, stop_at_once
from lmhtx_cli.cli.output import LangOption
from lmhtx_cli.errors import DataError, UserError
from lmhtx_cli.i18n import N_, _


class Terminated(KeyboardInterrupt):
    """SIGTERM, unwound like Ctrl-C (a write under way removes its temporary file), ending with 143."""


_unwinding = [False]  # True while a command runs: a signal then unwinds it; else the process stops at once
_received: list[int] = []  # the signals received while a command ran


def _on_signal(number, frame) -> None:
    if _unwinding[0]:
        _received.append(number)
        raise Terminated() if number == signal.SIGTERM else KeyboardInterrupt()
    stop_at_once(number, frame)


if signal.getsignal(signal.SIGINT) is stop_at_once:  # installed by lmhtx_cli/__init__.py when run as `lmhtx`: now unwinds a running command
    signal.signal(signal.SIGINT, _on_signal)
    signal.signal(signal.SIGTERM, _on_signal)


EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 70
EXIT_INTERRUPTED, EXIT_TERMINATED = 128 + signal.SIGINT, 128 + signal.SIGTERM  # 130, 143: as a shell reports them
_OUTPUT_FAILURES = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})  # writing the output failed


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

    def invoke(self, ctx):
        """Ctrl-C and a failing output pass Typer's own handling (130 without a word, exit 1 on a
        broken pipe) untouched, to be said by _run."""
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt as exc:
            raise _Edge(exc) from exc
        except OSError as exc:
            if exc.errno == errno.EPIPE or exc.errno in _OUTPUT_FAILURES:
                raise _Edge(exc) from exc
            raise

    def _run(self, args, prog_name, complete_var, **extra) -> int:
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            if result == EXIT_INTERRUPTED and _received:  # a signal while Typer built the command
                return _interrupted(Terminated() if _received[-1] == signal.SIGTERM else KeyboardInterrupt())
        except _Edge as edge:
            return _edge(edge.original)
        except DataError as exc:
            _say(f"lmhtx: {exc.format()}")
            return EXIT_DATA
        except UserError as exc:
            _say(_("lmhtx: error: {message}").format(message=exc.format()))
            return EXIT_USAGE
        except typer.Exit as exc:
            return exc.exit_code
        except typer.Abort as exc:
            _say(str(exc) or _("lmhtx: aborted, nothing was changed"))
            return EXIT_DATA
        except (KeyboardInterrupt, BrokenPipeError) as exc:
            return _edge(exc)
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


class _Edge(Exception):
    """A signal or a failing output on its way from a command to _run."""

    def __init__(self, original: BaseException):
        super().__init__(str(original))
        self.original = original


def _edge(exc: BaseException) -> int:
    if isinstance(exc, KeyboardInterrupt):
        return _interrupted(exc)
    if isinstance(exc, OSError) and exc.errno == errno.EPIPE:  # the reader stopped reading (`| head -1`): not an error
        from lmhtx_cli.store.streams import silence_stdout

        silence_stdout()
        return EXIT_OK
    _say(_output_failure(exc))  # type: ignore[arg-type]
    return EXIT_DATA


def _interrupted(exc: KeyboardInterrupt) -> int:
    _unwinding[0] = False  # a second signal now ends the process at once
    terminated = isinstance(exc, Terminated)
    _say(signal_line(signal.SIGTERM if terminated else signal.SIGINT, started=True))
    return EXIT_TERMINATED if terminated else EXIT_INTERRUPTED


def _output_failure(exc: OSError) -> str:
    reasons = {
        errno.ENOSPC: N_("the device is full"),
        errno.EDQUOT: N_("the disk quota is used up"),
        errno.EFBIG: N_("the file would be too large"),
        errno.EIO: N_("input/output error"),
    }
    return _("lmhtx: error: the output could not be written: {reason}").format(reason=_(reasons.get(exc.errno, N_("input/output error"))))


def _one_line(message: str) -> str:
    """Click's message on one line, each sentence once (click may suggest the same name twice)."""
    import re

    sentences = re.split(r"(?<=[.?!])\s+", " ".join(message.split()))
    return " ".join(dict.fromkeys(sentences))


def _say(line: str) -> None:
    from lmhtx_cli.render.escape import shown_lines

    try:
        sys.stderr.write(shown_lines(line) + "\n")  # a message may quote the data or a typed value: nothing in it acts on the terminal
        sys.stderr.flush()
    except (OSError, ValueError):  # stderr itself is gone: the exit code still says it
        pass


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
    from lmhtx_cli.store.streams import closed_streams_to_devnull

    stdout_closed = 1 in closed_streams_to_devnull()
    _language_from(sys.argv[1:])
    if (sys.stdout.encoding or "").lower().replace("-", "") != "utf8":
        sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
        sys.stderr.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    if stdout_closed:
        _say(_("lmhtx: error: the standard output is closed; nothing was done (to discard the output, send it to /dev/null)"))
        _end(EXIT_DATA)
    try:
        _unwinding[0] = started[0] = True
        app(prog_name="lmhtx")
        code = EXIT_OK
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (EXIT_OK if exc.code is None else EXIT_USAGE)
    except KeyboardInterrupt as exc:  # outside the command itself (building it, or saying an error)
        code = _interrupted(exc)
    finally:
        _unwinding[0] = False
    _end(code)


def _end(code: int) -> None:
    """Flush what was written and end the process without the interpreter's teardown (~7 ms of a
    short command: freeing every object one by one). Every file the tool writes is closed by then
    (writes go through context managers and renames); exit handlers still run. Output that cannot
    be written (a full device) is an error; a reader that stopped reading (`| head`) is not."""
    import atexit

    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:
            from lmhtx_cli.store.streams import silence_stdout

            silence_stdout()
        except OSError as exc:
            if stream is sys.stdout and code == EXIT_OK:
                _say(_output_failure(exc))
                code = EXIT_DATA
        except ValueError:
            pass
    atexit._run_exitfuncs()
    os._exit(code)
