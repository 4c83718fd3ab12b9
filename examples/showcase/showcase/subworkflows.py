"""Inline subworkflows: a workflow called from other workflows (and from dynamic tasks)."""

import typing

from flytekit import workflow

from showcase.basics import add, double, square


@workflow
def square_then_add(x: int, y: int = 0) -> int:
    return add(a=square(x=x), b=y)


@workflow
def twice_sub(x: int) -> typing.Tuple[int, int]:
    """Returns two outputs so parents bind to named subworkflow outputs."""
    return double(x=x), square_then_add(x=x, y=x)


@workflow
def parent(x: int = 3) -> int:
    """Subworkflow of a subworkflow, then a task on both outputs."""
    a, b = twice_sub(x=x)
    return add(a=a, b=b)


if __name__ == "__main__":
    print(square_then_add(x=2), twice_sub(x=2), parent())
