"""The Ray plugin's overhead on a real two-node Ray cluster, against the local process plugin.

Runs benchray (no-op shell tasks that write `start`/`end` marks with their own clock) through
the release `vane run`, with the tasks placed on Ray (`--ray … --ray-image vane.bench/ray`) and
on this machine (local process plugin):
  chain    ten no-op tasks one after the other, several runs: per task,
             submit → running   from the round that submitted (Ray) or spawned (local) the task
                                to the task's `start` mark (the entrypoint running)
             end → seen         from the task's `end` mark to the round that saw it succeed
  fanout   a hundred no-op tasks at once: wall time of `vane run`, and from the first task's
           submission to the last success as the engine's events say.
The cluster: $VANE_BENCH_RAY_ADDRESS when set, else one started with scripts/ray/start.sh
(two nodes, one core each, loopback) and stopped at the end. Writes Benchmarks/results/ray.json.

Usage: python run_ray.py --vane PATH [--runs 3]
"""

import argparse
import json
import os
import pathlib
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
VENV = ROOT / ".venv"
SCRIPTS = ROOT / "scripts" / "ray"
sys.path.insert(0, str(VENV / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / "site-packages"))


def package(out):
    subprocess.run(
        [str(VENV / "bin" / "pyflyte"), "--pkgs", "benchray", "package", "--image", "python:3.11", "-f", "-o",
         str(out)], cwd=HERE / "benchray", check=True, capture_output=True, timeout=180)


def task_events(data_dir):
    """{node id: {phase name: first time (s)}} from the execution's task events."""
    from flyteidl.core import execution_pb2
    from flyteidl.event import event_pb2

    nodes = {}
    with sqlite3.connect(data_dir / "vane.db") as db:
        for (payload,) in db.execute("SELECT payload FROM execution_events WHERE kind = 2 ORDER BY seq"):
            event = event_pb2.TaskExecutionEvent()
            event.ParseFromString(payload)
            phase = execution_pb2.TaskExecution.Phase.Name(event.phase)
            at = event.occurred_at.seconds + event.occurred_at.nanos / 1e9
            nodes.setdefault(event.parent_node_execution_id.node_id, {}).setdefault(phase, at)
    return nodes


def marks(path):
    """{label: (start, end)} from the marks file."""
    found = {}
    for line in path.read_text().splitlines():
        kind, label, at = line.split()
        found.setdefault(label, {})[kind] = float(at)
    return {label: (times["start"], times["end"]) for label, times in found.items()}


def run(vane, archive, workflow, scratch, label, ray_args):
    data_dir = scratch / f"data-{label}"
    marks_file = scratch / f"marks-{label}"
    marks_file.write_text("")
    command = [vane, "run", str(archive), f"benchray.shapes.{workflow}", "-i", f"marks={marks_file}",
               "--data-dir", str(data_dir), "--image", f"*={VENV}", *ray_args]
    begin = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, timeout=1800, cwd=ROOT)
    wall = time.monotonic() - begin
    if done.returncode != 0:
        raise RuntimeError(f"{label}: exit {done.returncode}: {done.stderr.strip()[-800:]}")
    return wall, task_events(data_dir), marks(marks_file)


def chain_latencies(events, task_marks):
    """Per task: (submit → running, end → seen) in ms. Node n<i> wrote label c<i>."""
    starts, ends = [], []
    for node, phases in events.items():
        start, end = task_marks[f"c{node[1:]}"]
        submitted = min(phases.get("QUEUED", float("inf")), phases.get("RUNNING", float("inf")))
        starts.append(1000 * (start - submitted))
        ends.append(1000 * (phases["SUCCEEDED"] - end))
    return starts, ends


def summary(values):
    values = sorted(values)
    return {"median_ms": statistics.median(values), "min_ms": values[0], "max_ms": values[-1], "n": len(values)}


def measure(vane, archive, scratch, runs, ray_args, name):
    starts, ends = [], []
    for index in range(runs):
        _, events, task_marks = run(vane, archive, "chain", scratch, f"{name}-chain{index}", ray_args)
        run_starts, run_ends = chain_latencies(events, task_marks)
        starts += run_starts
        ends += run_ends
        print(f"ray bench: {name} chain {index}: submit→running median {statistics.median(run_starts):.0f} ms, "
              f"end→seen median {statistics.median(run_ends):.0f} ms", file=sys.stderr, flush=True)
    wall, events, _ = run(vane, archive, "fanout", scratch, f"{name}-fanout", ray_args)
    first = min(min(phases.values()) for phases in events.values())
    last = max(phases["SUCCEEDED"] for phases in events.values())
    print(f"ray bench: {name} fan-out of 100: {wall:.1f} s", file=sys.stderr, flush=True)
    return {
        "submit_to_running": summary(starts), "end_to_seen": summary(ends),
        "fanout_100": {"wall_seconds": wall, "first_submit_to_last_success_seconds": last - first},
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--vane", required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", default=str(ROOT / "Benchmarks" / "results" / "ray.json"))
    args = parser.parse_args()
    (ROOT / ".build-bench").mkdir(exist_ok=True)
    scratch = pathlib.Path(tempfile.mkdtemp(prefix="vane-ray-", dir=ROOT / ".build-bench"))
    address = os.environ.get("VANE_BENCH_RAY_ADDRESS")
    cluster = None
    try:
        if not address:
            cluster = pathlib.Path(tempfile.mkdtemp(prefix="vray-", dir="/tmp"))
            began = time.monotonic()
            address = subprocess.run([str(SCRIPTS / "start.sh"), str(cluster), str(VENV)], check=True,
                                     capture_output=True, text=True, timeout=300).stdout.strip()
            print(f"ray bench: cluster up in {time.monotonic() - began:.1f} s at {address}", file=sys.stderr)
        archive = scratch / "benchray.tgz"
        package(archive)
        ray_args = ["--ray", address, "--ray-image", "vane.bench/ray"]
        result = {
            "cluster": "2 nodes × 1 cpu on this machine (scripts/ray/start.sh)",
            "ray": measure(args.vane, archive, scratch, args.runs, ray_args, "ray"),
            "local": measure(args.vane, archive, scratch, args.runs, [], "local"),
        }
    finally:
        if cluster:
            subprocess.run([str(SCRIPTS / "stop.sh"), str(cluster)], timeout=120)
            shutil.rmtree(cluster, ignore_errors=True)
        shutil.rmtree(scratch, ignore_errors=True)
    out = pathlib.Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
