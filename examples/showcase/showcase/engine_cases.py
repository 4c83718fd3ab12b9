"""Workflows for the engine's end-to-end tests (e2e/): retries, failures, a chain that records
when each task runs (for crash-and-resume tests and overhead measurements), a task that leaves
a corrupt outputs.pb and a task whose process is killed by a signal."""

import os
import signal
import time
import typing

from flytekit import ContainerTask, WorkflowFailurePolicy, kwtypes, task, workflow
from flytekit.exceptions.user import FlyteRecoverableException


@task(retries=2)
def recover_on_retry(x: int) -> int:
    """Raises a recoverable error on attempt 0; attempt 1 succeeds."""
    if os.environ.get("FLYTE_ATTEMPT_NUMBER", "0") == "0":
        raise FlyteRecoverableException(f"attempt 0 of recover_on_retry({x}) fails on purpose")
    return x * 10


@task
def fail_hard(x: int) -> int:
    """A plain exception (a non-recoverable user error) for every x but -1."""
    if x != -1:
        raise ValueError(f"fail_hard refuses x={x}")
    return x


@task
def plus_one(x: int) -> int:
    return x + 1


@workflow
def retried(x: int = 4) -> int:
    return plus_one(x=recover_on_retry(x=x))


@workflow
def fails(x: int = 3) -> int:
    return fail_hard(x=plus_one(x=x))


@task
def step(log_dir: str, name: str, x: int, pause: float) -> int:
    """Appends `start <name> <pid> <time>` and `end <name> <pid> <time>` lines to
    `<log_dir>/steps.log` around a sleep of `pause` seconds, and returns x + 1."""
    path = os.path.join(log_dir, "steps.log")
    with open(path, "a") as log:
        log.write(f"start {name} {os.getpid()} {time.time():.6f}\n")
    time.sleep(pause)
    with open(path, "a") as log:
        log.write(f"end {name} {os.getpid()} {time.time():.6f}\n")
    return x + 1


@workflow
def recorded_chain(log_dir: str, x: int = 0, pause: float = 0.5) -> int:
    """Six `step` tasks in a chain; returns x + 6."""
    s1 = step(log_dir=log_dir, name="s1", x=x, pause=pause)
    s2 = step(log_dir=log_dir, name="s2", x=s1, pause=pause)
    s3 = step(log_dir=log_dir, name="s3", x=s2, pause=pause)
    s4 = step(log_dir=log_dir, name="s4", x=s3, pause=pause)
    s5 = step(log_dir=log_dir, name="s5", x=s4, pause=pause)
    return step(log_dir=log_dir, name="s6", x=s5, pause=pause)


# A raw container task that writes bytes which are not a LiteralMap into its outputs.pb (the
# output prefix may be given as a file:// URI; the shell strips the scheme).
corrupt_outputs = ContainerTask(
    name="showcase.engine_cases.corrupt_outputs",
    image="python:3.11",
    inputs=kwtypes(x=int),
    outputs=kwtypes(y=int),
    command=[
        "sh",
        "-c",
        "out='{{.outputPrefix}}'; out=${out#file://}; mkdir -p \"$out\" && "
        "printf 'this is not a protobuf' > \"$out/outputs.pb\"",
    ],
)


@task
def kill_self(x: int) -> int:
    """The task's own process dies by SIGKILL (as when the OOM killer strikes)."""
    os.kill(os.getpid(), signal.SIGKILL)
    return x


@workflow(failure_policy=WorkflowFailurePolicy.FAIL_AFTER_EXECUTABLE_NODES_COMPLETE)
def corrupt_wf(x: int = 1) -> typing.Tuple[int, int]:
    """`plus_one` succeeds beside a task whose outputs.pb is garbage."""
    return plus_one(x=x), corrupt_outputs(x=x)


@workflow(failure_policy=WorkflowFailurePolicy.FAIL_AFTER_EXECUTABLE_NODES_COMPLETE)
def killed_wf(x: int = 1) -> typing.Tuple[int, int]:
    """`plus_one` succeeds beside a task whose process kills itself."""
    return plus_one(x=x), kill_self(x=x)
