"""A workflow with an `on_failure` node that receives the error and writes its message to a file."""

import typing

from flytekit import task, workflow
from flytekit.types.error import FlyteError


@task
def risky(x: int, fail: bool) -> int:
    if fail:
        raise ValueError(f"risky failed on {x}")
    return x + 1


@task
def report(x: int, fail: bool, path: str, err: typing.Optional[FlyteError] = None) -> None:
    """The failure node: writes `failed_node_id`, then the error message, to `path`."""
    with open(path, "w") as f:
        if err is None:
            f.write("no error\n")
        else:
            f.write(f"{err.failed_node_id}\n{err.message}")


@workflow(on_failure=report)
def reported(x: int = 1, fail: bool = True, path: str = "") -> int:
    return risky(x=x, fail=fail)
