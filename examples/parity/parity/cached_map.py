"""Map item caching: items of a cacheable task are looked up one by one, so a second run
computes only the items it has not seen."""

import functools
import os
import typing

from flytekit import map_task, task, workflow


@task(cache=True, cache_version="1")
def counted_square(x: int, marker: str) -> int:
    """Leaves a file per computation in the directory `marker`."""
    if marker:
        os.makedirs(marker, exist_ok=True)
        with open(os.path.join(marker, f"computed-{x}-{os.getpid()}"), "w"):
            pass
    return x * x


@workflow
def cached_squares(xs: typing.List[int] = [1, 2], marker: str = "") -> typing.List[int]:
    return map_task(functools.partial(counted_square, marker=marker))(x=xs)
