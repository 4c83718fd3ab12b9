"""Launch plans: fixed and default inputs, cron and fixed-rate schedules, plans used as nodes."""

import datetime
import typing

from flytekit import CronSchedule, FixedRate, LaunchPlan, task, workflow

from showcase.basics import add


@task
def report(kickoff: datetime.datetime, region: str, limit: int) -> str:
    return f"{region}:{limit}:{kickoff.isoformat()}"


@workflow
def nightly(kickoff: datetime.datetime, region: str = "eu", limit: int = 10) -> str:
    return report(kickoff=kickoff, region=region, limit=limit)


@workflow
def adder(a: int, b: int = 1) -> int:
    return add(a=a, b=b)


# Cron: the schedule fills `kickoff`; `region` is fixed, `limit` has a new default.
nightly_cron = LaunchPlan.get_or_create(
    nightly,
    name="showcase.plans.nightly_cron",
    schedule=CronSchedule(schedule="0 2 * * *", kickoff_time_input_arg="kickoff"),
    fixed_inputs={"region": "us"},
    default_inputs={"limit": 20},
)

# Fixed rate: every 10 minutes, every input defaulted or fixed.
adder_every_10m = LaunchPlan.get_or_create(
    adder,
    name="showcase.plans.adder_every_10m",
    schedule=FixedRate(duration=datetime.timedelta(minutes=10)),
    default_inputs={"a": 5},
    fixed_inputs={"b": 100},
)

# No schedule: a fixed input makes `b` unsettable by callers.
add_ten = LaunchPlan.get_or_create(adder, name="showcase.plans.add_ten", fixed_inputs={"b": 10})


@workflow
def uses_plans(x: int = 1) -> typing.Tuple[int, int, str]:
    """Three launch plans used as nodes (child executions), chained."""
    first = add_ten(a=x)
    second = adder_every_10m(a=first)
    texts = nightly_cron(kickoff=datetime.datetime(2024, 1, 1, 2, 0, 0))
    return first, second, texts


if __name__ == "__main__":
    print(uses_plans())
