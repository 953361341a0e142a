"""Real git for the tests, with an identity of its own so CI needs no global configuration."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Kiểm thử",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "Kiểm thử",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, **GIT_ENV, "HOME": str(repo.parent)}
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=check)


def init_repo(repo: Path, user: str | None = "Lan") -> None:
    git(repo, "init", "-q", "-b", "main")
    if user:
        git(repo, "config", "user.name", user)
        git(repo, "config", "user.email", "lan@example.invalid")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "initial data")
