"""The process's own streams, where the command line needs more than print."""

from __future__ import annotations

import os
import sys


def silence_stdout() -> None:
    """After a broken pipe (`lmhtx … | head`): send the rest to /dev/null, quietly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def closed_streams_to_devnull() -> list[int]:
    """A closed stdin, stdout or stderr (`<&-`, `>&-`, `2>&-`) is replaced by /dev/null, so that no
    file the tool opens later takes its number (and receives what is printed); returns the
    numbers of the streams that were closed."""
    import io

    closed = []
    for fd, name, mode in ((0, "stdin", "r"), (1, "stdout", "w"), (2, "stderr", "w")):
        try:
            os.fstat(fd)
            if getattr(sys, name) is not None:
                continue
        except OSError:
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
        closed.append(fd)
        setattr(sys, name, io.TextIOWrapper(io.FileIO(fd, mode, closefd=False), encoding="utf-8", line_buffering=fd == 2))
    return closed
