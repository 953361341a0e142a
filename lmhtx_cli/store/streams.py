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
