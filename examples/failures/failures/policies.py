"""The two failure policies: a task that fails at once next to a slow sibling that runs on
only when the workflow is `FAIL_AFTER_EXECUTABLE_NODES_COMPLETE`."""

from flytekit import WorkflowFailurePolicy, task, workflow

from failures.tools import count, pause


@task
def boom(x: int, counter: str) -> int:
    count(counter, "boom")
    if x >= 0:
        raise ValueError(f"boom on {x}")
    return x


@task
def slow(x: int, seconds: float, counter: str) -> int:
    count(counter, "slow-start")
    pause(seconds)
    count(counter, "slow-end")
    return x * 10


@task
def after(a: int, b: int) -> int:
    return a + b


@workflow
def fail_fast(x: int = 1, seconds: float = 3.0, counter: str = "") -> int:
    """FAIL_IMMEDIATELY (the default): `slow` is aborted when `boom` fails."""
    a = boom(x=x, counter=counter)
    b = slow(x=x, seconds=seconds, counter=counter)
    return after(a=a, b=b)


@workflow(failure_policy=WorkflowFailurePolicy.FAIL_AFTER_EXECUTABLE_NODES_COMPLETE)
def fail_late(x: int = 1, seconds: float = 3.0, counter: str = "") -> int:
    """`slow` runs to the end after `boom` failed; `after` never starts."""
    a = boom(x=x, counter=counter)
    b = slow(x=x, seconds=seconds, counter=counter)
    return after(a=a, b=b)
