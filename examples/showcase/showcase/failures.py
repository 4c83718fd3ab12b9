"""Failure handling: an `on_failure` node and the FAIL_AFTER_EXECUTABLE_NODES_COMPLETE policy."""

import typing

from flytekit import WorkflowFailurePolicy, task, workflow
from flytekit.types.error import FlyteError


@task
def maybe_fail(x: int, fail: bool) -> int:
    if fail:
        raise ValueError(f"asked to fail on {x}")
    return x + 1


@task
def slow_sibling(x: int) -> int:
    return x * 10


@task
def clean_up(x: int, fail: bool, err: typing.Optional[FlyteError] = None) -> None:
    """The failure node: gets the workflow's inputs and the error of the failed node."""
    print(f"cleaning up after x={x} fail={fail}: {err.message if err else 'no error'}")


@workflow(
    on_failure=clean_up,
    failure_policy=WorkflowFailurePolicy.FAIL_AFTER_EXECUTABLE_NODES_COMPLETE,
)
def guarded(x: int = 1, fail: bool = False) -> typing.Tuple[int, int]:
    """Pass `fail=True` to fail one node; its sibling still runs, then `clean_up` runs."""
    return maybe_fail(x=x, fail=fail), slow_sibling(x=x)


if __name__ == "__main__":
    print(guarded())
