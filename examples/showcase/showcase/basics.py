"""Plain tasks: chains, fan-out/fan-in, named outputs, defaults, collections, retries, cache."""

import os
import typing

from flytekit import task, workflow
from flytekit.exceptions.user import FlyteRecoverableException

Stats = typing.NamedTuple("Stats", [("total", int), ("mean", float)])


@task
def add(a: int, b: int) -> int:
    return a + b


@task
def square(x: int) -> int:
    return x * x


@task
def double(x: int) -> int:
    return 2 * x


@task
def stats(values: typing.List[int]) -> Stats:
    total = sum(values)
    return Stats(total=total, mean=total / len(values) if values else 0.0)


@task
def scale(x: int, factor: int = 3) -> int:
    return x * factor


@task
def word_lengths(words: typing.List[str]) -> typing.Dict[str, int]:
    return {w: len(w) for w in words}


@task
def invert(counts: typing.Dict[str, int]) -> typing.Dict[str, typing.List[str]]:
    out: typing.Dict[str, typing.List[str]] = {}
    for word, n in sorted(counts.items()):
        out.setdefault(str(n), []).append(word)
    return out


@task
def nested_lists(n: int) -> typing.List[typing.List[int]]:
    return [[i * j for j in range(n)] for i in range(n)]


@task(retries=3)
def flaky_once(x: int) -> int:
    """Fails on its first attempt when `x` is negative with a recoverable error, which Flyte
    retries (plain exceptions are non-recoverable and are not retried)."""
    if x < 0 and os.environ.get("FLYTE_ATTEMPT_NUMBER", "0") == "0":
        raise FlyteRecoverableException("first attempt fails on purpose")
    return abs(x)


@task(cache=True, cache_version="1.0")
def cached_square(x: int) -> int:
    return x * x


@workflow
def chain(x: int = 2) -> int:
    """x -> square -> double -> add(+1)."""
    return add(a=double(x=square(x=x)), b=1)


@workflow
def fan_out_in(a: int = 1, b: int = 2, c: int = 3) -> Stats:
    """Three independent squares fanned back in to one stats node; returns named outputs."""
    sa = square(x=a)
    sb = square(x=b)
    sc = square(x=c)
    return stats(values=[sa, sb, sc])


@workflow
def named_outputs(values: typing.List[int] = [1, 2, 3, 4]) -> typing.Tuple[int, float]:
    """Consumes the named outputs of `stats` one by one."""
    s = stats(values=values)
    return add(a=s.total, b=1), s.mean


@workflow
def defaults(x: int = 5) -> typing.Tuple[int, int]:
    """Uses the task default (`factor=3`) and overrides it."""
    return scale(x=x), scale(x=x, factor=10)


@workflow
def collections(words: typing.List[str] = ["a", "bb", "cc", "ddd"], n: int = 3) -> typing.Tuple[
    typing.Dict[str, typing.List[str]], typing.List[typing.List[int]]
]:
    return invert(counts=word_lengths(words=words)), nested_lists(n=n)


@workflow
def resilient(x: int = 4) -> typing.Tuple[int, int]:
    """A retried task and a cached task; pass a negative `x` to make the first attempt fail."""
    return flaky_once(x=x), cached_square(x=x)


if __name__ == "__main__":
    print(chain(), fan_out_in(), named_outputs(), defaults(), collections(), resilient())
