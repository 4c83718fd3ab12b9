"""`kill -9` of `vane serve` in the middle of running executions loses nothing (issue #9): a new
server on the same data directory completes every execution, and no task runs twice — a task
that had succeeded is not started again, a running attempt is re-attached, not started anew.

Uses examples/remote's `remote.crash.held_chain`: three `held_step` tasks in a chain (nodes n0,
n1, n2), each counting its starts in a file and waiting for a gate file this test creates. No
sleeps: every wait is on a file or on the server's own record, and bounded.

Three executions are caught at different points when the server dies:
- `reattach`: n0 succeeded, n1 running; n1's gate opens after the restart.
- `down`: n0 succeeded, n1 running; n1's gate opens and its process ends while no server runs.
- `first`: n0 running; its gate opens after the restart.
"""

import datetime
import os
import re
import signal
import subprocess
from pathlib import Path

import pytest

from conftest import REPO
from postgres_store import serve_config_args
from runs import attempt_dir, failed_attempts, readable, wait_for
from test_serve import VENV, Server

EXAMPLE = REPO / "examples" / "remote"
WORKFLOW = "remote.crash.held_chain"
POLL = datetime.timedelta(seconds=0.2)
STEPS = {"a": "n0", "b": "n1", "c": "n2"}
# Phase values of NodeExecution, TaskExecution and WorkflowExecution (flyteidl core/execution.proto).
NODE_RUNNING, NODE_SUCCEEDED = 2, 3
TASK_SUCCEEDED = 3
EXECUTION_SUCCEEDED = 4
# Which step of each execution is held (its gate closed) when the server is killed.
HELD = {"reattach": "b", "down": "b", "first": "a"}


def launch(vane_bin, data_dir: Path, store_args: list, label: str) -> Server:
    """`vane serve` on free ports; its stderr goes to a file (nothing can block on a full pipe)."""
    with open(data_dir.parent / f"{label}.err", "w") as err:
        process = subprocess.Popen(
            [str(vane_bin), "serve", "--data-dir", str(data_dir), "--port", "0", "--http-port", "0",
             "--image", f"*={VENV}", *store_args],
            stdout=subprocess.PIPE, stderr=err, text=True, cwd=REPO,
        )
    line = process.stdout.readline()
    match = re.search(r"gRPC on [\d.]+:(\d+), HTTP on http://[\d.]+:(\d+) \(ready in (\d+) ms\)", line)
    if not match:
        process.kill()
        pytest.fail(f"vane serve did not start: {line!r} {(data_dir.parent / f'{label}.err').read_text()}")
    # flytekit caches a config file's contents per path: each server's endpoint gets its own.
    config = data_dir.parent / f"{label}.yaml"
    config.write_text((data_dir / "config.yaml").read_text())
    return Server(process, config, int(match[1]), int(match[2]), data_dir, int(match[3]))


def remote(srv: Server):
    from flytekit.configuration import Config
    from flytekit.remote import FlyteRemote

    return FlyteRemote(Config.auto(config_file=str(srv.config)),
                       default_project="flytesnacks", default_domain="development")


def node_phases(rem, execution) -> dict:
    nodes, _ = rem.client.list_node_executions(execution.id, limit=100)
    return {node.id.node_id: node.closure.phase for node in nodes}


def lines(path: Path) -> list:
    return path.read_text().splitlines() if path.exists() else []


def open_gate(folder: Path, step: str):
    (folder / f"{step}.open").touch()


@pytest.fixture
def servers():
    """Every server the test starts; whatever remains is killed at the end."""
    started = []
    yield started
    for srv in started:
        if srv.process.poll() is None:
            srv.process.kill()
            srv.process.wait(timeout=10)


def test_kill_9_of_serve_mid_execution_runs_no_task_twice(vane_bin, tmp_path, servers):
    from flytekit.models.core.identifier import NodeExecutionIdentifier

    data = tmp_path / "data"
    data.mkdir()
    store_args = serve_config_args(data)
    folders = {name: tmp_path / name for name in HELD}
    for name, folder in folders.items():
        folder.mkdir()
        for step in STEPS:
            if step != HELD[name]:
                open_gate(folder, step)
    try:
        servers.append(launch(vane_bin, data, store_args, "first-server"))
        first = servers[-1]
        result = first.pyflyte("register", "--image", "python:3.11", "--version", "v1", "remote/crash.py",
                               cwd=EXAMPLE)
        assert result.returncode == 0, result.stdout + result.stderr
        rem = remote(first)
        plan = rem.fetch_launch_plan(name=WORKFLOW, version="v1")
        executions = {name: rem.execute(plan, inputs={"folder": str(folder)}) for name, folder in folders.items()}

        # The server's record and the tasks' own files agree on where each execution stands.
        for name, execution in executions.items():
            held_step = HELD[name]
            expected = {"n0": NODE_SUCCEEDED, "n1": NODE_RUNNING} if held_step == "b" else {"n0": NODE_RUNNING}
            started = folders[name] / f"{held_step}.starts"
            wait_for(lambda: node_phases(rem, execution) == expected and started.exists(),
                     60, f"{name}: nodes {expected} and step {held_step} started")
        running = {name: lines(folders[name] / f"{HELD[name]}.starts") for name in HELD}

        first.process.send_signal(signal.SIGKILL)
        assert first.process.wait(timeout=10) == -signal.SIGKILL

        # `down`: the held task ends while no server runs (its wrapper writes the attempt's exit file).
        open_gate(folders["down"], "b")
        down_attempt = f"{executions['down'].id.name}-n1-0"
        wait_for(lambda: (attempt_dir(data, down_attempt) / "exit").exists(), 60, f"{down_attempt}'s exit file")

        servers.append(launch(vane_bin, data, store_args, "second-server"))
        rem = remote(servers[-1])
        for name in ("reattach", "first"):
            open_gate(folders[name], HELD[name])
        for name, execution in executions.items():
            done = rem.wait(rem.fetch_execution(name=execution.id.name), sync_nodes=False, poll_interval=POLL,
                            timeout=datetime.timedelta(seconds=60))
            assert done.closure.phase == EXECUTION_SUCCEEDED, (name, done.closure.error)
            assert done.outputs["o0"] == 3, name
    finally:
        for folder in folders.values():  # no task process outlives the test waiting for its gate
            for step in STEPS:
                open_gate(folder, step)

    for name, folder in folders.items():
        starts = {step: lines(folder / f"{step}.starts") for step in STEPS}
        ends = {step: lines(folder / f"{step}.ends") for step in STEPS}
        # Every step's code ran exactly once: the held one in the process that was running when
        # the server died, which is the one that ended it.
        assert {step: len(found) for step, found in starts.items()} == {step: 1 for step in STEPS}, (name, starts)
        assert {step: len(found) for step, found in ends.items()} == {step: 1 for step in STEPS}, (name, ends)
        held = HELD[name]
        assert starts[held] == running[name], (name, starts[held], running[name])
        assert ends[held][0].split()[0] == starts[held][0].split()[0], (name, starts[held], ends[held])
        # One attempt per node, in the work directories and in the server's task executions.
        prefix = f"{executions[name].id.name}-"
        work = sorted(readable(entry) for entry in os.listdir(data / "work") if entry.startswith(prefix))
        assert work == [f"{prefix}{node}-0" for node in sorted(STEPS.values())], (name, work)
        for node in STEPS.values():
            node_id = NodeExecutionIdentifier(node_id=node, execution_id=executions[name].id)
            attempts, _ = rem.client.list_task_executions_paginated(node_id, limit=10)
            assert [(a.id.retry_attempt, a.closure.phase) for a in attempts] == [(0, TASK_SUCCEEDED)], (name, node)
    assert failed_attempts(data) == []
    servers[-1].process.send_signal(signal.SIGTERM)
    assert servers[-1].process.wait(timeout=20) == 0

