"""`vane serve` driven by flytekit's own tools: pyflyte register, pyflyte run --remote, FlyteRemote.

One server per module on free ports with a temporary data directory; tasks run with this
repository's venv (`--image '*=.venv'`).
"""

import datetime
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import grpc
import pytest

from conftest import REPO
from postgres_store import serve_config_args

VENV = REPO / ".venv"
PYFLYTE = VENV / "bin" / "pyflyte"


class Server:
    def __init__(self, process, config, grpc_port, http_port, data_dir, ready_ms):
        self.process = process
        self.config = config
        self.grpc_port = grpc_port
        self.http_port = http_port
        self.data_dir = data_dir
        self.ready_ms = ready_ms

    def pyflyte(self, *args, cwd, timeout=180):
        env = dict(os.environ, PATH=f"{VENV / 'bin'}:{os.environ.get('PATH', '')}")
        return subprocess.run(
            [str(PYFLYTE), "--config", str(self.config), *args],
            capture_output=True, text=True, timeout=timeout, cwd=cwd, env=env,
        )


def start_server(vane_bin, data_dir, *flags) -> Server:
    process = subprocess.Popen(
        [str(vane_bin), "serve", "--data-dir", str(data_dir), "--port", "0", "--http-port", "0",
         "--image", f"*={VENV}", *serve_config_args(data_dir), *flags],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO,
    )
    line = process.stdout.readline()
    match = re.search(r"gRPC on [\d.]+:(\d+), HTTP on http://[\d.]+:(\d+) \(ready in (\d+) ms\)", line)
    if not match:
        process.kill()
        pytest.fail(f"vane serve did not start: {line!r} {process.stderr.read()}")
    config = Path(data_dir) / "config.yaml"
    return Server(process, config, int(match[1]), int(match[2]), Path(data_dir), int(match[3]))


@pytest.fixture(scope="module")
def server(vane_bin, tmp_path_factory):
    srv = start_server(vane_bin, tmp_path_factory.mktemp("serve"))
    yield srv
    srv.process.send_signal(signal.SIGTERM)
    try:
        srv.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        srv.process.kill()
        pytest.fail("vane serve did not stop within 20 s of SIGTERM")


@pytest.fixture(scope="module")
def registered(server):
    result = server.pyflyte("register", "--image", "python:3.11", "hello", cwd=REPO / "examples" / "hello")
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def remote(server):
    from flytekit.configuration import Config
    from flytekit.remote import FlyteRemote

    return FlyteRemote(Config.auto(config_file=str(server.config)),
                       default_project="flytesnacks", default_domain="development")


def test_starts_fast_and_writes_flytekit_config(server):
    text = server.config.read_text()
    assert f"endpoint: dns:///127.0.0.1:{server.grpc_port}" in text
    assert "insecure: true" in text
    assert server.ready_ms < 1000
    with urllib.request.urlopen(f"http://127.0.0.1:{server.http_port}/healthz", timeout=5) as response:
        assert response.status == 200


def test_first_grpc_call_is_answered_right_after_start(vane_bin, tmp_path):
    from flyteidl.admin import version_pb2
    from flyteidl.service import admin_pb2_grpc

    began = time.monotonic()
    srv = start_server(vane_bin, tmp_path)
    try:
        with grpc.insecure_channel(f"127.0.0.1:{srv.grpc_port}") as channel:
            stub = admin_pb2_grpc.AdminServiceStub(channel)
            stub.GetVersion(version_pb2.GetVersionRequest(), timeout=5)
        elapsed_ms = (time.monotonic() - began) * 1000
        print(f"vane serve: first gRPC call answered {elapsed_ms:.0f} ms after launch (ready {srv.ready_ms} ms)")
        assert elapsed_ms < 3000
    finally:
        srv.process.send_signal(signal.SIGTERM)
        assert srv.process.wait(timeout=20) == 0


def test_pyflyte_register_uploads_and_registers(server, registered):
    assert "Successfully registered 5 entities" in registered.stdout
    uploads = list((server.data_dir / "uploads" / "flytesnacks" / "development").rglob("*.tar.gz"))
    assert uploads, "the fast-registration archive was not uploaded through the data proxy"
    # Registering the same version again is accepted.
    again = server.pyflyte("register", "--image", "python:3.11", "hello", cwd=REPO / "examples" / "hello")
    assert again.returncode == 0, again.stdout + again.stderr


def test_flyteremote_fetches_and_executes_launch_plan(server, registered):
    rem = remote(server)
    plan = rem.fetch_launch_plan(name="hello.wf.main")
    assert plan.id.name == "hello.wf.main"
    execution = rem.execute(plan, inputs={"name": "remote"}, wait=False)
    execution = rem.wait(execution, sync_nodes=False, poll_interval=datetime.timedelta(seconds=0.2),
                         timeout=datetime.timedelta(seconds=120))
    assert execution.is_successful, execution.closure.error
    assert execution.outputs["o0"] == "HELLO, REMOTE!"


def test_pyflyte_run_remote(server, registered):
    result = server.pyflyte("run", "--remote", "--image", "python:3.11", "hello/wf.py", "main", "--name", "cli",
                            cwd=REPO / "examples" / "hello")
    assert result.returncode == 0, result.stdout + result.stderr
    match = re.search(r"executions/([a-z0-9]+)", result.stdout)
    assert match, result.stdout
    rem = remote(server)
    execution = rem.fetch_execution(name=match[1])
    execution = rem.wait(execution, sync_nodes=False, poll_interval=datetime.timedelta(seconds=0.2),
                         timeout=datetime.timedelta(seconds=120))
    assert execution.outputs["o0"] == "HELLO, CLI!"


@pytest.mark.parametrize("project, domain, expected", [
    ("p" * 5000, "development", "project"),  # issue #9, repro 1: ENAMETOOLONG wedged every flush
    ("a-b", "development", "not registered"),
    ("flytesnacks", "c", "domain 'c' does not exist"),
    ("Flyte_Snacks", "development", "not valid"),
])
def test_create_execution_checks_project_and_domain_as_flyteadmin(server, registered, project, domain, expected):
    """Issue #9, repro 5: project and domain are checked as FlyteAdmin does before anything is
    stored or written."""
    from flyteidl.admin import execution_pb2
    from flyteidl.core import identifier_pb2
    from flyteidl.service import admin_pb2_grpc

    plan = remote(server).fetch_launch_plan(name="hello.wf.main")
    request = execution_pb2.ExecutionCreateRequest(project=project, domain=domain)
    request.spec.launch_plan.CopyFrom(identifier_pb2.Identifier(
        resource_type=identifier_pb2.LAUNCH_PLAN, project="flytesnacks", domain="development",
        name="hello.wf.main", version=plan.id.version))
    with grpc.insecure_channel(f"127.0.0.1:{server.grpc_port}") as channel:
        with pytest.raises(grpc.RpcError) as failure:
            admin_pb2_grpc.AdminServiceStub(channel).CreateExecution(request, timeout=10)
    assert failure.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert expected in failure.value.details(), failure.value.details()
    assert len(failure.value.details()) < 1000, "the message quotes a bounded part of the name"


def test_wrong_input_type_is_invalid_argument(server, registered):
    from flyteidl.admin import execution_pb2
    from flyteidl.core import identifier_pb2, literals_pb2
    from flyteidl.service import admin_pb2_grpc

    plan = remote(server).fetch_launch_plan(name="hello.wf.main")
    request = execution_pb2.ExecutionCreateRequest(project="flytesnacks", domain="development")
    request.spec.launch_plan.CopyFrom(identifier_pb2.Identifier(
        resource_type=identifier_pb2.LAUNCH_PLAN, project="flytesnacks", domain="development",
        name="hello.wf.main", version=plan.id.version))
    request.inputs.literals["name"].CopyFrom(
        literals_pb2.Literal(scalar=literals_pb2.Scalar(primitive=literals_pb2.Primitive(integer=3))))
    with grpc.insecure_channel(f"127.0.0.1:{server.grpc_port}") as channel:
        with pytest.raises(grpc.RpcError) as failure:
            admin_pb2_grpc.AdminServiceStub(channel).CreateExecution(request, timeout=10)
    assert failure.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "name" in failure.value.details()
