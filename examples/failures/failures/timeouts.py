"""A task that runs past its timeout on every attempt: retried once, then the node fails."""

from datetime import timedelta

from flytekit import task, workflow

from failures.tools import count, pause


@task(timeout=timedelta(seconds=2), retries=1)
def sleepy(seconds: float, counter: str) -> int:
    count(counter, "sleepy")
    pause(seconds)
    return 1


@workflow
def too_slow(seconds: float = 60.0, counter: str = "") -> int:
    return sleepy(seconds=seconds, counter=counter)
