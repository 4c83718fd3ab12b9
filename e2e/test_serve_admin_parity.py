"""Issue #10: named entities and execution archiving on `vane serve`, driven by flytekit's own
client (SynchronousFlyteClient, as FlyteRemote holds it) and its raw AdminService stub.

Reuses the module server and registration of the `hello` example from test_serve.
"""

import datetime

import grpc
import pytest
from flyteidl.admin import common_pb2, execution_pb2
from flyteidl.core import identifier_pb2
from flyteidl.service import admin_pb2_grpc
from flytekit.models.core.identifier import ResourceType
from flytekit.models.named_entity import NamedEntityIdentifier, NamedEntityMetadata, NamedEntityState

from test_serve import registered, remote, server  # noqa: F401  (module fixtures and helpers)

PROJECT, DOMAIN = "flytesnacks", "development"


def list_named(client, resource_type, filters=""):
    request = common_pb2.NamedEntityListRequest(
        resource_type=resource_type, project=PROJECT, domain=DOMAIN, limit=100, filters=filters,
        sort_by=common_pb2.Sort(key="name", direction=common_pb2.Sort.ASCENDING))
    return client._stub.ListNamedEntities(request, metadata=client._metadata, timeout=10)


def refused(server, method, request):
    """The gRPC status of a call that must fail, made without flytekit's client (which turns
    statuses into its own exceptions)."""
    with grpc.insecure_channel(f"127.0.0.1:{server.grpc_port}") as channel:
        with pytest.raises(grpc.RpcError) as failure:
            getattr(admin_pb2_grpc.AdminServiceStub(channel), method)(request, timeout=10)
    return failure.value


def get_named(client, resource_type, name):
    request = common_pb2.NamedEntityGetRequest(
        resource_type=resource_type,
        id=common_pb2.NamedEntityIdentifier(project=PROJECT, domain=DOMAIN, name=name))
    return client._stub.GetNamedEntity(request, metadata=client._metadata, timeout=10)


def test_named_entities_list_get_and_archive(server, registered):  # noqa: F811
    client = remote(server).client
    workflows = list_named(client, identifier_pb2.WORKFLOW)
    names = [entity.id.name for entity in workflows.entities]
    assert "hello.wf.main" in names
    assert names == sorted(names)
    assert all(e.metadata.state == common_pb2.NAMED_ENTITY_ACTIVE for e in workflows.entities)
    tasks = [entity.id.name for entity in list_named(client, identifier_pb2.TASK).entities]
    assert tasks and "hello.wf.main" not in tasks

    # flytekit's friendly call archives the workflow name with a description.
    client.update_named_entity(
        ResourceType.WORKFLOW, NamedEntityIdentifier(PROJECT, DOMAIN, "hello.wf.main"),
        NamedEntityMetadata("retired by the e2e test", NamedEntityState.ARCHIVED))
    entity = get_named(client, identifier_pb2.WORKFLOW, "hello.wf.main")
    assert entity.metadata.state == common_pb2.NAMED_ENTITY_ARCHIVED
    assert entity.metadata.description == "retired by the e2e test"
    # As flyteconsole asks: active ones only, then archived ones only.
    active = [e.id.name for e in list_named(client, identifier_pb2.WORKFLOW, "eq(state,0)").entities]
    archived = [e.id.name for e in list_named(client, identifier_pb2.WORKFLOW, "eq(state,1)").entities]
    assert "hello.wf.main" not in active
    assert archived == ["hello.wf.main"]
    # The launch plan of the same name is a different named entity, still active.
    assert get_named(client, identifier_pb2.LAUNCH_PLAN, "hello.wf.main").metadata.state == \
        common_pb2.NAMED_ENTITY_ACTIVE

    client.update_named_entity(
        ResourceType.WORKFLOW, NamedEntityIdentifier(PROJECT, DOMAIN, "hello.wf.main"),
        NamedEntityMetadata("", NamedEntityState.ACTIVE))
    assert get_named(client, identifier_pb2.WORKFLOW, "hello.wf.main").metadata.state == \
        common_pb2.NAMED_ENTITY_ACTIVE


@pytest.mark.parametrize("resource_type, name, code", [
    (identifier_pb2.WORKFLOW, "never.registered", grpc.StatusCode.NOT_FOUND),
    (identifier_pb2.DATASET, "hello.wf.main", grpc.StatusCode.INVALID_ARGUMENT),
])
def test_named_entity_errors_are_grpc_statuses(server, registered, resource_type, name, code):  # noqa: F811
    request = common_pb2.NamedEntityGetRequest(
        resource_type=resource_type,
        id=common_pb2.NamedEntityIdentifier(project=PROJECT, domain=DOMAIN, name=name))
    failure = refused(server, "GetNamedEntity", request)
    assert failure.code() == code, failure.details()


@pytest.fixture(scope="module")
def finished(server, registered):  # noqa: F811
    rem = remote(server)
    plan = rem.fetch_launch_plan(name="hello.wf.main")
    execution = rem.execute(plan, inputs={"name": "parity"}, wait=False)
    execution = rem.wait(execution, sync_nodes=False, poll_interval=datetime.timedelta(seconds=0.2),
                         timeout=datetime.timedelta(seconds=120))
    assert execution.is_successful, execution.closure.error
    return execution


def operations(span):
    return [child.operation_id for child in span.spans if child.WhichOneof("id") == "operation_id"]


def test_execution_metrics_are_a_span_tree_of_nodes_and_attempts(server, finished):  # noqa: F811
    client = remote(server).client
    span = client.get_execution_metrics(finished.id, depth=10)
    assert span.workflow_id.name == finished.id.name
    assert span.start_time.ToDatetime() <= span.end_time.ToDatetime()
    assert operations(span)[0] == "WORKFLOW_SETUP"
    nodes = [child for child in span.spans if child.WhichOneof("id") == "node_id"]
    assert nodes, span
    for node in nodes:
        assert span.start_time.ToDatetime() <= node.start_time.ToDatetime() <= node.end_time.ToDatetime()
        assert "NODE_SETUP" in operations(node)[:2]
    attempts = [child for node in nodes for child in node.spans if child.WhichOneof("id") == "task_id"]
    assert attempts, "the task nodes' attempts are in the tree"
    for attempt in attempts:
        assert attempt.task_id.node_execution_id.execution_id.name == finished.id.name
        assert "TASK_RUNTIME" in operations(attempt)

    # hello.wf.main is a chain n0 → n1 → n2: the nodes after the first waited on their upstream
    # node (the first one's wait is WORKFLOW_SETUP: no start node execution is recorded).
    by_id = {node.node_id.node_id: node for node in nodes}
    assert operations(by_id["n0"])[0] == "NODE_SETUP"
    assert operations(by_id["n1"])[:2] == operations(by_id["n2"])[:2] == ["NODE_TRANSITION", "NODE_SETUP"]
    assert by_id["n1"].spans[0].start_time == by_id["n0"].end_time
    shallow = client.get_execution_metrics(finished.id, depth=1)
    assert all(operations(child) in ([], ["NODE_TRANSITION"]) for child in shallow.spans)
    assert all(child.WhichOneof("id") != "task_id" for node in shallow.spans for child in node.spans)
    negative = execution_pb2.WorkflowExecutionGetMetricsRequest(id=finished.id.to_flyte_idl(), depth=-1)
    failure = refused(server, "GetExecutionMetrics", negative)
    assert failure.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "depth" in failure.details()


def test_archived_executions_leave_the_default_listing(server, finished):  # noqa: F811
    execution = finished
    client = remote(server).client
    execution_id = execution.id.to_flyte_idl()

    def listed(filters=""):
        raw = client._stub.ListExecutions(
            common_pb2.ResourceListRequest(
                id=common_pb2.NamedEntityIdentifier(project=PROJECT, domain=DOMAIN), limit=100, filters=filters),
            metadata=client._metadata, timeout=10)
        return [e.id.name for e in raw.executions]

    assert execution.id.name in listed()
    client._stub.UpdateExecution(
        execution_pb2.ExecutionUpdateRequest(id=execution_id, state=execution_pb2.EXECUTION_ARCHIVED),
        metadata=client._metadata, timeout=10)
    assert execution.id.name not in listed()
    assert execution.id.name in listed("eq(state,1)")
    fetched = client._stub.GetExecution(
        execution_pb2.WorkflowExecutionGetRequest(id=execution_id), metadata=client._metadata, timeout=10)
    details = fetched.closure.state_change_details
    assert details.state == execution_pb2.EXECUTION_ARCHIVED
    assert details.occurred_at.seconds > 0

    client._stub.UpdateExecution(
        execution_pb2.ExecutionUpdateRequest(id=execution_id, state=execution_pb2.EXECUTION_ACTIVE),
        metadata=client._metadata, timeout=10)
    assert execution.id.name in listed()

    missing = execution_pb2.ExecutionUpdateRequest(state=execution_pb2.EXECUTION_ARCHIVED)
    missing.id.CopyFrom(execution_id)
    missing.id.name = "nosuchexecution"
    assert refused(server, "UpdateExecution", missing).code() == grpc.StatusCode.NOT_FOUND


def test_launch_plan_nodes_hold_their_child_executions_spans(server):  # noqa: F811
    from conftest import REPO

    result = server.pyflyte("register", "--image", "python:3.11", "nested", cwd=REPO / "examples" / "nested")
    assert result.returncode == 0, result.stdout + result.stderr
    rem = remote(server)
    plan = rem.fetch_launch_plan(name="nested.plans.two_plans")
    execution = rem.execute(plan, inputs={"x": 2}, wait=False)
    execution = rem.wait(execution, sync_nodes=False, poll_interval=datetime.timedelta(seconds=0.2),
                         timeout=datetime.timedelta(seconds=180))
    assert execution.is_successful, execution.closure.error
    span = rem.client.get_execution_metrics(execution.id, depth=10)
    nodes = {child.node_id.node_id: child for child in span.spans if child.WhichOneof("id") == "node_id"}
    assert {"n0", "n1", "n2"} <= set(nodes), span
    for node_id in ("n0", "n1", "n2"):
        inner = [child for child in nodes[node_id].spans if child.WhichOneof("id") == "workflow_id"]
        assert len(inner) == 1, nodes[node_id]
        assert inner[0].workflow_id.name.startswith(f"{execution.id.name}-")
        assert any(child.WhichOneof("id") == "node_id" for child in inner[0].spans), "the child's own nodes"


def test_flyte_data_urls_resolve_through_flyteremote_get(server, finished):  # noqa: F811
    """`flyte_urls` of node and task execution data, and `FlyteRemote.get` of them (GetData)."""
    from flyteidl.admin import node_execution_pb2
    from flyteidl.service import dataproxy_pb2

    rem = remote(server)
    client = rem.client
    exec_id = finished.id
    node_id = identifier_pb2.NodeExecutionIdentifier(node_id="n0", execution_id=exec_id.to_flyte_idl())
    data = client._stub.GetNodeExecutionData(
        node_execution_pb2.NodeExecutionGetDataRequest(id=node_id), metadata=client._metadata, timeout=10)
    base = f"flyte://v1/flytesnacks/development/{exec_id.name}/n0"
    assert data.flyte_urls.inputs == f"{base}/i" and data.flyte_urls.outputs == f"{base}/o"
    assert data.flyte_urls.deck == ""  # hello's task writes no deck

    outputs = rem.get(data.flyte_urls.outputs)
    assert outputs.get("o0", as_type=str) == "Parity"
    inputs = rem.get(data.flyte_urls.inputs)
    assert inputs.get("name", as_type=str) == "parity"
    # One literal by name, and one attempt's outputs.
    assert rem.get(f"{base}/o/o0").scalar.primitive.string_value == "Parity"
    assert rem.get(f"{base}/0/o").get("o0", as_type=str) == "Parity"

    def refused(url):
        from flyteidl.service import dataproxy_pb2_grpc

        with grpc.insecure_channel(f"127.0.0.1:{server.grpc_port}") as channel:
            with pytest.raises(grpc.RpcError) as failure:
                dataproxy_pb2_grpc.DataProxyServiceStub(channel).GetData(
                    dataproxy_pb2.GetDataRequest(flyte_url=url), timeout=10)
        return failure.value

    assert refused("s3://bucket/key").code() == grpc.StatusCode.INVALID_ARGUMENT
    missing = refused(f"{base}/o/nope")
    assert missing.code() == grpc.StatusCode.INVALID_ARGUMENT and "o0" in missing.details()
    assert refused(f"{base}/7/o").code() == grpc.StatusCode.NOT_FOUND
    assert refused(f"{base}/d").code() == grpc.StatusCode.NOT_FOUND
    assert refused(f"flyte://v1/flytesnacks/development/{exec_id.name}/n9/o").code() == grpc.StatusCode.NOT_FOUND


def test_nodes_inside_a_subworkflow_have_transition_spans(server):  # noqa: F811
    """failures.recovery.pipeline runs the subworkflow `inner` (prepare → fragile): inside it,
    fragile's span opens with NODE_TRANSITION from prepare's end, as at the top level."""
    from test_serve import REPO

    registered = server.pyflyte("register", "--image", "python:3.11", "failures", cwd=REPO / "examples" / "failures")
    assert registered.returncode == 0, registered.stdout + registered.stderr
    rem = remote(server)
    plan = rem.fetch_launch_plan(name="failures.recovery.pipeline")
    execution = rem.execute(plan, inputs={"x": 4, "flag": "", "counter": str(server.data_dir / "counter")},
                            wait=False)
    execution = rem.wait(execution, sync_nodes=False, poll_interval=datetime.timedelta(seconds=0.2),
                         timeout=datetime.timedelta(seconds=180))
    assert execution.is_successful, execution.closure.error
    span = rem.client.get_execution_metrics(execution.id, depth=10)
    top = {node.node_id.node_id: node for node in span.spans if node.WhichOneof("id") == "node_id"}
    subworkflow = top["n3"]  # p, s, the conditional, then `inner`
    inner = {child.node_id.node_id: child for child in subworkflow.spans if child.WhichOneof("id") == "node_id"}
    first, second = sorted(inner.values(), key=lambda child: child.start_time.ToDatetime())
    assert operations(second)[0] == "NODE_TRANSITION", (list(inner), operations(second))
    assert second.spans[0].start_time == first.end_time
    assert operations(first)[0] == "NODE_SETUP"
