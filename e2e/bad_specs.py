"""Hand-made malformed WorkflowSpecs, built with flyteidl's Python classes.

Each spec uses the showcase tasks `showcase.basics.add(a: int, b: int) -> o0: int` and
`showcase.basics.square(x: int) -> o0: int`, whose TaskSpecs are copied next to it.
"""

from flyteidl.admin import workflow_pb2 as admin_workflow
from flyteidl.core import identifier_pb2, interface_pb2, literals_pb2, types_pb2
from flyteidl.core import workflow_pb2 as core_workflow

INT = types_pb2.LiteralType(simple=types_pb2.INTEGER)
STR = types_pb2.LiteralType(simple=types_pb2.STRING)
ADD = "showcase.basics.add"
SQUARE = "showcase.basics.square"
TASK_FILES = ("000_showcase.basics.add_1.pb", "001_showcase.basics.square_1.pb")


def variables(**types):
    return interface_pb2.VariableMap(
        variables={name: interface_pb2.Variable(type=t, description=name) for name, t in types.items()}
    )


def promise(node_id: str, var: str):
    return literals_pb2.BindingData(promise=types_pb2.OutputReference(node_id=node_id, var=var))


def integer(value: int):
    return literals_pb2.BindingData(
        scalar=literals_pb2.Scalar(primitive=literals_pb2.Primitive(integer=value))
    )


def task_node(node_id: str, task: str, upstream=(), **bindings):
    return core_workflow.Node(
        id=node_id,
        metadata=core_workflow.NodeMetadata(name=task.rpartition(".")[2]),
        inputs=[literals_pb2.Binding(var=var, binding=data) for var, data in sorted(bindings.items())],
        upstream_node_ids=list(upstream),
        task_node=core_workflow.TaskNode(
            reference_id=identifier_pb2.Identifier(resource_type=identifier_pb2.TASK, name=task)
        ),
    )


def workflow(name: str, inputs: dict, outputs: dict, nodes: list, output_bindings: dict):
    template = core_workflow.WorkflowTemplate(
        id=identifier_pb2.Identifier(resource_type=identifier_pb2.WORKFLOW, name=name),
        metadata=core_workflow.WorkflowMetadata(),
        interface=interface_pb2.TypedInterface(inputs=variables(**inputs), outputs=variables(**outputs)),
        nodes=nodes,
        outputs=[literals_pb2.Binding(var=var, binding=data) for var, data in sorted(output_bindings.items())],
        metadata_defaults=core_workflow.WorkflowMetadataDefaults(),
    )
    return admin_workflow.WorkflowSpec(template=template)


def cycle():
    """n0 needs n1's output and n1 needs n0's."""
    return workflow(
        "bad.cycle", {"x": INT}, {"o0": INT},
        [
            task_node("n0", ADD, upstream=["n1"], a=promise("n1", "o0"), b=integer(1)),
            task_node("n1", SQUARE, upstream=["n0"], x=promise("n0", "o0")),
        ],
        {"o0": promise("n1", "o0")},
    )  # fmt: skip


def type_mismatch():
    """A str workflow input bound to add's int input `a`."""
    return workflow(
        "bad.type_mismatch", {"s": STR}, {"o0": INT},
        [task_node("n0", ADD, a=promise("start-node", "s"), b=integer(1))],
        {"o0": promise("n0", "o0")},
    )  # fmt: skip


def missing_node():
    """A promise on node n9, which does not exist."""
    return workflow(
        "bad.missing_node", {"x": INT}, {"o0": INT},
        [task_node("n0", ADD, upstream=["n9"], a=promise("n9", "o0"), b=integer(1))],
        {"o0": promise("n0", "o0")},
    )  # fmt: skip


def missing_task():
    """A node referencing a task that the package does not hold."""
    return workflow(
        "bad.missing_task", {"x": INT}, {"o0": INT},
        [task_node("n0", "showcase.basics.not_there", x=promise("start-node", "x"))],
        {"o0": promise("n0", "o0")},
    )  # fmt: skip


def missing_input():
    """add's required input `b` is never bound."""
    return workflow(
        "bad.missing_input", {"x": INT}, {"o0": INT},
        [task_node("n0", ADD, a=promise("start-node", "x"))],
        {"o0": promise("n0", "o0")},
    )  # fmt: skip


def many_problems():
    """Four independent problems in one spec, on four different nodes."""
    return workflow(
        "bad.many", {"x": INT, "s": STR}, {"o0": INT},
        [
            task_node("n0", ADD, a=promise("start-node", "s"), b=integer(1)),  # str into int
            task_node("n1", ADD, upstream=["n7"], a=promise("n7", "o0"), b=integer(2)),  # no node n7
            task_node("n2", "showcase.basics.gone", x=promise("start-node", "x")),  # no such task
            task_node("n3", ADD, a=promise("start-node", "x")),  # b missing
            task_node("n4", SQUARE, x=promise("start-node", "x")),  # fine
        ],
        {"o0": promise("n4", "o0")},
    )  # fmt: skip
