"""A task that runs past its timeout on every attempt (retried once, then the node fails), and
one without a timeout, for the engine's default deadlines."""

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


@task(retries=1)
def dawdle(seconds: float, counter: str) -> int:
    """No timeout of its own: only the engine's default deadlines stop it."""
    count(counter, "dawdle")
    pause(seconds)
    return 1


@workflow
def unbounded(seconds: float = 60.0, counter: str = "") -> int:
    return dawdle(seconds=seconds, counter=counter)
