"""Registers, over the admin gRPC API, a workflow of N of Flyte's `echo` tasks fanned out from
the start (no task process runs; the engine alone drives them), with its launch plan, and
launches it — for the console's 10,000-node page test and benchmark.
"""

import grpc
from flyteidl.admin import execution_pb2, launch_plan_pb2, task_pb2, workflow_pb2
from flyteidl.core import identifier_pb2, interface_pb2, literals_pb2, tasks_pb2, workflow_pb2 as core_wf
from flyteidl.service import admin_pb2_grpc

PROJECT, DOMAIN = "flytesnacks", "development"


def ident(kind, name, version):
    return identifier_pb2.Identifier(resource_type=kind, project=PROJECT, domain=DOMAIN, name=name, version=version)


def register(grpc_port: int, count: int, version: str = "v1") -> identifier_pb2.Identifier:
    """Registers `fanout.echo<count>` (task, workflow, launch plan); returns the launch plan id."""
    name = f"fanout.echo{count}"
    task_id = ident(identifier_pb2.TASK, "fanout.echo", version)
    workflow_id = ident(identifier_pb2.WORKFLOW, name, version)
    plan_id = ident(identifier_pb2.LAUNCH_PLAN, name, version)
    empty = interface_pb2.TypedInterface(inputs=interface_pb2.VariableMap(), outputs=interface_pb2.VariableMap())
    task = tasks_pb2.TaskTemplate(
        id=task_id, type="echo", interface=empty, metadata=tasks_pb2.TaskMetadata(retries=literals_pb2.RetryStrategy()))
    nodes = [core_wf.Node(id=f"n{i}", metadata=core_wf.NodeMetadata(name="echo"),
                          task_node=core_wf.TaskNode(reference_id=task_id)) for i in range(count)]
    template = core_wf.WorkflowTemplate(id=workflow_id, interface=empty, nodes=nodes)
    options = [("grpc.max_send_message_length", 64 << 20), ("grpc.max_receive_message_length", 64 << 20)]
    with grpc.insecure_channel(f"127.0.0.1:{grpc_port}", options=options) as channel:
        stub = admin_pb2_grpc.AdminServiceStub(channel)
        stub.CreateTask(task_pb2.TaskCreateRequest(id=task_id, spec=task_pb2.TaskSpec(template=task)), timeout=60)
        stub.CreateWorkflow(workflow_pb2.WorkflowCreateRequest(
            id=workflow_id, spec=workflow_pb2.WorkflowSpec(template=template)), timeout=300)
        stub.CreateLaunchPlan(launch_plan_pb2.LaunchPlanCreateRequest(
            id=plan_id, spec=launch_plan_pb2.LaunchPlanSpec(workflow_id=workflow_id)), timeout=60)
    return plan_id


def launch(grpc_port: int, plan_id, name: str) -> str:
    """Creates an execution of the launch plan named `name`; returns the name."""
    with grpc.insecure_channel(f"127.0.0.1:{grpc_port}") as channel:
        stub = admin_pb2_grpc.AdminServiceStub(channel)
        response = stub.CreateExecution(execution_pb2.ExecutionCreateRequest(
            project=PROJECT, domain=DOMAIN, name=name, spec=execution_pb2.ExecutionSpec(launch_plan=plan_id),
            inputs=literals_pb2.LiteralMap()), timeout=60)
    return response.id.name


def phase(grpc_port: int, name: str) -> int:
    """The execution's Flyte workflow phase number."""
    with grpc.insecure_channel(f"127.0.0.1:{grpc_port}") as channel:
        stub = admin_pb2_grpc.AdminServiceStub(channel)
        found = stub.GetExecution(execution_pb2.WorkflowExecutionGetRequest(
            id=identifier_pb2.WorkflowExecutionIdentifier(project=PROJECT, domain=DOMAIN, name=name)), timeout=30)
    return found.closure.phase


def register_lanes(grpc_port: int, lanes: int, length: int, version: str = "v1") -> identifier_pb2.Identifier:
    """`lanes` chains of `length` echo nodes, every node named differently (so none is folded
    into a group: the page draws lanes × length boxes)."""
    name = f"fanout.lanes{lanes}x{length}"
    task_id = ident(identifier_pb2.TASK, "fanout.echo", version)
    empty = interface_pb2.TypedInterface(inputs=interface_pb2.VariableMap(), outputs=interface_pb2.VariableMap())
    task = tasks_pb2.TaskTemplate(
        id=task_id, type="echo", interface=empty, metadata=tasks_pb2.TaskMetadata(retries=literals_pb2.RetryStrategy()))
    nodes = []
    for lane in range(lanes):
        for step in range(length):
            index = lane * length + step
            nodes.append(core_wf.Node(
                id=f"n{index}", metadata=core_wf.NodeMetadata(name=f"lane{lane}_step{step}"),
                task_node=core_wf.TaskNode(reference_id=task_id),
                upstream_node_ids=[f"n{index - 1}"] if step else []))
    return _register_workflow(grpc_port, name, version, task_id, task, nodes, empty)


def register_sleeps(grpc_port: int, count: int, seconds: float, version: str = "v1") -> identifier_pb2.Identifier:
    """A chain of `count` sleep gates of `seconds` each: phase changes spread over time, with
    no task process — what the live-update latency benchmark watches."""
    from google.protobuf import duration_pb2

    name = f"fanout.sleeps{count}"
    empty = interface_pb2.TypedInterface(inputs=interface_pb2.VariableMap(), outputs=interface_pb2.VariableMap())
    nanos = int(round(seconds * 1e9))
    duration = duration_pb2.Duration(seconds=nanos // 1_000_000_000, nanos=nanos % 1_000_000_000)
    nodes = [core_wf.Node(id=f"n{i}", metadata=core_wf.NodeMetadata(name=f"sleep{i}"),
                          gate_node=core_wf.GateNode(sleep=core_wf.SleepCondition(duration=duration)),
                          upstream_node_ids=[f"n{i - 1}"] if i else []) for i in range(count)]
    return _register_workflow(grpc_port, name, version, None, None, nodes, empty)


def _register_workflow(grpc_port, name, version, task_id, task, nodes, interface):
    workflow_id = ident(identifier_pb2.WORKFLOW, name, version)
    plan_id = ident(identifier_pb2.LAUNCH_PLAN, name, version)
    template = core_wf.WorkflowTemplate(id=workflow_id, interface=interface, nodes=nodes)
    options = [("grpc.max_send_message_length", 64 << 20), ("grpc.max_receive_message_length", 64 << 20)]
    with grpc.insecure_channel(f"127.0.0.1:{grpc_port}", options=options) as channel:
        stub = admin_pb2_grpc.AdminServiceStub(channel)
        if task is not None:
            try:
                stub.CreateTask(task_pb2.TaskCreateRequest(id=task_id, spec=task_pb2.TaskSpec(template=task)),
                                timeout=60)
            except grpc.RpcError as error:
                if error.code() != grpc.StatusCode.ALREADY_EXISTS:
                    raise
        stub.CreateWorkflow(workflow_pb2.WorkflowCreateRequest(
            id=workflow_id, spec=workflow_pb2.WorkflowSpec(template=template)), timeout=300)
        stub.CreateLaunchPlan(launch_plan_pb2.LaunchPlanCreateRequest(
            id=plan_id, spec=launch_plan_pb2.LaunchPlanSpec(workflow_id=workflow_id)), timeout=60)
    return plan_id
