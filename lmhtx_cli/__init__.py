"""lmhtx: the work programme of the Hải Phòng City Cooperative Alliance, kept as YAML in git."""

__version__ = "0.1.0"
