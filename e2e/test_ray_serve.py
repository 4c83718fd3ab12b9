"""`vane serve` with a `ray` section in its configuration: examples/raycluster registered with
pyflyte and run with FlyteRemote, its task placed on the test Ray cluster by its image; `vane
logs` reads the running job's log from the cluster; `vane abort` stops the Ray job within 5 s."""

import os
import re
import secrets
import signal
import subprocess
import time
from pathlib import Path

import pytest

from conftest import REPO
from runs import wait_for

VENV = REPO / ".venv"


class RayServer:
    def __init__(self, vane_bin, data_dir: Path, cluster):
        self.config = data_dir / "vane-serve.yaml"
        self.config.write_text(
            f"ray:\n  address: {cluster.address}\n  images: vane.test/ray\n  poll_interval: 100ms\n")
        self.process = subprocess.Popen(
            [str(vane_bin), "serve", "--data-dir", str(data_dir), "--port", "0", "--http-port", "0",
             "--image", f"*={VENV}", "--config", str(self.config)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
        line = self.process.stdout.readline()
        match = re.search(r"gRPC on [\d.]+:(\d+)", line)
        if not match:
            self.process.kill()
            pytest.fail(f"vane serve did not start: {line!r} {self.process.stderr.read()}")
        self.grpc_port = int(match[1])
        self.flyte_config = data_dir / "config.yaml"

    def cli(self, vane_bin, *args):
        return subprocess.run([str(vane_bin), *map(str, args), "--endpoint", f"127.0.0.1:{self.grpc_port}"],
                              capture_output=True, text=True, timeout=60)

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture(scope="module")
def ray_server(vane_bin, ray_cluster, tmp_path_factory):
    server = RayServer(vane_bin, tmp_path_factory.mktemp("ray-serve"), ray_cluster)
    yield server
    server.stop()


def test_bad_ray_configuration_stops_serve_with_the_key(vane_bin, tmp_path):
    config = tmp_path / "bad.yaml"
    config.write_text("ray:\n  address: head:8265\n")
    result = subprocess.run([str(vane_bin), "serve", "--data-dir", str(tmp_path / "data"), "--config", str(config)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "ray.address" in result.stderr and f"{config}:2" in result.stderr


def test_logs_then_abort_stops_the_ray_job_within_five_seconds(vane_bin, ray_cluster, ray_server, tmp_path):
    env = dict(os.environ, PATH=f"{VENV / 'bin'}:{os.environ.get('PATH', '')}")
    registered = subprocess.run(
        [str(VENV / "bin" / "pyflyte"), "--config", str(ray_server.flyte_config), "register", "--image",
         "python:3.11", "raycluster"], cwd=REPO / "examples" / "raycluster", capture_output=True, text=True,
        timeout=300, env=env)
    assert registered.returncode == 0, registered.stdout + registered.stderr

    from flytekit.configuration import Config
    from flytekit.remote import FlyteRemote

    remote = FlyteRemote(Config.auto(config_file=str(ray_server.flyte_config)),
                         default_project="flytesnacks", default_domain="development")
    plan = remote.fetch_launch_plan(name="raycluster.workflows.held")
    name = f"rayabort-{secrets.token_hex(4)}"
    never = tmp_path / "never-created"
    remote.execute(plan, inputs={"x": 1, "release": str(never)}, execution_name=name, wait=False)
    job = wait_for(lambda: (job := ray_cluster.jobs_of(name).get(f"{name}-n0-0")) and job["status"] == "RUNNING"
                   and job, 180, f"Ray job {name}-n0-0 to run", poll=0.2)
    submission_id = job["submission_id"]

    # The running job's log, read from the cluster through its log link.
    logs = wait_for(lambda: (r := ray_server.cli(vane_bin, "logs", name, "n0")).returncode == 0
                    and "Running entrypoint" in r.stdout and r, 60, "vane logs to show the job's log")
    assert "== ray-job ==" in logs.stderr

    aborted = ray_server.cli(vane_bin, "abort", name, "--cause", "test")
    assert aborted.returncode == 0, aborted.stderr
    began = time.monotonic()
    wait_for(lambda: ray_cluster.job(submission_id)["status"] == "STOPPED", 5, "the Ray job to stop", poll=0.1)
    assert time.monotonic() - began < 5
    wait_for(lambda: "ABORTED" in ray_server.cli(vane_bin, "get", "executions", name).stdout.upper(), 60,
             "the execution to be aborted")
