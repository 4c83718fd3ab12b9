"""Six flytekit tasks in a chain, for measuring the engine's overhead on real task processes."""

import time

from flytekit import task, workflow


@task
def step(x: int, pause: float) -> int:
    """Sleeps `pause` seconds (the task's own work) and returns x + 1."""
    time.sleep(pause)
    return x + 1


@workflow
def six(x: int = 0, pause: float = 0.5) -> int:
    s1 = step(x=x, pause=pause)
    s2 = step(x=s1, pause=pause)
    s3 = step(x=s2, pause=pause)
    s4 = step(x=s3, pause=pause)
    s5 = step(x=s4, pause=pause)
    return step(x=s5, pause=pause)
