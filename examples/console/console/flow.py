"""Workflows for the web console's browser tests: a task that runs until the test drops a flag
file (printing as it waits, so its log grows while it runs), an approval gate, a typed signal,
and a launch plan with typed inputs and a fixed one."""

import datetime
import os
import time
from dataclasses import dataclass

from flytekit import LaunchPlan, approve, task, wait_for_input, workflow


@task
def prepare(x: int) -> int:
    print(f"preparing {x}", flush=True)
    return x + 1


@task
def hold(flag: str, y: int) -> int:
    """Runs until `flag` exists, printing a line every 0.2 s."""
    tick = 0
    while not os.path.exists(flag):
        print(f"waiting for the flag, tick {tick}", flush=True)
        tick += 1
        time.sleep(0.2)
    print("flag found, finishing", flush=True)
    return y * 2


@task
def report(z: int) -> str:
    return f"z={z}"


@workflow
def steps(flag: str, x: int = 1) -> str:
    """prepare → hold (until the flag file exists) → report."""
    return report(z=hold(flag=flag, y=prepare(x=x)))


@workflow
def reviewed(x: int = 3) -> str:
    """prepare, then a person approves its result, then report."""
    y = prepare(x=x)
    approved = approve(y, "review", timeout=datetime.timedelta(minutes=10))
    return report(z=approved)


@workflow
def signalled(x: int = 3) -> str:
    """Waits for an int signal `bonus`, then reports x + bonus."""
    bonus = wait_for_input("bonus", timeout=datetime.timedelta(minutes=10), expected_type=int)
    y = prepare(x=x)
    return report(z=add(a=y, b=bonus))


@task
def add(a: int, b: int) -> int:
    return a + b


@dataclass
class Settings:
    rate: float
    layers: list[int]


@task
def configure(count: int, name: str, fast: bool, settings: Settings, seed: int) -> str:
    return f"{name}:{count}:{fast}:{settings.rate}:{sum(settings.layers)}:{seed}"


@workflow
def typed(count: int, name: str = "run", fast: bool = False,
          settings: Settings = Settings(rate=0.1, layers=[64, 32]), seed: int = 0) -> str:
    return configure(count=count, name=name, fast=fast, settings=settings, seed=seed)


typed_fixed = LaunchPlan.get_or_create(typed, name="console.flow.typed_fixed", fixed_inputs={"seed": 7})
