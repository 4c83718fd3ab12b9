"""Gate nodes end to end: `vane run` of examples/gates_cache waits at sleep, signal and approval
gates while another process lists and sets the signals with `vane signal`."""

import signal
import sqlite3
import subprocess
from pathlib import Path

import pytest

from runs import REPO, build_package, vane_command, wait_for

WORKFLOW_SUCCEEDED = 4


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> Path:
    return build_package("gates_cache", tmp_path_factory.mktemp("packages") / "gates_cache.tgz")


class Background:
    """`vane run … --name NAME` running in the background, its output going to files."""

    def __init__(self, vane_bin, package, entity, data, name, *args):
        command = vane_command(vane_bin, "run", package, entity, "--data-dir", data, "--name", name, *args)
        self.out, self.err = data.parent / f"{name}.out", data.parent / f"{name}.err"
        with open(self.out, "w") as out, open(self.err, "w") as err:
            self.process = subprocess.Popen(command, cwd=REPO, stdout=out, stderr=err, text=True)
        wait_for(lambda: self.err.read_text().startswith("execution ") or self.process.poll() is not None, 30,
                 f"vane run to create {name}")

    def finish(self, timeout: float = 120):
        self.process.wait(timeout=timeout)
        return self.process.returncode, self.out.read_text(), self.err.read_text()


def signal_cli(vane_bin, data, *args):
    return subprocess.run([str(vane_bin), "signal", *map(str, args), "--data-dir", str(data)],
                          capture_output=True, text=True, timeout=30, cwd=REPO)


def signal_table(vane_bin, data, execution) -> dict:
    """`vane signal list` as {signal: (type, node, value)}."""
    result = signal_cli(vane_bin, data, "list", execution)
    assert result.returncode == 0, result.stderr
    rows = [line.split(None, 3) for line in result.stdout.splitlines()[1:]]
    table = {}
    for row in rows:
        if row[1] == "approval":  # "approval (bool)" spans two columns
            row = [row[0], "approval (bool)"] + row[3].split(None, 1)
        table[row[0]] = tuple(row[1:])
    return table


def workflow_succeeded(data: Path, execution: str) -> bool:
    with sqlite3.connect(data / "vane.db") as db:
        rows = db.execute("SELECT phase FROM execution_events WHERE kind = 0 AND name = ?", (execution,)).fetchall()
    return any(phase == WORKFLOW_SUCCEEDED for (phase,) in rows)


def resource_version(data: Path, execution: str) -> int:
    """The stored version of an execution: it moves with every status write."""
    with sqlite3.connect(data / "vane.db") as db:
        ((version,),) = db.execute("SELECT version FROM resources WHERE name = ?", (execution,)).fetchall()
    return version


def test_signals_and_an_approval_set_from_another_process(vane_bin, package, tmp_path):
    data = tmp_path / "data"
    run = Background(vane_bin, package, "gates_cache.gates.gated", data, "gated-one", "-i", "x=2")
    table = wait_for(lambda: (t := signal_table(vane_bin, data, "gated-one")) and len(t) >= 2 and t, 30,
                     "the signal gates to wait")
    assert table["bonus"] == ("int", "n1", "waiting")
    assert table["note"] == ("str", "n2", "waiting")

    unknown = signal_cli(vane_bin, data, "set", "gated-one", "bonsu", "3")
    assert unknown.returncode == 2
    assert "no pending signal 'bonsu'" in unknown.stderr and "bonus (int)" in unknown.stderr
    wrong = signal_cli(vane_bin, data, "set", "gated-one", "bonus", "three")
    assert wrong.returncode == 2 and "expected int" in wrong.stderr
    assert signal_cli(vane_bin, data, "set", "gated-one", "bonus", "5").returncode == 0
    assert signal_cli(vane_bin, data, "set", "gated-one", "note", "hi").returncode == 0
    again = signal_cli(vane_bin, data, "set", "gated-one", "bonus", "6")
    assert again.returncode == 2 and "set already" in again.stderr

    # The approval gate asks once propose ran (after the 2 s sleep).
    wait_for(lambda: "ok" in signal_table(vane_bin, data, "gated-one"), 60, "the approval gate")
    assert signal_table(vane_bin, data, "gated-one")["ok"] == ("approval (bool)", "n4", "waiting")
    assert signal_cli(vane_bin, data, "set", "gated-one", "ok", "maybe").returncode == 2
    assert signal_cli(vane_bin, data, "set", "gated-one", "ok", "true").returncode == 0

    code, out, err = run.finish()
    assert code == 0, err
    assert '"o0": "hi:25"' in out
    table = signal_table(vane_bin, data, "gated-one")
    assert table["bonus"][2] == "5" and table["ok"][2] == "true"
    # The sleep gate held propose back for its 2 s.
    lines = err.splitlines()
    slept = next(line for line in lines if "n0 gate sleep-gate: Succeeded" in line)
    assert float(slept.split("]")[0].strip("[ s")) >= 2.0
    assert "waiting for signal 'bonus' (int)" in err


def test_a_rejected_approval_fails_the_execution(vane_bin, package, tmp_path):
    data = tmp_path / "data"
    run = Background(vane_bin, package, "gates_cache.gates.gated", data, "gated-two")
    wait_for(lambda: len(signal_table(vane_bin, data, "gated-two")) >= 2, 30, "the signal gates")
    signal_cli(vane_bin, data, "set", "gated-two", "bonus", "1")
    signal_cli(vane_bin, data, "set", "gated-two", "note", "x")
    wait_for(lambda: "ok" in signal_table(vane_bin, data, "gated-two"), 60, "the approval gate")
    assert signal_cli(vane_bin, data, "set", "gated-two", "ok", "false").returncode == 0
    code, _, err = run.finish()
    assert code == 1, err
    assert "ReceivedRejectSignal" in err and "failing node: n4" in err


def test_a_gate_that_runs_out_of_time_fails(vane_bin, package, tmp_path):
    data = tmp_path / "data"
    run = Background(vane_bin, package, "gates_cache.gates.impatient", data, "impatient")
    code, _, err = run.finish(timeout=60)
    assert code == 1, err
    assert "failing node: n0" in err
    assert "2s" in err and ("deadline" in err or "timeout" in err), err


def test_concurrent_runs_do_not_run_each_others_executions(vane_bin, package, tmp_path):
    """A `vane run` that was killed leaves its execution active in the shared database; another
    `vane run` on the same data directory must not take it over (only `vane resume` does)."""
    data = tmp_path / "data"
    orphan = Background(vane_bin, package, "gates_cache.gates.relay", data, "orphan", "-i", "offset=100")
    wait_for(lambda: "go" in signal_table(vane_bin, data, "orphan"), 30, "the orphan's gate")
    orphan.process.send_signal(signal.SIGKILL)
    orphan.finish()

    # The orphan's signal is set before the other engine starts: an engine that (wrongly) took
    # the orphan over would find its gate open at its first round and write its status.
    assert signal_cli(vane_bin, data, "set", "orphan", "go", "1").returncode == 0
    before = resource_version(data, "orphan")
    other = Background(vane_bin, package, "gates_cache.gates.relay", data, "other")
    wait_for(lambda: "go" in signal_table(vane_bin, data, "other"), 30, "the other's gate")
    assert signal_cli(vane_bin, data, "set", "other", "go", "2").returncode == 0
    code, out, err = other.finish()
    assert code == 0, err
    assert '"o0": 2' in out
    # The other engine started, resynced, ran its own execution to the end and exited without
    # one round of the orphan: the orphan's stored version never moved.
    assert resource_version(data, "orphan") == before, "another vane run worked on the orphaned execution"
    assert not workflow_succeeded(data, "orphan")

    resumed = subprocess.run(vane_command(vane_bin, "resume", "orphan", "--data-dir", data), cwd=REPO,
                             capture_output=True, text=True, timeout=120)
    assert resumed.returncode == 0, resumed.stderr
    assert '"o0": 101' in resumed.stdout
