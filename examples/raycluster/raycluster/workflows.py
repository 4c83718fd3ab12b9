"""Workflows for Vane's Ray plugin: local tasks, plain tasks placed on a Ray cluster by their
image (`vane run --ray URL --ray-image vane.test/ray`) and a flytekit Ray task that fans out
with `ray.remote` inside its own job.

Tasks placed on Ray report the Ray node they ran on; run by flytekit's local execution they
report "local" (outside a Ray job there is no node to name).
"""

import os
import time
import typing
from dataclasses import dataclass
from pathlib import Path

from flytekit import Resources, map_task, task, workflow
from flytekitplugins.ray import RayJobConfig, WorkerNodeConfig

# Tasks of this image run on the Ray cluster when Vane is told `--ray-image vane.test/ray`.
RAY_IMAGE = "vane.test/ray:1"


def ray_node() -> str:
    """The id of the Ray node this process runs on: found in the command line of the nearest
    ancestor Ray started (the job's supervisor worker or the node's raylet) — asking Ray
    instead would name the head node whenever several nodes share a machine, as in the tests.
    "local" outside a Ray job."""
    pid = os.getpid()
    while pid > 1:
        try:
            args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            break
        for arg in args:
            if arg.startswith((b"--node_id=", b"--node-id=")):
                return arg.split(b"=", 1)[1].decode()
        pid = int(stat.rpartition(")")[2].split()[1])
    return "local"


def wait_for_release(release: str, timeout: float = 300) -> None:
    """Waits until the file `release` exists (no file named: returns at once)."""
    deadline = time.monotonic() + timeout
    while release and not Path(release).exists():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{release} never appeared")
        time.sleep(0.1)


@dataclass
class Placed:
    """A value and the Ray node that computed it."""

    value: int
    node: str


@task
def numbers(n: int) -> typing.List[int]:
    return list(range(1, n + 1))


# One core each on a cluster of one-core nodes: two of them at once must be on two nodes.
@task(container_image=RAY_IMAGE, requests=Resources(cpu="1"))
def square_on_ray(x: int) -> Placed:
    time.sleep(1.0)
    return Placed(value=x * x, node=ray_node())


@task
def squares_of(placed: typing.List[Placed]) -> typing.List[int]:
    return [p.value for p in placed]


@task
def nodes_of(placed: typing.List[Placed]) -> typing.List[str]:
    return [p.node for p in placed]


@task(
    task_config=RayJobConfig(
        worker_node_config=[WorkerNodeConfig(group_name="workers", replicas=1)],
        runtime_env={"env_vars": {"VANE_RUNTIME_ENV": "applied"}},
    )
)
def cubes_with_ray(xs: typing.List[int]) -> typing.Tuple[int, typing.List[str], str]:
    """Sums cubes with Ray tasks spread over the cluster, and runs one probe on each live node;
    returns the sum, the nodes the probes ran on, and what they saw of the task's runtime env
    ("unset" where it does not apply, as in flytekit's local execution)."""
    import ray
    from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

    @ray.remote(num_cpus=0, scheduling_strategy="SPREAD")
    def cube(x: int) -> int:
        return x**3

    @ray.remote(num_cpus=0)
    def probe() -> typing.Tuple[str, str]:
        return ray.get_runtime_context().get_node_id(), os.environ.get("VANE_RUNTIME_ENV", "unset")

    live = [node["NodeID"] for node in ray.nodes() if node["Alive"]]
    probes = [probe.options(scheduling_strategy=NodeAffinitySchedulingStrategy(node, soft=False)).remote() for node in live]
    total = sum(ray.get([cube.remote(x) for x in xs]))
    seen = ray.get(probes)
    return total, sorted({node for node, _ in seen}), ",".join(sorted({mark for _, mark in seen}))


@task
def summarize(squares: typing.List[int], cube_sum: int) -> str:
    return f"squares={squares} cube_sum={cube_sum}"


@workflow
def mixed(n: int = 4) -> typing.Tuple[str, typing.List[str], typing.List[str], str]:
    """Local `numbers` → squares on Ray (a map, one job per item) and cubes in a Ray task →
    local `summarize`. Returns the summary, the Ray nodes of the squares and of the cubes, and
    the runtime env the cubes saw."""
    xs = numbers(n=n)
    placed = map_task(square_on_ray)(x=xs)
    cube_sum, cube_nodes, runtime_env = cubes_with_ray(xs=xs)
    summary = summarize(squares=squares_of(placed=placed), cube_sum=cube_sum)
    return summary, nodes_of(placed=placed), cube_nodes, runtime_env


@task(container_image=RAY_IMAGE)
def held_on_ray(x: int, release: str) -> Placed:
    """Waits for the file `release`, then returns x + 1 and its node."""
    wait_for_release(release)
    return Placed(value=x + 1, node=ray_node())


@workflow
def held(x: int = 1, release: str = "") -> Placed:
    """One task on Ray that waits for the test to create `release`."""
    return held_on_ray(x=x, release=release)


@task(container_image=RAY_IMAGE, retries=1)
def exits_on_ray(code: int) -> int:
    """Ends its process with exit code `code` (a crash, not a Python error flytekit records)."""
    os._exit(code)
    return code  # never reached; flytekit wants a return statement


@workflow
def exits(code: int = 3) -> int:
    return exits_on_ray(code=code)
