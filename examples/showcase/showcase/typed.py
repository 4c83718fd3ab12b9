"""Rich types: dataclass, enum, FlyteFile, FlyteDirectory, optionals, datetime and duration."""

import datetime
import enum
import os
import typing
from dataclasses import dataclass, field

from flytekit import task, workflow
from flytekit.types.directory import FlyteDirectory
from flytekit.types.file import FlyteFile


class Color(enum.Enum):
    RED = "red"
    GREEN = "green"
    BLUE = "blue"


@dataclass
class Point:
    x: int = 0
    y: int = 0


@dataclass
class Shape:
    name: str = "shape"
    points: typing.List[Point] = field(default_factory=list)
    tags: typing.Dict[str, str] = field(default_factory=dict)
    scale: float = 1.0
    note: typing.Optional[str] = None


@task
def make_shape(name: str, n: int) -> Shape:
    return Shape(name=name, points=[Point(x=i, y=i * i) for i in range(n)], tags={"kind": "poly"})


@task
def grow(shape: Shape, by: float = 2.0) -> Shape:
    return Shape(
        name=shape.name,
        points=[Point(x=p.x * int(by), y=p.y * int(by)) for p in shape.points],
        tags=dict(shape.tags, grown="yes"),
        scale=shape.scale * by,
        note=f"grown by {by}",
    )


@task
def paint(shape: Shape, color: Color = Color.RED) -> str:
    return f"{shape.name}:{color.value}:{len(shape.points)}"


@task
def next_color(color: Color) -> Color:
    order = list(Color)
    return order[(order.index(color) + 1) % len(order)]


@task
def write_file(text: str) -> FlyteFile:
    path = os.path.join(_scratch(), "note.txt")
    with open(path, "w") as f:
        f.write(text)
    return FlyteFile(path)


@task
def read_file(f: FlyteFile) -> str:
    with open(f) as fh:
        return fh.read()


@task
def write_dir(n: int) -> FlyteDirectory:
    d = os.path.join(_scratch(), "parts")
    os.makedirs(d, exist_ok=True)
    for i in range(n):
        with open(os.path.join(d, f"part-{i}.txt"), "w") as f:
            f.write(str(i))
    return FlyteDirectory(d)


@task
def count_dir(d: FlyteDirectory) -> int:
    return len([n for n in os.listdir(d.download()) if n.startswith("part-")])


@task
def maybe(x: typing.Optional[int] = None) -> typing.Optional[str]:
    return None if x is None else str(x)


@task
def shift(when: datetime.datetime, by: datetime.timedelta) -> datetime.datetime:
    return when + by


def _scratch() -> str:
    from flytekit import current_context

    d = current_context().working_directory
    os.makedirs(d, exist_ok=True)
    return d


@workflow
def dataclasses_wf(name: str = "tri", n: int = 3) -> typing.Tuple[Shape, str]:
    grown = grow(shape=make_shape(name=name, n=n))
    return grown, paint(shape=grown, color=Color.GREEN)


@workflow
def enums_wf(color: Color = Color.BLUE) -> Color:
    return next_color(color=next_color(color=color))


@workflow
def files_wf(text: str = "hello file", n: int = 3) -> typing.Tuple[str, int, FlyteFile]:
    f = write_file(text=text)
    return read_file(f=f), count_dir(d=write_dir(n=n)), f


@workflow
def optionals_wf(x: typing.Optional[int] = None) -> typing.Optional[str]:
    return maybe(x=x)


@workflow
def time_wf(
    when: datetime.datetime = datetime.datetime(2024, 1, 1, 12, 0, 0),
    by: datetime.timedelta = datetime.timedelta(hours=1, seconds=30),
) -> datetime.datetime:
    return shift(when=when, by=by)


if __name__ == "__main__":
    print(dataclasses_wf(), enums_wf(), files_wf(), optionals_wf(), optionals_wf(x=3), time_wf())
