"""`with_overrides` on a node: another image, resources and cache settings than the task's."""

import os
import typing

from flytekit import Resources, task, workflow


@task(requests=Resources(cpu="100m", mem="64Mi"))
def where() -> str:
    """Which environment runs the task: in Vane the image decides it (--image IMAGE=DIR puts
    DIR/bin first on PATH)."""
    return os.environ.get("PATH", "").split(os.pathsep)[0]


@task
def stamp(x: int, marker: str) -> int:
    """Leaves a file per run in the directory `marker` (so a test can count runs)."""
    if marker:
        os.makedirs(marker, exist_ok=True)
        with open(os.path.join(marker, f"run-{x}-{len(os.listdir(marker))}"), "w"):
            pass
    return x + 1


@workflow
def images() -> typing.Tuple[str, str]:
    plain = where()
    other = where().with_overrides(container_image="parity/other:1", requests=Resources(cpu="200m"))
    return plain, other


@workflow
def cached_by_node(x: int = 1, marker: str = "") -> int:
    return stamp(x=x, marker=marker).with_overrides(cache=True, cache_version="node-1")
