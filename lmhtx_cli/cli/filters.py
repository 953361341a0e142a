"""Filter options that must not be empty: `--grep ""` or `--unit " "` would select everything,
and with `plan mark --yes` change the whole programme; they are usage errors naming the option."""

from __future__ import annotations

from typing import Optional

import typer


def nonblank(ctx: typer.Context, param: typer.CallbackParam, value: Optional[str]) -> Optional[str]:
    if value is not None and not value.strip():
        from lmhtx_cli.i18n import _

        raise typer.BadParameter(_("it is empty, which would select everything; give a value or leave the option out"), ctx=ctx, param=param)
    return value
