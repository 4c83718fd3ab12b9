"""Launch plans used as nodes through `vane run` (examples/nested): each starts a child
execution in the same store, linked to the parent node, with the launch plan's fixed and
default inputs; the parent takes its outputs, or fails with its error."""

import subprocess
import sys
from pathlib import Path

import pytest
from flyteidl.core.execution_pb2 import NodeExecution

from runs import EXAMPLES, build_package, flytekit_outputs, run_vane
from store_records import executions, node_events


@pytest.fixture(scope="module")
def nested_package(tmp_path_factory) -> Path:
    return build_package("nested", tmp_path_factory.mktemp("packages") / "nested-fast.tgz")


def children_of(stored: dict, parent: str) -> dict:
    """Child executions of `parent` by the parent's node id."""
    return {e.parent.node_id: e for e in stored.values() if e.parent and e.parent.execution_id.name == parent}


def test_launch_plans_with_fixed_and_default_inputs(vane_bin, nested_package, tmp_path):
    entity, inputs = "nested.plans.two_plans", {"x": 2}
    result = run_vane(vane_bin, nested_package, entity, tmp_path / "data", inputs)
    assert result.returncode == 0, result.stderr
    assert result.outputs == flytekit_outputs(entity, inputs) == {"o0": 70}

    name = result.execution_name
    stored = executions(result.data_dir)
    children = children_of(stored, name)
    assert {node: c.launch_plan.name for node, c in children.items()} == {
        "n0": "nested.plans.triple", "n1": "nested.plans.tenfold", "n2": "nested.plans.tenfold"}
    assert all(c.phase == "SUCCESS" and c.name.startswith(f"{name}-") and len(c.name) <= 63
               for c in children.values())
    # The nodes' events name their child executions.
    started = {e.id.node_id: e.workflow_node_metadata.execution_id.name
               for e in node_events(result.data_dir, name) if e.phase == NodeExecution.SUCCEEDED}
    assert {node: started[node] for node in children} == {node: c.name for node, c in children.items()}


def test_a_launch_plan_inside_a_launch_plans_workflow(vane_bin, nested_package, tmp_path):
    entity, inputs = "nested.plans.plan_in_plan", {"x": 2}
    result = run_vane(vane_bin, nested_package, entity, tmp_path / "data", inputs)
    assert result.returncode == 0, result.stderr
    assert result.outputs == flytekit_outputs(entity, inputs) == {"o0": 37}

    stored = executions(result.data_dir)
    child = children_of(stored, result.execution_name)["n0"]
    assert child.launch_plan.name == "nested.plans.inner_plan"
    grandchild = children_of(stored, child.name)["n0"]
    assert grandchild.launch_plan.name == "nested.plans.triple"
    assert grandchild.phase == child.phase == "SUCCESS"
    assert len(stored) == 3


def test_a_failing_child_fails_the_parent_node_with_its_error(vane_bin, nested_package, tmp_path):
    entity, inputs = "nested.plans.failing_child", {"x": 7}
    result = run_vane(vane_bin, nested_package, entity, tmp_path / "data", inputs)
    assert result.returncode == 1, result.stderr
    assert "failing node: n0" in result.stderr
    assert "child execution" in result.stderr
    assert "x=7 is over the limit 5" in result.stderr
    child = children_of(executions(result.data_dir), result.execution_name)["n0"]
    assert child.phase == "FAILED"
    # flytekit's local run fails with the same error.
    local = subprocess.run([sys.executable, str(EXAMPLES / "run_local.py"), entity, '{"x": 7}'],
                           capture_output=True, text=True, timeout=120)
    assert local.returncode == 1
    assert "x=7 is over the limit 5" in local.stderr
    # Below the limit, the same workflow succeeds.
    ok = run_vane(vane_bin, nested_package, entity, tmp_path / "ok", {"x": 5})
    assert ok.returncode == 0, ok.stderr
    assert ok.outputs == flytekit_outputs(entity, {"x": 5}) == {"o0": 6}
