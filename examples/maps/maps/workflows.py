"""Map tasks for Vane's array-node tests: partials, tolerated failures, concurrency."""

import functools
import os
import time
import typing

from flytekit import map_task, task, workflow


@task
def scale(x: int, factor: int, offset: int) -> int:
    return x * factor + offset


@task
def shout(word: str, suffix: str) -> str:
    return word.upper() + suffix


@task
def inverse(x: int) -> float:
    if x == 0:
        raise ValueError("cannot invert zero")
    return 1.0 / x


@task
def count_present(values: typing.List[typing.Optional[float]]) -> int:
    return sum(1 for v in values if v is not None)


@task
def slow_index(x: int) -> str:
    """Records when it ran: `<index>:<start>:<end>` (index from the map-task environment)."""
    start = time.time()
    time.sleep(0.4)
    return f"{os.environ.get('FLYTE_K8S_ARRAY_INDEX', '?')}:{start}:{time.time()}"


@workflow
def partials(xs: typing.List[int] = [1, 2, 3], words: typing.List[str] = ["a", "b"]) -> typing.Tuple[
    typing.List[int], typing.List[str]
]:
    """Two partial inputs bound to every item of one map, one bound to another."""
    scaled = map_task(functools.partial(scale, factor=10, offset=1))(x=xs)
    shouted = map_task(functools.partial(shout, suffix="!"))(word=words)
    return scaled, shouted


@workflow
def tolerant(xs: typing.List[int] = [1, 0, 4, 5]) -> typing.Tuple[typing.List[typing.Optional[float]], int]:
    """Up to a quarter of the items may fail; they come back as None."""
    values = map_task(inverse, min_success_ratio=0.75)(x=xs)
    return values, count_present(values=values)


@workflow
def concurrent(xs: typing.List[int] = [0, 1, 2, 3, 4, 5]) -> typing.List[str]:
    """At most two items at a time."""
    return map_task(slow_index, concurrency=2)(x=xs)
