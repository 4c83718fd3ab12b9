"""Builds, by hand with flyteidl classes, a package directory with one workflow that maps
Flyte's `echo` task type over a list of integers (an array node whose inner task copies each
item's inputs to its outputs), and the binary inputs file for it — for measuring Vane's array
nodes without any task process.

  .venv/bin/python e2e/echo_map_package.py OUT_DIR N    # writes OUT_DIR/pkg/*.pb and OUT_DIR/inputs.pb
"""

import sys
from pathlib import Path

from flyteidl.admin import task_pb2, workflow_pb2
from flyteidl.core import identifier_pb2, interface_pb2, literals_pb2, tasks_pb2, types_pb2, workflow_pb2 as core_wf

WORKFLOW = "echo_map.wf"
TASK = "echo_map.echo"


def int_list_variable(name: str) -> interface_pb2.Variable:
    return interface_pb2.Variable(
        type=types_pb2.LiteralType(collection_type=types_pb2.LiteralType(simple=types_pb2.INTEGER)), description=name)


def promise(node: str, var: str) -> literals_pb2.BindingData:
    return literals_pb2.BindingData(promise=types_pb2.OutputReference(node_id=node, var=var))


def build(out: Path, count: int) -> tuple:
    """Writes the package directory and the inputs file; returns their paths."""
    package = out / "pkg"
    package.mkdir(parents=True, exist_ok=True)
    task_id = identifier_pb2.Identifier(resource_type=identifier_pb2.TASK, name=TASK)
    lists = interface_pb2.VariableMap(variables={"x": int_list_variable("x")})
    task = tasks_pb2.TaskTemplate(
        id=task_id, type="echo", interface=interface_pb2.TypedInterface(inputs=lists, outputs=lists),
        metadata=tasks_pb2.TaskMetadata(retries=literals_pb2.RetryStrategy()))
    (package / "00_echo_map.echo_1.pb").write_bytes(task_pb2.TaskSpec(template=task).SerializeToString())

    sub = core_wf.Node(
        id="n0-item", task_node=core_wf.TaskNode(reference_id=task_id),
        inputs=[literals_pb2.Binding(var="x", binding=promise("start-node", "xs"))])
    array = core_wf.ArrayNode(node=sub, min_success_ratio=1.0)
    array.is_original_sub_node_interface.value = False
    node = core_wf.Node(
        id="n0", metadata=core_wf.NodeMetadata(name="echo"), array_node=array,
        inputs=[literals_pb2.Binding(var="x", binding=promise("start-node", "xs"))])
    template = core_wf.WorkflowTemplate(
        id=identifier_pb2.Identifier(resource_type=identifier_pb2.WORKFLOW, name=WORKFLOW),
        interface=interface_pb2.TypedInterface(
            inputs=interface_pb2.VariableMap(variables={"xs": int_list_variable("xs")}),
            outputs=interface_pb2.VariableMap(variables={"o0": int_list_variable("o0")})),
        nodes=[node], outputs=[literals_pb2.Binding(var="o0", binding=promise("n0", "x"))])
    (package / "01_echo_map.wf_2.pb").write_bytes(workflow_pb2.WorkflowSpec(template=template).SerializeToString())

    items = [literals_pb2.Literal(scalar=literals_pb2.Scalar(primitive=literals_pb2.Primitive(integer=i)))
             for i in range(count)]
    inputs = literals_pb2.LiteralMap(
        literals={"xs": literals_pb2.Literal(collection=literals_pb2.LiteralCollection(literals=items))})
    inputs_file = out / "inputs.pb"
    inputs_file.write_bytes(inputs.SerializeToString())
    return package, inputs_file


if __name__ == "__main__":
    print(*build(Path(sys.argv[1]), int(sys.argv[2])))
