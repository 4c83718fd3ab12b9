"""Small workflows that exercise the admin API: node executions with outputs, a launch-plan
node, a gate, a slow task to terminate, a task that fails until a flag file exists (recovery),
and a scheduled launch plan with a kickoff time input."""

import datetime
import os
import time

from flytekit import CronSchedule, LaunchPlan, task, wait_for_input, workflow


@task
def double(x: int) -> int:
    return x * 2


@task
def describe(y: int) -> str:
    return f"y={y}"


@workflow
def pipeline(x: int = 3) -> str:
    return describe(y=double(x=x))


@workflow
def child(x: int) -> int:
    return double(x=x)


child_lp = LaunchPlan.get_or_create(child, name="remote.flow.child_lp")


@workflow
def parent(x: int = 4) -> int:
    return child_lp(x=x)


@task
def pause(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


@task
def after(seconds: float) -> str:
    return f"slept {seconds}"


@workflow
def slow(seconds: float = 60.0) -> str:
    return after(seconds=pause(seconds=seconds))


@task
def needs_flag(y: int, flag: str) -> int:
    if not os.path.exists(flag):
        raise RuntimeError(f"flag file {flag} is missing")
    return y + 1


@workflow
def flaky(x: int, flag: str) -> int:
    return needs_flag(y=double(x=x), flag=flag)


@workflow
def gated(x: int = 5) -> int:
    bonus = wait_for_input("bonus", timeout=datetime.timedelta(minutes=5), expected_type=int)
    y = double(x=x)
    return add(a=y, b=bonus)


@task
def add(a: int, b: int) -> int:
    return a + b


@task
def stamp(kickoff: datetime.datetime) -> str:
    return kickoff.isoformat()


@workflow
def stamped(kickoff: datetime.datetime) -> str:
    return stamp(kickoff=kickoff)


every_minute = LaunchPlan.get_or_create(
    stamped, name="remote.flow.every_minute",
    schedule=CronSchedule(schedule="* * * * *", kickoff_time_input_arg="kickoff"),
)
