"""Launch plans mapped over lists through `vane run` (examples/nested, `nested.mapped_plans`):
flytekit's `map_task(launch_plan)` is an ArrayNode whose items are child executions of the
launch plan, one per item, linked to the array node; outputs are gathered into lists, and
failed items leave None under a min_success_ratio; the same on `vane serve` through FlyteRemote.
flytekit 1.16 cannot run these workflows locally, so the expected outputs are computed here."""

import datetime
from pathlib import Path

import pytest

from runs import EXAMPLES, build_package, run_vane
from store_records import executions
from test_serve import remote, server  # noqa: F401  (module fixture and helper)


@pytest.fixture(scope="module")
def nested_package(tmp_path_factory) -> Path:
    return build_package("nested", tmp_path_factory.mktemp("packages") / "nested-fast.tgz")


def children_of(stored: dict, parent: str) -> list:
    return [e for e in stored.values() if e.parent and e.parent.execution_id.name == parent]


def test_a_mapped_launch_plan_runs_one_child_per_item(vane_bin, nested_package, tmp_path):
    xs = [1, 2, 3, 4, 5]
    result = run_vane(vane_bin, nested_package, "nested.mapped_plans.tripled", tmp_path / "data", {"xs": xs})
    assert result.returncode == 0, result.stderr
    assert result.outputs == {"o0": [3 * x for x in xs]}

    children = children_of(executions(result.data_dir), result.execution_name)
    assert len(children) == len(xs)
    assert len({c.name for c in children}) == len(xs)
    assert all(c.phase == "SUCCESS" and c.launch_plan.name == "nested.plans.triple" for c in children)
    assert {c.parent.node_id for c in children} == {"n0"}


def test_a_downstream_task_reads_the_gathered_list(vane_bin, nested_package, tmp_path):
    result = run_vane(vane_bin, nested_package, "nested.mapped_plans.sum_tripled", tmp_path / "data", {"xs": [1, 2, 3]})
    assert result.returncode == 0, result.stderr
    assert result.outputs == {"o0": 18}


def test_failing_items_under_min_success_ratio(vane_bin, nested_package, tmp_path):
    ok = run_vane(vane_bin, nested_package, "nested.mapped_plans.mostly_small", tmp_path / "ok", {"xs": [1, 7, 3, 9]})
    assert ok.returncode == 0, ok.stderr
    assert ok.outputs == {"o0": [1, None, 3, None]}
    phases = sorted(c.phase for c in children_of(executions(ok.data_dir), ok.execution_name))
    assert phases == ["FAILED", "FAILED", "SUCCESS", "SUCCESS"]

    # Three of four failing is under the ratio: the array node fails with the first child's error.
    failed = run_vane(vane_bin, nested_package, "nested.mapped_plans.mostly_small", tmp_path / "failed",
                      {"xs": [6, 7, 3, 9]})
    assert failed.returncode == 1, failed.stderr
    assert "3 of 4 items failed; at least 2 had to succeed" in failed.stderr
    assert "item 0 (attempt 0): child execution" in failed.stderr
    assert "x=6 is over the limit 5" in failed.stderr


def test_a_mapped_launch_plan_on_the_server(server):  # noqa: F811
    """Registered with `pyflyte register` and started by FlyteRemote: the server ships the mapped
    launch plan with the execution, as it does for launch-plan nodes."""
    result = server.pyflyte("register", "--image", "python:3.11", "nested", cwd=EXAMPLES / "nested")
    assert result.returncode == 0, result.stdout + result.stderr
    rem = remote(server)
    execution = rem.execute(rem.fetch_launch_plan(name="nested.mapped_plans.tripled"), inputs={"xs": [1, 2, 3]},
                            wait=False)
    execution = rem.wait(execution, sync_nodes=False, poll_interval=datetime.timedelta(seconds=0.2),
                         timeout=datetime.timedelta(seconds=180))
    assert execution.is_successful, execution.closure.error
    assert execution.outputs["o0"] == [3, 6, 9]
