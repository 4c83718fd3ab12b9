"""`vane run` refusing bad usage and input with exit 2 (nothing stored), and executions whose
task leaves a corrupt outputs.pb or is killed by a signal: exit 1 with a clear system error,
while the other node's outputs stay in the data dir."""

import pytest
from flyteidl.core import literals_pb2

from literal_values import literal_map, plain_map
from runs import failed_attempts, run_vane


def int_literal(value: int) -> literals_pb2.Literal:
    return literals_pb2.Literal(scalar=literals_pb2.Scalar(primitive=literals_pb2.Primitive(integer=value)))


def string_literal(value: str) -> literals_pb2.Literal:
    return literals_pb2.Literal(scalar=literals_pb2.Scalar(primitive=literals_pb2.Primitive(string_value=value)))


def inputs_file(tmp_path, **literals) -> str:
    path = tmp_path / "inputs.pb"
    path.write_bytes(literals_pb2.LiteralMap(literals=literals).SerializeToString())
    return str(path)


# (id, entity, extra arguments (a callable of tmp_path), texts the message must contain)
USAGE_ERRORS = [
    ("unknown entity", "showcase.basics.nope", lambda t: [],
     ["no workflow or launch plan named 'showcase.basics.nope'", "showcase.basics.chain", "showcase.plans.add_ten"]),
    ("unknown input", "showcase.basics.chain", lambda t: ["-i", "nope=1"], ["'nope'", "inputs: x"]),
    ("not an int", "showcase.basics.chain", lambda t: ["-i", "x=abc"], ["'x'", "int", "abc"]),
    ("float for int", "showcase.basics.chain", lambda t: ["-i", "x=1.5"], ["'x'", "int", "1.5"]),
    ("not an enum value", "showcase.typed.enums_wf", lambda t: ["-i", "color=purple"], ["'color'", "red, green, blue"]),
    ("bad JSON list", "showcase.basics.named_outputs", lambda t: ["-i", "values=[1,x]"], ["'values'", "list[int]"]),
    ("not NAME=VALUE", "showcase.basics.chain", lambda t: ["-i", "x"], ["NAME=VALUE"]),
    ("missing required", "showcase.plans.add_ten", lambda t: [], ["missing required input 'a'", "-i a="]),
    ("fixed input overridden", "showcase.plans.add_ten", lambda t: ["-i", "a=1", "-i", "b=5"],
     ["'b'", "fixed by the launch plan"]),
    ("inputs file missing", "showcase.basics.chain", lambda t: ["--inputs-file", str(t / "absent.pb")],
     ["absent.pb", "cannot read"]),
    ("inputs file not a LiteralMap", "showcase.basics.chain",
     lambda t: ["--inputs-file", str((t / "junk.pb").write_text("not a protobuf") and t / "junk.pb")],
     ["junk.pb", "not a binary flyteidl.core.LiteralMap"]),
    ("inputs file with unknown input", "showcase.basics.chain",
     lambda t: ["--inputs-file", inputs_file(t, nope=int_literal(1))], ["'nope'"]),
    ("inputs file with a wrong type", "showcase.basics.chain",
     lambda t: ["--inputs-file", inputs_file(t, x=string_literal("seven"))], ["'x'", "int"]),
    ("inputs file sets a fixed input", "showcase.plans.add_ten",
     lambda t: ["--inputs-file", inputs_file(t, a=int_literal(1), b=int_literal(2))], ["'b'", "fixed"]),
]


@pytest.mark.parametrize("entity,extra,texts", [case[1:] for case in USAGE_ERRORS], ids=[c[0] for c in USAGE_ERRORS])
def test_bad_usage_exits_2(vane_bin, showcase_package, tmp_path, entity, extra, texts):
    data = tmp_path / "data"
    result = run_vane(vane_bin, showcase_package, entity, data, extra=tuple(extra(tmp_path)))
    assert result.returncode == 2, f"exit {result.returncode}\n{result.stderr}"
    assert result.stdout == ""
    for text in texts:
        assert text in result.stderr, f"{text!r} not in:\n{result.stderr}"
    assert not (data / "metadata").exists() and not (data / "work").exists(), "an execution was started"


def sibling_outputs(data_dir, name) -> dict:
    """The outputs of node n0 (the `plus_one` that succeeds beside the failing node)."""
    path = data_dir / "metadata" / f"flytesnacks-development-{name}" / "n0" / "data" / "0" / "outputs.pb"
    return plain_map(literal_map(path.read_bytes()))


def test_corrupt_outputs_fail_with_a_system_error(vane_bin, showcase_package, tmp_path):
    """corrupt_outputs (a raw container task) writes text into outputs.pb: each attempt is a
    retryable system error until the system retry budget is spent; plus_one's outputs stay."""
    result = run_vane(vane_bin, showcase_package, "showcase.engine_cases.corrupt_wf", tmp_path / "data", {"x": 1})
    assert result.returncode == 1, result.stderr
    report = result.stderr[result.stderr.index("failing node:"):]
    assert report.startswith("failing node: n1\nerror: system error OutputsNotFound: "), report
    assert "showcase.engine_cases.corrupt_outputs" in report and "not a valid flyteidl.core.LiteralMap" in report
    attempts = failed_attempts(result.data_dir)
    # Every attempt: the same system error (the last one too — retries are exhausted, not lost).
    assert {row[3:] for row in attempts} == {("SYSTEM", "OutputsNotFound")} and len(attempts) > 1, attempts
    assert [row[1] for row in attempts] == list(range(len(attempts))), attempts
    assert sibling_outputs(result.data_dir, result.execution_name) == {"o0": 2}


def test_task_killed_by_signal_fails_with_a_system_error(vane_bin, showcase_package, tmp_path):
    """kill_self's process SIGKILLs itself (pyflyte-fast-execute then exits with 256-9): a
    retryable system error naming the signal; plus_one's outputs stay."""
    result = run_vane(vane_bin, showcase_package, "showcase.engine_cases.killed_wf", tmp_path / "data", {"x": 1})
    assert result.returncode == 1, result.stderr
    report = result.stderr[result.stderr.index("failing node:"):]
    assert report.startswith("failing node: n1\nerror: system error "), report
    assert "SIGKILL" in report, report
    attempts = failed_attempts(result.data_dir)
    assert {row[3] for row in attempts} == {"SYSTEM"}, attempts
    assert sibling_outputs(result.data_dir, result.execution_name) == {"o0": 2}
