"""Cached tasks. Each real run appends a line to the file named by `log` (an input the cache
ignores), so a test can count how often a task actually ran."""

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


@task(cache=True, cache_version="1", cache_serialize=True, cache_ignore_input_vars=("log", "pause"))
def slow_cube(x: int, log: str, pause: float) -> int:
    _note(log, f"cube {x}")
    time.sleep(pause)
    return x * x * x


@workflow
def serialized(x: int, log: str, pause: float = 4.0) -> int:
    """A slow cached task that only one execution at a time may compute for a given `x`."""
    return slow_cube(x=x, log=log, pause=pause)
