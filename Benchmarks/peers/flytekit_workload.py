"""flytekit chain / fan-out of no-op tasks, sized by PEER_SHAPE and PEER_N at import."""

import os
from typing import List

from flytekit import task, workflow

SHAPE = os.environ.get("PEER_SHAPE", "chain")
N = int(os.environ.get("PEER_N", "10"))


@task
def noop(x: int) -> int:
    return x


@task
def reduce_all(xs: List[int]) -> int:
    return len(xs)


@workflow
def chain(x: int) -> int:
    for _ in range(N):
        x = noop(x=x)
    return x


@workflow
def fanout(x: int) -> int:
    return reduce_all(xs=[noop(x=x) for _ in range(N)])


workload = chain if SHAPE == "chain" else fanout
