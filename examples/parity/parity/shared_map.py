"""One task mapped in two workflows: `pyflyte package` writes the map task's spec twice
(byte-identical files), and both workflows must still compile and run."""

import typing

from flytekit import map_task, task, workflow


@task
def square(x: int) -> int:
    return x * x


@task
def total(values: typing.List[int]) -> int:
    return sum(values)


@workflow
def squares(xs: typing.List[int] = [1, 2, 3]) -> typing.List[int]:
    return map_task(square)(x=xs)


@workflow
def sum_of_squares(xs: typing.List[int] = [1, 2, 3]) -> int:
    return total(values=map_task(square)(x=xs))
