"""`vane run --storage s3://…` against a real S3 server (moto on loopback): flows whose data,
files, directories, dynamic subgraphs, map items and code bundle go through the bucket; retries
through a 503 storm; an object store that goes away mid-execution; a refused credential."""

import subprocess

import pytest

from runs import REPO, flytekit_outputs, run_vane, vane_command, wait_for
from s3_support import FaultProxy, bucket, client, s3_url, storage_args, storage_env  # noqa: F401

FLOWS = [
    ("showcase.basics.chain", {"x": 5}),
    ("showcase.typed.files_wf", {"text": "contents of a file\n", "n": 4}),
    ("showcase.dynamics.dynamic_wf", {"n": 3}),
    ("showcase.maps.map_wf", {}),
]


def run_on_s3(vane_bin, package, entity, tmp_path, endpoint, bucket, inputs=None, **kwargs):
    import os
    old = dict(os.environ)
    os.environ.update(storage_env())
    try:
        return run_vane(vane_bin, package, entity, tmp_path / "data", inputs,
                        extra=tuple(storage_args(endpoint, bucket)), **kwargs)
    finally:
        os.environ.clear()
        os.environ.update(old)


@pytest.mark.parametrize("entity,inputs", FLOWS, ids=[e.rpartition(".")[2] for e, _ in FLOWS])
def test_flows_keep_their_data_in_the_bucket(vane_bin, showcase_package, tmp_path, s3_url, bucket, entity, inputs):
    result = run_on_s3(vane_bin, showcase_package, entity, tmp_path, s3_url, bucket, inputs)
    assert result.returncode == 0, result.stderr
    assert result.outputs == flytekit_outputs(entity, inputs)
    keys = [item["Key"] for item in client(s3_url).list_objects_v2(Bucket=bucket).get("Contents", [])]
    name = result.execution_name
    assert any(k.startswith(f"vane/metadata/flytesnacks-development-{name}/") and k.endswith("outputs.pb")
               for k in keys), keys
    assert any(k.startswith("vane/uploads/flytesnacks/development/") and k.endswith(".tar.gz") for k in keys), keys
    assert not (result.data_dir / "metadata").exists(), "metadata went to the local data directory"


def test_a_503_storm_is_retried_with_back_off(vane_bin, showcase_package, tmp_path, s3_url, bucket):
    proxy = FaultProxy(s3_url).start()
    try:
        proxy.fail_next(6)  # within one request's 8 attempts: invisible but for the time
        result = run_on_s3(vane_bin, showcase_package, "showcase.basics.chain", tmp_path, proxy.url, bucket,
                           {"x": 5})
        assert result.returncode == 0, result.stderr
        assert proxy.failed == 6
        assert result.outputs == flytekit_outputs("showcase.basics.chain", {"x": 5})
    finally:
        proxy.stop()


def test_the_store_going_away_mid_execution_delays_but_loses_and_repeats_nothing(
        vane_bin, showcase_package, tmp_path, s3_url, bucket):
    proxy = FaultProxy(s3_url).start()
    logs = tmp_path / "logs"
    logs.mkdir()
    # The store goes away right after task s2 (node n1) stored its outputs: the engine's reads of
    # them are refused until it comes back.
    proxy.go_down_after(lambda method, path: method == "PUT" and path.split("?")[0].endswith("/n1/data/0/outputs.pb"))
    command = vane_command(vane_bin, "run", showcase_package, "showcase.engine_cases.recorded_chain",
                           "--data-dir", tmp_path / "data", "--outputs-file", tmp_path / "out.pb",
                           "-i", f"log_dir={logs}", "-i", "pause=0.2", *storage_args(proxy.url, bucket))
    process = subprocess.Popen(command, cwd=REPO, env=storage_env(), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        wait_for(lambda: proxy.dropped >= 3, 120, "the engine to meet the stopped store")
        proxy.come_back()
        _, stderr = process.communicate(timeout=180)
        assert process.returncode == 0, stderr
    finally:
        process.kill()
        proxy.stop()
    starts = [line.split()[1] for line in (logs / "steps.log").read_text().splitlines() if line.startswith("start")]
    assert starts == ["s1", "s2", "s3", "s4", "s5", "s6"]


def test_a_refused_credential_names_the_bucket_and_the_operation(vane_bin, showcase_package, tmp_path, tmp_path_factory):
    """moto with authentication on (INITIAL_NO_AUTH_ACTION_COUNT=0): an unknown key is refused."""
    import os
    import sys
    directory = tmp_path_factory.mktemp("s3-auth")
    env = dict(os.environ, VANE_S3_PYTHON=sys.executable, INITIAL_NO_AUTH_ACTION_COUNT="0")
    started = subprocess.run([str(REPO / "scripts/s3/start.sh"), str(directory)], capture_output=True, text=True,
                             env=env, timeout=60)
    assert started.returncode == 0, started.stderr
    try:
        url = started.stdout.strip()
        result = subprocess.run(
            vane_command(vane_bin, "run", showcase_package, "showcase.basics.chain", "--data-dir", tmp_path / "data",
                         "-i", "x=1", *storage_args(url, "guarded-bucket")),
            cwd=REPO, env=storage_env(), capture_output=True, text=True, timeout=120)
    finally:
        subprocess.run([str(REPO / "scripts/s3/stop.sh"), str(directory)], timeout=30)
    assert result.returncode == 2, result.stderr
    assert "S3 denied HeadBucket on bucket 'guarded-bucket'" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_cache_hits_and_recovery_work_with_data_in_the_bucket(vane_bin, tmp_path, tmp_path_factory, s3_url, bucket):
    """A cached task's outputs live in the bucket and a second run reuses them; a failed
    execution's `vane recover` (storage remembered by the data directory) reruns only what failed."""
    from runs import build_package
    packages = tmp_path_factory.mktemp("s3-packages")
    cache_package = build_package("gates_cache", packages / "gates_cache.tgz")
    log = tmp_path / "runs.log"
    first = run_on_s3(vane_bin, cache_package, "gates_cache.cache.cached", tmp_path, s3_url, bucket,
                      {"x": 4, "log": str(log)})
    assert first.returncode == 0, first.stderr
    second = run_on_s3(vane_bin, cache_package, "gates_cache.cache.cached", tmp_path, s3_url, bucket,
                       {"x": 4, "log": str(tmp_path / "other.log"), "label": "again"})
    assert second.returncode == 0, second.stderr
    assert second.outputs == {"o0": "again=16"}
    assert log.read_text().splitlines() == ["square 4"], "the cached task ran again"

    failures = build_package("failures", packages / "failures.tgz")
    counter, flag = tmp_path / "count.txt", tmp_path / "flag"
    flag.write_text("set")
    inputs = {"x": 3, "flag": str(flag), "counter": str(counter)}
    failed = run_on_s3(vane_bin, failures, "failures.recovery.pipeline", tmp_path, s3_url, bucket, inputs)
    assert failed.returncode == 1, failed.stderr
    flag.unlink()
    counter.write_text("")
    recovered = subprocess.run(
        vane_command(vane_bin, "recover", failed.execution_name, "--data-dir", failed.data_dir, "--outputs-file",
                     tmp_path / "recovered.pb"),
        capture_output=True, text=True, timeout=180, cwd=REPO, env=storage_env())
    assert recovered.returncode == 0, recovered.stderr
    assert sorted(counter.read_text().split()) == ["finish", "fragile"]
    from literal_values import literal_map, plain_map
    assert plain_map(literal_map((tmp_path / "recovered.pb").read_bytes())) == flytekit_outputs(
        "failures.recovery.pipeline", {**inputs, "counter": ""})
