"""lmhtx: the work programme of the Hải Phòng City Cooperative Alliance, kept as YAML in git."""

__version__ = "0.1.0"

import os as _os
import signal as _signal
import sys as _sys

# pydantic looks for plugins through every installed package's metadata on first use (~20 ms);
# lmhtx uses none. An explicit setting in the environment still wins.
_os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


def signal_line(number: int, started: bool) -> str:
    """The one line said for Ctrl-C or SIGTERM, in the user's language (--lang may not be parsed yet)."""
    from lmhtx_cli.i18n import _, set_language

    for i, word in enumerate(_sys.argv[1:], 1):
        if word.startswith("--lang="):
            set_language(word.split("=", 1)[1])
        elif word == "--lang" and i + 1 < len(_sys.argv):
            set_language(_sys.argv[i + 1])
    if number == _signal.SIGTERM:
        return _("lmhtx: stopped (SIGTERM)") if started else _("lmhtx: stopped (SIGTERM) before it began; nothing was changed")
    return _("lmhtx: interrupted (Ctrl-C)") if started else _("lmhtx: interrupted (Ctrl-C) before it began; nothing was changed")


started = [False]  # set by the command line when the command itself begins (cli.main)


# The same lines as locale/vi/h-edge.po, for a signal that arrives while the catalog module itself is
# half imported (the handler cannot import it then): the one place they are written twice.
_FALLBACK = {
    (_signal.SIGINT, "vi"): "lmhtx: đã ngắt (Ctrl-C) trước khi bắt đầu; chưa thay đổi gì",
    (_signal.SIGTERM, "vi"): "lmhtx: đã bị dừng (SIGTERM) trước khi bắt đầu; chưa thay đổi gì",
    (_signal.SIGINT, "en"): "lmhtx: interrupted (Ctrl-C) before it began; nothing was changed",
    (_signal.SIGTERM, "en"): "lmhtx: stopped (SIGTERM) before it began; nothing was changed",
}


def _fallback_line(number: int) -> str:
    words = _sys.argv[1:]
    typed = [b for a, b in zip(words, words[1:]) if a == "--lang"] + [w.split("=", 1)[1] for w in words if w.startswith("--lang=")]
    english = (typed[-1] if typed else _os.environ.get("LMHTX_LANG")) == "en"
    return _FALLBACK[(number if number == _signal.SIGTERM else _signal.SIGINT, "en" if english else "vi")]


def stop_at_once(number, frame) -> None:
    """Ctrl-C or SIGTERM while the tool starts (importing) or ends: nothing to undo, one line, 130/143."""
    try:
        try:
            line = signal_line(number, started=started[0])
        except Exception:  # the catalog's module is being imported right now
            line = _fallback_line(number)
        _os.write(2, (line + "\n").encode("utf-8", "replace"))
    except BaseException:  # no stderr, or a second signal: the exit code still says it
        pass
    _os._exit(128 + number)


def _run_as_the_command() -> bool:
    """Run as `lmhtx` or `python -m lmhtx_cli`, not imported by a test or another program."""
    first = _sys.argv[0] if _sys.argv else ""
    line = list(getattr(_sys, "orig_argv", []))
    as_module = any(a == "-m" and b == "lmhtx_cli" for a, b in zip(line, line[1:]))
    return _os.path.basename(first) in ("lmhtx", "lmhtx.exe") or as_module


if _run_as_the_command() and _signal.getsignal(_signal.SIGINT) is _signal.default_int_handler:
    try:  # from the first line of the tool on, Ctrl-C and SIGTERM give one line, never a traceback
        _signal.signal(_signal.SIGINT, stop_at_once)
        _signal.signal(_signal.SIGTERM, stop_at_once)
    except (ValueError, OSError):  # pragma: no cover - not the main thread
        pass
