"""The data cache end to end: `vane run` of examples/gates_cache, whose cached tasks append a
line to a log file (an input the cache ignores) each time they really run."""

import sqlite3
import subprocess
from pathlib import Path

import pytest

from runs import REPO, build_package, flytekit_outputs, run_vane, vane_command, wait_for

CACHE_HIT = 2
CACHE_POPULATED = 3


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> Path:
    return build_package("gates_cache", tmp_path_factory.mktemp("packages") / "gates_cache.tgz")


def node_cache_statuses(data_dir: Path, execution: str) -> dict:
    """The cache status of each node's last event in `execution`, by node id."""
    from flyteidl.event import event_pb2

    statuses = {}
    with sqlite3.connect(data_dir / "vane.db") as db:
        rows = db.execute(
            "SELECT payload FROM execution_events WHERE kind = 1 AND name = ? ORDER BY seq", (execution,))
        for (payload,) in rows:
            event = event_pb2.NodeExecutionEvent()
            event.ParseFromString(payload)
            statuses[event.id.node_id] = event.task_node_metadata.cache_status
    return statuses


def runs_logged(log: Path) -> list:
    return log.read_text().splitlines() if log.exists() else []


def test_a_second_run_reuses_the_cached_outputs_and_overwrite_recomputes(vane_bin, package, tmp_path):
    data, log = tmp_path / "data", tmp_path / "runs.log"
    first = run_vane(vane_bin, package, "gates_cache.cache.cached", data, {"x": 4, "log": str(log)})
    assert first.returncode == 0, first.stderr
    assert first.outputs == {"o0": "sq=16"}
    assert first.outputs == flytekit_outputs("gates_cache.cache.cached", {"x": 4, "log": str(tmp_path / "local.log")})
    assert runs_logged(log) == ["square 4"]
    assert node_cache_statuses(data, first.execution_name)["n0"] == CACHE_POPULATED

    # Same x, another log file and label: `log` is ignored by the cache, so this is a hit.
    other_log = tmp_path / "other.log"
    second = run_vane(vane_bin, package, "gates_cache.cache.cached", data,
                      {"x": 4, "log": str(other_log), "label": "again"})
    assert second.returncode == 0, second.stderr
    assert second.outputs == {"o0": "again=16"}
    assert runs_logged(log) == ["square 4"] and runs_logged(other_log) == [], "the cached task ran again"
    name = second.execution_name
    # No process was started for the cached node; the uncached one ran.
    assert [w for w in second.work_dirs() if w.startswith(f"{name}-n0-")] == []
    assert [w for w in second.work_dirs() if w.startswith(f"{name}-n1-")] != []
    assert node_cache_statuses(data, name)["n0"] == CACHE_HIT
    assert "n0 gates_cache.cache.logged_square: Succeeded — cache hit" in second.stderr

    # Another x misses.
    third = run_vane(vane_bin, package, "gates_cache.cache.cached", data, {"x": 5, "log": str(log)})
    assert third.outputs == {"o0": "sq=25"}
    assert runs_logged(log) == ["square 4", "square 5"]

    # --overwrite-cache runs it again and stores the new result.
    forced = run_vane(vane_bin, package, "gates_cache.cache.cached", data, {"x": 4, "log": str(log)},
                      extra=("--overwrite-cache",))
    assert forced.returncode == 0, forced.stderr
    assert forced.outputs == {"o0": "sq=16"}
    assert runs_logged(log) == ["square 4", "square 5", "square 4"]
    assert node_cache_statuses(data, forced.execution_name)["n0"] == CACHE_POPULATED
    assert "cache hit" not in forced.stderr


def test_cache_serialize_lets_one_of_two_concurrent_runs_compute(vane_bin, package, tmp_path):
    """The first execution computes and holds the reservation until the test opens its gate;
    the second is started meanwhile and must have looked the cache up before the gate opens —
    the two runs overlap by construction, however slowly the processes start."""
    data, log, gate = tmp_path / "data", tmp_path / "runs.log", tmp_path / "gate"
    data.mkdir()
    processes, stderr_files = [], []

    def start(name):
        stderr_file = tmp_path / f"{name}.stderr"
        command = vane_command(vane_bin, "run", package, "gates_cache.cache.serialized", "--data-dir", data,
                               "--name", name, "-i", "x=3", "-i", f"log={log}", "-i", f"gate={gate}")
        with stderr_file.open("w") as stderr:
            processes.append(subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=stderr, text=True))
        stderr_files.append(stderr_file)

    try:
        start("first")
        wait_for(lambda: runs_logged(log) == ["cube 3"], 120, "the first execution to compute")
        start("second")
        # The round that queues a node also hands it to the cache, which finds the first's
        # reservation (the first cannot end before the gate opens) and waits on it.
        wait_for(lambda: "n0 gates_cache.cache.slow_cube: Queued" in stderr_files[1].read_text(), 120,
                 "the second execution to look the cache up while the first computes")
        gate.touch()
        results = [(process.communicate(timeout=120)[0], stderr.read_text())
                   for process, stderr in zip(processes, stderr_files)]
    finally:
        gate.touch()
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.wait()
    for process, (out, err) in zip(processes, results):
        assert process.returncode == 0, err
        assert '"o0": 27' in out, out
    assert runs_logged(log) == ["cube 3"], "both executions computed the serialized task"
    statuses = sorted(node_cache_statuses(data, name)["n0"] for name in ("first", "second"))
    assert statuses == [CACHE_HIT, CACHE_POPULATED]
    # The process that waited reused the other's result.
    assert sum("cache hit" in err for _, err in results) == 1
    with sqlite3.connect(data / "vane.db") as db:
        left = db.execute("SELECT COUNT(*) FROM key_values WHERE namespace = 'cache-reservations'").fetchone()[0]
    assert left == 0, "the reservation was not released"
