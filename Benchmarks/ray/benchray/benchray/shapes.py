"""No-op tasks for the Ray plugin's benchmark: each appends `start <label> <time>` and
`end <label> <time>` to a marks file and exits — nothing but a shell, so what is measured is
how long Vane (and Ray) take to start a task and to notice that it ended."""

from flytekit import ContainerTask, kwtypes, workflow

# Placed on Ray with `vane run --ray URL --ray-image vane.bench/ray`; run locally otherwise.
IMAGE = "vane.bench/ray:1"

noop = ContainerTask(
    name="benchray.noop",
    image=IMAGE,
    inputs=kwtypes(marks=str, label=str),
    command=[
        "sh",
        "-c",
        'echo "start $1 $(date +%s.%N)" >> "$0"; echo "end $1 $(date +%s.%N)" >> "$0"',
        "{{.inputs.marks}}",
        "{{.inputs.label}}",
    ],
)


@workflow
def chain(marks: str):
    """Ten no-op tasks, one after the other."""
    previous = None
    for index in range(10):
        node = noop(marks=marks, label=f"c{index}")
        if previous is not None:
            previous >> node
        previous = node


@workflow
def fanout(marks: str):
    """A hundred no-op tasks at once."""
    for index in range(100):
        noop(marks=marks, label=f"f{index}")
