"""Conditionals: a simple branch, a nested branch, and a leg that fails the workflow."""

from flytekit import conditional, task, workflow

from showcase.basics import double, square


@task
def classify(x: int) -> str:
    return "even" if x % 2 == 0 else "odd"


@task
def label(text: str, x: int) -> str:
    return f"{text}:{x}"


@task
def negate(x: int) -> int:
    return -x


@workflow
def simple_branch(x: int = 4) -> int:
    """Squares positive numbers, negates the rest."""
    return conditional("sign").if_(x > 0).then(square(x=x)).else_().then(negate(x=x))


@workflow
def nested_branch(x: int = 7, strict: bool = False) -> str:
    """Outer branch on size, inner branch on a boolean input; `x < 0` takes the failing else leg."""
    return (
        conditional("size")
        .if_((x >= 0) & (x < 10))
        .then(
            conditional("strictness")
            .if_(strict.is_true())
            .then(label(text="small-strict", x=x))
            .else_()
            .then(label(text="small", x=x))
        )
        .elif_(x > 100)
        .then(label(text="huge", x=x))
        .elif_(x >= 10)
        .then(label(text="medium", x=x))
        .else_()
        .fail("x must not be negative")
    )


@workflow
def branch_on_output(x: int = 3) -> int:
    """Branches on a string produced by an upstream task."""
    kind = classify(x=x)
    return conditional("parity").if_(kind == "even").then(double(x=x)).else_().then(square(x=x))


@workflow
def failing_branch(x: int = -1) -> str:
    """Always takes the failing leg for negative input (the default)."""
    return conditional("guard").if_(x >= 0).then(label(text="ok", x=x)).else_().fail("negative input")


if __name__ == "__main__":
    print(simple_branch(), simple_branch(x=-3), nested_branch(), nested_branch(strict=True), nested_branch(x=50),
          nested_branch(x=500), branch_on_output(), branch_on_output(x=4))
