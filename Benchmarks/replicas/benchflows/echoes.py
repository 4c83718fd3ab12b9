"""Echo-only workflows for Benchmarks/replicas/run.py: Flyte's echo task type copies inputs to
outputs without a process, so what is measured is the engine and its store."""

from flytekit import workflow
from flytekit.core.task import Echo

step = Echo(name="benchflows.echoes.step", inputs={"x": int})


@workflow
def chain3(x: int = 0) -> int:
    """Three echo nodes in a chain: one small execution."""
    return step(x=step(x=step(x=x)))


@workflow
def fanout(x: int = 0):
    """500 echo nodes side by side: one wide execution."""
    for _ in range(500):
        step(x=x)
