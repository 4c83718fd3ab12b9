"""FlyteRemote against a real `vane serve`: executions with node and task executions, a
launch-plan node's child execution, terminate, relaunch, recover, signals, a scheduled launch
plan, and a server restart in the middle of an execution.

Uses examples/remote (registered once per module with pyflyte register).
"""

import datetime
import re
import signal
import socket
import subprocess
import time

import grpc
import pytest

from conftest import REPO
from postgres_store import serve_config_args
from test_serve import VENV, Server, start_server

EXAMPLE = REPO / "examples" / "remote"
POLL = datetime.timedelta(seconds=0.2)
TIMEOUT = datetime.timedelta(seconds=120)


def stop(srv):
    srv.process.send_signal(signal.SIGTERM)
    try:
        return srv.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        srv.process.kill()
        pytest.fail("vane serve did not stop within 20 s of SIGTERM")


def free_ports(count):
    probes = [socket.socket() for _ in range(count)]
    try:
        for probe in probes:
            probe.bind(("127.0.0.1", 0))
        return [probe.getsockname()[1] for probe in probes]
    finally:
        for probe in probes:
            probe.close()


def start_on(vane_bin, data_dir, grpc_port, http_port, store_args=()):
    """`vane serve` on the given ports; `store_args` from serve_config_args (the same admin
    database across restarts)."""
    process = subprocess.Popen(
        [str(vane_bin), "serve", "--data-dir", str(data_dir), "--port", str(grpc_port), "--http-port", str(http_port),
         "--image", f"*={VENV}", *store_args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO,
    )
    line = process.stdout.readline()
    match = re.search(r"gRPC on [\d.]+:(\d+), HTTP on http://[\d.]+:(\d+) \(ready in (\d+) ms\)", line)
    if not match:
        process.kill()
        pytest.fail(f"vane serve did not start: {line!r} {process.stderr.read()}")
    return Server(process, data_dir / "config.yaml", grpc_port, http_port, data_dir, int(match[3]))


def register(srv):
    result = srv.pyflyte("register", "--image", "python:3.11", "--version", "v1", "remote", cwd=EXAMPLE)
    assert result.returncode == 0, result.stdout + result.stderr


def remote(srv):
    from flytekit.configuration import Config
    from flytekit.remote import FlyteRemote

    return FlyteRemote(Config.auto(config_file=str(srv.config)),
                       default_project="flytesnacks", default_domain="development")


@pytest.fixture(scope="module")
def server(vane_bin, tmp_path_factory):
    srv = start_server(vane_bin, tmp_path_factory.mktemp("serve-remote"))
    register(srv)
    # Activate the every-minute schedule first: the last test checks it fired on time.
    rem = remote(srv)
    plan = rem.fetch_launch_plan(name="remote.flow.every_minute", version="v1")
    rem.client.update_launch_plan(plan.id, "ACTIVE")
    srv.scheduled_from = time.time()
    yield srv
    assert stop(srv) == 0


def wait_for(predicate, timeout=60.0, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}")


def test_execute_wait_outputs_and_node_executions(server):
    rem = remote(server)
    plan = rem.fetch_launch_plan(name="remote.flow.pipeline", version="v1")
    execution = rem.execute(plan, inputs={"x": 5}, wait=True)
    assert execution.is_successful
    assert execution.outputs["o0"] == "y=10"
    execution = rem.sync(execution, sync_nodes=True)
    nodes = execution.node_executions
    assert set(nodes) >= {"n0", "n1"}
    assert nodes["n0"].outputs["o0"] == 10
    assert nodes["n1"].inputs["y"] == 10
    assert nodes["n1"].outputs["o0"] == "y=10"
    attempts = nodes["n0"].task_executions
    assert len(attempts) == 1 and attempts[0].is_done
    assert attempts[0].outputs["o0"] == 10
    assert nodes["n0"].closure.started_at is not None and nodes["n0"].closure.duration is not None


def test_node_execution_filters_and_bad_ids(server):
    from flyteidl.admin import node_execution_pb2
    from flyteidl.core import identifier_pb2
    from flyteidl.service import admin_pb2_grpc

    rem = remote(server)
    execution = rem.execute(rem.fetch_launch_plan(name="remote.flow.pipeline", version="v1"), inputs={"x": 1},
                            wait=True)
    with grpc.insecure_channel(f"127.0.0.1:{server.grpc_port}") as channel:
        stub = admin_pb2_grpc.AdminServiceStub(channel)
        exec_id = identifier_pb2.WorkflowExecutionIdentifier(
            project="flytesnacks", domain="development", name=execution.id.name)
        listed = stub.ListNodeExecutions(node_execution_pb2.NodeExecutionListRequest(
            workflow_execution_id=exec_id, limit=10, filters="eq(node_id,n1)"), timeout=10)
        assert [n.id.node_id for n in listed.node_executions] == ["n1"]
        succeeded = stub.ListNodeExecutions(node_execution_pb2.NodeExecutionListRequest(
            workflow_execution_id=exec_id, limit=1, filters="eq(phase,SUCCEEDED)"), timeout=10)
        assert len(succeeded.node_executions) == 1 and succeeded.token
        with pytest.raises(grpc.RpcError) as bad:
            stub.ListNodeExecutions(node_execution_pb2.NodeExecutionListRequest(
                workflow_execution_id=exec_id, limit=10, filters="eq(colour,red)"), timeout=10)
        assert bad.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        missing = identifier_pb2.NodeExecutionIdentifier(node_id="nope", execution_id=exec_id)
        with pytest.raises(grpc.RpcError) as unknown:
            stub.GetNodeExecution(node_execution_pb2.NodeExecutionGetRequest(id=missing), timeout=10)
        assert unknown.value.code() == grpc.StatusCode.NOT_FOUND


def test_launch_plan_node_child_is_visible_and_linked(server):
    rem = remote(server)
    execution = rem.execute(rem.fetch_launch_plan(name="remote.flow.parent", version="v1"), inputs={"x": 4},
                            wait=True)
    assert execution.outputs["o0"] == 8
    execution = rem.sync(execution, sync_nodes=True)
    node = execution.node_executions["n0"]
    assert node.outputs["o0"] == 8
    [child] = node.workflow_executions
    fetched = rem.fetch_execution(name=child.id.name)
    parent_link = fetched.spec.metadata.parent_node_execution
    assert parent_link.execution_id.name == execution.id.name and parent_link.node_id == "n0"
    listed = [e.id.name for e in rem.recent_executions(limit=100)]
    assert child.id.name in listed


def test_terminate_running_execution(server):
    rem = remote(server)
    execution = rem.execute(rem.fetch_launch_plan(name="remote.flow.slow", version="v1"), inputs={"seconds": 60.0})
    wait_for(lambda: rem.sync(execution).closure.phase == 2, what="the execution to run")  # RUNNING
    rem.terminate(execution, "enough")
    done = rem.wait(execution, poll_interval=POLL, timeout=TIMEOUT, sync_nodes=False)
    assert done.closure.phase == 7  # ABORTED
    assert done.closure.abort_metadata.cause == "enough"


def test_relaunch(server):
    from flyteidl.admin import execution_pb2

    rem = remote(server)
    first = rem.execute(rem.fetch_launch_plan(name="remote.flow.pipeline", version="v1"), inputs={"x": 7},
                        wait=True)
    response = rem.client.raw.relaunch_execution(
        execution_pb2.ExecutionRelaunchRequest(id=first.id.to_flyte_idl(), name="relaunched-one"))
    again = rem.wait(rem.fetch_execution(name=response.id.name), poll_interval=POLL, timeout=TIMEOUT)
    assert again.outputs["o0"] == "y=14"
    assert again.spec.metadata.mode == 3  # RELAUNCH
    assert again.spec.metadata.reference_execution.name == first.id.name


def test_recover_failed_execution(server, tmp_path):
    rem = remote(server)
    flag = tmp_path / "flag"
    failed = rem.execute(rem.fetch_launch_plan(name="remote.flow.flaky", version="v1"),
                         inputs={"x": 2, "flag": str(flag)}, wait=True)
    assert failed.closure.phase == 6  # FAILED
    flag.write_text("ok")
    new_id = rem.client.recover_execution(failed.id, name="recovered-one")
    recovered = rem.wait(rem.fetch_execution(name=new_id.name), poll_interval=POLL, timeout=TIMEOUT)
    assert recovered.outputs["o0"] == 5
    recovered = rem.sync(recovered, sync_nodes=True)
    assert recovered.node_executions["n0"].closure.phase == 10  # RECOVERED: double did not run again
    assert recovered.spec.metadata.mode == 5


def test_set_signal_releases_gate(server):
    rem = remote(server)
    execution = rem.execute(rem.fetch_launch_plan(name="remote.flow.gated", version="v1"), inputs={"x": 5})
    wait_for(lambda: rem.list_signals(execution.id.name), what="the gate to ask for its signal")
    [sig] = rem.list_signals(execution.id.name)
    assert sig.id.signal_id == "bonus"
    with pytest.raises(Exception) as wrong:
        rem.set_signal("bonus", execution.id.name, "not a number")
    assert "INVALID_ARGUMENT" in str(wrong.value) or "type" in str(wrong.value)
    rem.set_signal("bonus", execution.id.name, 7)
    done = rem.wait(execution, poll_interval=POLL, timeout=TIMEOUT)
    assert done.outputs["o0"] == 17


def test_restart_during_execution_loses_nothing(vane_bin, tmp_path):
    ports = free_ports(2)
    store_args = serve_config_args(tmp_path)
    srv = start_on(vane_bin, tmp_path, *ports, store_args)
    try:
        register(srv)
        rem = remote(srv)
        execution = rem.execute(rem.fetch_launch_plan(name="remote.flow.slow", version="v1"), inputs={"seconds": 4.0})
        wait_for(lambda: rem.sync(execution).closure.phase == 2, what="the execution to run")
        time.sleep(1.0)
    finally:
        assert stop(srv) == 0
    # The same ports: the task processes still running from the first server hold none of its
    # descriptors, so its listening sockets are free again.
    srv = start_on(vane_bin, tmp_path, *ports, store_args)
    try:
        # flytekit caches a config file's contents per path: give the new endpoint a new path.
        fresh = tmp_path / "restarted.yaml"
        fresh.write_text(srv.config.read_text())
        srv.config = fresh
        rem = remote(srv)
        done = rem.wait(rem.fetch_execution(name=execution.id.name), poll_interval=POLL, timeout=TIMEOUT)
        assert done.outputs["o0"] == "slept 4.0"
        done = rem.sync(done, sync_nodes=True)
        assert {k: n.closure.phase for k, n in done.node_executions.items() if k in ("n0", "n1")} == {"n0": 3, "n1": 3}
    finally:
        assert stop(srv) == 0


def test_scheduled_launch_plan_fires_on_time(server):
    rem = remote(server)
    # The schedule was activated when the module started; its first run is at the next minute.
    first_fire = (int(server.scheduled_from) // 60 + 1) * 60
    deadline = max(0.0, first_fire - time.time()) + 10

    def scheduled():
        return [e for e in rem.recent_executions(limit=200) if e.spec.metadata.mode == 1]  # SCHEDULED

    [run] = wait_for(scheduled, timeout=deadline, what="the scheduled run")[-1:]
    scheduled_at = run.spec.metadata.scheduled_at.timestamp()
    assert scheduled_at == first_fire
    created = run.closure.created_at.timestamp()
    print(f"scheduled run created {created - scheduled_at:.3f} s after its time")
    assert 0 <= created - scheduled_at < 1.0
    done = rem.wait(run, poll_interval=POLL, timeout=TIMEOUT)
    assert done.outputs["o0"].startswith(datetime.datetime.fromtimestamp(first_fire, datetime.timezone.utc)
                                         .strftime("%Y-%m-%dT%H:%M"))
