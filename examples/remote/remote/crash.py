"""A chain of tasks the test holds at will, for e2e/test_serve_crash.py (`kill -9` of `vane serve`
in the middle of executions).

Each `held_step` appends a line to `<folder>/<label>.starts` when its user code begins, then
waits until the file `<folder>/<label>.open` exists (the test creates it), then appends a line
to `<folder>/<label>.ends`. The `.starts` file counts how many times the step's code ran, across
attempts and server restarts."""

import os
import time
from pathlib import Path

from flytekit import task, workflow

# A step never waits longer than this for its gate: a test that forgot to open one fails the
# task instead of leaving a process behind.
GATE_TIMEOUT_SECONDS = 120.0


def _record(path: Path, line: str) -> None:
    with open(path, "a") as log:
        log.write(line + "\n")
        log.flush()
        os.fsync(log.fileno())


@task
def held_step(folder: str, label: str, x: int) -> int:
    """Records its start, waits for `<folder>/<label>.open`, records its end; returns x + 1."""
    base = Path(folder)
    _record(base / f"{label}.starts", f"{os.getpid()} {time.time():.6f}")
    gate = base / f"{label}.open"
    deadline = time.monotonic() + GATE_TIMEOUT_SECONDS
    while not gate.exists():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{gate} was not created within {GATE_TIMEOUT_SECONDS:.0f} s")
        time.sleep(0.05)
    _record(base / f"{label}.ends", f"{os.getpid()} {time.time():.6f}")
    return x + 1


@workflow
def held_chain(folder: str, x: int = 0) -> int:
    """Three held steps in a chain (`a`, `b`, `c`, nodes n0, n1, n2); returns x + 3."""
    a = held_step(folder=folder, label="a", x=x)
    b = held_step(folder=folder, label="b", x=a)
    return held_step(folder=folder, label="c", x=b)
