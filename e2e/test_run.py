"""`vane run` on the showcase workflows: each run's outputs (--outputs-file) equal what
flytekit's own local execution of the same workflow on the same inputs returns (compared as
values: file and directory contents rather than URIs, floats exactly)."""

import json

import pytest

from runs import failed_attempts, flytekit_outputs, run_vane

# (entity, inputs given with -i; {} = the launch plan's defaults)
SAME_AS_FLYTEKIT = [
    ("showcase.basics.chain", {"x": 5}),
    ("showcase.basics.fan_out_in", {"a": 2, "b": 3, "c": 7}),
    ("showcase.basics.named_outputs", {"values": [3, 5, 8]}),
    ("showcase.basics.defaults", {}),
    ("showcase.plans.adder_every_10m", {}),
    ("showcase.basics.collections", {"words": ["x", "yy", "zz", "www"], "n": 2}),
    ("showcase.typed.dataclasses_wf", {"name": "sq", "n": 4}),
    ("showcase.typed.enums_wf", {"color": "red"}),
    ("showcase.typed.time_wf", {"when": "2021-06-01T10:00:00"}),
    ("showcase.typed.files_wf", {"text": "contents of a file\n", "n": 4}),
    ("showcase.branching.nested_branch", {"x": 7, "strict": False}),
    ("showcase.branching.nested_branch", {"x": 3, "strict": True}),
    ("showcase.branching.nested_branch", {"x": 50}),
    ("showcase.branching.nested_branch", {"x": 500}),
    ("showcase.branching.simple_branch", {"x": -3}),
    ("showcase.subworkflows.parent", {"x": 4}),
]


def case_id(case) -> str:
    entity, inputs = case
    return entity.partition(".")[2] + "(" + ",".join(f"{k}={json.dumps(v)}" for k, v in inputs.items()) + ")"


@pytest.mark.parametrize("entity,inputs", SAME_AS_FLYTEKIT, ids=map(case_id, SAME_AS_FLYTEKIT))
def test_outputs_equal_flytekits(vane_bin, showcase_package, tmp_path, entity, inputs):
    result = run_vane(vane_bin, showcase_package, entity, tmp_path / "data", inputs)
    assert result.returncode == 0, result.stderr
    assert result.outputs == flytekit_outputs(entity, inputs)


def test_recoverable_error_is_retried(vane_bin, showcase_package, tmp_path, monkeypatch):
    """recover_on_retry (retries=2) raises FlyteRecoverableException on attempt 0; attempt 1 succeeds."""
    result = run_vane(vane_bin, showcase_package, "showcase.engine_cases.retried", tmp_path / "data", {"x": 4})
    assert result.returncode == 0, result.stderr
    name = result.execution_name
    assert result.work_dirs() == [f"{name}-n0-0", f"{name}-n0-1", f"{name}-n1-0"]
    assert failed_attempts(result.data_dir) == [("n0", 0, "RETRYABLE_FAILED", "USER", "USER:Recoverable")]
    monkeypatch.setenv("FLYTE_ATTEMPT_NUMBER", "1")  # flytekit's local run has no retries
    assert result.outputs == flytekit_outputs("showcase.engine_cases.retried", {"x": 4}) == {"o0": 41}


@pytest.mark.parametrize("entity,inputs,node,text", [
    ("showcase.branching.nested_branch", {"x": -1}, "n0", "x must not be negative"),
    ("showcase.branching.failing_branch", {}, "n0", "negative input"),
])
def test_branch_fail_leg(vane_bin, showcase_package, tmp_path, entity, inputs, node, text):
    result = run_vane(vane_bin, showcase_package, entity, tmp_path / "data", inputs)
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    assert f"failing node: {node}" in result.stderr
    assert "user error" in result.stderr and text in result.stderr, result.stderr
    with pytest.raises(Exception, match=text):
        flytekit_outputs(entity, inputs)


def test_non_recoverable_failure(vane_bin, showcase_package, tmp_path):
    """fail_hard raises ValueError: one attempt only, exit 1 naming the node, the kind and the message."""
    result = run_vane(vane_bin, showcase_package, "showcase.engine_cases.fails", tmp_path / "data", {"x": 3})
    assert result.returncode == 1, result.stderr
    report = result.stderr[result.stderr.index("failing node:"):]
    assert report.startswith("failing node: n1\n"), report
    assert "user error" in report and "ValueError: fail_hard refuses x=4" in report, report
    assert result.work_dirs() == [f"{result.execution_name}-n0-0", f"{result.execution_name}-n1-0"]
    assert not result.outputs_file.exists()
    assert [row[:4] for row in failed_attempts(result.data_dir)] == [("n1", 0, "FAILED", "USER")]
    with pytest.raises(Exception, match="fail_hard refuses x=4"):
        flytekit_outputs("showcase.engine_cases.fails", {"x": 3})
