"""Tasks on a real two-node Ray cluster (examples/raycluster): a workflow mixing local tasks,
plain tasks placed on Ray by their image and a flytekit Ray task; the engine killed while a Ray
job runs; a job failing with a user error; a Ray node lost under a running job."""

import os
import secrets
import signal
import subprocess
from pathlib import Path

import pytest

from literal_values import literal_map, plain_map
from runs import REPO, attempt_dir, failed_attempts, flytekit_outputs, run_vane, task_events, vane_command, wait_for

RAY_IMAGE = "vane.test/ray"
WORKFLOWS = "raycluster.workflows"


def ray_options(cluster, *extra) -> list:
    return ["--ray", cluster.address, "--ray-image", RAY_IMAGE, *extra]


def unique(prefix: str) -> str:
    """An execution name no earlier run on a shared cluster has used."""
    return f"{prefix}-{secrets.token_hex(4)}"


class Engine:
    """`vane run` / `vane resume` in the background, output to files in `folder`."""

    def __init__(self, vane_bin: Path, folder: Path, label: str, *args):
        self.stderr = folder / f"{label}.err"
        with open(folder / f"{label}.out", "w") as out, open(self.stderr, "w") as err:
            self.process = subprocess.Popen(vane_command(vane_bin, *args), stdout=out, stderr=err, cwd=REPO)

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        assert self.process.wait(timeout=10) == -signal.SIGKILL

    def finish(self, timeout: float = 300) -> int:
        return self.process.wait(timeout=timeout)

    def stop(self):
        """Ends the engine if it still runs (a failed test must not leave it behind)."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


def release_and_clean(cluster, name: str, release: Path, *engines):
    """However a test with held jobs ends: release them, end its engines, stop its jobs, so no
    job is left holding the cluster's cores for the tests after it."""
    release.touch()
    for engine in engines:
        engine.stop()
    for submission_id, job in cluster.jobs_of(name).items():
        if job["status"] in ("PENDING", "RUNNING"):
            cluster.stop_job(job["submission_id"])


def running_job(cluster, attempt: str, timeout: float = 180) -> dict:
    """Waits until the job of `attempt` (`<execution>-<node>-<attempt>`; the submission id adds
    the identity digest) runs; returns its details."""
    execution = attempt.rsplit("-", 2)[0]
    return wait_for(lambda: (job := cluster.jobs_of(execution).get(attempt)) and job["status"] == "RUNNING" and job,
                    timeout, f"Ray job {attempt} to run", poll=0.2)


def test_mixed_workflow_matches_flytekit_and_uses_both_nodes(vane_bin, ray_cluster, ray_package, tmp_path,
                                                             monkeypatch):
    name = unique("raymix")
    result = run_vane(vane_bin, ray_package, f"{WORKFLOWS}.mixed", tmp_path / "data",
                      extra=("--name", name, *ray_options(ray_cluster)), timeout=600)
    assert result.returncode == 0, result.stderr
    outputs = result.outputs

    # flytekit's own local run; its Ray task joins the test cluster instead of starting one.
    monkeypatch.setenv("RAY_ADDRESS", ray_cluster.gcs)
    expected = flytekit_outputs(f"{WORKFLOWS}.mixed")
    assert outputs["o0"] == expected["o0"] == "squares=[1, 4, 9, 16] cube_sum=100"

    nodes = ray_cluster.node_ids()
    assert len(nodes) == 2
    # Four one-core jobs on two one-core nodes ran on both; the Ray task's probes reached both.
    assert set(outputs["o1"]) == nodes, outputs
    assert set(outputs["o2"]) == nodes, outputs
    assert expected["o1"] == ["local"] * 4
    # The Ray task's runtime env reached its Ray tasks (flytekit's local run does not apply it).
    assert outputs["o3"] == "applied" and expected["o3"] == "unset"

    # The map's items and the Ray task were jobs — each submitted once; the local tasks were not.
    jobs = ray_cluster.jobs_of(name)
    items = {f"{name}-n1-0-n{i}-0" for i in range(4)}
    assert set(jobs) == items | {f"{name}-n2-0"}, sorted(jobs)
    assert all(job["status"] == "SUCCEEDED" for job in jobs.values())
    assert {job["driver_node_id"] for sid, job in jobs.items() if sid in items} == nodes
    for node in ("n0", "n3", "n4", "n5"):
        assert (attempt_dir(result.data_dir, f"{name}-{node}-0") / "exit").exists(), node
    # The Ray task's log is kept on this machine once its job ended, and is its task log.
    log = attempt_dir(result.data_dir, f"{name}-n2-0") / "ray-job.log"
    assert "Running entrypoint for job" in log.read_text()
    assert any(event[0] == "n2" and event[2] == "SUCCEEDED" for event in task_events(result.data_dir))


def test_engine_killed_while_a_job_runs_reattaches_on_resume(vane_bin, ray_cluster, ray_package, tmp_path):
    name = unique("raykill")
    release = tmp_path / "release"
    data = tmp_path / "data"
    engine = Engine(vane_bin, tmp_path, "run", "run", ray_package, f"{WORKFLOWS}.held", "--name", name,
                    "--data-dir", data, "-i", f"release={release}", *ray_options(ray_cluster))
    resumed = None
    try:
        job = running_job(ray_cluster, f"{name}-n0-0")
        engine.kill()
        resumed = Engine(vane_bin, tmp_path, "resume", "resume", name, "--data-dir", data, "--outputs-file",
                         tmp_path / "outputs.pb", *ray_options(ray_cluster))
        # The job ends while or before the resumed engine looks: either way it must adopt it.
        release.touch()
        assert resumed.finish() == 0, resumed.stderr.read_text()
    finally:
        release_and_clean(ray_cluster, name, release, engine, *([resumed] if resumed else []))
    assert plain_map(literal_map((tmp_path / "outputs.pb").read_bytes()))["o0"]["value"] == 2

    # One job, the one started before the kill; no second attempt.
    jobs = ray_cluster.jobs_of(name)
    assert list(jobs) == [f"{name}-n0-0"]
    assert jobs[f"{name}-n0-0"]["start_time"] == job["start_time"]
    assert failed_attempts(data) == []


def test_a_user_error_is_retried_then_fails_the_execution(vane_bin, ray_cluster, ray_package, tmp_path):
    name = unique("rayexit")
    result = run_vane(vane_bin, ray_package, f"{WORKFLOWS}.exits", tmp_path / "data", inputs={"code": 3},
                      extra=("--name", name, *ray_options(ray_cluster)), timeout=300)
    assert result.returncode == 1, result.stderr
    # retries=1: two attempts, both user errors; then the execution fails.
    assert failed_attempts(result.data_dir) == [
        ("n0", 0, "RETRYABLE_FAILED", "USER", "RayNonZeroExit"),
        ("n0", 1, "RETRYABLE_FAILED", "USER", "RayNonZeroExit"),
    ]
    assert set(ray_cluster.jobs_of(name)) == {f"{name}-n0-0", f"{name}-n0-1"}


def test_a_lost_node_is_a_system_error_and_the_task_is_retried(vane_bin, ray_cluster, ray_package, tmp_path):
    name = unique("raylost")
    release = tmp_path / "release"
    data = tmp_path / "data"
    # Only the worker node has `vane_worker`: the job runs there.
    engine = Engine(vane_bin, tmp_path, "run", "run", ray_package, f"{WORKFLOWS}.held", "--name", name,
                    "--data-dir", data, "-i", f"release={release}", "--outputs-file", tmp_path / "outputs.pb",
                    *ray_options(ray_cluster, "--ray-resource", "vane_worker=0.01"))
    try:
        lost_node = running_job(ray_cluster, f"{name}-n0-0")["driver_node_id"]
        ray_cluster.kill_worker()
        try:
            wait_for(lambda: any(row[:3] == ("n0", 0, "RETRYABLE_FAILED") for row in task_events(data)), 120,
                     "the engine to see the job fail")
        finally:
            ray_cluster.start_worker()
        running_job(ray_cluster, f"{name}-n0-1")
        release.touch()
        assert engine.finish() == 0, engine.stderr.read_text()
    finally:
        release_and_clean(ray_cluster, name, release, engine)
    outputs = plain_map(literal_map((tmp_path / "outputs.pb").read_bytes()))["o0"]
    assert outputs["value"] == 2
    assert outputs["node"] != lost_node
    # A system error: retried although the task allows no user retries.
    assert failed_attempts(data) == [("n0", 0, "RETRYABLE_FAILED", "SYSTEM", "RaySystemFailure")]


@pytest.mark.parametrize("args, message", [
    (["--ray-image", RAY_IMAGE], "--ray-image need --ray URL"),
    (["--ray", "head:8265"], "write the cluster's job API as http://HOST:PORT"),
    (["--ray", "http://127.0.0.1:9", "--ray-resource", "gpu_node"], "write NAME=AMOUNT"),
    (["--ray", "http://127.0.0.1:9", "--ray-resource", "gpu_node=-1"], "positive number"),
    (["--ray", "http://127.0.0.1:9"], "the Ray job API does not answer"),
])
def test_bad_ray_options_are_usage_errors(vane, ray_package, tmp_path, args, message):
    result = vane("run", ray_package, f"{WORKFLOWS}.exits", "--data-dir", tmp_path / "data", *args)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert not (tmp_path / "data" / "vane.db").exists() or "execution " not in result.stderr
