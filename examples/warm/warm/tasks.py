"""Tasks for the warm-start end-to-end tests (e2e/test_warm.py) and benchmarks."""

import os
import time
import typing
from datetime import timedelta

from flytekit import task, workflow

# Module-level state a task mutates: every attempt runs in a fresh process, so each one sees it
# as the module defines it, warm start or cold.
CALLS: typing.List[int] = []


@task
def count_calls(x: int) -> int:
    """Appends to CALLS and returns how many entries it has."""
    CALLS.append(x)
    return len(CALLS)


@workflow
def isolation(x: int = 0) -> typing.List[int]:
    a = count_calls(x=x)
    b = count_calls(x=a)
    c = count_calls(x=b)
    return [a, b, c]


@task
def nap(seconds: float, marker: str) -> str:
    """Appends `start <pid>` to `marker`, sleeps, appends `end <pid>`."""
    print(f"napping for {seconds} s in pid {os.getpid()}", flush=True)
    with open(marker, "a") as file:
        file.write(f"start {os.getpid()}\n")
    time.sleep(seconds)
    with open(marker, "a") as file:
        file.write(f"end {os.getpid()}\n")
    return "rested"


@workflow
def napping(seconds: float = 5.0, marker: str = "/dev/null") -> str:
    return nap(seconds=seconds, marker=marker)


@task(timeout=timedelta(seconds=2))
def overrun(seconds: float, marker: str) -> str:
    return nap.task_function(seconds=seconds, marker=marker)


@workflow
def timing_out(seconds: float = 60.0, marker: str = "/dev/null") -> str:
    # A first task, so that the one that times out starts from a warm server (its two seconds
    # count from when it is queued, and starting a server takes about that long).
    first = count_calls(x=0)
    late = overrun(seconds=seconds, marker=marker)
    first >> late
    return late
