"""Map tasks (array nodes) run by `vane run`: partial inputs, tolerated failures under
`min_success_ratio` (outputs equal flytekit's local run), `concurrency` respected, and a
100,000-item map over Flyte's `echo` task type in one execution (wall time and stored status
bytes per item printed; run with -s to see them)."""

import sqlite3
import subprocess
import time

import pytest

from echo_map_package import build as build_echo_map
from runs import build_package, flytekit_outputs, run_vane, vane_command


@pytest.fixture(scope="module")
def maps_package(tmp_path_factory):
    return build_package("maps", tmp_path_factory.mktemp("packages") / "maps-fast.tgz")


@pytest.mark.parametrize("inputs", [{}, {"xs": [5, -2, 0, 7], "words": ["map", "task", "!"]}])
def test_partials_are_bound_to_every_item(vane_bin, maps_package, tmp_path, inputs):
    result = run_vane(vane_bin, maps_package, "maps.workflows.partials", tmp_path / "data", inputs)
    assert result.returncode == 0, result.stderr
    assert result.outputs == flytekit_outputs("maps.workflows.partials", inputs)


def test_failed_items_become_none_under_min_success_ratio(vane_bin, maps_package, tmp_path):
    inputs = {"xs": [1, 0, 4, 5]}
    result = run_vane(vane_bin, maps_package, "maps.workflows.tolerant", tmp_path / "data", inputs)
    assert result.returncode == 0, result.stderr
    assert result.outputs == {"o0": [1.0, None, 0.25, 0.2], "o1": 3}
    assert result.outputs == flytekit_outputs("maps.workflows.tolerant", inputs)


def test_too_many_failed_items_fail_the_map(vane_bin, maps_package, tmp_path):
    result = run_vane(vane_bin, maps_package, "maps.workflows.tolerant", tmp_path / "data", {"xs": [0, 0, 1, 2]})
    assert result.returncode == 1, result.stderr
    assert "2 of 4 items failed; at least 3 had to succeed. First failure: item 0" in result.stderr
    assert "cannot invert zero" in result.stderr
    with pytest.raises(Exception, match="cannot invert zero"):
        flytekit_outputs("maps.workflows.tolerant", {"xs": [0, 0, 1, 2]})


def test_concurrency_limits_items_running_at_once(vane_bin, maps_package, tmp_path):
    """`concurrency=2`: no item ever sees more than two items running, and two do run at once —
    shown by a rendezvous (each item waits for a partner in a shared directory), not by clock
    readings that a slow start-up can push apart."""
    meeting = tmp_path / "meeting"
    inputs = {"xs": list(range(6)), "meeting": str(meeting), "total": 6}
    result = run_vane(vane_bin, maps_package, "maps.workflows.concurrent", tmp_path / "data", inputs)
    assert result.returncode == 0, result.stderr
    records = [text.split(":") for text in result.outputs["o0"]]
    # Each item saw its own index in FLYTE_K8S_ARRAY_INDEX, and the list is in item order.
    assert [int(index) for index, _, _ in records] == list(range(6))
    peaks = [int(peak) for _, peak, _ in records]
    assert max(peaks) <= 2, records
    # The first two items wait for each other, so at least they met.
    assert [met for _, _, met in records].count("True") >= 2, records
    assert sorted(path.name for path in meeting.iterdir()) == [f"done-{index}" for index in range(6)]


def test_a_100000_item_echo_map_runs_in_one_execution(vane_bin, tmp_path):
    count = 100_000
    package, inputs_file = build_echo_map(tmp_path, count)
    data = tmp_path / "data"
    outputs_file = tmp_path / "outputs.pb"
    started = time.monotonic()
    result = subprocess.run(
        vane_command(vane_bin, "run", package, "echo_map.wf", "--inputs-file", inputs_file, "--data-dir", data,
                     "--outputs-file", outputs_file), capture_output=True, text=True, timeout=1800)
    seconds = time.monotonic() - started
    assert result.returncode == 0, result.stderr[-3000:]

    from flyteidl.core import literals_pb2

    outputs = literals_pb2.LiteralMap()
    outputs.ParseFromString(outputs_file.read_bytes())
    values = [item.scalar.primitive.integer for item in outputs.literals["o0"].collection.literals]
    assert values == list(range(count))
    with sqlite3.connect(data / "vane.db") as db:
        ((status_bytes,),) = db.execute("SELECT length(status) FROM resources").fetchall()
        events, event_bytes = db.execute(
            "SELECT count(*), sum(length(payload)) FROM execution_events WHERE kind = 2").fetchone()
    print(f"\n100,000-item echo map: {seconds:.1f} s wall, status {status_bytes} bytes "
          f"({status_bytes / count:.2f} bytes/item), {events} task events of {event_bytes} bytes")
    assert status_bytes / count < 4
    assert events < 100
