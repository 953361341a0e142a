"""The merge driver: time to merge a month file of the corpus, and the long run of the property test.

    /path/to/venv/bin/python bench/merge_property.py                 # time one month-file merge (about 10 s)
    /path/to/venv/bin/python bench/merge_property.py --examples 500  # and the property test with 500 examples

The timing builds a corpus (`corpus.py`, 100 plan-years unless --years), takes its busiest month
file, gives each side a mark on every task of one unit and a new task (the driver's heaviest
case: every record changed on both sides, one history entry each), and runs
`lmhtx merge-driver run` as git would, in its own process. The property test is
tests/merge/test_random_merges.py with LMHTX_MERGE_EXAMPLES set (the suite runs 25).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _busiest_month(corpus: Path) -> Path:
    return max(corpus.glob("plans/*/[01][0-9].yaml"), key=lambda p: p.stat().st_size)


def _side(text: str, who: str, day: str) -> str:
    """Every task of the month's first unit marked (a history entry below its last line), and one task added."""
    out: list[str] = []
    block: list[str] = []
    units_seen = 0

    def flush() -> None:
        if block and units_seen == 1:
            if not any(line.strip() == "history:" for line in block):
                block.append("      history:")
            block.extend([f"        - on: {day}", "          status: in_progress", f'          by: "{who}"'])
        out.extend(block)
        block.clear()

    for line in text.splitlines():
        if line.startswith("    - id: ") or re.match(r"^  [a-z][\w-]*:\s*$", line):
            flush()
            if not line.startswith("    - id: "):
                units_seen += 1
                out.append(line)
                continue
        (block if block or line.startswith("    - id: ") else out).append(line)
    flush()
    out.append(f'    - id: 01-x-{who}\n      text: "Việc của {who}."\n      status: planned')
    return "\n".join(out) + "\n"


def time_month_merge(lmhtx: list[str], years: int) -> float:
    with tempfile.TemporaryDirectory(prefix="lmhtx-bench-merge-") as folder:
        corpus = Path(folder) / "corpus"
        subprocess.run([sys.executable, str(HERE / "corpus.py"), str(corpus), "--years", str(years), "--members", "300"], check=True, capture_output=True)
        month = _busiest_month(corpus)
        base = month.read_text(encoding="utf-8")
        work = Path(folder) / "merge"
        work.mkdir()
        best = float("inf")
        for _ in range(3):
            for name, text in (("O", base), ("A", _side(base, "lan", "2030-02-01")), ("B", _side(base, "minh", "2030-02-03"))):
                (work / name).write_text(text, encoding="utf-8")
            start = time.perf_counter()
            run = subprocess.run([*lmhtx, "merge-driver", "run", str(work / "O"), str(work / "A"), str(work / "B"), month.relative_to(corpus).as_posix()], capture_output=True, text=True)
            best = min(best, time.perf_counter() - start)
            merged = (work / "A").read_text(encoding="utf-8")
            if run.returncode != 0 or 'by: "lan"' not in merged or 'by: "minh"' not in merged:
                raise SystemExit(f"the merge did not come out clean: {run.returncode} {run.stderr}")
        print(f"merge of {month.relative_to(corpus)} ({month.stat().st_size:,} bytes, both sides marking one unit's tasks): {best:.3f} s (best of 3, own process)")
        return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=100)
    parser.add_argument("--examples", type=int, default=0, help="also run the property test with this many examples")
    args = parser.parse_args()
    program = shutil.which("lmhtx", path=str(Path(sys.executable).parent))
    lmhtx = [program] if program else [sys.executable, "-m", "lmhtx_cli"]
    seconds = time_month_merge(lmhtx, args.years)
    if seconds >= 1.0:
        print("slower than a second", file=sys.stderr)
    if args.examples:
        env = {**os.environ, "LMHTX_MERGE_EXAMPLES": str(args.examples)}
        test = [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "--hypothesis-show-statistics", str(HERE.parent / "tests/merge/test_random_merges.py")]
        raise SystemExit(subprocess.run(test, env=env, cwd=HERE.parent).returncode)


if __name__ == "__main__":
    main()
