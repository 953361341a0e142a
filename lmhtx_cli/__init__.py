"""lmhtx: the work programme of the Hải Phòng City Cooperative Alliance, kept as YAML in git."""

__version__ = "0.1.0"

import os as _os

# pydantic looks for plugins through every installed package's metadata on first use (~20 ms);
# lmhtx uses none. An explicit setting in the environment still wins.
_os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
