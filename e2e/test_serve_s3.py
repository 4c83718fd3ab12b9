"""`vane serve` with its data in object storage (moto on loopback), driven by flytekit's own tools:
`pyflyte register` uploads the code bundle straight to the bucket through a presigned URL (with no
credentials of its own), FlyteRemote uploads a file input the same way, runs workflows whose tasks
fetch the bundle and their data from the bucket, and reads the outputs back from it; the data
proxy's download location and deck link are presigned URLs of the bucket.

One server and one registration for the module (examples/s3flows).
"""

import datetime
import os
import re
import signal
import subprocess
import urllib.request
from pathlib import Path

import pytest

from conftest import REPO
from postgres_store import serve_config_args
from s3_support import KEY_ID, SECRET, client, s3_url, storage_env  # noqa: F401
from test_serve import VENV, Server

EXAMPLE = REPO / "examples" / "s3flows"


def without_aws(env: dict) -> dict:
    """`env` with no AWS or Flyte storage credentials: uploads must go through signed URLs."""
    return {k: v for k, v in env.items() if not k.startswith(("AWS_", "FLYTE_AWS_"))}


@pytest.fixture(scope="module")
def bucket_name(s3_url):
    name = "vane-serve-" + os.urandom(6).hex()
    client(s3_url).create_bucket(Bucket=name)
    return name


@pytest.fixture(scope="module")
def server(vane_bin, tmp_path_factory, s3_url, bucket_name):
    data_dir = tmp_path_factory.mktemp("serve-s3")
    config = data_dir / "vane.yaml"
    extra = serve_config_args(data_dir)  # PostgreSQL admin store when the suite runs on it
    base = Path(extra[1]).read_text() if extra else ""
    config.write_text(base + f"storage:\n  uri: s3://{bucket_name}/vane\n  endpoint: {s3_url}\n")
    process = subprocess.Popen(
        [str(vane_bin), "serve", "--config", str(config), "--data-dir", str(data_dir), "--port", "0", "--http-port",
         "0", "--image", f"*={VENV}"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO, env=storage_env(),
    )
    line = process.stdout.readline()
    match = re.search(r"gRPC on [\d.]+:(\d+), HTTP on http://[\d.]+:(\d+) \(ready in (\d+) ms\)", line)
    if not match:
        process.kill()
        pytest.fail(f"vane serve did not start: {line!r} {process.stderr.read()}")
    srv = Server(process, data_dir / "config.yaml", int(match[1]), int(match[2]), data_dir, int(match[3]))
    yield srv
    process.send_signal(signal.SIGTERM)
    try:
        assert process.wait(timeout=20) == 0
    except subprocess.TimeoutExpired:
        process.kill()
        pytest.fail("vane serve did not stop within 20 s of SIGTERM")


@pytest.fixture(scope="module")
def registered(server):
    env = without_aws(dict(os.environ, PATH=f"{VENV / 'bin'}:{os.environ.get('PATH', '')}"))
    result = subprocess.run(
        [str(VENV / "bin" / "pyflyte"), "--config", str(server.config), "register", "--image", "python:3.11",
         "--version", "v1", "s3flows"],
        capture_output=True, text=True, timeout=300, cwd=EXAMPLE, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture
def remote(server, monkeypatch):
    """FlyteRemote with the written config; it reads s3:// outputs with the reader's own credentials."""
    from flytekit.configuration import Config
    from flytekit.remote import FlyteRemote

    for name, value in storage_env().items():
        if name.startswith("AWS_"):
            monkeypatch.setenv(name, value)
    return FlyteRemote(Config.auto(config_file=str(server.config)), default_project="flytesnacks",
                       default_domain="development")


def run(remote, plan, inputs):
    """Executes and waits, polling often (FlyteRemote's default is every 30 s)."""
    execution = remote.execute(plan, inputs=inputs)
    return remote.wait(execution, timeout=datetime.timedelta(seconds=180),
                       poll_interval=datetime.timedelta(seconds=0.3))


def objects(s3_url, bucket, prefix=""):
    listed = client(s3_url).list_objects_v2(Bucket=bucket, Prefix=prefix)
    return [item["Key"] for item in listed.get("Contents", [])]


def test_register_uploads_the_bundle_to_the_bucket_through_a_presigned_url(
        server, registered, s3_url, bucket_name, remote):
    bundles = [k for k in objects(s3_url, bucket_name, "vane/uploads/flytesnacks/development/") if k.endswith(".tar.gz")]
    assert len(bundles) == 1, bundles
    head = client(s3_url).head_object(Bucket=bucket_name, Key=bundles[0])
    assert head["Metadata"].get("flytecontentmd5"), head["Metadata"]
    assert not (server.data_dir / "uploads").exists(), "the bundle went through the server's data directory"
    assert f"endpoint: {s3_url}" in server.config.read_text()
    task = remote.fetch_task(name="s3flows.flow.shout", version="v1")
    assert f"s3://{bucket_name}/{bundles[0]}" in task.template.container.args


def test_a_file_goes_in_and_comes_out_through_the_bucket(server, registered, remote, s3_url, bucket_name, tmp_path):
    source = tmp_path / "words.txt"
    source.write_text("quiet words\n")
    plan = remote.fetch_launch_plan(name="s3flows.flow.files", version="v1")
    execution = run(remote, plan, {"f": str(source)})
    assert execution.is_successful, execution.closure.error
    loud, length = execution.outputs["o0"], execution.outputs["o1"]
    assert length == len("quiet words\n")
    assert loud.remote_source.startswith(f"s3://{bucket_name}/vane/raw/"), loud.remote_source
    # FlyteRemote's file access knows the bucket's endpoint (from the written config).
    from flytekit.core.context_manager import FlyteContextManager
    with FlyteContextManager.with_context(remote.context.new_builder()):
        with open(loud.download()) as f:
            assert f.read() == "QUIET WORDS\n"
    keys = objects(s3_url, bucket_name, f"vane/metadata/flytesnacks-development-{execution.id.name}/")
    assert any(k.endswith("n0/data/0/outputs.pb") for k in keys), keys
    assert not (server.data_dir / "metadata").exists(), "execution data went to the local data directory"
    # The input file FlyteRemote uploaded also went to the bucket through the data proxy.
    uploaded = [k for k in objects(s3_url, bucket_name, "vane/uploads/") if k.endswith("words.txt")]
    assert uploaded, objects(s3_url, bucket_name, "vane/uploads/")

    signed = remote.client.get_download_signed_url(f"s3://{bucket_name}/{keys[0]}")
    assert signed.signed_url.startswith(s3_url) and "X-Amz-Signature=" in signed.signed_url
    with urllib.request.urlopen(signed.signed_url, timeout=30) as response:
        assert response.read() == client(s3_url).get_object(Bucket=bucket_name, Key=keys[0])["Body"].read()


def test_a_dynamic_workflow_runs_and_its_deck_is_linked_from_the_bucket(server, registered, remote):
    from flyteidl.core import identifier_pb2
    from flyteidl.service import dataproxy_pb2

    plan = remote.fetch_launch_plan(name="s3flows.flow.numbers", version="v1")
    execution = run(remote, plan, {"n": 2})
    assert execution.is_successful, execution.closure.error
    assert execution.outputs["o0"] == 0 + 1
    node = identifier_pb2.NodeExecutionIdentifier(
        node_id="n1", execution_id=identifier_pb2.WorkflowExecutionIdentifier(
            project="flytesnacks", domain="development", name=execution.id.name))
    link = remote.client._dataproxy_stub.CreateDownloadLink(
        dataproxy_pb2.CreateDownloadLinkRequest(artifact_type=dataproxy_pb2.ARTIFACT_TYPE_DECK,
                                                node_execution_id=node),
        metadata=remote.client._metadata)
    (url,) = link.pre_signed_urls.signed_url
    assert "X-Amz-Signature=" in url
    with urllib.request.urlopen(url, timeout=30) as response:
        assert "<p>0, 1</p>" in response.read().decode()


def test_a_missing_bucket_or_half_a_setting_stops_serve_at_start(vane_bin, tmp_path, s3_url):
    missing = subprocess.run(
        [str(vane_bin), "serve", "--data-dir", str(tmp_path / "a"), "--port", "0", "--http-port", "0",
         "--storage", "s3://no-such-bucket-here/vane", "--s3-endpoint", s3_url],
        capture_output=True, text=True, timeout=60, cwd=REPO, env=storage_env())
    assert missing.returncode == 2, missing.stderr
    assert "the bucket 'no-such-bucket-here' does not exist" in missing.stderr, missing.stderr
    config = tmp_path / "vane.yaml"
    config.write_text("storage:\n  region: eu-west-1\n")
    half = subprocess.run(
        [str(vane_bin), "serve", "--config", str(config), "--data-dir", str(tmp_path / "b"), "--port", "0",
         "--http-port", "0"], capture_output=True, text=True, timeout=60, cwd=REPO, env=storage_env())
    assert half.returncode == 2, half.stderr
    assert "storage.uri: required when other storage settings are given" in half.stderr, half.stderr
