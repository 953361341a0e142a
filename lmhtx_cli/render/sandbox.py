"""Jinja2's sandbox, bounded: a template from a data folder runs under cron with nobody watching,
so besides what the sandbox refuses (attributes such as `__globals__`, changing data), what it
may compute is bounded too: no text or list longer than the output limit (by `*`, `+`, `**`, a
call, a namespace), at most a million steps of `range`, a deadline in seconds, and on systems
that allow it a cap on memory while it renders. Each bound stops the template with an error."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator

from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError, safe_range
from jinja2.utils import Namespace

from lmhtx_cli.i18n import _

MAX_OUTPUT_CHARS = 5_000_000
MAX_RANGE_STEPS = 1_000_000
DEADLINE_SECONDS = 20.0
MEMORY_HEADROOM = 512 * 1024 * 1024


def _too_big(value: object) -> bool:
    return isinstance(value, (str, bytes, list, tuple, dict)) and len(value) > MAX_OUTPUT_CHARS


class _Budget:
    def __init__(self) -> None:
        self.steps = 0
        self.deadline = time.monotonic() + DEADLINE_SECONDS

    def spend(self, steps: int) -> None:
        self.steps += steps
        if self.steps > MAX_RANGE_STEPS:
            raise SecurityError(_("the template loops more than {steps:,} times").format(steps=MAX_RANGE_STEPS))
        self.check_time()

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise SecurityError(_("the template runs longer than {seconds:.0f} s").format(seconds=DEADLINE_SECONDS))


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox with sizes, loop steps and time bounded."""

    intercepted_binops = frozenset(["*", "**", "+", "%"])

    def __init__(self, **options) -> None:
        super().__init__(**options)
        self.budget = _Budget()
        budget = self.budget

        def bounded_range(*args: int) -> range:
            steps = safe_range(*args)
            budget.spend(len(steps))
            return steps

        class BoundedNamespace(Namespace):
            def __setitem__(self, name: str, value: object) -> None:
                if _too_big(value):
                    raise SecurityError(_("the template builds a text longer than its output may be"))
                budget.check_time()
                super().__setitem__(name, value)

        self.globals["range"] = bounded_range
        self.globals["namespace"] = BoundedNamespace
        self.globals.pop("lipsum", None)
        self.filters = {name: _bounded_filter(name, function, budget) for name, function in self.filters.items()}

    def call_binop(self, context, operator: str, left, right):
        self.budget.check_time()
        if operator == "**" and isinstance(right, (int, float)) and abs(right) > 1000:
            raise SecurityError(_("the template raises a number to a power above 1000"))
        if operator == "*":
            for sequence, times in ((left, right), (right, left)):
                if isinstance(sequence, (str, list, tuple)) and isinstance(times, int) and len(sequence) * times > MAX_OUTPUT_CHARS:
                    raise SecurityError(_("the template repeats a text or list beyond its output limit"))
        if operator == "+" and isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)) and len(left) + len(right) > MAX_OUTPUT_CHARS:
            raise SecurityError(_("the template joins texts beyond its output limit"))
        if operator == "%" and isinstance(left, str) and _wide_format(left, right):
            raise SecurityError(_("the template formats a value wider than its output limit"))
        result = super().call_binop(context, operator, left, right)
        if _too_big(result):
            raise SecurityError(_("the template builds a text longer than its output may be"))
        return result

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (Jinja's own signature)
        __self.budget.check_time()
        owner = getattr(__obj, "__self__", None)
        _check_arguments(args, kwargs, isinstance(owner, str) and getattr(__obj, "__name__", "") in _SIZED)
        if isinstance(owner, str) and getattr(__obj, "__name__", "") == "join" and args:
            _check_join(args[0], owner)
        if isinstance(owner, str) and getattr(__obj, "__name__", "") in ("format", "format_map") and _wide_format(owner, ()):
            raise SecurityError(_("the template formats a value wider than its output limit"))
        result = super().call(__context, __obj, *args, **kwargs)
        if _too_big(result):
            raise SecurityError(_("the template builds a text longer than its output may be"))
        return result


# Filters and text methods whose number arguments are sizes of what they build.
_SIZED = frozenset(["center", "indent", "wordwrap", "truncate", "batch", "slice", "ljust", "rjust", "zfill", "expandtabs"])


def _check_arguments(args: tuple, kwargs: dict, sized: bool = False) -> None:
    if any(_too_big(a) for a in args) or any(_too_big(v) for v in kwargs.values()):
        raise SecurityError(_("the template passes a text longer than its output may be"))
    if sized and any(isinstance(a, int) and not isinstance(a, bool) and a > MAX_OUTPUT_CHARS for a in (*args, *kwargs.values())):
        raise SecurityError(_("the template asks for a size beyond its output limit"))


def _check_join(items: object, separator: str = "") -> None:
    if isinstance(items, (list, tuple)) and sum(len(i) if isinstance(i, str) else 20 for i in items) + len(separator) * len(items) > MAX_OUTPUT_CHARS:
        raise SecurityError(_("the template joins texts beyond its output limit"))


def _bounded_filter(name: str, function, budget: _Budget):
    """A filter whose arguments, and for join, replace and format the size of the result, are
    checked before it runs."""
    import functools

    @functools.wraps(function)
    def bounded(*args, **kwargs):
        budget.check_time()
        values = [a for a in args if not _is_context(a)]
        _check_arguments(tuple(values), kwargs, name in _SIZED)
        if name == "join" and values:
            _check_join(list(values[0]) if isinstance(values[0], (list, tuple)) else values[0], str(values[1]) if len(values) > 1 else str(kwargs.get("d", "")))
        if name == "replace" and len(values) >= 3 and isinstance(values[0], str):
            text, old, new = str(values[0]), str(values[1]), str(values[2])
            count = len(text) + 1 if old == "" else text.count(old)
            if len(text) + count * len(new) > MAX_OUTPUT_CHARS:
                raise SecurityError(_("the template replaces beyond its output limit"))
        if name == "format" and values and isinstance(values[0], str) and _wide_format(values[0], tuple(values[1:])):
            raise SecurityError(_("the template formats a value wider than its output limit"))
        result = function(*args, **kwargs)
        if _too_big(result):
            raise SecurityError(_("the template builds a text longer than its output may be"))
        return result

    return bounded


def _is_context(value: object) -> bool:
    from jinja2.nodes import EvalContext
    from jinja2.runtime import Context

    return isinstance(value, (Context, EvalContext)) or type(value).__name__ == "Environment" or isinstance(value, ImmutableSandboxedEnvironment)


def _wide_format(template: str, values: object) -> bool:
    """A %-format or {}-format whose width or precision alone would exceed the output limit."""
    import re

    widths = [int(n) for n in re.findall(r"%[-+ #0]*(\d+)", template)] + [int(n) for n in re.findall(r"%[-+ #0]*(?:\d+|\*)?\.(\d+)", template)]
    widths += [int(n) for n in re.findall(r"\{[^{}]*:[^{}]*?(\d+)[^{}]*\}", template)]
    starred = [v for v in (values if isinstance(values, tuple) else (values,)) if isinstance(v, int)] if "*" in template else []
    return any(w > MAX_OUTPUT_CHARS for w in widths + starred)


@contextlib.contextmanager
def bounded_rendering(budget: _Budget) -> Iterator[None]:
    """While a template renders: the deadline by the clock (where signals allow), and memory
    capped a little above what the process uses (where the system allows)."""
    budget.deadline = time.monotonic() + DEADLINE_SECONDS
    budget.steps = 0  # each rendering has the whole budget, also when the environment is reused
    with _alarm(), _memory_cap():
        yield


@contextlib.contextmanager
def _alarm() -> Iterator[None]:
    import signal
    import threading

    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise SecurityError(_("the template runs longer than {seconds:.0f} s").format(seconds=DEADLINE_SECONDS))

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, DEADLINE_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def _memory_cap() -> Iterator[None]:
    from lmhtx_cli.store.limits import address_space_in_use

    try:
        import resource

        used = address_space_in_use()
        if used is None:
            raise OSError("unknown")
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = used + MEMORY_HEADROOM
        if soft != resource.RLIM_INFINITY and soft <= cap or hard != resource.RLIM_INFINITY and hard < cap:
            raise OSError("already capped")
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ImportError, OSError, ValueError, AttributeError):
        yield
        return
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
