"""Cached tasks. Each real run appends a line to the file named by `log` (an input the cache
ignores), so a test can count how often a task actually ran."""

import os
import time

from flytekit import task, workflow


def _note(log: str, text: str) -> None:
    with open(log, "a") as handle:
        handle.write(text + "\n")


@task(cache=True, cache_version="1", cache_ignore_input_vars=("log",))
def logged_square(x: int, log: str) -> int:
    _note(log, f"square {x}")
    return x * x


@task
def describe(square: int, label: str) -> str:
    return f"{label}={square}"


@workflow
def cached(x: int, log: str, label: str = "sq") -> str:
    """A cached square (keyed by `x` only), then an uncached task."""
    return describe(square=logged_square(x=x, log=log), label=label)


@task(cache=True, cache_version="1", cache_serialize=True, cache_ignore_input_vars=("log", "gate"))
def slow_cube(x: int, log: str, gate: str) -> int:
    """Notes that it runs, then (with a `gate` path) waits until that file exists, so a test
    decides when the computation ends instead of guessing how long it must last."""
    _note(log, f"cube {x}")
    deadline = time.monotonic() + 300
    while gate and not os.path.exists(gate) and time.monotonic() < deadline:
        time.sleep(0.05)
    return x * x * x


@workflow
def serialized(x: int, log: str, gate: str = "") -> int:
    """A cached task that only one execution at a time may compute for a given `x`."""
    return slow_cube(x=x, log=log, gate=gate)
