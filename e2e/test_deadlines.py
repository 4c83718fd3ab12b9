"""The engine's default deadlines through `vane run` (examples/failures, `failures.timeouts.unbounded`:
a task without a timeout that sleeps 60 s, retries=1): `--node-execution-deadline` stops each
attempt with the retryable TimeoutExpired, `--workflow-active-deadline` fails the execution with
Timeout after stopping its running node. Lower bounds only: a slow machine cannot make them fail."""

import pytest

from runs import build_package, process_seconds, run_vane, wait_for

ENTITY = "failures.timeouts.unbounded"


@pytest.fixture(scope="module")
def failures_package(tmp_path_factory):
    return build_package("failures", tmp_path_factory.mktemp("packages") / "failures.tgz")


def stopped_attempts(result, count):
    """The attempts' processes were stopped (each ran well under its 60 s sleep)."""
    work = result.data_dir / "work"
    wait_for(lambda: len(list(work.iterdir())) == count and all((w / "exit").exists() for w in work.iterdir()),
             60, "the stopped attempts' exit files")
    seconds = process_seconds(result.data_dir)
    assert len(seconds) == count and all(value < 60 for value in seconds.values()), seconds


def test_the_node_execution_deadline_stops_each_attempt(vane_bin, failures_package, tmp_path):
    counter = tmp_path / "runs.txt"
    result = run_vane(vane_bin, failures_package, ENTITY, tmp_path / "data", {"counter": str(counter)},
                      extra=("--node-execution-deadline", "2s"))
    assert result.returncode == 1, result.stderr
    assert "TimeoutExpired" in result.stderr
    assert "ran longer than the engine's node-execution-deadline of 2s" in result.stderr
    assert result.seconds >= 4  # two attempts of 2 s each
    name = result.execution_name
    assert result.work_dirs() == [f"{name}-n0-0", f"{name}-n0-1"]
    stopped_attempts(result, 2)


def test_the_workflow_active_deadline_fails_the_execution(vane_bin, failures_package, tmp_path):
    result = run_vane(vane_bin, failures_package, ENTITY, tmp_path / "data",
                      extra=("--workflow-active-deadline", "3s", "--node-active-deadline", "0"))
    assert result.returncode == 1, result.stderr
    assert "Timeout" in result.stderr
    assert "ran past the engine's workflow-active-deadline of 3s" in result.stderr
    assert result.seconds >= 3
    stopped_attempts(result, 1)


def test_a_bad_deadline_is_a_usage_error(vane_bin, failures_package, tmp_path):
    result = run_vane(vane_bin, failures_package, ENTITY, tmp_path / "data", extra=("--node-active-deadline", "soon"))
    assert result.returncode == 2, result.stderr
    assert "--node-active-deadline" in result.stderr and "'soon'" in result.stderr
