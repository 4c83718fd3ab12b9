"""Dynamic workflows through `vane run` (examples/nested): nested dynamics that call
subworkflows, conditionals, launch plans and other dynamics, and a wide fan-out; outputs equal
flytekit's local execution of the same workflows."""

from pathlib import Path

import pytest
from flyteidl.core.execution_pb2 import NodeExecution

from runs import build_package, flytekit_outputs, run_vane, task_events
from store_records import executions, node_events


@pytest.fixture(scope="module")
def nested_package(tmp_path_factory) -> Path:
    return build_package("nested", tmp_path_factory.mktemp("packages") / "nested-fast.tgz")


def test_nested_dynamics_equal_flytekit(vane_bin, nested_package, tmp_path):
    entity, inputs = "nested.dynamics.dynamic_workflow", {"n": 3}
    result = run_vane(vane_bin, nested_package, entity, tmp_path / "data", inputs, timeout=600)
    assert result.returncode == 0, result.stderr
    assert result.outputs == flytekit_outputs(entity, inputs) == {"o0": 237}

    name = result.execution_name
    events = node_events(result.data_dir, name)
    # outer (n0) and the nested dynamics inside it report DYNAMIC_RUNNING, flagged as dynamic.
    dynamic = {e.id.node_id for e in events if e.phase == NodeExecution.DYNAMIC_RUNNING and e.is_dynamic and e.is_parent}
    assert "n0" in dynamic
    assert len(dynamic) >= 1 + 3 + 3, dynamic  # outer, inner x3, parity x3
    assert all(e.task_node_metadata.dynamic_workflow.dynamic_job_spec_uri.endswith("/futures.pb")
               for e in events if e.id.node_id in dynamic and e.phase == NodeExecution.DYNAMIC_RUNNING)
    # Each dynamic's compiled subgraph is stored next to its futures.pb.
    futures = sorted((result.data_dir / "metadata").rglob("futures.pb"))
    assert len(futures) == len(dynamic)
    assert all((f.parent / "dynamic_compiled.pb").exists() for f in futures)
    # parity(x=1) and parity(x=3) call the triple launch plan: two child executions.
    children = [e for e in executions(result.data_dir).values() if e.parent and e.parent.execution_id.name == name]
    assert sorted(c.launch_plan.name for c in children) == ["nested.plans.triple"] * 2
    assert all(c.phase == "SUCCESS" for c in children)


def test_a_dynamic_of_twenty_tasks(vane_bin, nested_package, tmp_path):
    entity, inputs = "nested.dynamics.wide", {"n": 20}
    result = run_vane(vane_bin, nested_package, entity, tmp_path / "data", inputs, timeout=600)
    assert result.returncode == 0, result.stderr
    assert result.outputs == flytekit_outputs(entity, inputs) == {"o0": [i * i for i in range(20)]}
    succeeded = {row[0] for row in task_events(result.data_dir) if row[2] == "SUCCEEDED"}
    children = {node for node in succeeded if node.startswith("n0-0-")}
    assert len(children) == 20, sorted(succeeded)
    # The dynamic task itself ran once; its children ran under it.
    assert sorted(node for node in succeeded if not node.startswith("n0-0-")) == ["n0"]
