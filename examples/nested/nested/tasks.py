"""Small tasks and workflows the dynamics and launch plans put together."""

from typing import List

from flytekit import task, workflow


@task
def square(x: int) -> int:
    return x * x


@task
def add(a: int, b: int) -> int:
    return a + b


@task
def is_even(x: int) -> bool:
    return x % 2 == 0


@task
def total(values: List[int]) -> int:
    return sum(values)


@task
def scale(x: int, factor: int) -> int:
    return x * factor


@task
def check_limit(x: int, limit: int) -> int:
    if x > limit:
        raise ValueError(f"x={x} is over the limit {limit}")
    return x


@workflow
def square_plus_one(x: int) -> int:
    """A subworkflow: x*x + 1."""
    return add(a=square(x=x), b=1)


@workflow
def scaled(x: int, factor: int) -> int:
    return scale(x=x, factor=factor)


@workflow
def limited(x: int, limit: int) -> int:
    return check_limit(x=x, limit=limit)
