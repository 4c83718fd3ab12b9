"""`hello.wf.main`: greet someone in three small steps."""

from flytekit import task, workflow


@task
def normalize(name: str) -> str:
    return name.strip().title() or "World"


@task
def greet(name: str) -> str:
    return f"Hello, {name}!"


@task
def shout(greeting: str) -> str:
    return greeting.upper()


@workflow
def main(name: str = "world") -> str:
    return shout(greeting=greet(name=normalize(name=name)))


if __name__ == "__main__":
    print(main())
