"""A mixed workflow for e2e/test_replicas.py (several `vane serve --replica` on one PostgreSQL,
one killed, one paused): a flytekit task, an echo node, a sleep gate, another flytekit task.

`counted_step` appends its pid to `<folder>/<execution>-<label>-<attempt>.starts` when its code
begins: a file with two lines is one task attempt started twice."""

import datetime
import os
from pathlib import Path

from flytekit import current_context, sleep, task, workflow
from flytekit.core.task import Echo

relay = Echo(name="remote.replicated.relay", inputs={"x": int})


@task
def counted_step(folder: str, label: str, x: int) -> int:
    """Records this attempt's start; returns x + 1."""
    execution = current_context().execution_id.name
    attempt = os.environ.get("FLYTE_ATTEMPT_NUMBER", "0")
    with open(Path(folder) / f"{execution}-{label}-{attempt}.starts", "a") as log:
        log.write(f"{os.getpid()}\n")
        log.flush()
        os.fsync(log.fileno())
    return x + 1


@workflow
def mixed(folder: str, x: int = 0) -> int:
    first = counted_step(folder=folder, label="a", x=x)
    relayed = relay(x=first)
    pause = sleep(datetime.timedelta(seconds=1))
    last = counted_step(folder=folder, label="b", x=relayed)
    relayed >> pause
    pause >> last
    return last
