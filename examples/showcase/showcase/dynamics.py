"""Dynamic tasks: one builds a graph of tasks and subworkflow calls, another nests a dynamic."""

import typing

from flytekit import dynamic, workflow

from showcase.basics import add, square, stats
from showcase.subworkflows import square_then_add


@dynamic
def square_all(values: typing.List[int]) -> typing.List[int]:
    """Fans out one `square_then_add` subworkflow per value."""
    return [square_then_add(x=v, y=1) for v in values]


@dynamic
def sum_of_squares(n: int) -> int:
    """Calls another dynamic task, then a plain task on its result."""
    squares = square_all(values=list(range(n)))
    return stats(values=squares).total


@dynamic
def count_down(n: int) -> int:
    """Recursion through dynamic tasks: n + (n-1) + ... + 0."""
    if n <= 0:
        return square(x=0)
    return add(a=n, b=count_down(n=n - 1))


@workflow
def dynamic_wf(n: int = 4) -> typing.Tuple[int, int]:
    return sum_of_squares(n=n), count_down(n=3)


if __name__ == "__main__":
    print(square_all(values=[1, 2, 3]), dynamic_wf())
