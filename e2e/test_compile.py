"""`vane compile` on flytekit packages: good ones compile, bad ones are refused with exit 2 and a
message that names the problem and where it is."""

import io
import re
import shutil
import tarfile

import pytest
from flyteidl.admin import workflow_pb2 as admin_workflow
from flyteidl.core import compiler_pb2
from google.protobuf import json_format

import bad_specs
from conftest import PACKAGE_FIXTURES

SHOWCASE_DIR = PACKAGE_FIXTURES / "showcase-dir"
PACKAGES = {
    "showcase-fast.tgz": PACKAGE_FIXTURES / "showcase-fast.tgz",
    "showcase.tgz": PACKAGE_FIXTURES / "showcase.tgz",
    "showcase-dir": SHOWCASE_DIR,
}


def spec_files(suffix: str):
    """`{entity name: path}` of showcase-dir's files ending `suffix` (`_2.pb`: WorkflowSpecs)."""
    found = {}
    for path in sorted(SHOWCASE_DIR.glob(f"*{suffix}")):
        found[path.name.partition("_")[2][: -len(suffix)]] = path
    return found


WORKFLOWS = spec_files("_2.pb")


def workflow_spec(name: str):
    spec = admin_workflow.WorkflowSpec()
    spec.ParseFromString(WORKFLOWS[name].read_bytes())
    return spec


def test_showcase_has_workflows():
    assert len(WORKFLOWS) >= 20
    assert "showcase.everything.all_nodes" in WORKFLOWS


@pytest.mark.parametrize("package", sorted(PACKAGES))
def test_compile_package_lists_every_workflow(vane, package):
    result = vane("compile", PACKAGES[package])
    assert result.returncode == 0, result.stderr
    missing = [name for name in WORKFLOWS if name not in result.stdout]
    assert not missing, f"not in the output of `vane compile {package}`: {missing}"


@pytest.mark.parametrize(
    "entity",
    [
        "showcase.basics.chain",
        "showcase.everything.all_nodes",
        "showcase.gates.gated",
        "showcase.branching.nested_branch",
        "showcase.subworkflows.parent",
        "showcase.failures.guarded",
        "showcase.maps.partial_success_wf",
        "showcase.plans.uses_plans",
        "showcase.dynamics.dynamic_wf",
    ],
)
def test_compile_entity_json_is_a_compiled_closure(vane, entity):
    result = vane("compile", PACKAGES["showcase.tgz"], entity, "--output", "json")
    assert result.returncode == 0, result.stderr
    closure = json_format.Parse(result.stdout, compiler_pb2.CompiledWorkflowClosure())
    primary = closure.primary.template
    assert primary.id.name == entity
    spec = workflow_spec(entity)
    expected = {node.id for node in spec.template.nodes}
    compiled = {node.id for node in primary.nodes}
    assert expected <= compiled, f"nodes missing from the compiled workflow: {expected - compiled}"
    assert compiled - expected <= {"start-node", "end-node"}
    sub_names = {sub.id.name for sub in spec.sub_workflows}
    assert sub_names <= {sub.template.id.name for sub in closure.sub_workflows}
    task_names = {task.template.id.name for task in closure.tasks}
    referenced = {
        node.task_node.reference_id.name for node in spec.template.nodes if node.WhichOneof("target") == "task_node"
    }
    assert referenced <= task_names, f"tasks missing from the closure: {referenced - task_names}"
    # Flyte's compiler records each node's downstream nodes; every non-end node is upstream of something.
    if "n0" in compiled and len(expected) > 1:
        assert closure.primary.connections.downstream or closure.primary.connections.upstream


def test_compile_entity_dot(vane):
    result = vane("compile", PACKAGES["showcase-fast.tgz"], "showcase.everything.all_nodes", "--output", "dot")
    assert result.returncode == 0, result.stderr
    assert result.stdout.lstrip().startswith("digraph")


def test_hello_package_compiles(vane):
    result = vane("compile", PACKAGE_FIXTURES / "hello-fast.tgz")
    assert result.returncode == 0, result.stderr
    assert "hello.wf.main" in result.stdout


# --- bad input -------------------------------------------------------------------------------


def refused(result):
    """Asserts exit 2 and returns everything the command printed (lower-cased)."""
    text = result.stderr + result.stdout
    assert result.returncode == 2, f"exit {result.returncode}, expected 2; output:\n{text}"
    assert text.strip(), "refused without saying why"
    assert "usage:" not in text.lower(), f"refused as a usage error, not as bad input:\n{text}"
    return text.lower()


def test_not_an_archive(vane, tmp_path):
    bogus = tmp_path / "notes.tgz"
    bogus.write_text("this is not a tar archive\n")
    text = refused(vane("compile", bogus))
    assert "notes.tgz" in text


def test_truncated_pb(vane, tmp_path):
    package = tmp_path / "pkg"
    shutil.copytree(SHOWCASE_DIR, package)
    victim = package / WORKFLOWS["showcase.basics.chain"].name
    data = victim.read_bytes()
    victim.write_bytes(data[: len(data) // 2])
    text = refused(vane("compile", package))
    assert victim.name.lower() in text


def test_truncated_pb_inside_archive(vane, tmp_path):
    archive = tmp_path / "cut.tgz"
    victim_name = WORKFLOWS["showcase.basics.chain"].name
    with tarfile.open(archive, "w:gz") as tar:
        for path in sorted(SHOWCASE_DIR.iterdir()):
            data = path.read_bytes()
            if path.name == victim_name:
                data = data[: len(data) // 2]
            info = tarfile.TarInfo(path.name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    text = refused(vane("compile", archive))
    assert victim_name.lower() in text


def test_unknown_entity_lists_existing(vane):
    text = refused(vane("compile", PACKAGES["showcase.tgz"], "showcase.basics.nope"))
    assert "showcase.basics.nope" in text
    assert "showcase.basics.chain" in text


def bad_package(tmp_path, spec, name="99_bad_2.pb"):
    """A package directory: the tasks the bad specs use plus `spec`."""
    package = tmp_path / "bad"
    package.mkdir()
    for task_file in bad_specs.TASK_FILES:
        shutil.copy(SHOWCASE_DIR / task_file, package / task_file)
    (package / name).write_bytes(spec.SerializeToString(deterministic=True))
    return package


def mentions(text, *patterns):
    return all(re.search(p, text) for p in patterns)


def test_task_files_exist():
    for task_file in bad_specs.TASK_FILES:
        assert (SHOWCASE_DIR / task_file).exists(), f"{task_file} missing: regenerate fixtures"


def test_cycle(vane, tmp_path):
    text = refused(vane("compile", bad_package(tmp_path, bad_specs.cycle())))
    assert mentions(text, r"cycl", r"bad\.cycle", r"\bn0\b|\bn1\b")


def test_binding_type_mismatch(vane, tmp_path):
    text = refused(vane("compile", bad_package(tmp_path, bad_specs.type_mismatch())))
    assert mentions(text, r"\bn0\b", r"\ba\b", r"str", r"int")


def test_promise_to_missing_node(vane, tmp_path):
    text = refused(vane("compile", bad_package(tmp_path, bad_specs.missing_node())))
    assert mentions(text, r"\bn9\b", r"\bn0\b")


def test_task_not_in_package(vane, tmp_path):
    text = refused(vane("compile", bad_package(tmp_path, bad_specs.missing_task())))
    assert mentions(text, r"showcase\.basics\.not_there", r"\bn0\b")


def test_missing_required_input(vane, tmp_path):
    text = refused(vane("compile", bad_package(tmp_path, bad_specs.missing_input())))
    assert mentions(text, r"\bn0\b", r"\bb\b", r"missing|required|not bound|unbound")


def test_many_problems_reported_at_once(vane, tmp_path):
    text = refused(vane("compile", bad_package(tmp_path, bad_specs.many_problems())))
    assert mentions(text, r"\bn0\b", r"str"), "type mismatch on n0 not reported"
    assert mentions(text, r"\bn7\b"), "promise to missing node n7 not reported"
    assert mentions(text, r"showcase\.basics\.gone"), "missing task of n2 not reported"
    assert mentions(text, r"\bn3\b"), "missing input of n3 not reported"
    assert not re.search(r"\bn4\b", text), "the valid node n4 was reported as a problem"
