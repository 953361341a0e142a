"""Benchmark of the lmhtx CLI: whole-process timings and peak memory, each paired with a reference.

Why whole processes: a user types `lmhtx ...` and waits for the shell prompt again, so what
matters is the wall-clock time of the whole process -- interpreter start, imports (Typer, Rich,
Pydantic, PyYAML), reading or un-pickling the data, checking it and rendering. In-process timings
would miss the imports and the start-up, which are most of it on small data. Each command is
therefore run as a child process, timed from fork to exit, and its peak memory (max RSS) is read
from the kernel's accounting of that one child (os.wait4, in a small helper process that starts
the children, see SPAWNER).

Every ratio compares two commands measured in the same run, interleaved round by round (one run
of each command per round), so that drift in machine load hits both alike and the ratios mean the
same on another machine even when the milliseconds do not.

  A. the repository's own data (cwd = the repository): lmhtx against a minimal Typer app with one
     option (what any Typer CLI pays) and `python -c pass` (bare interpreter start-up);
  B. a large generated corpus (bench/corpus.py: 100 plan-years, 35,600 tasks, 30,000 members):
     lmhtx against Taskwarrior holding the same 35,600 tasks, plus absolute targets.

lmhtx keeps a cache of validated data; "warm" runs use a cache folder filled beforehand, "cold"
runs a fresh empty one each run (the first command after a change of every file).
Stdlib only.

Usage: /path/to/venv/bin/python bench/bench.py [--runs N] [--quick] [--json FILE] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402  (bench/corpus.py, next to this file)

REPO_ROOT = Path(__file__).resolve().parent.parent
RUNS, QUICK_RUNS = 15, 3
WARMUP_RUNS, QUICK_WARMUP_RUNS = 2, 1
MEMORY_LIMIT_MIB = 300
REPO_TODAY = "2024-05-20"  # LMHTX_TODAY for the repository's 2024 data
CORPUS_TODAY = f"{corpus.FOCUS_YEAR}-05-20"  # and for the corpus, whose benchmark year is 1990
TASK_OPTIONS = ["rc.confirmation=off", "rc.verbose=nothing", "rc.color=off", "rc.hooks=off", "rc.gc=off"]

MINIMAL_TYPER_APP = """\
import typer

app = typer.Typer()


@app.command()
def main(name: str = typer.Option("x")):
    print(name)


app()
"""


@dataclass
class Command:
    """One command line to time, with where and how it runs."""

    label: str
    argv: list[str]
    cwd: Path
    env: dict[str, str]
    cold_cache: bool = False  # a fresh, empty LMHTX_CACHE_DIR for every run
    alternate: tuple[str, str] | None = None  # swap these argv words on every run (plan mark)
    calls: int = 0
    runs_ms: list[float] = field(default_factory=list)
    peaks_mib: list[float] = field(default_factory=list)

    def next_argv(self) -> list[str]:
        self.calls += 1
        if not self.alternate or self.calls % 2:
            return self.argv
        first, second = self.alternate
        return [second if word == first else word for word in self.argv]

    @property
    def median_ms(self) -> float:
        return statistics.median(self.runs_ms)

    @property
    def peak_mib(self) -> float:
        return max(self.peaks_mib)


@dataclass
class Target:
    limit: float
    kind: str  # "ratio": median / reference median; "ms": median in milliseconds

    def text(self) -> str:
        return f"<={self.limit:.2f}x" if self.kind == "ratio" else f"<={self.limit:.0f} ms"


@dataclass
class Row:
    """A line of the table: a command, optionally paired with a reference and a target."""

    command: str
    reference: str | None = None
    target: Target | None = None
    lmhtx: bool = True  # memory limit applies


@dataclass
class Section:
    title: str
    commands: dict[str, Command]
    rows: list[Row]
    notes: list[str] = field(default_factory=list)


# --- tools and environment ------------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, help=f"timed runs per command (default {RUNS}, {QUICK_RUNS} with --quick)")
    parser.add_argument("--quick", action="store_true", help="smoke run: few runs and a small corpus (10 years, 3,000 members)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the results (every timing) as JSON to FILE")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="work in DIR (new or empty) and keep it: corpus, Taskwarrior data, caches")
    parser.add_argument("--python", help="interpreter for the references (default: the one lmhtx runs on)")
    parser.add_argument("--lmhtx", help="lmhtx executable (default: next to this interpreter, else on PATH, else `python -m lmhtx_cli`)")
    args = parser.parse_args()
    args.runs = args.runs or (QUICK_RUNS if args.quick else RUNS)
    args.warmup = QUICK_WARMUP_RUNS if args.quick else WARMUP_RUNS
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if args.keep and args.keep.exists() and any(args.keep.iterdir()):
        parser.error(f"--keep {args.keep}: the folder is not empty")
    return args


def shebang_python(script: str) -> str | None:
    """The interpreter a console script runs on, from its #! line."""
    try:
        with open(script, "rb") as handle:
            first = handle.readline().decode("utf-8", "replace").strip()
    except OSError:
        return None
    interpreter = first[2:].strip().split()[0] if first.startswith("#!") and first[2:].strip() else None
    return interpreter if interpreter and os.access(interpreter, os.X_OK) else None


def resolve_tools(args: argparse.Namespace) -> tuple[str, list[str]]:
    """(python for the references, argv prefix that starts lmhtx); both on the same interpreter."""
    python = args.python or sys.executable
    if args.lmhtx:
        return args.python or shebang_python(args.lmhtx) or python, [args.lmhtx]
    beside = Path(python).parent / "lmhtx"  # no resolve(): a venv's python is a symlink
    if beside.is_file() and os.access(beside, os.X_OK):
        return python, [str(beside)]
    on_path = shutil.which("lmhtx")
    if on_path:
        return args.python or shebang_python(on_path) or python, [on_path]
    return python, [python, "-m", "lmhtx_cli"]


def base_env() -> dict[str, str]:
    """The environment of every timed child."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # else every run recompiles the sources
    for name in ("LMHTX_ROOT", "LMHTX_NO_CACHE", "LMHTX_CACHE_DIR", "TASKRC", "TASKDATA"):
        env.pop(name, None)
    env["COLUMNS"] = "80"
    return env


def code_version() -> str:
    """The repository's commit, and whether files outside bench/ differ from it (the install may too)."""
    commit = version_of(["git", "-C", str(REPO_ROOT), "rev-parse", "--short", "HEAD"])
    changes = subprocess.run(["git", "-C", str(REPO_ROOT), "status", "--porcelain", "--untracked-files=no", "--", ".", ":!bench"], capture_output=True, text=True).stdout
    return f"{commit}{' + uncommitted changes' if changes.strip() else ''}"


def version_of(argv: list[str]) -> str:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    return (done.stdout.strip() or done.stderr.strip() or "unknown").splitlines()[0]


# --- running and timing ---------------------------------------------------------------------------


# The timed children are started by this small helper process rather than by bench.py: a child's
# max RSS counts the memory of the process that forked it (the pages it inherits until exec), and
# bench.py holds the corpus it generated, where this helper holds about 5 MiB.
SPAWNER = r"""
import json, os, sys, time
for line in sys.stdin:
    job = json.loads(line)
    out = os.open(job["out"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            os.dup2(os.open(os.devnull, os.O_RDONLY), 0)  # not the pipe from bench.py
            os.dup2(out, 1)
            os.dup2(out, 2)
            os.chdir(job["cwd"])
            os.execvpe(job["argv"][0], job["argv"], job["env"])
        except OSError as exc:
            os.write(2, f"cannot start: {exc}".encode())
        os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    elapsed_ms = (time.perf_counter() - start) * 1000
    os.close(out)
    print(json.dumps([elapsed_ms, usage.ru_maxrss, os.waitstatus_to_exitcode(status)]), flush=True)
"""


class Spawner:
    """Runs one command at a time in a helper process; returns (wall-clock ms, max RSS KiB, exit code)."""

    def __init__(self, python: str):
        self.helper = subprocess.Popen([python, "-I", "-S", "-c", SPAWNER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def run(self, argv: list[str], cwd: Path, env: dict[str, str], out: str) -> tuple[float, int, int]:
        self.helper.stdin.write(json.dumps({"argv": argv, "cwd": str(cwd), "env": env, "out": out}) + "\n")
        self.helper.stdin.flush()
        answer = self.helper.stdout.readline()
        if not answer:
            raise SystemExit("bench: the helper process that starts the commands has stopped")
        elapsed_ms, maxrss, code = json.loads(answer)
        return elapsed_ms, maxrss, code

    def close(self) -> None:
        self.helper.stdin.close()
        self.helper.wait()


def rss_mib(maxrss: int) -> float:
    return maxrss / (1024 * 1024) if sys.platform == "darwin" else maxrss / 1024  # bytes on macOS, KiB on Linux


def run_once(spawner: Spawner, command: Command, scratch: Path, capture: bool = False) -> tuple[float, float]:
    """One whole process: (wall-clock ms, peak RSS MiB). Stops, showing its output, on a failure."""
    env, fresh = command.env, None
    if command.cold_cache:
        fresh = Path(tempfile.mkdtemp(prefix="cold-cache-", dir=scratch))
        env = {**env, "LMHTX_CACHE_DIR": str(fresh)}
    argv = command.next_argv()
    out = scratch / "output.txt" if capture else Path(os.devnull)
    try:
        elapsed_ms, maxrss, code = spawner.run(argv, command.cwd, env, str(out))
    finally:
        if fresh:
            shutil.rmtree(fresh, ignore_errors=True)
    if code != 0:
        shown = out.read_text(encoding="utf-8", errors="replace").strip() if capture else "(not captured: a timed run)"
        raise SystemExit(f"bench: {command.label!r} exited with status {code}\n  command: {' '.join(argv)}\n  cwd: {command.cwd}\n--- output ---\n{shown[-3000:]}")
    return elapsed_ms, rss_mib(maxrss)


def check_commands(spawner: Spawner, commands: dict[str, Command], scratch: Path) -> None:
    """Run each command once with its output captured; stop with its output if it fails."""
    for command in commands.values():
        run_once(spawner, command, scratch, capture=True)


def measure(spawner: Spawner, commands: dict[str, Command], runs: int, warmup: int, scratch: Path, title: str) -> None:
    """Warm up, then time every command `runs` times, interleaved by round."""
    for _ in range(warmup):
        for command in commands.values():
            run_once(spawner, command, scratch)
    for round_number in range(1, runs + 1):
        started = time.perf_counter()
        for command in commands.values():
            ms, mib = run_once(spawner, command, scratch)
            command.runs_ms.append(ms)
            command.peaks_mib.append(mib)
        print(f"  {title}: round {round_number}/{runs} ({time.perf_counter() - started:.1f} s)", file=sys.stderr, flush=True)


# --- section A: the repository's data ---------------------------------------------------------------


PROGRAMME_SEED = REPO_ROOT.parent / "shared" / "seeds" / "001_77fde082df9cb158.txt"


def copy_repo_data(destination: Path) -> Path:
    """plans/, members/ and settings.yaml of the repository, for commands that write."""
    destination.mkdir(parents=True)
    for name in ("plans", "members"):
        shutil.copytree(REPO_ROOT / name, destination / name)
    if (REPO_ROOT / "settings.yaml").is_file():
        shutil.copyfile(REPO_ROOT / "settings.yaml", destination / "settings.yaml")
    return destination


def repo_section(python: str, lmhtx: list[str], scratch: Path) -> Section:
    typer_app = scratch / "minimal_typer_app.py"
    typer_app.write_text(MINIMAL_TYPER_APP, encoding="utf-8")
    env = {**base_env(), "LMHTX_TODAY": REPO_TODAY, "LMHTX_CACHE_DIR": str(scratch / "cache-warm")}
    copy = copy_repo_data(scratch / "repo-copy")
    py, typer = "python -c pass", "minimal Typer app"
    show, validate, mark = "lmhtx plan show --month 5 --unit quy", "lmhtx validate", "lmhtx plan mark 05-quy-1 done --by bench"
    commands = [
        Command(py, [python, "-c", "pass"], REPO_ROOT, env),
        Command(typer, [python, str(typer_app), "--name", "x"], REPO_ROOT, env),
        Command(show, [*lmhtx, "plan", "show", "--month", "5", "--unit", "quy"], REPO_ROOT, env),
        Command(validate, [*lmhtx, "validate"], REPO_ROOT, env),
        Command(mark, [*lmhtx, "plan", "mark", "05-quy-1", "done", "--by", "bench"], copy, env, alternate=("done", "in_progress")),
    ]
    rows = [Row(py, lmhtx=False), Row(typer, py, lmhtx=False)]
    for label, limit in ((show, 1.2), (validate, 1.2), (mark, 1.3)):
        rows += [Row(label, typer, Target(limit, "ratio")), Row(label, py)]
    if PROGRAMME_SEED.is_file():  # the 2024 programme's text, beside the repository on the developers' machines
        programme = "lmhtx import programme (2024 text, 356 tasks)"
        output = scratch / "imported-2031"
        commands.append(Command(programme, [*lmhtx, "import", "programme", str(PROGRAMME_SEED), "--year", "2031", "--output", str(output), "--force"], copy, env))
        rows.append(Row(programme, target=Target(1000, "ms")))
    notes = [
        f"cwd {REPO_ROOT} (its plans/ and members/); plan mark on a copy of them, alternating done/in_progress so every run writes",
        f"warm lmhtx cache; LMHTX_TODAY={REPO_TODAY}",
    ]
    return Section("A. Repository data", {c.label: c for c in commands}, rows, notes)


# --- section B: the generated corpus ----------------------------------------------------------------


def make_corpus(root: Path, size: corpus.CorpusSize, lmhtx: list[str]) -> dict:
    print(f"bench: generating the corpus in {root} ...", file=sys.stderr, flush=True)
    stats = corpus.generate(root, size)
    started = time.perf_counter()
    corpus.check_valid(root, lmhtx)
    stats["validate_seconds"] = round(time.perf_counter() - started, 2)
    return stats


def taskwarrior_records(root: Path) -> list[dict]:
    """The corpus's tasks as Taskwarrior tasks: project unit.year.month, the plan text as description.

    Dates are fixed and recent: Taskwarrior 2.6 crashes importing timestamps before 1970.
    """
    records = []
    for year, month, task in corpus.corpus_tasks(root):
        record = {"description": task.text, "project": f"{task.unit}.{year}.{month:02d}", "entry": "20240101T000000Z"}
        if task.status == "done":
            record.update(status="completed", end="20240102T000000Z")
        else:
            record["status"] = "pending"
            if task.status == "in_progress":
                record["start"] = "20240102T000000Z"
        records.append(record)
    return records


def setup_taskwarrior(task: str, root: Path, scratch: Path, env: dict[str, str]) -> tuple[dict[str, str], dict]:
    """A temporary TASKRC and TASKDATA holding every task of the corpus; returns its env and stats."""
    data, rc, dump = scratch / "taskdata", scratch / "taskrc", scratch / "tasks.json"
    data.mkdir()
    rc.write_text(f"# bench: temporary Taskwarrior configuration\ndata.location={data}\n", encoding="utf-8")
    records = taskwarrior_records(root)
    # One line: Taskwarrior 2.6 reads a multi-line file as one JSON object per line.
    dump.write_text(json.dumps(records, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    task_env = {**env, "TASKRC": str(rc), "TASKDATA": str(data)}
    print(f"bench: importing {len(records):,} tasks into Taskwarrior ...", file=sys.stderr, flush=True)
    started = time.perf_counter()
    done = subprocess.run([task, *TASK_OPTIONS, "import", str(dump)], env=task_env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    count = subprocess.run([task, *TASK_OPTIONS, "count"], env=task_env, capture_output=True, text=True).stdout.strip()
    if done.returncode != 0 or count != str(len(records)):
        raise SystemExit(f"bench: task import failed (exit {done.returncode}, {count or '?'} of {len(records)} tasks)\n{done.stderr[-3000:]}")
    return task_env, {"tasks": len(records), "import_seconds": round(seconds, 2), "version": version_of([task, "--version"])}


def corpus_section(lmhtx: list[str], root: Path, scratch: Path, task: str | None, task_env: dict[str, str] | None) -> Section:
    year, area = corpus.FOCUS_YEAR, corpus.read_areas((root / "members" / "areas.yaml").read_text(encoding="utf-8"))[0].code
    env = {**base_env(), "LMHTX_TODAY": CORPUS_TODAY, "LMHTX_CACHE_DIR": str(scratch / "cache-warm")}
    mark_copy = scratch / "corpus-copy"
    shutil.copytree(root, mark_copy)  # plan mark writes; the timed reads keep their warm cache valid
    show = ["plan", "show", "--year", str(year), "--month", "5", "--unit", "quy"]
    members = ["members", "list", "--area", area, "--format", "csv"]
    digest = ["digest", "--month", f"{year}-05"]
    project = f"quy.{year}.05"
    ref_project, ref_list = f"task project:{project} list", "task list"
    member_files = sorted(str(p) for p in (root / "members").glob("members*.yaml"))  # the register (split or not)
    ref_yaml = "yaml.load(members.yaml, CSafeLoader)"
    bare_load = "import sys, yaml\nfor name in sys.argv[1:]:\n    with open(name, 'rb') as f:\n        yaml.load(f, Loader=yaml.CSafeLoader)"

    commands: list[Command] = [Command(ref_yaml, [shebang_python(lmhtx[0]) or sys.executable, "-c", bare_load, *member_files], scratch, env)]
    if task and task_env:
        commands += [
            Command(ref_project, [task, *TASK_OPTIONS, f"project:{project}", "list"], scratch, task_env),
            Command(ref_list, [task, *TASK_OPTIONS, "list"], scratch, task_env),
        ]

    def lm(words: list[str], cache: str, cwd_root: Path = root, **extra) -> Command:
        label = f"lmhtx --root C {' '.join(words)} ({cache})"
        argv = [*lmhtx, "--root", str(cwd_root), *words]
        return Command(label, argv, scratch, env, cold_cache=cache == "cold", **extra)

    mark = lm(["plan", "mark", "05-quy-1", "done", "--year", str(year), "--by", "bench"], "warm", mark_copy, alternate=("done", "in_progress"))
    lmhtx_commands = [
        (lm(show, "warm"), ref_project, Target(0.5, "ratio")),
        (lm(show, "cold"), ref_project, Target(0.5, "ratio")),
        (lm(["validate"], "warm"), ref_list, Target(1.0, "ratio")),
        (lm(["validate"], "cold"), ref_list, Target(1.0, "ratio")),
        (mark, None, Target(300, "ms")),
        (lm(members, "warm"), ref_yaml, Target(1.0, "ratio")),
        (lm(members, "cold"), ref_yaml, Target(1.0, "ratio")),
        (lm(digest, "warm"), ref_list, None),
        (lm(digest, "cold"), ref_list, None),
    ]
    rows = [Row(c.label, lmhtx=False) for c in commands]
    for command, reference, target in lmhtx_commands:
        commands.append(command)
        rows.append(Row(command.label, reference, target))
    notes = [
        f"C = generated corpus {root}; LMHTX_TODAY={CORPUS_TODAY}; plan mark on a copy of C, alternating done/in_progress",
        "warm: a cache folder filled beforehand; cold: a fresh empty LMHTX_CACHE_DIR every run",
    ]
    if task:
        notes.append(f"Taskwarrior: every corpus task imported, project <unit>.<year>.<month> (so {ref_project} selects the same tasks as plan show), options {' '.join(TASK_OPTIONS)}")
    else:
        notes.append("Taskwarrior (`task`) is not installed: the pairs with it are skipped (no ratio, no verdict)")
    return Section("B. Generated corpus", {c.label: c for c in commands}, rows, notes)


# --- results ---------------------------------------------------------------------------------------


def evaluate(section: Section) -> list[dict]:
    """Every row with its numbers and verdicts."""
    results = []
    for row in section.rows:
        command = section.commands[row.command]
        reference = section.commands.get(row.reference) if row.reference else None
        ratio = command.median_ms / reference.median_ms if reference else None
        time_verdict = "—"
        if row.target and row.target.kind == "ms":
            time_verdict = "PASS" if command.median_ms <= row.target.limit else "MISS"
        elif row.target and ratio is not None:
            time_verdict = "PASS" if ratio <= row.target.limit else "MISS"
        elif row.target:
            time_verdict = "skip"
        results.append(
            {
                "command": row.command,
                "median_ms": round(command.median_ms, 1),
                "min_ms": round(min(command.runs_ms), 1),
                "peak_mib": round(command.peak_mib, 1),
                "reference": row.reference if reference else (f"{row.reference} (not run)" if row.reference else None),
                "reference_median_ms": round(reference.median_ms, 1) if reference else None,
                "ratio": round(ratio, 2) if ratio is not None else None,
                "target": row.target.text() if row.target else None,
                "time": time_verdict,
                "memory": ("PASS" if command.peak_mib <= MEMORY_LIMIT_MIB else "MISS") if row.lmhtx else "—",
            }
        )
    return results


def format_table(results: list[dict]) -> str:
    width = max(len("command"), *(len(r["command"]) for r in results))
    ref_width = max(len("reference"), *(len(r["reference"] or "") for r in results))
    header = f"{'command':<{width}}  {'median ms':>9}  {'min ms':>8}  {'peak MiB':>8}  {'reference':<{ref_width}}  {'ref ms':>8}  {'ratio':>6}  {'target':>11}  {'time':<4}  {'mem':<4}"
    header = header.rstrip()
    lines, previous = [header, "-" * len(header)], None
    for r in results:
        same = r["command"] == previous  # a second reference for the same command
        name = '  "' if same else r["command"]
        numbers = " " * 29 if same else f"{r['median_ms']:>9.1f}  {r['min_ms']:>8.1f}  {r['peak_mib']:>8.1f}"
        ref_ms = f"{r['reference_median_ms']:>8.1f}" if r["reference_median_ms"] is not None else f"{'':>8}"
        ratio = f"{r['ratio']:>5.2f}x" if r["ratio"] is not None else f"{'':>6}"
        memory = "" if same else r["memory"]
        lines.append(f"{name:<{width}}  {numbers}  {r['reference'] or '':<{ref_width}}  {ref_ms}  {ratio}  {r['target'] or '':>11}  {r['time']:<4}  {memory:<4}".rstrip())
        previous = r["command"]
    return "\n".join(lines)


def misses(results: list[dict]) -> list[str]:
    """One sentence per missed target: by how much."""
    sentences, seen_memory = [], set()
    for r in results:
        if r["time"] == "MISS":
            if r["ratio"] is not None and r["target"].endswith("x"):
                limit = float(r["target"][2:-1])
                sentences.append(f"{r['command']}: {r['ratio']:.2f}x {r['reference']} ({r['median_ms']:.0f} ms vs {r['reference_median_ms']:.0f} ms), target {limit:.2f}x: {r['ratio'] / limit:.2f} times the limit.")
            else:
                limit = float(r["target"][2:].split()[0])
                sentences.append(f"{r['command']}: {r['median_ms']:.0f} ms, target {limit:.0f} ms: {r['median_ms'] - limit:.0f} ms over ({r['median_ms'] / limit:.2f} times the limit).")
        if r["memory"] == "MISS" and r["command"] not in seen_memory:
            seen_memory.add(r["command"])
            sentences.append(f"{r['command']}: peak {r['peak_mib']:.0f} MiB, limit {MEMORY_LIMIT_MIB} MiB: {r['peak_mib'] - MEMORY_LIMIT_MIB:.0f} MiB over ({r['peak_mib'] / MEMORY_LIMIT_MIB:.2f} times the limit).")
    return sentences


def print_section(section: Section, results: list[dict], runs: int, warmup: int) -> None:
    print(f"\n{section.title} ({runs} timed runs per command after {warmup} warm-up runs; medians)")
    for note in section.notes:
        print(f"  {note}")
    print()
    print(format_table(results))


# --- main ------------------------------------------------------------------------------------------


def work_folder(keep: Path | None):
    if keep:
        keep.mkdir(parents=True, exist_ok=True)
        return _Kept(keep.resolve())
    return tempfile.TemporaryDirectory(prefix="lmhtx-bench-")


class _Kept:
    def __init__(self, path: Path):
        self.path = path

    def __enter__(self) -> str:
        return str(self.path)

    def __exit__(self, *exc) -> None:
        print(f"\nkept the work folder {self.path}", file=sys.stderr)


def main() -> None:
    args = parse_args()
    started = time.perf_counter()
    python, lmhtx = resolve_tools(args)
    task = shutil.which("task")
    size = corpus.QUICK if args.quick else corpus.FULL
    info = {
        "date": time.strftime("%Y-%m-%d %H:%M:%S %z"),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores",
        "python": f"{python} ({version_of([python, '-c', 'import platform; print(platform.python_version())'])})",
        "lmhtx": f"{' '.join(lmhtx)} ({version_of([*lmhtx, '--version'])}; repository at {code_version()})",
        "runs": args.runs,
        "warmup_runs": args.warmup,
        "quick": args.quick,
    }
    with work_folder(args.keep) as tmp:
        scratch = Path(tmp)
        root = scratch / "corpus"
        info["corpus"] = make_corpus(root, size, lmhtx)
        task_env = None
        if task:
            task_env, info["taskwarrior"] = setup_taskwarrior(task, root, scratch, base_env())
        sections = [repo_section(python, lmhtx, scratch), corpus_section(lmhtx, root, scratch, task, task_env)]
        spawner = Spawner(sys.executable)
        try:
            for section in sections:
                print(f"bench: {section.title}: checking every command once ...", file=sys.stderr, flush=True)
                check_commands(spawner, section.commands, scratch)
                measure(spawner, section.commands, args.runs, args.warmup, scratch, section.title)
        finally:
            spawner.close()
    info["total_seconds"] = round(time.perf_counter() - started, 1)

    c = info["corpus"]
    print(f"date:    {info['date']}\nmachine: {info['machine']}\npython:  {info['python']}\nlmhtx:   {info['lmhtx']}")
    print(
        f"corpus:  {c['years']} plan-years ({c['first_year']}-{c['first_year'] + c['years'] - 1}), {c['tasks']:,} tasks, "
        f"{c['members']:,} members, {c['meetings']:,} meetings, {c['petitions']:,} petitions, {c['bytes'] / 1e6:.1f} MB; "
        f"generated in {c['seconds']:.1f} s, `lmhtx validate` (no cache) {c['validate_seconds']:.1f} s, exit 0"
    )
    if task:
        tw = info["taskwarrior"]
        print(f"task:    {task} {tw['version']}, {tw['tasks']:,} tasks imported in {tw['import_seconds']:.1f} s")
    else:
        print("task:    Taskwarrior is not installed: the Taskwarrior pairs are skipped")
    all_results = {}
    for section in sections:
        all_results[section.title] = evaluate(section)
        print_section(section, all_results[section.title], args.runs, args.warmup)
    missed = [s for results in all_results.values() for s in misses(results)]
    print(f"\nmemory limit {MEMORY_LIMIT_MIB} MiB for every lmhtx command (peak RSS, max over the timed runs)")
    print("\n".join(["", "Missed targets:", *(f"- {s}" for s in missed)]) if missed else "\nEvery target met.")
    print(f"\ntotal: {info['total_seconds']:.0f} s")

    if args.json:
        runs = {s.title: {c.label: {"argv": c.argv, "cold_cache": c.cold_cache, "runs_ms": [round(t, 2) for t in c.runs_ms], "peaks_mib": [round(m, 1) for m in c.peaks_mib]} for c in s.commands.values()} for s in sections}
        result = {**info, "memory_limit_mib": MEMORY_LIMIT_MIB, "results": all_results, "misses": missed, "commands": runs}
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
