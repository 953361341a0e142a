"""Start-up benchmark for the lmhtx CLI.

Why whole processes: a user types `lmhtx ...` and waits for the shell prompt
again, so what matters is the wall-clock time of the whole process --
interpreter start, imports (Typer, Rich, Pydantic, PyYAML), loading the YAML
data and rendering. In-process timings would miss the imports, which are most
of it. Each command is therefore run as a subprocess and compared with two
references measured in the same run on the same interpreter:

  * `python -c pass`   -- the floor: bare interpreter start-up;
  * a minimal Typer app -- what any Typer CLI pays before doing anything.

Runs are interleaved (one of each command per round) so that drift in machine
load affects every command alike. Stdlib only.

Usage: /path/to/venv/bin/python bench/bench.py [--runs N] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
WARMUP_RUNS = 2

MINIMAL_TYPER_APP = """\
import typer

app = typer.Typer()


@app.command()
def main(name: str = typer.Option("x")):
    print(name)


app()
"""

LMHTX_COMMANDS = [
    ["plan", "show", "--month", "5", "--unit", "quy"],
    ["plan", "show", "--month", "5", "--unit", "quy", "--format", "json"],
    ["plan", "show"],
    ["validate"],
    ["units"],
]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="timed runs per command (default 15)")
    parser.add_argument("--python", default=sys.executable, help="interpreter for the references (default: this one)")
    parser.add_argument("--lmhtx", help="lmhtx executable (default: the one next to --python, else `python -m lmhtx_cli`)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the results as JSON to FILE")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def lmhtx_prefix(python: str, lmhtx: str | None) -> list[str]:
    """The argv prefix that starts lmhtx."""
    if lmhtx:
        return [lmhtx]
    beside = Path(python).parent / "lmhtx"  # no resolve(): a venv's python is a symlink
    if beside.is_file() and os.access(beside, os.X_OK):
        return [str(beside)]
    return [python, "-m", "lmhtx_cli"]


def child_env() -> dict[str, str]:
    """The environment for the timed processes."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # else every run recompiles the sources
    env.pop("LMHTX_ROOT", None)  # use the plans/ of this repository (the cwd)
    env["COLUMNS"] = "80"
    return env


def python_version(python: str) -> str:
    argv = [python, "-c", "import platform; print(platform.python_version())"]
    return subprocess.run(argv, capture_output=True, text=True).stdout.strip() or "unknown"


def check_exits_zero(label: str, argv: list[str], env: dict[str, str]) -> None:
    """Run once with output captured; stop with a clear message if it fails."""
    try:
        done = subprocess.run(argv, cwd=REPO_ROOT, env=env, capture_output=True, text=True)
    except OSError as exc:
        sys.exit(f"bench: cannot start {label!r} ({' '.join(argv)}): {exc}")
    if done.returncode != 0:
        sys.exit(
            f"bench: {label!r} exited with status {done.returncode}\n"
            f"  command: {' '.join(argv)}\n  cwd: {REPO_ROOT}\n"
            f"--- stderr ---\n{done.stderr.strip() or '(empty)'}"
        )


def time_once(argv: list[str], env: dict[str, str]) -> float:
    """Wall-clock milliseconds for one whole process."""
    start = time.perf_counter()
    subprocess.run(
        argv, cwd=REPO_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
    )
    return (time.perf_counter() - start) * 1000


def measure(commands: dict[str, list[str]], runs: int, env: dict[str, str]) -> dict[str, list[float]]:
    """Warm up, then time every command `runs` times, interleaved by round."""
    for _ in range(WARMUP_RUNS):
        for argv in commands.values():
            time_once(argv, env)
    timings: dict[str, list[float]] = {label: [] for label in commands}
    for _ in range(runs):
        for label, argv in commands.items():
            timings[label].append(time_once(argv, env))
    return timings


def summarise(timings: dict[str, list[float]], ref_python: str, ref_typer: str) -> list[dict]:
    medians = {label: statistics.median(ms) for label, ms in timings.items()}
    return [
        {
            "command": label,
            "median_ms": round(medians[label], 1),
            "min_ms": round(min(ms), 1),
            "ratio_python": round(medians[label] / medians[ref_python], 2),
            "ratio_typer": round(medians[label] / medians[ref_typer], 2),
            "runs_ms": [round(t, 2) for t in ms],
        }
        for label, ms in timings.items()
    ]


def format_table(rows: list[dict]) -> str:
    width = max(len("command"), *(len(row["command"]) for row in rows))
    header = f"{'command':<{width}}  {'median ms':>9}  {'min ms':>7}  {'x python':>8}  {'x typer':>7}"
    lines = [header, "-" * len(header)]
    for row in rows:
        lines.append(
            f"{row['command']:<{width}}  {row['median_ms']:>9.1f}  {row['min_ms']:>7.1f}"
            f"  {row['ratio_python']:>8.2f}  {row['ratio_typer']:>7.2f}"
        )
    return "\n".join(lines)


def main() -> None:
    args = parse_args()
    env = child_env()
    prefix = lmhtx_prefix(args.python, args.lmhtx)
    with tempfile.TemporaryDirectory() as tmp:
        typer_app = Path(tmp) / "minimal_typer_app.py"
        typer_app.write_text(MINIMAL_TYPER_APP, encoding="utf-8")
        ref_python, ref_typer = "python -c pass", "minimal Typer app"
        commands = {
            ref_python: [args.python, "-c", "pass"],
            ref_typer: [args.python, str(typer_app), "--name", "x"],
        }
        commands.update({" ".join(["lmhtx", *cmd]): prefix + cmd for cmd in LMHTX_COMMANDS})
        for label, argv in commands.items():
            check_exits_zero(label, argv, env)
        timings = measure(commands, args.runs, env)
    rows = summarise(timings, ref_python, ref_typer)

    print(f"python: {args.python} ({python_version(args.python)})")
    print(f"lmhtx:  {' '.join(prefix)}")
    print(f"runs:   {args.runs} per command after {WARMUP_RUNS} warm-up runs, cwd {REPO_ROOT}")
    print(f"cores:  {os.cpu_count()}\n")
    print(format_table(rows))

    if args.json:
        result = {
            "date": time.strftime("%Y-%m-%d %H:%M:%S %z"),
            "python": args.python,
            "lmhtx": prefix,
            "runs": args.runs,
            "warmup_runs": WARMUP_RUNS,
            "cpu_count": os.cpu_count(),
            "results": rows,
        }
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}")


if __name__ == "__main__":
    main()
