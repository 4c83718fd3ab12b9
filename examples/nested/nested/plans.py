"""Launch plans used as nodes: fixed and default inputs, a launch plan inside a launch plan's
workflow, and a child execution that fails."""

from flytekit import LaunchPlan, workflow

from nested.tasks import add, limited, scaled, square

# factor is fixed: callers cannot set it.
triple = LaunchPlan.get_or_create(scaled, name="nested.plans.triple", fixed_inputs={"factor": 3})
# factor defaults to 10: callers may leave it out.
tenfold = LaunchPlan.get_or_create(scaled, name="nested.plans.tenfold", default_inputs={"factor": 10})
# limit is fixed at 5: x above 5 fails the child execution.
at_most_five = LaunchPlan.get_or_create(limited, name="nested.plans.at_most_five", fixed_inputs={"limit": 5})


@workflow
def two_plans(x: int) -> int:
    """triple(x) + tenfold(triple(x)) + tenfold(x, factor=2)."""
    a = triple(x=x)
    b = tenfold(x=a)
    c = tenfold(x=x, factor=2)
    return add(a=add(a=a, b=b), b=c)


@workflow
def inner_of_plan(x: int) -> int:
    """Calls a launch plan itself: square(triple(x))."""
    return square(x=triple(x=x))


inner_plan = LaunchPlan.get_or_create(inner_of_plan, name="nested.plans.inner_plan")


@workflow
def plan_in_plan(x: int) -> int:
    """inner_plan(x) + 1, where inner_plan's workflow calls the triple launch plan."""
    return add(a=inner_plan(x=x), b=1)


@workflow
def failing_child(x: int) -> int:
    """Fails when x > 5: the child execution of at_most_five fails."""
    return add(a=at_most_five(x=x), b=1)
