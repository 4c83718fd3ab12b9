"""Workflows for `vane serve` on object storage (e2e/test_serve_s3.py): a file FlyteRemote
uploads goes in and a file comes out through the bucket, a dynamic subgraph runs, and a task
writes a deck that the data proxy links."""

import os
import shutil
import typing

import flytekit
from flytekit import Deck, dynamic, task, workflow
from flytekit.types.file import FlyteFile


@task
def shout(f: FlyteFile) -> FlyteFile:
    with open(f) as source:
        text = source.read()
    out = os.path.join(flytekit.current_context().working_directory, "shout.txt")
    with open(out, "w") as target:
        target.write(text.upper())
    return FlyteFile(out)


@task
def length(f: FlyteFile) -> int:
    with open(f) as source:
        return len(source.read())


@workflow
def files(f: FlyteFile) -> typing.Tuple[FlyteFile, int]:
    loud = shout(f=f)
    return loud, length(f=loud)


@task
def square(x: int) -> int:
    return x * x


@dynamic
def squares(n: int) -> typing.List[int]:
    return [square(x=i) for i in range(n)]


@task(enable_deck=True)
def report(values: typing.List[int]) -> int:
    Deck("squares", "<p>" + ", ".join(str(v) for v in values) + "</p>")
    return sum(values)


@workflow
def numbers(n: int = 3) -> int:
    return report(values=squares(n=n))


@task
def copy(f: FlyteFile) -> FlyteFile:
    """Streams the file to a new one in the bucket, never holding or storing it whole
    (Benchmarks/serve_s3_file.py moves 2 GiB through it)."""
    out = FlyteFile.new_remote_file("copy.bin")
    with f.open("rb") as source, out.open("wb") as target:
        shutil.copyfileobj(source, target, 8 << 20)
    return out


@workflow
def passthrough(f: FlyteFile) -> FlyteFile:
    return copy(f=f)
