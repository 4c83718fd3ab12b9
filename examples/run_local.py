"""Runs an example workflow with flytekit's local execution and writes its outputs as a
flyteidl LiteralMap, so tests can compare what Vane produces with what flytekit produces.

  .venv/bin/python examples/run_local.py showcase.basics.chain '{"x": 3}' [outputs.pb]

Inputs are JSON: plain values (ints, floats, strings, bools, lists, dicts), converted to each
input's declared Python type (enums by value, dataclasses from objects, datetimes from ISO 8601
text). Works for workflows and launch plans (the plan's defaults and fixed inputs apply). Prints
the outputs as LiteralMap JSON; exits 1 with the error on stderr when the workflow fails.
"""

import importlib
import json
import sys
from pathlib import Path

from google.protobuf import json_format


def run(entity: str, inputs: dict):
    """The LiteralMap protobuf of the outputs of workflow `entity` run locally on `inputs`."""
    project = entity.partition(".")[0]
    sys.path.insert(0, str(Path(__file__).resolve().parent / project))
    from flytekit.core.context_manager import FlyteContextManager
    from flytekit.core.type_engine import TypeEngine
    from flytekit.models.literals import LiteralMap

    module_name, _, name = entity.rpartition(".")
    workflow = getattr(importlib.import_module(module_name), name)
    result = workflow(**typed_inputs(workflow.python_interface.inputs, inputs))
    outputs = workflow.python_interface.outputs
    values = [result] if len(outputs) == 1 else list(result or ())
    ctx = FlyteContextManager.current_context()
    literals = {
        var: TypeEngine.to_literal(ctx, value, python_type, TypeEngine.to_literal_type(python_type))
        for (var, python_type), value in zip(outputs.items(), values)
    }
    return LiteralMap(literals=literals).to_flyte_idl()


def typed_inputs(declared: dict, inputs: dict) -> dict:
    """`inputs` (JSON values) as the Python values of the declared input types."""
    from mashumaro.codecs.basic import BasicDecoder

    unknown = sorted(set(inputs) - set(declared))
    if unknown:
        raise ValueError(f"unknown inputs {unknown}; declared: {sorted(declared)}")
    return {name: BasicDecoder(declared[name]).decode(value) for name, value in inputs.items()}


def main(argv) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    inputs = json.loads(argv[2]) if len(argv) > 2 else {}
    try:
        outputs = run(argv[1], inputs)
    except Exception as error:  # the workflow's own failure, reported as such
        print(f"{argv[1]} failed: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    if len(argv) > 3:
        Path(argv[3]).write_bytes(outputs.SerializeToString(deterministic=True))
    print(json_format.MessageToJson(outputs, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
