"""`vane recover` and `vane relaunch` end to end with examples/failures/recovery.py: every task
appends its name to a counter file; `fragile` fails while the flag file exists."""

import pytest

from runs import REPO, build_package, flytekit_outputs, plain_map, literal_map, run_vane, vane_command

import subprocess


@pytest.fixture(scope="module")
def failures_package(tmp_path_factory):
    return build_package("failures", tmp_path_factory.mktemp("packages") / "failures.tgz")


def again(vane_bin, verb, name, data_dir, outputs_file):
    command = vane_command(vane_bin, verb, name, "--data-dir", data_dir, "--outputs-file", outputs_file)
    return subprocess.run(command, capture_output=True, text=True, timeout=180, cwd=REPO)


def new_name(stderr):
    first = stderr.splitlines()[0]
    assert first.startswith("execution "), first
    return first.split()[1].rpartition("/")[2]


@pytest.fixture
def failed_run(vane_bin, failures_package, tmp_path):
    counter, flag = tmp_path / "runs.txt", tmp_path / "flag"
    flag.write_text("set")
    inputs = {"x": 3, "flag": str(flag), "counter": str(counter)}
    result = run_vane(vane_bin, failures_package, "failures.recovery.pipeline", tmp_path / "data", inputs)
    assert result.returncode == 1, result.stderr
    assert "flag" in result.stderr
    assert sorted(counter.read_text().split()) == ["fragile", "halve", "prepare", "prepare", "side"]
    flag.unlink()
    counter.write_text("")
    return result, counter, inputs


def test_recover_runs_only_the_failed_part(vane_bin, failed_run, tmp_path):
    result, counter, inputs = failed_run
    outputs_file = tmp_path / "recovered.pb"
    recovered = again(vane_bin, "recover", result.execution_name, result.data_dir, outputs_file)
    assert recovered.returncode == 0, recovered.stderr
    assert new_name(recovered.stderr) != result.execution_name
    assert f"recovery of {result.execution_name}" in recovered.stderr.splitlines()[0]
    # prepare, side, the branch and the subworkflow's prepare succeeded before: not run again.
    assert sorted(counter.read_text().split()) == ["finish", "fragile"]
    outputs = plain_map(literal_map(outputs_file.read_bytes()))
    assert outputs == flytekit_outputs("failures.recovery.pipeline", {**inputs, "counter": ""})
    assert "Recovered" in recovered.stderr


def test_relaunch_runs_everything_again(vane_bin, failed_run, tmp_path):
    result, counter, inputs = failed_run
    outputs_file = tmp_path / "relaunched.pb"
    relaunched = again(vane_bin, "relaunch", result.execution_name, result.data_dir, outputs_file)
    assert relaunched.returncode == 0, relaunched.stderr
    assert sorted(counter.read_text().split()) == ["finish", "fragile", "halve", "prepare", "prepare", "side"]
    outputs = plain_map(literal_map(outputs_file.read_bytes()))
    assert outputs == flytekit_outputs("failures.recovery.pipeline", {**inputs, "counter": ""})


def test_recover_an_unknown_execution_is_bad_input(vane_bin, tmp_path):
    result = again(vane_bin, "recover", "nosuchexecution", tmp_path / "data", tmp_path / "o.pb")
    assert result.returncode == 2
    assert "no execution named 'nosuchexecution'" in result.stderr
