"""Map tasks (array nodes): plain, with bound inputs via functools.partial, partial success."""

import functools
import typing

from flytekit import map_task, task, workflow


@task
def power(x: int, exponent: int) -> int:
    return x**exponent


@task
def fragile_inverse(x: int) -> float:
    """Fails for zero; used with `min_success_ratio` so some failures are tolerated."""
    if x == 0:
        raise ValueError("cannot invert zero")
    return 1.0 / x


@task
def to_upper(word: str) -> str:
    return word.upper()


@task
def total(values: typing.List[int]) -> int:
    return sum(values)


@workflow
def map_wf(words: typing.List[str] = ["map", "task"], xs: typing.List[int] = [1, 2, 3, 4]) -> typing.Tuple[
    typing.List[str], int
]:
    """A plain map and a map with a bound input (`exponent=2`) fanned back in."""
    upper = map_task(to_upper)(word=words)
    squares = map_task(functools.partial(power, exponent=2), concurrency=2)(x=xs)
    return upper, total(values=squares)


@workflow
def partial_success_wf(xs: typing.List[int] = [1, 2, 4, 5]) -> typing.List[typing.Optional[float]]:
    """Tolerates up to a quarter of failed items; failed items come back as None."""
    return map_task(fragile_inverse, min_success_ratio=0.75)(x=xs)


if __name__ == "__main__":
    print(map_wf(), partial_success_wf(), partial_success_wf(xs=[0, 1, 2, 4]))
