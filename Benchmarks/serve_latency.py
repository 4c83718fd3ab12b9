"""Latency from CreateExecution to the first task's process starting, on `vane serve`'s embedded
default (SQLite, local data dir, tasks as local processes).

Run with the e2e venv (flytekit 1.16):

    .venv/bin/python Benchmarks/serve_latency.py [--vane .build/debug/vane] [-n 10]

It starts `vane serve` on a temporary data dir and free ports, registers a one-task flytekit
workflow with `pyflyte register` (fast registration, as users do), then N times: calls
CreateExecution on the raw gRPC stub, finds when the task's process started, and waits for the
execution to end before the next one (so runs do not load the machine for each other).

"Process started" is when the task's command is running: tasks run with an "image" directory
whose `bin/` holds the e2e venv's programs, except `pyflyte-fast-execute` (the first program of
a fast-registered flytekit task), which is a two-line bash script that writes `$EPOCHREALTIME`
(the wall clock, microseconds) to `started` in the attempt's work directory and then `exec`s
the real one. That is the moment a process of the task exists and runs its command on this
machine (what a pod's container start is in Flyte) — a little late if anything, by bash's own
start (~1 ms). It is compared with the client's wall clock taken just before the
CreateExecution call. Also shown: the mtime of the attempt's `pid` file (the first thing the
plugin's wrapper shell does; a kernel file timestamp from a coarse clock, up to one jiffy
early), the `started_at` the engine reported for the task attempt (its RUNNING event), and the
time to the execution's end (dominated by Python importing flytekit, ~1.5-2 s).

With `--auth both`, two servers run side by side — one plain, one with `--auth` (tokens from
its own token endpoint, verified on every call) — and executions alternate between them, so
both see the same machine load; the difference of the medians is what authentication costs.

Not part of `make test`.
"""

import argparse
import math
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import grpc
from flyteidl.admin import common_pb2, execution_pb2, task_execution_pb2
from flyteidl.core import execution_pb2 as core_execution_pb2
from flyteidl.core import identifier_pb2
from flyteidl.service import admin_pb2_grpc

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
PROJECT, DOMAIN, VERSION = "flytesnacks", "development", "lat1"

WORKFLOW = '''
from flytekit import task, workflow


@task
def one() -> int:
    return 1


@workflow
def single() -> int:
    return one()
'''


PROBE_C = r"""
#include <stdio.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
  struct timespec now;
  clock_gettime(CLOCK_REALTIME, &now);
  FILE *file = fopen("started", "w");
  if (file) {
    fprintf(file, "%lld.%09ld\n", (long long)now.tv_sec, now.tv_nsec);
    fclose(file);
  }
  argv[0] = REAL;
  execv(REAL, argv);
  perror("execv");
  return 127;
}
"""

PROBE_BASH = """#!/bin/bash
printf '%s\\n' "$EPOCHREALTIME" > started
exec {real} "$@"
"""


def probe_image(work: Path) -> tuple[Path, str]:
    """The venv's programs, with pyflyte-fast-execute recording when it starts: a small C
    program when a C compiler is here (starts in well under a millisecond), else bash."""
    image = work / "image"
    (image / "bin").mkdir(parents=True)
    for program in (VENV / "bin").iterdir():
        if program.name != "pyflyte-fast-execute":
            (image / "bin" / program.name).symlink_to(program)
    probe = image / "bin" / "pyflyte-fast-execute"
    real = VENV / "bin" / "pyflyte-fast-execute"
    source = work / "probe.c"
    source.write_text(PROBE_C)
    compiled = subprocess.run(["cc", "-O2", f'-DREAL="{real}"', "-o", str(probe), str(source)],
                              capture_output=True, text=True) if shutil.which("cc") else None
    if compiled is not None and compiled.returncode == 0:
        return image, "C probe"
    probe.write_text(PROBE_BASH.format(real=real))
    probe.chmod(0o755)
    return image, "bash probe (adds bash's start, a few ms)"


def start_server(vane: Path, data_dir: Path, image: Path, auth: bool = False):
    process = subprocess.Popen(
        [str(vane), "serve", "--data-dir", str(data_dir), "--port", "0", "--http-port", "0", "--image", f"*={image}",
         *(["--auth"] if auth else [])],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT,
    )
    line = process.stdout.readline()
    match = re.search(r"gRPC on [\d.]+:(\d+), HTTP on (http://[\d.]+:\d+) \(ready in (\d+) ms\)", line)
    if not match:
        process.kill()
        sys.exit(f"vane serve did not start: {line!r}")
    return process, int(match[1]), int(match[3]), match[2]


def access_token(http_base: str, data_dir: Path) -> str:
    """A token for the first admin client, from the server's token endpoint."""
    import requests

    secret = (data_dir / "auth" / "vane-admin.secret").read_text().strip()
    answer = requests.post(f"{http_base}/oauth2/token", data={"grant_type": "client_credentials"},
                           auth=("vane-admin", secret), timeout=10)
    answer.raise_for_status()
    return answer.json()["access_token"]


def register(data_dir: Path, work: Path):
    package = work / "latency_wf"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "flow.py").write_text(WORKFLOW)
    env = dict(os.environ, PATH=f"{VENV / 'bin'}:{os.environ.get('PATH', '')}")
    result = subprocess.run(
        [str(VENV / "bin" / "pyflyte"), "--config", str(data_dir / "config.yaml"), "register", "--image",
         "python:3.11", "--version", VERSION, "latency_wf"],
        capture_output=True, text=True, cwd=work, env=env, timeout=300,
    )
    if result.returncode != 0:
        sys.exit(f"pyflyte register failed:\n{result.stdout}\n{result.stderr}")


def create_request(name: str) -> execution_pb2.ExecutionCreateRequest:
    plan = identifier_pb2.Identifier(
        resource_type=identifier_pb2.LAUNCH_PLAN, project=PROJECT, domain=DOMAIN, name="latency_wf.flow.single",
        version=VERSION)
    spec = execution_pb2.ExecutionSpec(
        launch_plan=plan, metadata=execution_pb2.ExecutionMetadata(mode=execution_pb2.ExecutionMetadata.MANUAL))
    return execution_pb2.ExecutionCreateRequest(project=PROJECT, domain=DOMAIN, name=name, spec=spec)


def wait_for_start(work: Path, attempt: str, timeout: float) -> tuple[int, int]:
    """(the probe's start time, the `pid` file's mtime), in ns since the epoch. The attempt's
    work directory is `<work>/<execution>-<node>-<attempt>-<identity digest>`."""
    deadline = time.monotonic() + timeout
    directory = work / attempt
    while time.monotonic() < deadline:
        try:
            directory = next(work.glob(f"{attempt}-*"), directory)
            text = (directory / "started").read_text()
            if text.endswith("\n"):  # written completely
                seconds, fraction = text.strip().split(".")
                return int(seconds) * 1_000_000_000 + int(fraction.ljust(9, "0")[:9]), \
                    (directory / "pid").stat().st_mtime_ns
        except (FileNotFoundError, ValueError):
            pass
        time.sleep(0.001)
    sys.exit(f"no task process started within {timeout} s ({directory}/started never appeared)")


def wait_for_end(stub, execution_id, timeout: float, metadata=None) -> execution_pb2.Execution:
    deadline = time.monotonic() + timeout
    terminal = {core_execution_pb2.WorkflowExecution.SUCCEEDED, core_execution_pb2.WorkflowExecution.FAILED,
                core_execution_pb2.WorkflowExecution.ABORTED, core_execution_pb2.WorkflowExecution.TIMED_OUT}
    while time.monotonic() < deadline:
        execution = stub.GetExecution(execution_pb2.WorkflowExecutionGetRequest(id=execution_id), metadata=metadata)
        if execution.closure.phase in terminal:
            return execution
        time.sleep(0.05)
    sys.exit(f"execution {execution_id.name} did not end within {timeout} s")


def engine_started_at_ns(stub, execution_id, metadata=None) -> int | None:
    request = task_execution_pb2.TaskExecutionListRequest(
        node_execution_id=identifier_pb2.NodeExecutionIdentifier(node_id="n0", execution_id=execution_id), limit=10)
    attempts = stub.ListTaskExecutions(request, metadata=metadata).task_executions
    started = [a.closure.started_at for a in attempts if a.closure.HasField("started_at")]
    return min(s.ToNanoseconds() for s in started) if started else None


def summary(label: str, values_ms: list[float]) -> str:
    ordered = sorted(values_ms)
    p90 = ordered[math.ceil(0.9 * len(ordered)) - 1]  # nearest rank
    return (f"{label:<44} p50 {statistics.median(ordered):8.1f} ms   p90 {p90:8.1f} ms   "
            f"max {ordered[-1]:8.1f} ms   min {ordered[0]:8.1f} ms")


class Target:
    """One `vane serve` under measurement, with its stub and (for --auth) its token."""

    def __init__(self, vane: Path, work: Path, image: Path, auth: bool):
        self.label = "auth on" if auth else "auth off"
        self.data_dir = work / ("data-auth" if auth else "data")
        self.process, port, self.ready_ms, http_base = start_server(vane, self.data_dir, image, auth)
        self.series = ([], [], [], [])
        register(self.data_dir, work / self.label.replace(" ", "-"))
        self.metadata = [("authorization", f"Bearer {access_token(http_base, self.data_dir)}")] if auth else None
        self.channel = grpc.insecure_channel(f"127.0.0.1:{port}")
        grpc.channel_ready_future(self.channel).result(timeout=10)
        self.stub = admin_pb2_grpc.AdminServiceStub(self.channel)

    def run_once(self, run: int):
        name = f"lat{run}{uuid.uuid4().hex[:8]}"
        sent = time.time_ns()
        response = self.stub.CreateExecution(create_request(name), metadata=self.metadata)
        started, shell = wait_for_start(self.data_dir / "work", f"{name}-n0-0", timeout=60)
        execution = wait_for_end(self.stub, response.id, timeout=120, metadata=self.metadata)
        if execution.closure.phase != core_execution_pb2.WorkflowExecution.SUCCEEDED:
            sys.exit(f"execution {name} ended in phase {execution.closure.phase}")
        ended = execution.closure.started_at.ToNanoseconds() + execution.closure.duration.ToNanoseconds()
        engine = engine_started_at_ns(self.stub, response.id, self.metadata)
        values = ((started - sent) / 1e6, (shell - sent) / 1e6,
                  (engine - sent) / 1e6 if engine else float("nan"), (ended - sent) / 1e6)
        tag = "warm-up (not counted)" if run == 0 else f"run {run}"
        print(f"{self.label:<9} {tag:<22} command started {values[0]:7.1f} ms   pid file {values[1]:7.1f} ms   "
              f"engine started_at {values[2]:7.1f} ms   ended {values[3]:7.1f} ms", flush=True)
        if run > 0:
            for series, value in zip(self.series, values):
                series.append(value)

    def stop(self):
        self.channel.close()
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--vane", default=str(ROOT / ".build" / "debug" / "vane"), help="the vane binary")
    parser.add_argument("-n", type=int, default=10, help="measured executions per server (after one warm-up)")
    parser.add_argument("--auth", choices=["off", "on", "both"], default="off",
                        help="serve with authentication (both: two servers, executions alternating)")
    args = parser.parse_args()
    vane = Path(args.vane).resolve()

    with tempfile.TemporaryDirectory(prefix="vane-latency-") as temporary:
        work = Path(temporary)
        image, probe = probe_image(work)
        for label in ("auth-off", "auth-on"):
            (work / label).mkdir()
        modes = {"off": [False], "on": [True], "both": [False, True]}[args.auth]
        targets = []
        try:
            for auth in modes:
                targets.append(Target(vane, work, image, auth))
            for run in range(args.n + 1):
                for target in targets:
                    target.run_once(run)
        finally:
            for target in targets:
                target.stop()
    print()
    for target in targets:
        print(f"vane serve {target.label}: {vane} (ready in {target.ready_ms} ms); {args.n} executions of a "
              f"one-task workflow; {probe}")
        to_process, to_shell, to_engine_start, to_end = target.series
        print(summary("CreateExecution -> task command started", to_process))
        print(summary("CreateExecution -> wrapper's pid file (coarse)", to_shell))
        print(summary("CreateExecution -> engine's task started_at", to_engine_start))
        print(summary("CreateExecution -> execution ended", to_end))
    if len(targets) == 2:
        off, on = (statistics.median(t.series[0]) for t in targets)
        print(f"\nauthentication adds {on - off:+.1f} ms to the p50 of CreateExecution -> task command started")


if __name__ == "__main__":
    main()
