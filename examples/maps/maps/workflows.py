"""Map tasks for Vane's array-node tests: partials, tolerated failures, concurrency."""

import functools
import os
import pathlib
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
def meet(x: int, meeting: str, total: int) -> str:
    """Meets the other items in the directory `meeting`: marks itself running, waits until
    another item runs at the same time (or every other item is done, so none can come), and
    returns `<index>:<most items seen running at once>:<met a partner>`. Without a meeting
    directory (a local run, where items run one after the other) it meets no one."""
    index = os.environ.get("FLYTE_K8S_ARRAY_INDEX", "?")
    if not meeting:
        return f"{index}:1:False"
    here = pathlib.Path(meeting)
    here.mkdir(parents=True, exist_ok=True)
    mine = here / f"running-{index}"
    mine.touch()
    peak = len(list(here.glob("running-*")))
    met = False
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        running = len(list(here.glob("running-*")))
        peak = max(peak, running)
        if running > 1:
            met = True
            break
        if len(list(here.glob("done-*"))) >= total - 1:
            break
        time.sleep(0.02)
    (here / f"done-{index}").touch()
    mine.unlink()
    return f"{index}:{peak}:{met}"


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
def concurrent(xs: typing.List[int] = [0, 1, 2, 3, 4, 5], meeting: str = "", total: int = 6) -> typing.List[str]:
    """At most two items at a time; the items meet in the directory `meeting` to show that two
    do run at once."""
    return map_task(functools.partial(meet, meeting=meeting, total=total), concurrency=2)(x=xs)
