"""Flyte parity on real flytekit output (examples/parity, packaged by `pyflyte package`):
identical duplicate entities, Echo tasks, the raw output prefix, `with_overrides`, secrets and
StructuredDatasets, each run by `vane run` and compared with flytekit's local run where one
exists."""

import tarfile

import pytest

from flyteidl.core import literals_pb2

from runs import REPO, VENV, build_package, flytekit_outputs, run_vane

PROJECT = "flytesnacks"


@pytest.fixture(scope="module")
def packaged(tmp_path_factory):
    """The package, and the raw output prefix its launch plan `note_elsewhere` names."""
    out = tmp_path_factory.mktemp("parity")
    raw = out / "raw-from-launch-plan"
    return build_package("parity", out / "parity-fast.tgz", env={"PARITY_RAW_PREFIX": str(raw)}), raw


@pytest.fixture(scope="module")
def package(packaged):
    return packaged[0]


def raw_outputs(result) -> literals_pb2.LiteralMap:
    outputs = literals_pb2.LiteralMap()
    outputs.ParseFromString(result.outputs_file.read_bytes())
    return outputs


# (1) pyflyte package writes a map task once per workflow that maps it.

def test_a_map_task_packaged_twice_is_one_entity(vane_bin, package, tmp_path):
    with tarfile.open(package) as archive:
        copies = [archive.extractfile(member).read() for member in archive.getmembers()
                  if "shared_map.map_square" in member.name and member.name.endswith("-arraynode_1.pb")]
    assert len(copies) == 2 and copies[0] == copies[1], "the package no longer holds the map task twice"
    for entity, expected in [("parity.shared_map.squares", [1, 4, 9]), ("parity.shared_map.sum_of_squares", 14)]:
        result = run_vane(vane_bin, package, entity, tmp_path / entity)
        assert result.returncode == 0, result.stderr
        assert result.outputs == {"o0": expected} == flytekit_outputs(entity)


def test_different_content_under_one_name_is_still_refused(vane, package, tmp_path):
    unpacked = tmp_path / "pkg"
    with tarfile.open(package) as archive:
        archive.extractall(unpacked, filter="data")
    first, second = sorted(path for path in unpacked.rglob("*-arraynode_1.pb") if "shared_map.map_square" in path.name)
    second.write_bytes(second.read_bytes() + b"\x90\x03\x01")  # an extra (unknown) field: other content
    result = vane("compile", unpacked, "parity.shared_map.squares")
    assert result.returncode != 0
    assert "with different content" in result.stderr and first.name in result.stderr, result.stderr


# (2) Echo tasks.

def test_echo_hands_its_input_back_as_o0(vane_bin, package, tmp_path):
    result = run_vane(vane_bin, package, "parity.echoes.echoed", tmp_path / "data", {"a": "bounce"})
    assert result.returncode == 0, result.stderr
    assert result.outputs == {"o0": "bounce"}
    # No process ran for the echo node: no work directory was made.
    assert not (tmp_path / "data" / "work").exists() or not list((tmp_path / "data" / "work").iterdir())


def test_echo_pairs_several_inputs_by_type(vane_bin, package, tmp_path):
    result = run_vane(vane_bin, package, "parity.echoes.echoed_pair", tmp_path / "data", {"word": "ab", "count": 3})
    assert result.returncode == 0, result.stderr
    assert result.outputs == {"o0": "ab-ab-ab"}


# (3) The raw output prefix.

def test_the_launch_plans_raw_output_prefix_receives_the_tasks_files(vane_bin, packaged, tmp_path):
    package, raw = packaged
    result = run_vane(vane_bin, package, "parity.raw_output.note_elsewhere", tmp_path / "data", {"text": "elsewhere"})
    assert result.returncode == 0, result.stderr
    uri = raw_outputs(result).literals["o0"].scalar.blob.uri
    assert uri.startswith(f"file://{raw}/") or uri.startswith(f"{raw}/"), uri
    assert result.outputs == {"o0": ("file", b"elsewhere")}
    assert not list((tmp_path / "data" / "raw").rglob("note.txt")), "the file went to the default raw prefix too"


def test_raw_output_prefix_flag_wins_and_bad_prefixes_are_refused(vane_bin, package, tmp_path):
    chosen = tmp_path / "chosen-raw"
    result = run_vane(vane_bin, package, "parity.raw_output.note_elsewhere", tmp_path / "data", {"text": "x"},
                      extra=("--raw-output-prefix", str(chosen)))
    assert result.returncode == 0, result.stderr
    assert str(chosen) in raw_outputs(result).literals["o0"].scalar.blob.uri
    bad = run_vane(vane_bin, package, "parity.raw_output.note", tmp_path / "bad", extra=("--raw-output-prefix", "rel/x"))
    assert bad.returncode == 2
    assert "--raw-output-prefix rel/x: the raw output prefix must be an absolute path" in bad.stderr


# (4) with_overrides and node-level cache settings.

def test_with_overrides_runs_the_node_in_the_overriding_image(vane_bin, package, tmp_path):
    other = tmp_path / "other-env"
    other.mkdir()
    (other / "bin").symlink_to(VENV / "bin")
    result = run_vane(vane_bin, package, "parity.overrides.images", tmp_path / "data",
                      extra=("--image", f"parity/other:1={other}"))
    assert result.returncode == 0, result.stderr
    assert result.outputs == {"o0": f"{VENV}/bin", "o1": f"{other}/bin"}


def test_pod_templates_run_as_their_primary_container(vane_bin, package, tmp_path):
    """A task with `pod_template=` runs (it has no plain container: the pod spec holds it), with
    the primary container's environment; a node's pod template override adds what the task
    does not set itself."""
    result = run_vane(vane_bin, package, "parity.pods.pods", tmp_path / "data", {"name": "pods"})
    assert result.returncode == 0, result.stderr
    assert result.outputs == {
        "o0": "from the pod template, pods",
        "o1": "from the task, none, pods",
        "o2": "from the task, added, pods",
    }


def test_cache_turned_on_by_the_node_reuses_outputs(vane_bin, package, tmp_path):
    marker = tmp_path / "runs"
    data = tmp_path / "data"
    for _ in range(2):
        result = run_vane(vane_bin, package, "parity.overrides.cached_by_node", data, {"x": 4, "marker": str(marker)})
        assert result.returncode == 0, result.stderr
        assert result.outputs == {"o0": 5}
    assert len(list(marker.iterdir())) == 1, "the second run computed again instead of hitting the cache"


# (5) Secrets.

@pytest.fixture
def secrets_dir(tmp_path):
    root = tmp_path / "secrets"
    (root / "projects" / PROJECT / "db").mkdir(parents=True)
    (root / "projects" / PROJECT / "db" / "password").write_text("pw-of-the-project-7c1e")
    (root / "projects" / "someone-else" / "api").mkdir(parents=True)
    (root / "projects" / "someone-else" / "api" / "token").write_text("not-yours-5b2a")
    (root / "shared" / "api").mkdir(parents=True)
    (root / "shared" / "api" / "token").write_text("tok-shared-9d4f\n")
    return root


def test_tasks_read_their_secrets_and_nothing_keeps_them(vane_bin, package, tmp_path, secrets_dir):
    data = tmp_path / "data"
    result = run_vane(vane_bin, package, "parity.secrets.uses_secrets", data,
                      extra=("--secrets-dir", str(secrets_dir)))
    assert result.returncode == 0, result.stderr
    # flytekit strips the value; the request's env_var holds it as the file has it.
    assert result.outputs == {"o0": len("pw-of-the-project-7c1e"), "o1": "15|True"}
    for secret in (b"pw-of-the-project-7c1e", b"tok-shared-9d4f", b"not-yours-5b2a"):
        assert secret.decode() not in result.stdout + result.stderr
        for path in data.rglob("*"):
            try:
                content = path.read_bytes() if path.is_file() else b""
            except FileNotFoundError:  # a fork server's temporary file, gone while scanning
                continue
            assert secret not in content, f"{secret!r} written to {path}"


def test_a_missing_secret_fails_the_task_before_it_starts(vane_bin, package, tmp_path, secrets_dir):
    (secrets_dir / "projects" / PROJECT / "db" / "password").unlink()
    result = run_vane(vane_bin, package, "parity.secrets.uses_secrets", tmp_path / "data",
                      extra=("--secrets-dir", str(secrets_dir)))
    assert result.returncode == 1, result.stderr
    assert "LocalSecretUnavailable" in result.stderr or "secret 'db/password'" in result.stderr, result.stderr
    assert f"project '{PROJECT}'" in result.stderr, result.stderr


# (6) StructuredDataset: pandas → parquet → downstream task, column subset.

def test_a_dataframe_flows_to_a_task_that_reads_a_column_subset(vane_bin, package, tmp_path):
    result = run_vane(vane_bin, package, "parity.datasets.scores", tmp_path / "data", {"n": 4})
    assert result.returncode == 0, result.stderr
    assert result.outputs == {"o0": ["name", "score"], "o1": 9.0}
    assert result.outputs == flytekit_outputs("parity.datasets.scores", {"n": 4})
    parquet = [path for path in (tmp_path / "data" / "raw").rglob("*")
               if path.is_file() and path.read_bytes()[:4] == b"PAR1"]
    assert parquet, "the dataframe was not written as parquet under the raw output prefix"


# Map item caching.

def test_map_items_are_cached_one_by_one(vane_bin, package, tmp_path):
    marker = tmp_path / "computed"
    data = tmp_path / "data"
    first = run_vane(vane_bin, package, "parity.cached_map.cached_squares", data,
                     {"xs": [1, 2, 3], "marker": str(marker)})
    assert first.returncode == 0, first.stderr
    assert first.outputs == {"o0": [1, 4, 9]}
    second = run_vane(vane_bin, package, "parity.cached_map.cached_squares", data,
                      {"xs": [3, 4, 1], "marker": str(marker)})
    assert second.returncode == 0, second.stderr
    assert second.outputs == {"o0": [9, 16, 1]}
    computed = sorted(int(path.name.split("-")[1]) for path in marker.iterdir())
    assert computed == [1, 2, 3, 4], "an item found in the cache ran again"


# Decks.

def test_a_tasks_deck_is_linked_from_its_node_event_and_served_as_html(vane_bin, tmp_path):
    """Through `vane serve` (whose data endpoints serve only data of executions it knows): the
    ended task node's event carries deck_uri, and CreateDownloadLink's URL serves the deck as a
    sandboxed text/html page."""
    import time
    import urllib.request

    from flyteidl.admin import node_execution_pb2
    from flyteidl.core import identifier_pb2
    from flyteidl.service import dataproxy_pb2
    from flytekit.configuration import Config
    from flytekit.remote import FlyteRemote

    from test_serve import start_server

    server = start_server(vane_bin, tmp_path / "data")
    try:
        result = server.pyflyte("register", "--image", "python:3.11", "--version", "v1", "parity",
                                cwd=REPO / "examples" / "parity")
        assert result.returncode == 0, result.stdout + result.stderr
        remote = FlyteRemote(Config.auto(config_file=str(server.config)), default_project="flytesnacks",
                             default_domain="development")
        plan = remote.fetch_launch_plan(name="parity.decks.with_deck", version="v1")
        execution = remote.execute(plan, inputs={"title": "Quarterly"})
        deadline = time.monotonic() + 180
        while not execution.is_done:
            assert time.monotonic() < deadline, "the deck workflow did not end within 180 s"
            time.sleep(0.5)
            execution = remote.sync(execution)
        assert execution.is_successful, execution.closure.error
        node = identifier_pb2.NodeExecutionIdentifier(
            node_id="n0", execution_id=identifier_pb2.WorkflowExecutionIdentifier(
                project="flytesnacks", domain="development", name=execution.id.name))
        closure = remote.client._stub.GetNodeExecution(
            node_execution_pb2.NodeExecutionGetRequest(id=node), metadata=remote.client._metadata).closure
        assert closure.deck_uri.endswith("/deck.html"), closure
        link = remote.client._dataproxy_stub.CreateDownloadLink(
            dataproxy_pb2.CreateDownloadLinkRequest(artifact_type=dataproxy_pb2.ARTIFACT_TYPE_DECK,
                                                    node_execution_id=node),
            metadata=remote.client._metadata)
        (url,) = link.pre_signed_urls.signed_url
        with urllib.request.urlopen(url, timeout=30) as response:
            assert response.headers["Content-Type"] == "text/html; charset=utf-8"
            assert response.headers["Content-Security-Policy"] == "sandbox allow-scripts"
            assert b"<h2>Quarterly</h2>" in response.read()
        # The deck's Flyte data URL resolves to a link of the same deck (FlyteRemote.get → GetData).
        data = remote.client._stub.GetNodeExecutionData(
            node_execution_pb2.NodeExecutionGetDataRequest(id=node), metadata=remote.client._metadata)
        assert data.flyte_urls.deck.endswith(f"/{execution.id.name}/n0/d")
        resolved = remote.client._dataproxy_stub.GetData(
            dataproxy_pb2.GetDataRequest(flyte_url=data.flyte_urls.deck), metadata=remote.client._metadata)
        (deck_url,) = resolved.pre_signed_urls.signed_url
        with urllib.request.urlopen(deck_url, timeout=30) as response:
            assert b"<h2>Quarterly</h2>" in response.read()
    finally:
        server.process.terminate()
        server.process.wait(timeout=20)


# Offloaded map inputs.

def test_a_map_over_an_offloaded_list_runs_every_item(vane_bin, package, tmp_path):
    import subprocess

    from flyteidl.core import types_pb2

    from runs import vane_command

    items = [literals_pb2.Literal(scalar=literals_pb2.Scalar(primitive=literals_pb2.Primitive(integer=i)))
             for i in (2, 3, 4)]
    value = literals_pb2.Literal(collection=literals_pb2.LiteralCollection(literals=items))
    # Offloaded values live with the execution data (Flyte keeps them in its metadata bucket);
    # the data store reads nothing outside the data directory.
    (tmp_path / "data" / "offloaded").mkdir(parents=True)
    offloaded_file = tmp_path / "data" / "offloaded" / "xs.pb"
    offloaded_file.write_bytes(value.SerializeToString())
    offloaded = literals_pb2.Literal(offloaded_metadata=literals_pb2.LiteralOffloadedMetadata(
        uri=f"file://{offloaded_file}", size_bytes=offloaded_file.stat().st_size,
        inferred_type=types_pb2.LiteralType(collection_type=types_pb2.LiteralType(simple=types_pb2.INTEGER))))
    inputs_file = tmp_path / "inputs.pb"
    inputs_file.write_bytes(literals_pb2.LiteralMap(literals={"xs": offloaded}).SerializeToString())
    outputs_file = tmp_path / "outputs.pb"
    result = subprocess.run(
        vane_command(vane_bin, "run", package, "parity.shared_map.squares", "--inputs-file", inputs_file,
                     "--data-dir", tmp_path / "data", "--outputs-file", outputs_file),
        capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    outputs = literals_pb2.LiteralMap()
    outputs.ParseFromString(outputs_file.read_bytes())
    assert [item.scalar.primitive.integer for item in outputs.literals["o0"].collection.literals] == [4, 9, 16]
