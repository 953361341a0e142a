"""The site in a real browser: Chromium (Debian's package) opens its pages from disk, headless.

Skipped where `chromium` is not on PATH. Screenshots at a phone's and a desktop's width are kept
under pytest's temporary folder (the path is printed; `pytest -s` shows it). The browser runs
for all the checks are started together, so that the module takes the time of about one."""

from __future__ import annotations

import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
SIZES = {"phone": (390, 844), "desktop": (1280, 900)}
SHOTS = [(page, size) for page in ("index.html", "unit-quy.html") for size in SIZES]
DOMS = ["members.html"]  # the screenshots check the console of the other pages
BROKEN = "<!DOCTYPE html><html><body><script>noSuchFunction()</script></body></html>"


def _chromium(profile: Path, *args: str) -> subprocess.CompletedProcess:
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=180)


def _screenshot(page: Path, shot: Path, size: tuple[int, int], profile: Path) -> subprocess.CompletedProcess:
    return _chromium(profile, f"--screenshot={shot}", f"--window-size={size[0]},{size[1]}", "--hide-scrollbars", page.as_uri())


def _console_errors(stderr: str) -> list[str]:
    """What a page wrote to the console, and script errors (Chromium logs them as CONSOLE lines)."""
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


def _ink(png: Path) -> int:
    """How many pixels are not (almost) white."""
    from PIL import Image

    with Image.open(png) as image:
        return sum(count for value, count in enumerate(image.convert("L").histogram()) if value < 240)


@pytest.fixture(scope="module")
def browser(built_site, tmp_path_factory) -> dict:
    """Every browser run of the module, started at once: screenshots, DOM dumps, a broken page."""
    artefacts = tmp_path_factory.mktemp("screenshots")
    work = tmp_path_factory.mktemp("chromium")
    broken = work / "broken.html"
    broken.write_text(BROKEN, encoding="utf-8")
    jobs = {("shot", page, size): (_screenshot, built_site / page, artefacts / f"{Path(page).stem}-{size}.png", SIZES[size]) for page, size in SHOTS}
    jobs[("broken",)] = (_screenshot, broken, work / "broken.png", SIZES["phone"])
    with ThreadPoolExecutor(max_workers=len(jobs) + len(DOMS)) as pool:
        futures = {key: pool.submit(run, page, shot, size, work / f"profile-{i}") for i, (key, (run, page, shot, size)) in enumerate(jobs.items())}
        futures |= {("dom", page): pool.submit(_chromium, work / f"profile-dom-{i}", "--dump-dom", (built_site / page).as_uri()) for i, page in enumerate(DOMS)}
        results = {key: future.result() for key, future in futures.items()}
    print(f"\nscreenshots of the site: {artefacts}")
    return {"results": results, "artefacts": artefacts, "broken_shot": work / "broken.png"}


@pytest.mark.parametrize("page", DOMS)
def test_pages_load_whole_without_console_errors(browser, page):
    run = browser["results"][("dom", page)]
    assert run.returncode == 0, run.stderr[-2000:]
    assert "</main>" in run.stdout and "Tiến độ chương trình công tác 2024" in run.stdout
    assert _console_errors(run.stderr) == []


@pytest.mark.parametrize("page, size", SHOTS)
def test_screenshots_at_phone_and_desktop_widths(browser, page, size):
    pytest.importorskip("PIL")
    from PIL import Image

    run = browser["results"][("shot", page, size)]
    shot = browser["artefacts"] / f"{Path(page).stem}-{size}.png"
    assert run.returncode == 0, run.stderr[-2000:]
    assert _console_errors(run.stderr) == []
    with Image.open(shot) as image:
        assert image.size == SIZES[size]
    width, height = SIZES[size]
    assert _ink(shot) > width * height // 50  # text, tables and bars, not a blank page
    print(shot)


def test_the_checks_would_see_a_script_error_and_a_blank_page(browser):
    pytest.importorskip("PIL")
    run = browser["results"][("broken",)]
    assert any("noSuchFunction" in line for line in _console_errors(run.stderr))
    assert _ink(browser["broken_shot"]) < 390 * 844 // 50
