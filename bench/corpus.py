"""Generate a large sample data set for the benchmark, in the layout of this repository's data.

The corpus is made from the repository's own 2024 files, so it has their exact format:

  plans/<year>/plan.yaml        the 2024 plan.yaml with the year changed (units, threads, note)
  plans/<year>/01.yaml..12.yaml the 2024 months' layout (same units, same number of tasks, ids
                                MM-unit-N), texts taken from 2024 and varied; most tasks planned,
                                some done or in progress with a history entry
  members/areas.yaml, clubs.yaml copied
  members/members.yaml          sample members m00001.., "HTX ... (mẫu)", sample: true
  members/meetings/<year>.yaml  one meeting a quarter plus others (lead unit, area, format, themes)
  members/petitions/<year>.yaml petitions with received <= forwarded <= answered <= resolved
  settings.yaml                 copied

With the default size (100 plan-years) that is 35,600 tasks, 30,000 members, 2,000 meetings and
10,000 petitions. The YAML is written as text (strings double-quoted with json.dumps), not through
a YAML library, and generation is deterministic for a given seed. No fee files are written.

Usage: python bench/corpus.py OUT_DIR [--quick] [--years N] [--members N] [--check LMHTX]
As a module: generate(out_dir, CorpusSize(...)) and check_valid(out_dir, ["lmhtx"]).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SOURCE_YEAR = 2024
FOCUS_YEAR = 1990  # the year the benchmark queries; every corpus contains it

MEMBER_KINDS = (("htx", "HTX", 80), ("lien-hiep-htx", "Liên hiệp HTX", 5), ("doanh-nghiep", "Doanh nghiệp", 10), ("to-hop-tac", "Tổ hợp tác", 5))
ACTIVITIES = (
    "Nông nghiệp",
    "Dịch vụ nông nghiệp",
    "Rau sạch",
    "Rau an toàn",
    "Dịch vụ điện",
    "Nuôi trồng thủy sản",
    "Khai thác hải sản",
    "Dịch vụ vệ sinh môi trường",
    "Chiếu cói",
    "Mây tre đan",
    "Vận tải",
    "Thương mại dịch vụ",
    "Tiểu thủ công nghiệp",
    "Chăn nuôi",
    "Sản xuất muối",
    "Hoa cây cảnh",
    "Nước mắm",
    "Du lịch cộng đồng",
    "Xây dựng",
    "Cơ khí",
    "Dệt may",
    "Chế biến nông sản",
    "Dược liệu",
    "Nấm ăn",
)
TASK_SUFFIXES = (
    " Báo cáo kết quả về phòng Kế hoạch - Tổng hợp.",
    " Phối hợp với các quận, huyện thực hiện.",
    " Hoàn thành trước ngày 25 hằng tháng.",
    " (tiếp tục thực hiện từ tháng trước)",
    " Tổng hợp khó khăn, vướng mắc của các đơn vị thành viên.",
    " Lồng ghép với chương trình hỗ trợ của thành phố.",
)
RECORDERS = ("Nguyễn Văn An", "Trần Thị Bình", "Lê Minh Châu", "Phạm Thu Hà", "Vũ Đức Long", "Đỗ Thị Mai")
MEETING_FORMATS = ("chuyen-de", "toa-dam", "chinh-sach", "dia-ban")
MEETING_THEMES = ("dat-dai", "thue", "von", "thi-truong", "khcn", "dao-tao", "tham-quan")
PETITIONS = (
    ("đất đai", "Đề nghị hướng dẫn thủ tục thuê đất xây dựng nhà sơ chế sản phẩm.", "Sở Tài nguyên và Môi trường"),
    ("vốn", "Đề nghị xem xét cho vay vốn từ Quỹ hỗ trợ phát triển HTX để mở rộng sản xuất.", "Quỹ Hỗ trợ Phát triển HTX"),
    ("thị trường", "Đề nghị hỗ trợ tham gia hội chợ để giới thiệu sản phẩm của đơn vị.", "Trung tâm Hỗ trợ"),
    ("thuế", "Đề nghị hướng dẫn chính sách ưu đãi thuế thu nhập doanh nghiệp đối với HTX.", "Cục Thuế thành phố"),
    ("khoa học công nghệ", "Đề nghị hỗ trợ chuyển giao kỹ thuật sản xuất theo tiêu chuẩn VietGAP.", "Sở Khoa học và Công nghệ"),
    ("đào tạo", "Đề nghị mở lớp bồi dưỡng kế toán cho cán bộ quản lý HTX.", "Trung tâm Đào tạo"),
)
ANSWERS = (
    "Đã tiếp nhận hồ sơ, thẩm định trong tháng tới.",
    "Đã có văn bản hướng dẫn gửi đơn vị.",
    "Cơ quan chức năng đã trả lời bằng văn bản; đơn vị thống nhất.",
)


@dataclass(frozen=True)
class CorpusSize:
    years: int = 100
    members: int = 30_000
    meetings_per_year: int = 20
    petitions_per_year: int = 100

    @property
    def first_year(self) -> int:
        """Years around FOCUS_YEAR: 1950..2049 for 100 years (so 2024's areas too), 1986..1995 for 10."""
        return FOCUS_YEAR - self.years * 2 // 5


FULL = CorpusSize()
QUICK = CorpusSize(years=10, members=3_000)


@dataclass
class SourceTask:
    id: str
    unit: str
    text: str = ""
    thread: str | None = None
    status: str = "planned"


@dataclass
class Area:
    code: str
    districts: list[str]
    valid_from: int | None
    valid_until: int | None

    def valid_in(self, year: int) -> bool:
        return (self.valid_from is None or self.valid_from <= year) and (self.valid_until is None or year <= self.valid_until)


# --- reading the repository's 2024 files (their simple, regular format) --------------------------


def _scalar(raw: str) -> str:
    raw = raw.strip()
    return json.loads(raw) if raw.startswith('"') else raw


def read_tasks(path: Path) -> list[SourceTask]:
    """The tasks of one month file, in file order (the files' simple, regular layout)."""
    tasks: list[SourceTask] = []
    unit = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if m := re.match(r"^  ([a-z0-9][a-z0-9_-]*):\s*$", line):
            unit = m.group(1)
        elif m := re.match(r"^    - id: (.+)$", line):
            tasks.append(SourceTask(_scalar(m.group(1)), unit))
        elif (m := re.match(r"^      (text|thread|status): (.+)$", line)) and tasks:
            setattr(tasks[-1], m.group(1), _scalar(m.group(2)))
    if not tasks or any(not t.text or t.unit is None for t in tasks):
        raise SystemExit(f"corpus: cannot read the tasks of {path} (format changed?)")
    return tasks


def read_source_months(plans: Path) -> dict[int, list[SourceTask]]:
    """The 2024 tasks by month."""
    return {month: read_tasks(plans / f"{month:02d}.yaml") for month in range(1, 13)}


def corpus_tasks(root: Path) -> Iterator[tuple[int, int, SourceTask]]:
    """(year, month, task) for every task of a data folder, e.g. to load them into another tool."""
    for folder in sorted((root / "plans").iterdir()):
        if folder.is_dir() and re.fullmatch(r"\d{4}", folder.name):
            for month in range(1, 13):
                path = folder / f"{month:02d}.yaml"
                if path.is_file():
                    yield from ((int(folder.name), month, task) for task in read_tasks(path))


def read_units(plan_yaml: str) -> list[str]:
    units_part = plan_yaml.split("\nunits:", 1)[1].split("\nthreads:", 1)[0]
    return re.findall(r"^  - code: (\S+)\s*$", units_part, flags=re.M)


def read_areas(text: str) -> list[Area]:
    areas: list[Area] = []
    for line in text.splitlines():
        if m := re.match(r"^  - code: (\S+)\s*$", line):
            areas.append(Area(_scalar(m.group(1)), [], None, None))
        elif (m := re.match(r"^    districts: (\[.*\])\s*$", line)) and areas:
            areas[-1].districts = json.loads(m.group(1))
        elif (m := re.match(r"^    valid_from: (\d+)\s*$", line)) and areas:
            areas[-1].valid_from = int(m.group(1))
        elif (m := re.match(r"^    valid_until: (\d+)\s*$", line)) and areas:
            areas[-1].valid_until = int(m.group(1))
    if not areas:
        raise SystemExit("corpus: no areas found in members/areas.yaml")
    return areas


def read_codes(text: str) -> list[str]:
    return re.findall(r"^  - code: (\S+)\s*$", text, flags=re.M)


# --- writing --------------------------------------------------------------------------------------


def q(text: str) -> str:
    """A YAML double-quoted string (JSON's syntax is a subset of it), in NFC."""
    return json.dumps(unicodedata.normalize("NFC", text), ensure_ascii=False)


def with_year(text: str, year: int) -> str:
    """The 2024 wording moved to another year (2023 and 2025 move along)."""
    shift = {str(SOURCE_YEAR + d): str(year + d) for d in (-1, 0, 1)}
    return re.sub(r"\b({})\b".format("|".join(shift)), lambda m: shift[m.group(1)], text)


def write(path: Path, lines: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def random_day(rng: random.Random, year: int, month: int) -> dt.date:
    return dt.date(year, month, rng.randint(1, 28))


def month_lines(year: int, month: int, layout: list[SourceTask], pool: dict[str, list[SourceTask]], rng: random.Random) -> list[str]:
    lines = [
        "# yaml-language-server: $schema=../../schema/month.schema.json",
        f"# Chương trình công tác năm {year}, tháng {month}. SAMPLE DATA generated by bench/corpus.py.",
        f"year: {year}",
        f"month: {month}",
        "units:",
    ]
    unit, number = None, 0
    for slot in layout:
        if slot.unit != unit:
            unit, number = slot.unit, 0
            lines.append(f"  {unit}:")
        number += 1
        source = slot if rng.random() < 0.5 else rng.choice(pool[unit])
        text = with_year(source.text, year)
        if rng.random() < 0.4:
            text = text.rstrip() + rng.choice(TASK_SUFFIXES)
        roll = rng.random()
        status = "planned" if roll < 0.8 else "done" if roll < 0.92 else "in_progress"
        lines += [f"    - id: {month:02d}-{unit}-{number}", f"      text: {q(text)}", f"      status: {status}"]
        if source.thread:
            lines.append(f"      thread: {source.thread}")
        if status != "planned":
            lines += [
                "      history:",
                f"        - on: {random_day(rng, year, month).isoformat()}",
                f"          status: {status}",
                f"          by: {q(rng.choice(RECORDERS))}",
            ]
    return lines


def write_plans(out: Path, size: CorpusSize, rng: random.Random) -> tuple[dict[int, list[str]], int]:
    """Every plan-year; returns the units of each year and the number of tasks written."""
    source = REPO_ROOT / "plans" / str(SOURCE_YEAR)
    plan_yaml = (source / "plan.yaml").read_text(encoding="utf-8")
    months = read_source_months(source)
    pool: dict[str, list[SourceTask]] = {}
    for tasks in months.values():
        for task in tasks:
            pool.setdefault(task.unit, []).append(task)
    units = read_units(plan_yaml)
    units_by_year, count = {}, 0
    for year in range(size.first_year, size.first_year + size.years):
        folder = out / "plans" / str(year)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "plan.yaml").write_text(with_year(plan_yaml, year), encoding="utf-8")
        for month, layout in months.items():
            write(folder / f"{month:02d}.yaml", month_lines(year, month, layout, pool, rng))
            count += len(layout)
        units_by_year[year] = units
    return units_by_year, count


def member_lines(size: CorpusSize, areas: list[Area], clubs: list[str], rng: random.Random) -> list[str]:
    lines = [
        "# Member units. SAMPLE DATA generated by bench/corpus.py: every member is made up.",
        "members:",
    ]
    kinds = [k for k, _, _ in MEMBER_KINDS]
    prefixes = {k: p for k, p, _ in MEMBER_KINDS}
    weights = [w for _, _, w in MEMBER_KINDS]
    for n in range(1, size.members + 1):
        kind = rng.choices(kinds, weights)[0]
        area = rng.choice(areas) if rng.random() < 0.95 else None
        place = rng.choice(area.districts) if area and area.districts else "Hải Phòng"
        name = f"{prefixes[kind]} {rng.choice(ACTIVITIES)} {place} số {n} (mẫu)"
        member_clubs = rng.sample(clubs, rng.choice((0, 0, 1, 1, 2))) if clubs else []
        lines += [f"  - id: m{n:05d}", f"    name: {q(name)}", f"    kind: {kind}"]
        if area:
            lines.append(f"    area: {area.code}")
        lines += [f"    clubs: [{', '.join(member_clubs)}]", f"    joined: {rng.randint(1961, SOURCE_YEAR)}"]
        if rng.random() < 0.05:
            lines.append("    active: false")
        lines.append("    sample: true")
    return lines


def meetings_of_year(year: int, size: CorpusSize, units: list[str], areas: list[Area], member_ids: list[str], rng: random.Random) -> tuple[list[str], list[str]]:
    """One year's meetings file; also the ids of the meetings held (petitions refer to them)."""
    lines = [
        f"# Member meetings of {year}. SAMPLE DATA generated by bench/corpus.py.",
        f"year: {year}",
        "meetings:",
    ]
    lead = "khth" if "khth" in units else units[0]
    area_codes = [a.code for a in areas if a.valid_in(year)]  # empty before 2024: those meetings are city-wide
    held = []
    for i in range(size.meetings_per_year):
        quarter = i % 4 + 1
        if i < 4:
            meeting_id, area, fmt, unit = f"{year}-q{quarter}", "city", None, lead
        else:
            meeting_id = f"{year}-{i - 3:02d}"
            area = area_codes[(i - 4) % len(area_codes)] if area_codes and i - 4 < 2 * len(area_codes) else "city"
            fmt, unit = ("dia-ban" if area != "city" else rng.choice(MEETING_FORMATS[:3])), rng.choice(units)
        done = rng.random() < 0.6
        lines += [f"  - id: {meeting_id}", f"    quarter: {quarter}"]
        if done:
            lines.append(f"    date: {random_day(rng, year, 3 * quarter - rng.randint(0, 2)).isoformat()}")
        lines.append(f"    area: {area}")
        if fmt:
            lines.append(f"    format: {fmt}")
            lines.append(f"    themes: [{', '.join(rng.sample(MEETING_THEMES, rng.randint(1, 2)))}]")
        lines.append(f"    lead_unit: {unit}")
        if done:
            held.append(meeting_id)
            lines += [
                f"    attendees: [{', '.join(rng.sample(member_ids, rng.randint(3, 8)))}]",
                "    status: done",
                f"    minutes: {q('Biên bản sinh hoạt thành viên: các đơn vị trao đổi kinh nghiệm, nêu kiến nghị.')}",
            ]
        else:
            lines.append("    status: planned")
        lines.append("    sample: true")
    return lines, held


def petitions_of_year(year: int, size: CorpusSize, units: list[str], member_ids: list[str], held: list[str], rng: random.Random) -> list[str]:
    lines = [
        f"# Member petitions (kiến nghị) of {year}. SAMPLE DATA generated by bench/corpus.py.",
        f"year: {year}",
        "petitions:",
    ]
    stages = ("received", "forwarded", "answered", "resolved")
    for i in range(1, size.petitions_per_year + 1):
        topic, text, body = rng.choice(PETITIONS)
        status = rng.choices(stages, (20, 30, 30, 20))[0]
        reached = stages[: stages.index(status) + 1]
        dates = {"received": random_day(rng, year, rng.randint(1, 9))}
        for before, stage in zip(reached, reached[1:]):
            dates[stage] = dates[before] + dt.timedelta(days=rng.randint(1, 30))
        lines += [f"  - id: kn-{year}-{i:03d}", f"    member: {rng.choice(member_ids)}"]
        if held and rng.random() < 0.5:
            lines.append(f"    meeting: {rng.choice(held)}")
        lines += [f"    topic: {q(topic)}", f"    text: {q(text)}", f"    unit: {rng.choice(units)}"]
        if "forwarded" in dates:
            lines += [f"    forwarded_to: {q(body)}", f"    due: {(dates['forwarded'] + dt.timedelta(days=30)).isoformat()}"]
        if "answered" in dates:
            lines.append(f"    answer: {q(rng.choice(ANSWERS))}")
        lines.append(f"    status: {status}")
        lines += [f"    {stage}: {day.isoformat()}" for stage, day in dates.items()]
        lines.append("    sample: true")
    return lines


def write_members(out: Path, size: CorpusSize, units_by_year: dict[int, list[str]], rng: random.Random) -> None:
    source = REPO_ROOT / "members"
    folder = out / "members"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source / "areas.yaml", folder / "areas.yaml")
    shutil.copyfile(source / "clubs.yaml", folder / "clubs.yaml")
    areas = read_areas((source / "areas.yaml").read_text(encoding="utf-8"))
    clubs = read_codes((source / "clubs.yaml").read_text(encoding="utf-8"))
    write(folder / "members.yaml", member_lines(size, areas, clubs, rng))
    member_ids = [f"m{n:05d}" for n in range(1, size.members + 1)]
    for year, units in units_by_year.items():
        meetings, held = meetings_of_year(year, size, units, areas, member_ids, rng)
        write(folder / "meetings" / f"{year}.yaml", meetings)
        write(folder / "petitions" / f"{year}.yaml", petitions_of_year(year, size, units, member_ids, held, rng))


def generate(out: Path, size: CorpusSize = FULL, seed: int = 2024) -> dict:
    """Write the corpus into `out` (which should be empty); returns what was written."""
    if size.years < 1 or size.members < 8:
        raise ValueError("a corpus needs at least 1 year and 8 members (meetings list up to 8 attendees)")
    started = time.perf_counter()
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    units_by_year, tasks = write_plans(out, size, rng)
    write_members(out, size, units_by_year, rng)
    if (REPO_ROOT / "settings.yaml").is_file():
        shutil.copyfile(REPO_ROOT / "settings.yaml", out / "settings.yaml")
    return {
        "years": size.years,
        "first_year": size.first_year,
        "tasks": tasks,
        "members": size.members,
        "meetings": size.meetings_per_year * size.years,
        "petitions": size.petitions_per_year * size.years,
        "bytes": sum(p.stat().st_size for p in out.rglob("*.yaml")),
        "seconds": round(time.perf_counter() - started, 2),
    }


def check_valid(out: Path, lmhtx: list[str]) -> None:
    """`lmhtx --root OUT validate` must exit 0 (warnings are fine); stop loudly otherwise."""
    env = dict(os.environ, LMHTX_NO_CACHE="1")
    done = subprocess.run([*lmhtx, "--root", str(out), "validate"], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        shown = (done.stdout + done.stderr).strip().splitlines()
        raise SystemExit(f"corpus: the generated corpus in {out} does not validate (exit {done.returncode}):\n" + "\n".join(shown[:40]) + (f"\n... ({len(shown) - 40} more lines)" if len(shown) > 40 else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write (created; should be empty)")
    parser.add_argument("--quick", action="store_true", help=f"small corpus: {QUICK.years} years, {QUICK.members:,} members")
    parser.add_argument("--years", type=int, help="plan-years (default 100, 10 with --quick)")
    parser.add_argument("--members", type=int, help="members (default 30,000, 3,000 with --quick)")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--check", metavar="LMHTX", help="validate the result with this lmhtx executable")
    args = parser.parse_args()
    size = QUICK if args.quick else FULL
    if args.years or args.members:
        size = CorpusSize(years=args.years or size.years, members=args.members or size.members)
    if args.out.exists() and any(args.out.iterdir()):
        parser.error(f"{args.out} is not empty")
    written = generate(args.out, size, args.seed)
    print(json.dumps(written, indent=2))
    if args.check:
        check_valid(args.out, [args.check])
        print(f"{args.out}: lmhtx validate exits 0")


if __name__ == "__main__":
    sys.exit(main())
