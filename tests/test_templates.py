"""Templates from the data folder cannot run code, nor run away.

`templates/digest.md.j2` in a data folder is rendered unattended by cron, so it is rendered in
Jinja2's sandbox with bounds: it cannot reach Python (`__globals__`, `os`), change data, read
files, or grow text, loops, time or memory without bound. Whatever goes wrong is reported as
`template:line: message` with exit 1, and nothing is written.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO

DIGEST = ("digest", "--month", "2024-05", "--as-of", "20/05/2024")


@pytest.fixture
def office(tmp_path) -> Path:
    root = tmp_path / "office"
    shutil.copytree(REPO / "plans", root / "plans")
    shutil.copytree(REPO / "members", root / "members")
    (root / "templates").mkdir()
    return root


def _template(root: Path, body: str) -> Path:
    path = root / "templates" / "digest.md.j2"
    path.write_text(body, encoding="utf-8")
    return path


# Each tries to reach Python or the system from a template; the sandbox refuses it.
ESCAPES = {
    "cycler-globals-popen": "{{ cycler.__init__.__globals__.os.popen('touch PWNED').read() }}",
    "joiner-globals": "{{ joiner.__init__.__globals__.os.system('touch PWNED') }}",
    "namespace-globals": "{{ namespace.__init__.__globals__.os.system('touch PWNED') }}",
    "subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "string-format-attribute": "{{ '{0.__class__.__init__.__globals__}'.format(t) }}",
    "data-mutation": "{{ d.due.append(1) }}{{ d.clear() }}",
    "self-module": "{{ self._TemplateReference__context.environment.__class__.__init__.__globals__ }}",
    "import-statement": "{% import 'os' as os %}{{ os.system('touch PWNED') }}",
    "include-a-path": "{% include '../../../../etc/passwd' %}",
    "include-absolute": "{% include '/etc/passwd' %}",
}


@pytest.mark.parametrize("kind", list(ESCAPES))
def test_a_data_folders_template_cannot_reach_python(lmhtx, office, english, kind):
    _template(office, "Bản tin\n\n" + ESCAPES[kind] + "\n")
    output = office / "digest.md"
    run = lmhtx(*DIGEST, "--output", str(output), root=office)
    assert run.code == 1, run.err
    assert run.err.startswith("lmhtx: templates/digest.md.j2:") and run.err.count("\n") == 1, run.err
    assert not (office / "PWNED").exists() and not Path("PWNED").exists()
    assert not output.exists()  # nothing written
    assert "root:" not in run.out + run.err  # no file was read


def test_cron_runs_the_template_and_the_code_does_not_run(office, tmp_path):
    _template(office, "Bản tin\n{{ cycler.__init__.__globals__.os.popen('id > " + str(tmp_path / "PWNED") + "').read() }}\n")
    env = {k: v for k, v in os.environ.items() if k not in ("LMHTX_ROOT",)} | {"LMHTX_LANG": "en", "LMHTX_NO_CACHE": "1"}
    run = subprocess.run([sys.executable, "-m", "lmhtx_cli", "--root", str(office), *DIGEST, "--output", str(office / "digest.md")], capture_output=True, text=True, env=env, timeout=60)
    assert run.returncode == 1
    assert run.stderr.startswith("lmhtx: templates/digest.md.j2:2:1: error: the template tried something templates may not do:"), run.stderr
    assert not (tmp_path / "PWNED").exists() and not (office / "digest.md").exists()


# Each would grow text, loops, numbers or time without bound; each is stopped quickly.
RUNAWAY = {
    "gigabytes-of-output": "{% for i in range(100000) %}{% for j in range(100000) %}" + "x" * 100 + "{% endfor %}{% endfor %}",
    "a-billion-empty-steps": "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "string-times-a-billion": "{{ 'x' * 1000000000 }}",
    "list-times-a-billion": "{{ ([1] * 1000000000)|length }}",
    "doubling-in-a-namespace": "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}",
    "doubling-by-recursion": "{% macro d(s, n) %}{% if n %}{{ d(s ~ s, n - 1) }}{% else %}{{ s|length }}{% endif %}{% endmacro %}{{ d('x', 40) }}",
    "center-a-billion": "{{ 'x'|center(1000000000) }}",
    "percent-format-width": "{{ '%0999999999d'|format(1) }}",
    "join-a-huge-list": "{% set s = 'x' * 4000000 %}{{ ([s] * 100000)|join }}",
    "replace-everywhere": "{{ ('x' * 4000000)|replace('', 'yy') }}",
    "lipsum": "{{ lipsum(n=100000000) }}",
    "huge-power": "{{ 7 ** 100000000 }}",
    "str-method-width": "{{ 'x'.ljust(1000000000) }}",
}


# Runs the command as its own child and reports that child's peak memory (a fresh parent, so no
# earlier, bigger child of the test run counts).
MEASURED = "import resource, subprocess, sys; code = subprocess.run(sys.argv[1:]).returncode; sys.stderr.write('PEAK %d\\n' % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(code)"


@pytest.mark.parametrize("kind", list(RUNAWAY))
def test_a_runaway_template_is_stopped_in_bounded_time_and_memory(office, english, kind):
    path = _template(office, "Bản tin\n\n" + RUNAWAY[kind] + "\n")
    env = {k: v for k, v in os.environ.items() if k not in ("LMHTX_ROOT",)} | {"LMHTX_LANG": "en", "LMHTX_NO_CACHE": "1"}
    started = time.monotonic()
    run = subprocess.run([sys.executable, "-c", MEASURED, sys.executable, "-m", "lmhtx_cli", "--root", str(office), *DIGEST, "--output", str(office / "digest.md")], capture_output=True, text=True, env=env, timeout=120)
    elapsed = time.monotonic() - started
    err, peak = run.stderr.rsplit("PEAK ", 1)
    peak_mib = int(peak) / 1024
    assert run.returncode == 1, err
    assert err.startswith("lmhtx: templates/digest.md.j2:") and err.endswith("[template]\n"), err
    assert elapsed < 25 and peak_mib < 700, (elapsed, peak_mib)
    assert not (office / "digest.md").exists()
    assert path.exists()


# A template's own mistakes: named as template:line, exit 1.
MISTAKES = [
    ("# Bản tin\n\n{% for x in %}\n", 3, "template error: Expected an expression"),
    ("# Bản tin\n{% if d.due %}\n", 2, "template error: Unexpected end of template"),
    ("# Bản tin\n\n\n{{ d.no_such_key }}\n", 4, "template uses an unknown value"),
    ("# Bản tin\n{{ 1 / 0 }}\n", 2, "template error: ZeroDivisionError"),
    ("# Bản tin\n{{ d.due|first|int('x', 'y', 'z') }}\n", 2, "template error"),
    ("# Bản tin\n{% extends 'no-such.j2' %}\n", 2, "no template no-such.j2: a template includes only templates beside it"),
]


@pytest.mark.parametrize("body, line, message", MISTAKES, ids=["syntax", "unclosed-block", "unknown-value", "division-by-zero", "bad-filter-call", "missing-parent"])
def test_a_templates_mistake_is_named_at_its_line(lmhtx, office, english, body, line, message):
    _template(office, body)
    run = lmhtx(*DIGEST, root=office)
    assert run.code == 1 and run.out == ""
    first = run.err.splitlines()[0]
    assert first.startswith(f"lmhtx: templates/digest.md.j2:{line}:1: error: {message}"), first


def test_the_same_bounds_hold_for_template_given_on_the_command_line(lmhtx, office, tmp_path, english):
    own = tmp_path / "own.md.j2"
    own.write_text("ok\n{{ cycler.__init__.__globals__ }}\n", encoding="utf-8")
    run = lmhtx("report", "month", "5", "--year", "2024", "-f", "md", "--template", str(own), root=office)
    assert run.code == 1 and run.err.startswith(f"lmhtx: {own}:2:1: error: the template tried something templates may not do")


def test_a_missing_template_file_is_a_clear_error(lmhtx, office, tmp_path, english):
    for missing in (tmp_path / "nope.md.j2", tmp_path / "no-folder" / "x.j2", tmp_path):
        run = lmhtx("report", "month", "5", "--year", "2024", "-f", "md", "--template", str(missing), root=office)
        assert run.code == 2 and run.err == f"lmhtx: error: no template file {missing}\n", run.err
        run = lmhtx(*DIGEST, "--template", str(missing), "--output", str(office / "d.md"), root=office)
        assert run.code == 2 and "no template file" in run.err and not (office / "d.md").exists()


def test_a_good_template_still_renders_and_the_defaults_are_untouched(lmhtx, office):
    _template(office, "# {{ t.digest_title }} — {{ d.period }}\n{% for i in range(3) %}{{ i }}{% endfor %} {{ 'ab' * 3 }} {{ d.due|length }}\n")
    run = lmhtx(*DIGEST, root=office)
    assert run.code == 0 and run.out.endswith("012 ababab 7\n"), run.out
    shutil.rmtree(office / "templates")
    assert lmhtx(*DIGEST, root=office).out.startswith("# TIN TỔNG HỢP")
