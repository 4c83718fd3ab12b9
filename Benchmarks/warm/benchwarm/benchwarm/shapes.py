"""No-op flytekit tasks in a 20-task chain and a 50-task fan-out, for the warm-start benchmark.

Each task appends `<its working directory> <time>` to `log` as its first line of user code, so
the benchmark can measure launch → user code from the `launch` marker the local process plugin
writes in that directory just before it spawns (cold) or forks (warm) the attempt.
"""

import os
import time

from flytekit import task, workflow


@task
def noop(x: int, log: str) -> int:
    with open(log, "a") as file:
        file.write(f"{os.getcwd()} {time.time():.6f}\n")
    return x + 1


@workflow
def chain20(log: str) -> int:
    x = noop(x=0, log=log)
    for _ in range(19):
        x = noop(x=x, log=log)
    return x


@workflow
def fanout50(log: str):
    for index in range(50):
        noop(x=index, log=log)
