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

  A. the repository's own data (cwd = the repository): every command of the README against a
     minimal Typer app with one option (what any Typer CLI pays), and the everyday three also
     against `python -c pass` (bare interpreter start-up); commands that write run on a copy of
     the data made again before every run; a command the installed lmhtx lacks is skipped;
  B. a large generated corpus (bench/corpus.py: 100 plan-years, 35,600 tasks, 30,000 members):
     lmhtx against Taskwarrior holding the same 35,600 tasks, plus absolute targets.

At the end, the "Done when" targets of issue 23 (and issue 22's import times) as a table, each
met or missed.

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
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402  (bench/corpus.py, next to this file)

REPO_ROOT = Path(__file__).resolve().parent.parent
RUNS, QUICK_RUNS = 15, 3
WARMUP_RUNS, QUICK_WARMUP_RUNS = 2, 1
MEMORY_LIMIT_MIB = 250  # issue 23: every command, at 100 years and 30,000 members
REPO_TODAY = "2024-05-20"  # LMHTX_TODAY for the repository's 2024 data
SEED_PROGRAMME = REPO_ROOT.parent / "shared" / "seeds" / "001_77fde082df9cb158.txt"  # the 2024 programme as text
REGISTER_ROWS = 1_000  # the member register imported by `import members` (issue 22: under 2 s)
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
    prepare: Callable[[], None] | None = None  # before every run, outside the timed span (restore a copy)
    optional: bool = False  # when its check run fails: skipped with a note instead of stopping
    check_only: bool = False  # --quick: run once by the check, not timed
    tty: bool = False  # stdout and stderr a terminal (a pseudo-terminal read by the helper), not /dev/null
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
    goal: str = ""  # the issue whose "Done when" this target is, for the checked table


@dataclass
class Section:
    title: str
    commands: dict[str, Command]
    rows: list[Row]
    notes: list[str] = field(default_factory=list)
    unmeasured: list[tuple[str, str, str]] = field(default_factory=list)  # (goal, command, target) skipped


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
import fcntl, json, os, struct, sys, termios, time
for line in sys.stdin:
    job = json.loads(line)
    out = os.open(job["out"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    screen = os.openpty() if job["tty"] else None  # output to a terminal (80x50), read as it comes
    if screen:
        fcntl.ioctl(screen[1], termios.TIOCSWINSZ, struct.pack("HHHH", 50, 80, 0, 0))
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            os.dup2(os.open(os.devnull, os.O_RDONLY), 0)  # not the pipe from bench.py
            os.dup2(screen[1] if screen else out, 1)
            os.dup2(screen[1] if screen else out, 2)
            os.chdir(job["cwd"])
            os.execvpe(job["argv"][0], job["argv"], job["env"])
        except OSError as exc:
            os.write(2, f"cannot start: {exc}".encode())
        os._exit(127)
    if screen:
        os.close(screen[1])
        while True:
            try:
                data = os.read(screen[0], 1 << 16)
            except OSError:  # EIO: the child closed the terminal
                break
            if not data:
                break
            os.write(out, data)
        os.close(screen[0])
    _, status, usage = os.wait4(pid, 0)
    elapsed_ms = (time.perf_counter() - start) * 1000
    os.close(out)
    print(json.dumps([elapsed_ms, usage.ru_maxrss, os.waitstatus_to_exitcode(status)]), flush=True)
"""


class Spawner:
    """Runs one command at a time in a helper process; returns (wall-clock ms, max RSS KiB, exit code)."""

    def __init__(self, python: str):
        self.helper = subprocess.Popen([python, "-I", "-S", "-c", SPAWNER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def run(self, argv: list[str], cwd: Path, env: dict[str, str], out: str, tty: bool = False) -> tuple[float, int, int]:
        self.helper.stdin.write(json.dumps({"argv": argv, "cwd": str(cwd), "env": env, "out": out, "tty": tty}) + "\n")
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
    if command.prepare:
        command.prepare()
    argv = command.next_argv()
    out = scratch / "output.txt" if capture else Path(os.devnull)
    try:
        elapsed_ms, maxrss, code = spawner.run(argv, command.cwd, env, str(out), command.tty)
    finally:
        if fresh:
            shutil.rmtree(fresh, ignore_errors=True)
    if code != 0:
        shown = out.read_text(encoding="utf-8", errors="replace").strip() if capture else "(not captured: a timed run)"
        raise SystemExit(f"bench: {command.label!r} exited with status {code}\n  command: {' '.join(argv)}\n  cwd: {command.cwd}\n--- output ---\n{shown[-3000:]}")
    return elapsed_ms, rss_mib(maxrss)


def check_commands(spawner: Spawner, section: Section, scratch: Path) -> None:
    """Run each command once with its output captured; stop with its output if it fails.

    An optional command (one that needs a git repository or committed data) that fails is
    dropped from the section with a note instead.
    """
    for command in list(section.commands.values()):
        try:
            run_once(spawner, command, scratch, capture=True)
        except SystemExit as failure:
            if not command.optional:
                raise
            del section.commands[command.label]
            section.unmeasured += [(row.goal, row.command, row.target.text()) for row in section.rows if row.command == command.label and row.goal and row.target]
            section.rows = [row for row in section.rows if row.command != command.label]
            last = str(failure).strip().splitlines()[-1][:200]
            section.notes.append(f"skipped: {command.label} (it failed here: {last})")


def measure(spawner: Spawner, commands: dict[str, Command], runs: int, warmup: int, scratch: Path, title: str) -> None:
    """Warm up, then time every command `runs` times, interleaved by round."""
    timed = [command for command in commands.values() if not command.check_only]
    for _ in range(warmup):
        for command in timed:
            run_once(spawner, command, scratch)
    for round_number in range(1, runs + 1):
        started = time.perf_counter()
        for command in timed:
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


def installed_commands(lmhtx: list[str], env: dict[str, str]) -> set[str]:
    """The commands the installed lmhtx has, as "plan mark", "site", ... (from its --help pages)."""

    def listed(words: list[str]) -> list[str]:
        done = subprocess.run([*lmhtx, "--lang", "en", *words, "--help"], capture_output=True, text=True, env=env)
        names, inside = [], False
        for line in done.stdout.splitlines():
            if "Commands" in line:
                inside = True
            elif inside and (found := re.match(r"^[\s│|]*([a-z][a-z0-9-]*)(\s{2,}|\s*$)", line)):
                names.append(found.group(1))
        return names

    found = set()
    for name in listed([]):
        found.add(name)
        if name in ("plan", "members", "meetings", "petitions", "import", "merge-driver"):
            found |= {f"{name} {sub}" for sub in listed([name])}
    return found


def make_inputs(python: str, folder: Path) -> list[str]:
    """The files the imports read: a 1,000-row register (.csv, .xlsx) and the seed programme as .docx.

    Written by the interpreter lmhtx runs on (openpyxl and python-docx are lmhtx's dependencies; this
    script stays stdlib only). Returns notes on what could not be made.
    """
    folder.mkdir(parents=True, exist_ok=True)
    seed = str(SEED_PROGRAMME) if SEED_PROGRAMME.is_file() else ""
    done = subprocess.run([python, "-c", INPUTS_SCRIPT, str(folder), seed, str(REGISTER_ROWS)], capture_output=True, text=True)
    return [f"could not write the import inputs: {done.stderr.strip()[-300:]}"] if done.returncode else []


INPUTS_SCRIPT = r"""
import csv, sys
from pathlib import Path
out, seed, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
districts = ["Vĩnh Bảo", "Tiên Lãng", "Thủy Nguyên", "An Lão", "Kiến Thụy", "Lê Chân"]
kinds = [("HTX", "HTX Nông nghiệp"), ("Doanh nghiệp", "Công ty TNHH"), ("Tổ hợp tác", "Tổ hợp tác")]
header = ["STT", "Tên đơn vị", "Loại hình", "Địa chỉ", "Xã/phường/đặc khu", "Người đại diện", "Điện thoại", "Năm gia nhập"]
rows = []
for i in range(1, count + 1):
    kind, prefix = kinds[i % 3]
    rows.append([str(i), f"{prefix} Đoàn Kết số {i} (mẫu)", kind, f"Thôn {i % 9 + 1}, huyện {districts[i % 6]}", "", f"Nguyễn Văn {i}", f"09{i:08d}", str(2000 + i % 24)])
with open(out / "register.csv", "w", encoding="utf-8-sig", newline="") as handle:
    writer = csv.writer(handle)
    writer.writerows([["DANH SÁCH ĐƠN VỊ THÀNH VIÊN (mẫu)"], [], header, *rows])
import openpyxl
book = openpyxl.Workbook()
for row in [header, *rows]:
    book.active.append(row)
book.save(out / "register.xlsx")
if seed:
    import docx
    document = docx.Document()
    for line in Path(seed).read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    document.save(str(out / "programme.docx"))
"""


class Restore:
    """Before a run: the work folder made again from its pristine copy, then the warm cache refilled."""

    def __init__(self, pristine: Path, work: Path, warm: list[str] | None, env: dict[str, str]):
        self.pristine, self.work, self.warm, self.env = pristine, work, warm, env

    def __call__(self) -> None:
        shutil.rmtree(self.work, ignore_errors=True)
        shutil.copytree(self.pristine, self.work, symlinks=True)
        if self.warm:  # copied files have new inodes and ctimes: lmhtx's cache no longer matches them
            subprocess.run(self.warm, cwd=self.work, env=self.env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


class Remove:
    """Before a run: an output folder or file of the previous run removed, so every run writes it anew."""

    def __init__(self, path: Path):
        self.path = path

    def __call__(self) -> None:
        if self.path.is_dir():
            shutil.rmtree(self.path)
        elif self.path.exists():
            self.path.unlink()


@dataclass
class Spec:
    """A command of the README to time on the repository's data."""

    words: list  # argv after `lmhtx`; Path words are shown by their name only
    needs: str  # the command it needs, as `lmhtx --help` names it ("plan mark")
    target: float | None = None  # ratio to the minimal Typer app, or ms with kind "ms"
    kind: str = "ratio"
    goal: str = ""
    where: str = "repo"  # repo: cwd the repository; copy: a restored copy of its data; scratch: the work folder
    cold: bool = False
    prepare: Callable[[], None] | None = None
    optional: bool = False  # skipped with a note when it fails (needs a git repository, committed data)
    against_python: bool = False  # also a row against `python -c pass`
    alternate: tuple[str, str] | None = None
    suffix: str = ""
    tty: bool = False

    def label(self) -> str:
        return f"lmhtx {shown(self.words)}{self.suffix}"


def shown(words: list) -> str:
    """A command line as a person types it: words with spaces quoted, paths by their name only."""
    return " ".join(w.name if isinstance(w, Path) else (f'"{w}"' if " " in w or not w else w) for w in words)


def repo_specs(scratch: Path, inputs: Path, env: dict[str, str], lmhtx: list[str]) -> list[Spec]:
    out = scratch / "out"
    out.mkdir(exist_ok=True)
    month = REPO_ROOT / "plans" / "2024" / "05.yaml"
    specs = [
        Spec(["plan", "show", "--month", "5", "--unit", "quy"], "plan show", 1.2, goal="issue 23", against_python=True),
        Spec(["plan", "show", "--quarter", "II", "--unit", "Đào tạo"], "plan show"),
        Spec(["plan", "show", "--grep", "bản tin", "--format", "md"], "plan show"),
        Spec(["plan", "show", "05-quy-2"], "plan show"),
        Spec(["plan", "show", "--status", "done", "--format", "json"], "plan show"),
        Spec(["units"], "units"),
        Spec(["validate"], "validate", 1.2, goal="issue 23", against_python=True),
        Spec(["validate"], "validate", cold=True, suffix=" (cold)"),
        Spec(["plan", "mark", "05-quy-1", "done", "--by", "bench"], "plan mark", 1.4, goal="issue 23", where="mark", against_python=True, alternate=("done", "in_progress")),
        Spec(["plan", "mark", "05-quy-2", "05-quy-3", "đang thực hiện", "--by", "bench"], "plan mark", where="copy"),
        Spec(["plan", "add", "--month", "7", "--unit", "quy", "Tập huấn nghiệp vụ cho cán bộ Quỹ."], "plan add", where="copy"),
        Spec(["plan", "diff"], "plan diff", optional=True),
        Spec(["plan", "threads"], "plan threads"),
        Spec(["plan", "thread", "rau"], "plan thread"),
        Spec(["plan", "tag", "09-ttdt-2", "--thread", "rau"], "plan tag", where="copy"),
    ]
    for period in (["month", "5"], ["quarter", "II"], ["h1"], ["9m"], ["year"]):
        name = period[0]
        specs += [
            Spec(["report", *period], "report", 1.5 if name == "year" else None, goal="issue 23" if name == "year" else "", tty=True, suffix=" (on a terminal)"),
            Spec(["report", *period, "--format", "md"], "report"),
            Spec(["report", *period, "--format", "json"], "report"),
        ]
        docx = out / f"report-{name}.docx"
        specs.append(Spec(["report", *period, "--format", "docx", "--output", docx], "report", 6.0 if name == "year" else None, goal="issue 23" if name == "year" else "", prepare=Remove(docx)))
    digest_docx, site, ics, schema = out / "tin-thang.docx", out / "_site", out / "sinh-hoat-2024.ics", out / "schema"
    specs += [
        Spec(["digest", "--month", "2024-05"], "digest"),
        Spec(["digest", "--month", "2024-05", "--format", "docx", "--output", digest_docx], "digest", prepare=Remove(digest_docx)),
        Spec(["site", "--output", site], "site", 6.0, goal="issue 23", prepare=Remove(site)),
        Spec(["members", "list", "--area", "Tiên Lãng"], "members list"),
        Spec(["members", "list", "--area", "Tiên Lãng"], "members list", 1.5, goal="issue 23", cold=True, suffix=" (empty cache)"),
        Spec(["members", "list", "--club", "thủy sản", "--kind", "htx"], "members list"),
        Spec(["members", "list", "--fee", "unpaid", "--year", "2024"], "members list"),
        Spec(["members", "list", "--area", "An Lão", "--as-of", "30/06/2024"], "members list"),
        Spec(["members", "show", "thang-thuy"], "members show"),
        Spec(["members", "move", "mau-rau-an-lao", "--area", "Tiên Lãng", "--on", "15/05/2024", "--by", "bench"], "members move", where="copy"),
        Spec(["meetings", "list", "--year", "2024"], "meetings list"),
        Spec(["meetings", "show", "2024-q2"], "meetings show"),
        Spec(["meetings", "mark", "2024-q2", "đã tổ chức", "--date", "14/05/2024", "--attendees", "thang-thuy,quang-hai", "--minutes", "Biên bản (mẫu)"], "meetings mark", where="copy"),
        Spec(["meetings", "ics", "--output", ics], "meetings ics", prepare=Remove(ics)),
        Spec(["petitions", "list", "--open"], "petitions list"),
        Spec(["petitions", "add", "Đề nghị hỗ trợ vốn (mẫu)", "--member", "thang-thuy", "--topic", "vốn", "--unit", "kttv", "--on", "15/05/2024"], "petitions add", where="copy"),
        Spec(["petitions", "mark", "kn-2024-03", "forwarded", "--forwarded-to", "Sở Tài nguyên và Môi trường", "--due", "31/12/2024", "--on", "25/11/2024"], "petitions mark", where="copy"),
        Spec(["fees", "--year", "2024"], "fees"),
        Spec(["plan", "new-year", "2025", "--from", "2024", "--dry-run"], "plan new-year"),
        Spec(["schema", "--output", schema], "schema", prepare=Remove(schema)),
    ]
    if SEED_PROGRAMME.is_file():
        for name, source in (("txt", SEED_PROGRAMME), ("docx", inputs / "programme.docx")):
            target = out / f"programme-{name}"
            specs.append(Spec(["import", "programme", source, "--year", "2024", "--output", target], "import programme", 1000, "ms", "issue 22", prepare=Remove(target)))
    for name in ("csv", "xlsx"):
        specs.append(Spec(["import", "members", inputs / f"register.{name}", "--on", "20/05/2024"], "import members", 2000, "ms", "issue 22", where="copy"))
    office = out / "ninh-binh"
    specs.append(Spec(["init", office, "--office", "Liên minh Hợp tác xã tỉnh Ninh Bình", "--year", "2025"], "init", prepare=Remove(office)))
    verify_report = out / "bao-cao-thang-5.md"
    # written once from the committed data; when that fails, verify's check fails and it is skipped with a note
    subprocess.run([*lmhtx, "report", "month", "5", "--as-of", "14/05/2024", "--format", "md", "--output", str(verify_report)], cwd=REPO_ROOT, env=env, capture_output=True)
    specs.append(Spec(["verify", verify_report], "verify", optional=True))
    merge = merge_inputs(scratch / "merge", lmhtx, env)
    if merge:
        ours_pristine, base, ours, theirs = merge
        restore_ours = lambda: shutil.copyfile(ours_pristine, ours)  # noqa: E731 (git's %A is replaced by the result)
        specs.append(Spec(["merge-driver", "run", base, ours, theirs, str(month.relative_to(REPO_ROOT))], "merge-driver run", where="scratch", prepare=restore_ours))
    specs.append(Spec(["merge-driver", "install"], "merge-driver install", where="git", optional=True))
    return specs


def merge_inputs(folder: Path, lmhtx: list[str], env: dict[str, str]) -> tuple[Path, Path, Path, Path] | None:
    """A month file as git's merge driver gets it: base, ours (one task marked) and theirs (another)."""
    versions = {}
    for side, task in (("ours", "05-quy-1"), ("theirs", "05-vp-1")):
        copy = copy_repo_data(folder / f"{side}-data")
        done = subprocess.run([*lmhtx, "plan", "mark", task, "done", "--by", "bench"], cwd=copy, env={**env, "LMHTX_NO_CACHE": "1"}, capture_output=True)
        if done.returncode:
            return None
        versions[side] = copy / "plans" / "2024" / "05.yaml"
    base, ours, theirs = folder / "base.yaml", folder / "ours.yaml", folder / "theirs.yaml"
    shutil.copyfile(REPO_ROOT / "plans" / "2024" / "05.yaml", base)
    shutil.copyfile(versions["theirs"], theirs)
    return versions["ours"], base, ours, theirs


def repo_section(python: str, lmhtx: list[str], scratch: Path, available: set[str], quick: bool) -> Section:
    typer_app = scratch / "minimal_typer_app.py"
    typer_app.write_text(MINIMAL_TYPER_APP, encoding="utf-8")
    env = {**base_env(), "LMHTX_TODAY": REPO_TODAY, "LMHTX_CACHE_DIR": str(scratch / "cache-warm")}
    inputs = scratch / "inputs"
    notes = [
        f"cwd {REPO_ROOT} (its plans/ and members/), warm lmhtx cache; LMHTX_TODAY={REPO_TODAY}",
        "commands that write run on a copy of plans/ and members/ made again before every run (and the cache refilled by `lmhtx validate`), outside the timed span;",
        "  plan mark 05-quy-1 on one copy, alternating done/in_progress so every run writes; outputs (--output) removed before every run",
        f"import members: a generated {REGISTER_ROWS:,}-row register; import programme: {SEED_PROGRAMME.name} as text and as Word",
    ]
    notes += make_inputs(shebang_python(lmhtx[0]) or python, inputs)
    py, typer = "python -c pass", "minimal Typer app"
    commands = [Command(py, [python, "-c", "pass"], REPO_ROOT, env), Command(typer, [python, str(typer_app), "--name", "x"], REPO_ROOT, env)]
    rows = [Row(py, lmhtx=False), Row(typer, py, lmhtx=False)]
    pristine = copy_repo_data(scratch / "repo-pristine")
    git_pristine = None
    if not SEED_PROGRAMME.is_file():
        notes.append(f"skipped: import programme ({SEED_PROGRAMME} is absent)")
    seen: dict[str, int] = {}
    unmeasured: list[tuple[str, str, str]] = []
    for spec in repo_specs(scratch, inputs, env, lmhtx):
        missing = f"the installed lmhtx has no `{spec.needs}`" if spec.needs not in available else None
        if not missing and any(isinstance(w, Path) and w.parent == inputs and not w.is_file() for w in spec.words):
            missing = "its input could not be written"
        if missing:
            notes.append(f"skipped: {spec.label()} ({missing})")
            if spec.goal:
                unmeasured.append((spec.goal, spec.label(), Target(spec.target, spec.kind).text()))
            continue
        label = spec.label()
        seen[label] = seen.get(label, 0) + 1
        argv = [*lmhtx, *(str(w) for w in spec.words)]
        cwd, prepare = REPO_ROOT, spec.prepare
        if spec.where in ("copy", "mark", "git"):
            number = len(seen) if spec.where != "mark" else "mark"
            cwd = scratch / f"repo-copy-{number}"
            if spec.where == "git":
                if git_pristine is None:
                    git_pristine = scratch / "repo-git-pristine"
                    shutil.copytree(pristine, git_pristine)
                    subprocess.run(["git", "init", "-q", str(git_pristine)], capture_output=True)
                prepare = Restore(git_pristine, cwd, None, env)
            elif spec.where == "copy":
                prepare = Restore(pristine, cwd, None if quick and not spec.goal else [*lmhtx, "validate"], env)
            else:
                shutil.copytree(pristine, cwd)
        elif spec.where == "scratch":
            cwd = scratch
        check_only = quick and not spec.goal  # --quick: the issues' targets are timed, the rest checked once
        command = Command(label, argv, cwd, env, cold_cache=spec.cold, alternate=spec.alternate, prepare=prepare, optional=spec.optional, check_only=check_only, tty=spec.tty)
        commands.append(command)
        if command.check_only:
            continue
        rows.append(Row(label, typer, Target(spec.target, spec.kind) if spec.target else None, goal=spec.goal))
        if spec.against_python:
            rows.append(Row(label, py))
    if not SEED_PROGRAMME.is_file():
        unmeasured += [("issue 22", "lmhtx import programme (.txt, .docx)", Target(1000, "ms").text())]
    if quick:
        notes.append(f"--quick: the {sum(c.check_only for c in commands)} commands without a target of the issues were run once (they work) and not timed")
    return Section("A. Repository data", {c.label: c for c in commands}, rows, notes, unmeasured)


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
        label = f"lmhtx --root C {shown(words)} ({cache})"
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
    # A member write, then the read after it (issue 23: the next `members list` <= 0.5 s): both on
    # one more copy of C; before every timed read, one more petition is added (untimed).
    petition_copy = scratch / "corpus-petitions"
    shutil.copytree(root, petition_copy)
    member = first_member(root)
    add = ["petitions", "add", "Đề nghị hỗ trợ vốn (mẫu)", "--member", member, "--topic", "vốn", "--on", CORPUS_TODAY]
    add_argv = [*lmhtx, "--root", str(petition_copy), *add]

    def write_first() -> None:
        done = subprocess.run(add_argv, cwd=scratch, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True)
        if done.returncode:
            raise SystemExit(f"bench: the untimed petitions add before the read failed (exit {done.returncode})\n{done.stdout[-1500:]}{done.stderr[-1500:]}")

    after = lm(members, "warm", petition_copy, prepare=write_first)
    after.label = f"lmhtx --root C {' '.join(members)} (after a petitions add)"
    lmhtx_commands += [
        (lm(add, "warm", petition_copy), None, None),
        (after, None, Target(500, "ms")),
    ]
    rows = [Row(c.label, lmhtx=False) for c in commands]
    for command, reference, target in lmhtx_commands:
        commands.append(command)
        rows.append(Row(command.label, reference, target, goal="issue 23" if command is after else ""))
    notes = [
        f"C = generated corpus {root}; LMHTX_TODAY={CORPUS_TODAY}; plan mark on a copy of C, alternating done/in_progress",
        "warm: a cache folder filled beforehand; cold: a fresh empty LMHTX_CACHE_DIR every run",
        f"petitions add, and members list after one (a petition added untimed before each timed run): on another copy of C, one petition more every run, member {member}",
    ]
    if task:
        notes.append(f"Taskwarrior: every corpus task imported, project <unit>.<year>.<month> (so {ref_project} selects the same tasks as plan show), options {' '.join(TASK_OPTIONS)}")
    else:
        notes.append("Taskwarrior (`task`) is not installed: the pairs with it are skipped (no ratio, no verdict)")
    return Section("B. Generated corpus", {c.label: c for c in commands}, rows, notes)


def first_member(root: Path) -> str:
    """The id of the corpus's first member."""
    for path in sorted((root / "members").glob("members*.yaml")):
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if found := re.match(r"^  - id: (\S+)", line):
                    return found.group(1)
    raise SystemExit(f"bench: no member in {root / 'members'}")


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
                "goal": row.goal,
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


def done_when(sections: list[Section], all_results: dict[str, list[dict]]) -> list[dict]:
    """The "Done when" targets of issues 23 and 22, each with what was measured and met or missed."""
    table = []
    for section in sections:
        for r in all_results[section.title]:
            if not r["goal"]:
                continue
            if r["target"].endswith("x"):
                measured = f"{r['ratio']:.2f}x ({r['median_ms']:.0f} ms vs {r['reference_median_ms']:.0f} ms)" if r["ratio"] is not None else "no reference"
                target = f"{r['target'][2:]} {r['reference'].removesuffix(' (not run)')}"
            else:
                measured, target = f"{r['median_ms']:.0f} ms", f"{r['target'][2:]}"
            verdict = {"PASS": "met", "MISS": "MISSED"}.get(r["time"], "not measured")
            table.append({"goal": r["goal"], "command": r["command"], "target": f"<= {target}", "measured": measured, "verdict": verdict})
        for goal, command, target in section.unmeasured:
            table.append({"goal": goal, "command": command, "target": target.replace("<=", "<= "), "measured": "skipped", "verdict": "not measured"})
    corpus_rows = [r for section in sections if section.title.startswith("B.") for r in all_results[section.title] if r["memory"] != "—"]
    if corpus_rows:
        worst = max(corpus_rows, key=lambda r: r["peak_mib"])
        verdict = "met" if worst["peak_mib"] <= MEMORY_LIMIT_MIB else "MISSED"
        table.append({"goal": "issue 23", "command": "corpus: every lmhtx command, peak memory", "target": f"<= {MEMORY_LIMIT_MIB} MiB", "measured": f"{worst['peak_mib']:.0f} MiB ({worst['command']})", "verdict": verdict})
    return sorted(table, key=lambda row: row["goal"], reverse=True)  # issue 23, then issue 22


def format_done_when(table: list[dict]) -> str:
    widths = [max(len(h), *(len(row[k]) for row in table)) for h, k in (("issue", "goal"), ("command", "command"), ("target", "target"), ("measured", "measured"))]
    lines = ["  ".join(f"{h:<{w}}" for h, w in zip(("issue", "command", "target", "measured"), widths)) + "  verdict"]
    lines.append("-" * len(lines[0]))
    for row in table:
        lines.append("  ".join(f"{row[k]:<{w}}" for k, w in zip(("goal", "command", "target", "measured"), widths)) + f"  {row['verdict']}")
    return "\n".join(lines)


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
        available = installed_commands(lmhtx, base_env())
        sections = [repo_section(python, lmhtx, scratch, available, args.quick), corpus_section(lmhtx, root, scratch, task, task_env)]
        spawner = Spawner(sys.executable)
        try:
            for section in sections:
                print(f"bench: {section.title}: checking every command once ...", file=sys.stderr, flush=True)
                check_commands(spawner, section, scratch)
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
    goals = done_when(sections, all_results)
    print(f"\nDone when (issue 23; issue 22's imports), {'quick run: indicative only' if args.quick else f'{args.runs} timed runs'}:\n")
    print(format_done_when(goals))
    print(f"\ntotal: {info['total_seconds']:.0f} s")

    if args.json:
        runs = {
            s.title: {c.label: {"argv": c.argv, "cold_cache": c.cold_cache, "runs_ms": [round(t, 2) for t in c.runs_ms], "peaks_mib": [round(m, 1) for m in c.peaks_mib]} for c in s.commands.values() if not c.check_only} for s in sections
        }
        result = {**info, "memory_limit_mib": MEMORY_LIMIT_MIB, "results": all_results, "misses": missed, "done_when": goals, "commands": runs}
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
