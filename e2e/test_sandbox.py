"""The task sandbox end to end (`vane run --sandbox`, real bubblewrap, real flytekit tasks from
examples/sandbox): each boundary is asserted from what the task itself reports, with an
unsandboxed run of the same probe as the control that shows the probe can see a difference."""

import os
import socket
import threading
import uuid
from pathlib import Path

import pytest

from runs import REPO, build_package, run_vane, vane_command


@pytest.fixture(scope="module")
def sandbox_package(tmp_path_factory):
    return build_package("sandbox", tmp_path_factory.mktemp("packages") / "sandbox.tgz")


@pytest.fixture
def home_file():
    """A file in the real home directory of the user running the server, removed afterwards."""
    path = Path.home() / f".vane-sandbox-probe-{uuid.uuid4().hex}"
    path.write_text("private\n")
    try:
        yield path
    finally:
        path.unlink(missing_ok=True)


def probe(vane_bin, package, tmp_path, home_file, name, extra):
    data = tmp_path / name
    other = data / "metadata" / "flytesnacks-development-someoneelse"
    other.mkdir(parents=True)
    (other / "inputs.pb").write_bytes(b"theirs")
    outside = tmp_path / f"{name}-outside.txt"
    result = run_vane(vane_bin, package, "sandbox.probes.boundaries", data,
                      {"data_dir": str(data), "other_execution": str(other), "home_file": str(home_file),
                       "outside": str(outside)}, extra=extra)
    assert result.returncode == 0, result.stderr
    return dict(pair.split("=") for pair in result.outputs["o0"].split()), outside


def test_a_sandboxed_task_sees_only_its_own_data(vane_bin, sandbox_package, tmp_path, home_file):
    seen, outside = probe(vane_bin, sandbox_package, tmp_path, home_file, "sandboxed", ("--sandbox",))
    # Outside the work directory the task writes to its private /tmp (or is refused, where the
    # path is on the read-only system): either way nothing reaches the machine.
    seen.pop("outside")
    assert seen == {"database": "denied", "other_execution": "denied", "home": "denied", "system": "denied",
                    "work_dir": "allowed"}
    assert not outside.exists(), "a write outside the work directory reached the machine"
    # The control: the same probe without the sandbox reaches all of it.
    seen, outside = probe(vane_bin, sandbox_package, tmp_path, home_file, "open", ())
    assert seen["database"] == seen["other_execution"] == seen["home"] == "allowed"
    assert outside.exists()


@pytest.fixture
def listener():
    """A TCP port on the host's loopback that accepts connections."""
    server = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                server.accept()[0].close()
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1]
    finally:
        stop.set()
        thread.join()
        server.close()


def test_no_network_means_no_connection_to_the_host(vane_bin, sandbox_package, tmp_path, listener):
    closed = run_vane(vane_bin, sandbox_package, "sandbox.probes.network", tmp_path / "closed", {"port": listener},
                      extra=("--sandbox", "--sandbox-no-network"))
    assert closed.returncode == 0, closed.stderr
    assert closed.outputs["o0"].startswith("refused"), closed.outputs
    shared = run_vane(vane_bin, sandbox_package, "sandbox.probes.network", tmp_path / "shared", {"port": listener},
                      extra=("--sandbox",))
    assert shared.returncode == 0, shared.stderr
    assert shared.outputs["o0"] == "connected"


def test_a_task_over_its_memory_limit_fails_as_oom(vane_bin, sandbox_package, tmp_path):
    result = run_vane(vane_bin, sandbox_package, "sandbox.probes.memory", tmp_path / "data", {"megabytes": 4096},
                      extra=("--sandbox",))
    assert result.returncode == 1, result.stderr
    assert "OOMKilled" in result.stderr
    assert "600 MiB" in result.stderr


def test_a_missing_bubblewrap_stops_vane_run_before_any_task(vane_bin, sandbox_package, tmp_path):
    import subprocess

    empty = tmp_path / "bin"
    empty.mkdir()
    command = vane_command(vane_bin, "run", sandbox_package, "sandbox.probes.memory", "--data-dir",
                           tmp_path / "data", "-i", "megabytes=1")
    result = subprocess.run(command, capture_output=True, text=True, timeout=60,
                            env=dict(os.environ, PATH=str(empty), VANE_SANDBOX_ENABLED="true"))
    assert result.returncode == 69, result.stderr
    assert "bubblewrap" in result.stderr
    assert not (tmp_path / "data" / "work").exists()


def test_a_task_resource_attribute_limits_tasks_on_a_sandboxed_server(vane_bin, tmp_path):
    """A project-domain TASK_RESOURCE attribute gives a task without limits its memory limit
    (FlyteAdmin's task resource defaults at CreateExecution); the sandbox enforces it."""
    import datetime

    from flyteidl.admin import matchable_resource_pb2, project_domain_attributes_pb2

    from test_serve import remote, start_server

    server = start_server(vane_bin, tmp_path / "serve", "--sandbox")
    try:
        registered = server.pyflyte("register", "--image", "python:3.11", "sandbox",
                                    cwd=REPO / "examples" / "sandbox")
        assert registered.returncode == 0, registered.stdout + registered.stderr
        rem = remote(server)

        def run(megabytes):
            plan = rem.fetch_launch_plan(name="sandbox.probes.unbounded")
            execution = rem.execute(plan, inputs={"megabytes": megabytes}, wait=False)
            return rem.wait(execution, sync_nodes=False, poll_interval=datetime.timedelta(seconds=0.2),
                            timeout=datetime.timedelta(seconds=180))

        class Limits:
            def to_flyte_idl(self):
                return matchable_resource_pb2.MatchingAttributes(
                    task_resource_attributes=matchable_resource_pb2.TaskResourceAttributes(
                        defaults=matchable_resource_pb2.TaskResourceSpec(memory="300Mi"),
                        limits=matchable_resource_pb2.TaskResourceSpec(memory="600Mi")))

        rem.client.update_project_domain_attributes("flytesnacks", "development", Limits())
        limited = run(2048)
        assert not limited.is_successful
        assert "OOMKilled" in str(limited.closure.error), limited.closure.error
        assert run(64).is_successful  # under the limit

        # Without the attribute the same task has no limit and the allocation succeeds.
        rem.client._stub.DeleteProjectDomainAttributes(
            project_domain_attributes_pb2.ProjectDomainAttributesDeleteRequest(
                project="flytesnacks", domain="development", resource_type=matchable_resource_pb2.TASK_RESOURCE),
            metadata=rem.client._metadata)
        free = run(2048)
        assert free.is_successful, free.closure.error
    finally:
        server.process.terminate()
        server.process.wait(timeout=20)
