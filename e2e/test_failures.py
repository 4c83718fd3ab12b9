"""Failure handling end to end with examples/failures: both failure policies, a failure node
that receives the error, and a task timeout that is retried and then ends the node."""

import pytest

from runs import build_package, failed_attempts, process_seconds, run_vane, wait_for


@pytest.fixture(scope="module")
def failures_package(tmp_path_factory):
    return build_package("failures", tmp_path_factory.mktemp("packages") / "failures.tgz")


def node_outputs_exist(data_dir, name, node):
    return any((data_dir / "metadata").glob(f"*-{name}/{node}/data/*/outputs.pb"))


def test_fail_immediately_stops_the_slow_sibling(vane_bin, failures_package, tmp_path):
    counter = tmp_path / "runs.txt"
    result = run_vane(vane_bin, failures_package, "failures.policies.fail_fast", tmp_path / "data",
                      {"x": 1, "seconds": 30.0, "counter": str(counter)})
    assert result.returncode == 1, result.stderr
    assert "boom on 1" in result.stderr
    assert result.seconds < 25, "the slow sibling was not stopped"
    assert "slow-end" not in counter.read_text().split()
    assert not node_outputs_exist(result.data_dir, result.execution_name, "n1")


def test_fail_after_executable_nodes_complete_lets_the_sibling_finish(vane_bin, failures_package, tmp_path):
    counter = tmp_path / "runs.txt"
    result = run_vane(vane_bin, failures_package, "failures.policies.fail_late", tmp_path / "data",
                      {"x": 1, "seconds": 3.0, "counter": str(counter)})
    assert result.returncode == 1, result.stderr
    assert "boom on 1" in result.stderr
    assert counter.read_text().split().count("slow-end") == 1
    assert node_outputs_exist(result.data_dir, result.execution_name, "n1"), "slow's outputs"
    assert not node_outputs_exist(result.data_dir, result.execution_name, "n2"), "after never ran"


def test_the_failure_node_receives_the_error(vane_bin, failures_package, tmp_path):
    report = tmp_path / "report.txt"
    result = run_vane(vane_bin, failures_package, "failures.handler.reported", tmp_path / "data",
                      {"x": 7, "fail": True, "path": str(report)})
    assert result.returncode == 1, result.stderr
    assert "risky failed on 7" in result.stderr
    node_id, _, message = report.read_text().partition("\n")
    assert node_id == "fn0"
    assert "risky failed on 7" in message


def test_no_failure_node_when_the_workflow_succeeds(vane_bin, failures_package, tmp_path):
    report = tmp_path / "report.txt"
    result = run_vane(vane_bin, failures_package, "failures.handler.reported", tmp_path / "data",
                      {"x": 7, "fail": False, "path": str(report)})
    assert result.returncode == 0, result.stderr
    assert result.outputs == {"o0": 8}
    assert not report.exists()


def test_a_timed_out_task_is_retried_then_fails(vane_bin, failures_package, tmp_path):
    """sleepy: timeout 2 s, retries 1, sleeps 60 s: attempt 0 times out (retryable), attempt 1
    runs until the node's deadline (2 × 2 s from when it was queued), then the node times out."""
    counter = tmp_path / "runs.txt"
    result = run_vane(vane_bin, failures_package, "failures.timeouts.too_slow", tmp_path / "data",
                      {"seconds": 60.0, "counter": str(counter)})
    assert result.returncode == 1, result.stderr
    # Two attempts were launched (one per work directory). Whether their user code got as far as
    # the counter within 2 s depends on how fast Python starts on a busy machine, so the counter
    # only shows that no attempt ran more than once and none finished its sleep.
    name = result.execution_name
    assert result.work_dirs() == [f"{name}-n0-0", f"{name}-n0-1"]
    assert set(counter.read_text().split() if counter.exists() else []) <= {"sleepy"}
    assert len(counter.read_text().split() if counter.exists() else []) <= 2
    # The node may not end before its deadline (2 × 2 s from when it was queued), and each
    # attempt was stopped rather than left to finish its 60 s sleep: no upper bound that a slow
    # machine could cross, only the task's own sleep.
    assert result.seconds >= 4
    # The node's deadline aborts attempt 1: SIGTERM to its process group, whose wrapper writes
    # `exit` when the process has gone — which may come just after `vane run` has returned.
    work = result.data_dir / "work"
    wait_for(lambda: all((w / "exit").exists() for w in work.iterdir()), 60, "the aborted attempts' exit files")
    seconds = process_seconds(result.data_dir)
    assert len(seconds) == 2 and all(value < 60 for value in seconds.values()), seconds
    assert "Timeout" in result.stderr and "deadline of 4s" in result.stderr
