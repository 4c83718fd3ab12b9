"""Dynamic workflows: nested dynamics that call subworkflows, conditionals, launch plans and
other dynamics, and a wide fan-out."""

from typing import List

from flytekit import conditional, dynamic, workflow

from nested.plans import triple
from nested.tasks import add, is_even, square, square_plus_one, total


@dynamic
def inner(n: int) -> int:
    """sum(i*i + 1 for i in range(n)), each term through the square_plus_one subworkflow."""
    terms = [square_plus_one(x=i) for i in range(n)]
    return total(values=terms)


@dynamic
def parity(x: int) -> int:
    """A conditional inside a dynamic: x*x for even x, triple(x) (a launch plan) for odd x."""
    if x % 2 == 0:
        return square(x=x)
    return triple(x=x)


@workflow
def pick(x: int) -> int:
    """A subworkflow with a conditional: x*x for even x, x + 100 for odd x."""
    even = is_even(x=x)
    return (
        conditional("even_or_odd")
        .if_(even.is_true())
        .then(square(x=x))
        .else_()
        .then(add(a=x, b=100))
    )


@dynamic
def outer(n: int) -> int:
    """For i in 1..n: inner(i) (a nested dynamic) + parity(i) (a dynamic) + pick(i) (a
    subworkflow with a conditional); summed."""
    parts = []
    for i in range(1, n + 1):
        parts.append(add(a=inner(n=i), b=parity(x=i)))
        parts.append(pick(x=i))
    return total(values=parts)


@dynamic
def fan_out(n: int) -> List[int]:
    """n square tasks side by side."""
    return [square(x=i) for i in range(n)]


@workflow
def dynamic_workflow(n: int = 3) -> int:
    """outer(n) + 1."""
    return add(a=outer(n=n), b=1)


@workflow
def wide(n: int = 20) -> List[int]:
    return fan_out(n=n)
