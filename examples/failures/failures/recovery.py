"""A pipeline to recover: every task counts its runs in a counter file; `fragile` fails while
the flag file exists. Recovering after removing the flag re-runs only what failed (and what
never ran), inside the subworkflow too."""

import typing

from flytekit import conditional, task, workflow

from failures.tools import count, flagged


@task
def prepare(x: int, counter: str) -> int:
    count(counter, "prepare")
    return x * 2


@task
def side(x: int, counter: str) -> str:
    count(counter, "side")
    return f"side-{x}"


@task
def fragile(x: int, flag: str, counter: str) -> int:
    count(counter, "fragile")
    if flagged(flag):
        raise RuntimeError(f"flag {flag} is set")
    return x + 100


@task
def finish(a: int, b: int, base: int, label: str, counter: str) -> str:
    count(counter, "finish")
    return f"{label}:{base}/{a}+{b}={a + b}"


@task
def halve(x: int, counter: str) -> int:
    count(counter, "halve")
    return x // 2


@workflow
def inner(x: int, flag: str, counter: str) -> typing.Tuple[int, int]:
    """A subworkflow whose first node succeeds and whose second fails while the flag is set."""
    p = prepare(x=x, counter=counter)
    return p, fragile(x=p, flag=flag, counter=counter)


@workflow
def pipeline(x: int = 3, flag: str = "", counter: str = "") -> str:
    p = prepare(x=x, counter=counter)
    s = side(x=x, counter=counter)
    h = conditional("pick").if_(x > 0).then(halve(x=x, counter=counter)).else_().then(prepare(x=x, counter=counter))
    a, b = inner(x=h, flag=flag, counter=counter)
    return finish(a=a, b=b, base=p, label=s, counter=counter)
